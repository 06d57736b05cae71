"""One owner of the data folder: real processes on one folder.

``run`` refuses while another copy owns the folder; a killed owner's session reads
``interrupted`` to ``history --json`` at once; recovery closes only dead owners'
sessions; readers never write, move or create a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.core import folder_lock
from backcoach.core.folder_lock import FolderInUse, claim, read_owner
from backcoach.core.history import HistoryStore
from backcoach.core.processes import is_alive, start_time, this_process
from backcoach.core.records import SessionStatus
from tests.conftest import REPO
from tests.faults import python_child
from tests.history_helpers import add_session, day, seg

_OWNER = """
import sys
from pathlib import Path
from backcoach.core.folder_lock import claim
claim(Path(sys.argv[1]), sys.argv[2])
print("owned", flush=True)
sys.stdin.readline()
"""


def _backcoach(data: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(data), *args],
        cwd=REPO, capture_output=True, text=True, timeout=120, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


class Owner:
    """A real process that owns ``folder`` until closed."""

    def __init__(self, folder: Path, role: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _OWNER, str(folder), role],
            cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None and self.proc.stdout.readline() == "owned\n"

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


def _digest(folder: Path) -> dict[str, str]:
    """Every data file's content; the log (the program's own diary) is left out."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.parent.name != "logs"
    }


def test_a_process_is_its_pid_and_start_time() -> None:
    me = this_process()
    assert me.pid == os.getpid() and me.started is not None
    assert is_alive(me.pid, me.started)
    assert not is_alive(me.pid, me.started - 3600)  # same pid, another process
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    assert start_time(child.pid) is None and not is_alive(child.pid, None)


def test_a_second_claim_is_refused_naming_the_first(tmp_path: Path) -> None:
    owner = Owner(tmp_path, "window")
    try:
        with pytest.raises(FolderInUse) as refused:
            claim(tmp_path, "run")
        assert refused.value.owner is not None and refused.value.owner.pid == owner.proc.pid
        assert str(refused.value).startswith(
            f"the backcoach window (process {owner.proc.pid}, since "
        )
    finally:
        owner.close()
    claim(tmp_path, "run")  # gone with its process: no stale claim left behind
    assert claim(tmp_path, "run").pid == os.getpid()  # claiming again is a no-op
    assert read_owner(tmp_path) is not None and read_owner(tmp_path).role == "run"  # type: ignore[union-attr]
    assert folder_lock.owns(tmp_path)


@pytest.mark.parametrize(("role", "named"), [("window", "the backcoach window"),
                                              ("run", "`backcoach run` in a terminal")])  # fmt: skip
def test_run_refuses_in_one_sentence_while_another_copy_owns_the_folder(
    tmp_path: Path, role: str, named: str
) -> None:
    owner = Owner(tmp_path, role)
    try:
        out = _backcoach(tmp_path, "run", "glute-check", "--speed", "100", "--mute")
    finally:
        owner.close()
    assert out.returncode == 2 and out.stdout == ""
    (line,) = out.stderr.splitlines()
    assert line.startswith(f"backcoach: {named} (process {owner.proc.pid}, since ")
    assert line.endswith(
        f"is already using the data folder {tmp_path}; close it or let its session finish, "
        "then try again (or use --data-dir for another folder)"
    )
    assert not (tmp_path / "history.sqlite3").exists()  # refused before touching anything


def test_after_kill_9_of_run_history_json_says_interrupted_at_once_and_changes_nothing(
    tmp_path: Path,
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "backcoach", "--data-dir", str(tmp_path), "run",
         "extra-stretches", "--speed", "20", "--mute"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stdout is not None
    holds = 0
    for line in proc.stdout:
        holds += "s hold  (" in line
        if holds == 2:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    db = tmp_path / "history.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    assert con.execute("SELECT status FROM sessions").fetchall() == [("running",)]
    con.close()
    before = _digest(tmp_path)

    out = _backcoach(tmp_path, "history", "--json")

    assert out.returncode == 0 and out.stderr == ""
    (session,) = json.loads(out.stdout)["sessions"]
    assert session["status"] == "interrupted"
    assert len(session["segments"]) == 1  # the first hold; the second was under way
    csv = _backcoach(tmp_path, "history", "--csv")
    assert ",interrupted," in csv.stdout and "running" not in csv.stdout
    assert _digest(tmp_path) == before  # the reader wrote nothing, moved nothing


def test_recovery_at_open_closes_only_sessions_whose_owner_is_gone(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    HistoryStore.open(db).close()
    live = python_child(_LIVE_SESSION, str(db))
    try:
        assert live.stdout is not None
        sid = int(live.stdout.readline())
        with HistoryStore.open(db) as store:  # e.g. a window started beside it
            assert store.recovered == 0
            assert store.session(sid).session.status is SessionStatus.RUNNING  # type: ignore[union-attr]
        live.kill()
        live.wait(timeout=30)
        with HistoryStore.open_reader(db) as reader_side:
            assert reader_side.session(sid).session.status is SessionStatus.INTERRUPTED  # type: ignore[union-attr]
        with HistoryStore.open(db) as store:
            assert store.recovered == 1
    finally:
        if live.poll() is None:
            live.kill()


_LIVE_SESSION = """
import sys
from backcoach.core.history import HistoryStore
from tests.history_helpers import day, seg
store = HistoryStore.open(sys.argv[1])
sid = store.begin_session("r", "Live", 600.0, None, "0.1.0", day(2))
store.record_segment(sid, seg(0))
print(sid, flush=True)
sys.stdin.readline()
"""


def test_readers_create_nothing_in_a_fresh_data_folder(tmp_path: Path) -> None:
    fresh = tmp_path / "never-used"
    for args in (("history",), ("history", "--json"), ("history", "--csv"), ("routines",)):
        out = _backcoach(fresh, *args)
        assert out.returncode == 0, out.stderr
        assert not fresh.exists(), f"{args} created {fresh}"


def test_a_reader_leaves_a_newer_file_where_it_is(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db) as store:
        add_session(store, day(1))
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = _digest(tmp_path)
    out = _backcoach(tmp_path, "history", "--json")
    assert out.returncode == 0
    assert json.loads(out.stdout)["sessions"] == []
    assert "newer version of backcoach" in out.stderr and "left as it is" in out.stderr
    assert "not being saved" not in out.stderr
    assert _digest(tmp_path) == before


def test_a_reader_shows_an_older_file_without_migrating_it(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore.open(db) as store:
        sid = add_session(store, day(1))
        store.record_segment(sid, seg(9))
    con = sqlite3.connect(db)  # back to version 3: what versions 4 to 7 added goes
    for statement in (
        "DROP VIEW session_overview",  # version 7's: it reads planned_basis
        "ALTER TABLE sessions DROP COLUMN planned_basis",
        "CREATE VIEW session_overview AS SELECT id, status FROM sessions",  # a version 3 view
        "DROP TABLE level_changes",
        "DROP INDEX sessions_by_routine",
        "ALTER TABLE segments DROP COLUMN item_index",
        "DROP VIEW run_overview",
        "DROP TABLE run_files",
        "ALTER TABLE sessions DROP COLUMN run_id",
        "DROP TABLE runs",
        "DROP TABLE shoes",
        "DROP TABLE recovery_merged",
        "ALTER TABLE sessions DROP COLUMN owner_pid",
        "ALTER TABLE sessions DROP COLUMN owner_started",
        "PRAGMA user_version = 3",
    ):
        con.execute(statement)
    con.commit()
    con.close()
    before = _digest(tmp_path)
    with HistoryStore.open_reader(db) as store:
        (row,) = store.sessions()
        assert row.status is SessionStatus.COMPLETED and store.notice == ""
    assert _digest(tmp_path) == before
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 3
