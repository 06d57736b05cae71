"""A damaged history file is set aside (with its -wal/-shm) and a fresh one started;
a file that cannot be written puts the store in a not-saving mode. Nothing raises."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.core import history_files
from backcoach.core.history import HistoryStore
from backcoach.core.records import SessionStatus
from tests.conftest import REPO
from tests.history_helpers import add_session, day, reader, seg


def _real_history(path: Path, sessions: int = 40) -> None:
    with HistoryStore.open(path) as store:
        for i in range(sessions):
            add_session(store, day(1 + i), segments=15)


def _with_companions(path: Path) -> dict[str, bytes]:
    """Give ``path`` a -wal and -shm as a crash would leave them; returns their bytes."""
    parts = {"-wal": os.urandom(3000), "-shm": os.urandom(32768)}
    for suffix, data in parts.items():
        Path(f"{path}{suffix}").write_bytes(data)
    return parts


def _damage_garbage(path: Path) -> None:
    path.write_bytes(os.urandom(20_000))


def _damage_truncated(path: Path) -> None:
    _real_history(path)
    size = path.stat().st_size
    assert size > 40_000  # a real file of many pages, cut in half
    with path.open("r+b") as fh:
        fh.truncate(size // 2)


def _damage_empty(path: Path) -> None:
    path.write_bytes(b"")


def _damage_torn_page(path: Path) -> None:
    """A real file with one page in the middle overwritten, as a bad sector would."""
    _real_history(path)
    with path.open("r+b") as fh:
        fh.seek(4096 * 5)
        fh.write(os.urandom(4096))


def _damage_newer(path: Path) -> None:
    _real_history(path, sessions=2)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()


def _damage_foreign(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, blob BLOB)")
    con.commit()
    con.close()


DAMAGE = {
    "garbage": (_damage_garbage, "damaged"),
    "truncated": (_damage_truncated, "damaged"),
    "zero-length": (_damage_empty, "damaged"),
    "torn-page": (_damage_torn_page, "damaged"),
    "newer-version": (_damage_newer, "newer"),
    "not-ours": (_damage_foreign, "foreign"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_file_is_set_aside_with_its_companions(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "history.sqlite3"
    damage, reason = DAMAGE[kind]
    damage(db)
    original = db.read_bytes()
    companions = _with_companions(db)

    store = HistoryStore.open(db)

    asides = sorted(p for p in tmp_path.iterdir() if p.name != db.name and ".sqlite3." in p.name)
    main = [p for p in asides if not p.name.endswith(("-wal", "-shm"))]
    assert len(main) == 1, asides
    aside = main[0]
    assert aside.name.startswith(f"history.sqlite3.{reason}-20")  # a timestamp follows
    assert aside.read_bytes() == original
    # The WAL may hold the last commits: kept byte for byte. The -shm is only an index
    # SQLite rebuilds from the WAL, so it is moved along but may have been refreshed.
    assert Path(f"{aside}-wal").read_bytes() == companions["-wal"]
    assert Path(f"{aside}-shm").exists()
    assert str(aside) in store.notice
    assert "new one was started" in store.notice
    # ... and a fresh, healthy file is in its place, taking writes.
    assert store.saving and store.count() == 0
    add_session(store, day(1))
    store.close()
    con = reader(db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1


def test_newer_file_set_aside_still_opens_with_all_its_data(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _damage_newer(db)
    with HistoryStore.open(db) as store:
        assert "newer version of backcoach" in store.notice
    (aside,) = tmp_path.glob("history.sqlite3.newer-*[0-9]")
    con = reader(aside)
    assert con.execute("SELECT count(*), sum(done_s) FROM sessions").fetchone() == (2, 2 * 450.0)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 99


def test_set_aside_twice_in_the_same_second_keeps_both(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    for _ in range(2):
        _damage_garbage(db)
        HistoryStore.open(db).close()
    assert len(list(tmp_path.glob("history.sqlite3.damaged-*"))) == 2


def test_damage_found_during_a_session_keeps_the_sets_for_the_next_start(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _real_history(db, sessions=10)
    store = HistoryStore.open(db)
    sid = store.begin_session("r", "R", 60.0, None, "0.1.0", day(20))
    # Something else overwrites every page but the first under the open store, then
    # commits through SQLite, so the store's page cache is thrown away and re-read.
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.seek(4096)
        fh.write(os.urandom(size - 4096))
    other = sqlite3.connect(db)
    other.execute("PRAGMA user_version = 3")
    other.commit()
    other.close()

    store.record_segment(sid, seg(1))
    store.end_session(sid, SessionStatus.COMPLETED)
    assert not store.saving
    assert store.notice.startswith("Saving has stopped: the history file is damaged")
    store.sessions()  # reads keep answering without raising, if only with nothing
    state = store.close()
    assert state is not None and state.kept_in is not None and state.kept_in.exists()
    with HistoryStore.open(db) as next_start:  # ... the next start sets it aside
        assert "new one was started" in next_start.notice
        assert "1 set that could not be saved last time" in next_start.notice
        (row,) = next_start.sessions()  # ... and adds what the damaged file refused
        assert (row.routine_id, row.status, row.done_s) == ("r", SessionStatus.COMPLETED, 30.0)
    assert not state.kept_in.exists()


# ------------------------------------------------------------------ full disk
def test_injected_page_cap_mid_session_keeps_every_set_until_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's max_page_count makes the file unable to grow: SQLite's own SQLITE_FULL,
    injected at the connection (test_history_faults.py fills a real disk)."""
    # The schema's own pages plus a few for the session (a page per table and index).
    monkeypatch.setattr(
        history_files, "PRAGMAS", (*history_files.PRAGMAS, "PRAGMA max_page_count = 27")
    )
    db = tmp_path / "history.sqlite3"
    store = HistoryStore.open(db)
    sid = store.begin_session("r", "R", 600.0, 3, "0.1.0", day(1))
    assert sid is not None
    written = 0
    while store.saving and written < 200:
        store.record_segment(sid, seg(written, exercise_name="Glute bridge " * 60))
        written += 1
    assert not store.saving, "the capped file never filled up"
    assert store.notice.startswith("Saving is failing: the disk is full. Free some space")
    # The rest of the session goes on without raising; its writes wait with the first.
    store.record_segment(sid, seg(written))
    store.end_session(sid, SessionStatus.COMPLETED)
    assert store.outcome(sid).unsaved_sets == 2
    state = store.close()
    assert state is not None and state.kept_in is not None  # the JSON file is not capped

    monkeypatch.undo()
    with HistoryStore.open(db) as later:
        assert later.saving and "2 sets that could not be saved last time" in later.notice
        detail = later.session(sid)
        assert detail is not None
        assert detail.session.status is SessionStatus.COMPLETED
        assert len(detail.segments) == written + 1  # every one, the refused ones merged
    assert reader(db).execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_full_disk_when_creating_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        history_files, "PRAGMAS", (*history_files.PRAGMAS, "PRAGMA max_page_count = 1")
    )
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    assert not store.saving
    assert store.notice == (
        "History can't be saved right now: the disk is full. Free some space on the disk "
        f"that holds {tmp_path}; backcoach keeps your sets and saves them as soon as it can."
    )
    sid = store.begin_session("r", "R", 60.0, None, "0.1.0")
    assert sid is not None and sid < 0  # a key until its row is in the file
    assert (store.count(), store.sessions(), store.streak()) == (0, [], 0)
    store.close()


def test_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = HistoryStore.open(blocker / "history.sqlite3")
    assert not store.saving
    assert store.notice == (
        f"History can't be saved right now: {blocker} is a file, where backcoach keeps its "
        "data folder. Move that file away, or start backcoach with --data-dir pointing at a "
        "folder; backcoach keeps your sets and saves them as soon as it can."
    )
    assert store.count() == 0
    store.close()


# ------------------------------------------------------------- read-only folder
# Tests run as root here, and root writes through chmod 0555. So the scenario runs in
# a child process: as root, it is started by setpriv with CAP_DAC_OVERRIDE and friends
# removed from its capability bounding set, which makes the kernel enforce the folder's
# mode bits on it exactly as for an ordinary user; as any other user, it runs as is.
# The child first proves the folder really refuses it a new file.
_READ_ONLY_CHILD = """
import json, sys
from pathlib import Path
from backcoach.core.history import HistoryStore
from backcoach.core.records import SessionStatus
from tests.history_helpers import seg

folder = Path(sys.argv[1])
try:  # the folder (a new file in it) or the history file itself, as the test chmods
    Path(sys.argv[2]).open("a").close()
    refused = False
except PermissionError:
    refused = True
store = HistoryStore.open(folder / "history.sqlite3")
sid = store.begin_session("r", "New session", 60.0, 2, "0.1.0")
store.record_segment(sid, seg(0))
store.end_session(sid, SessionStatus.COMPLETED)
routines = [s.routine_name for s in store.sessions()]
notice = store.notice
state = store.close()
print(json.dumps({
    "refused": refused, "saving": state.saving, "notice": notice, "sid": sid,
    "routines": routines, "outcome": store.outcome(sid).sentence(),
}))
"""


def _run_without_write_permission(folder: Path, mode: int = 0o555) -> dict[str, object]:
    history = folder / "history.sqlite3"
    target = folder if mode == 0o555 else history
    probe = folder / "probe" if target == folder else history
    cmd = [sys.executable, "-c", _READ_ONLY_CHILD, str(folder), str(probe)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop the override")
        cmd = [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", *cmd]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    target.chmod(mode)
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    finally:
        target.chmod(0o755 if target == folder else 0o644)
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    assert result["refused"] is True, f"{target} was still writable: the test proves nothing"
    return result


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_read_only_folder_with_history_shows_it_but_saves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with HistoryStore.open(folder / "history.sqlite3") as store:
        add_session(store, day(1), routine=("a", "Earlier session"))
    before = _digest(folder)

    result = _run_without_write_permission(folder)

    assert result["saving"] is False
    assert result["notice"] == (
        f"History can't be saved right now: backcoach has no permission to write to {folder}. "
        "Give your user write access to that folder, or start backcoach with --data-dir "
        "pointing at a folder you can write to; backcoach keeps your sets and saves them as "
        "soon as it can."
    )
    assert result["routines"] == ["Earlier session"]  # the review page still has its data
    assert "could not be kept either" in str(result["outcome"])
    assert _digest(folder) == before  # nothing moved aside, nothing written


def test_a_history_file_with_no_permissions_is_named_with_the_fix(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with HistoryStore.open(folder / "history.sqlite3") as store:
        add_session(store, day(1), routine=("a", "Earlier session"))
    result = _run_without_write_permission(folder, mode=0o000)  # chmod 000 on the file
    assert result["saving"] is False
    assert result["notice"] == (
        "History can't be saved right now: backcoach has no permission to write to "
        f"{folder / 'history.sqlite3'}. Give your user read and write access to that file (it "
        "is yours: chmod u+rw); backcoach keeps your sets and saves them as soon as it can."
    )


def test_read_only_folder_without_history_yet(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    result = _run_without_write_permission(folder)
    assert result["saving"] is False
    assert f"no permission to write to {folder}" in str(result["notice"])
    assert result["routines"] == []
    assert list(folder.iterdir()) == []


def test_damaged_file_in_a_read_only_folder_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    _damage_garbage(folder / "history.sqlite3")
    before = _digest(folder)

    result = _run_without_write_permission(folder)

    assert result["saving"] is False
    assert "could not be replaced" in str(result["notice"])
    assert "no permission to write" in str(result["notice"])
    assert result["routines"] == []
    assert _digest(folder) == before  # not moved, not rewritten
