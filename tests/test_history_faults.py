"""Saving survives transient faults, with real processes and a real full disk.

Another process holds the history file with BEGIN EXCLUSIVE for longer than the busy
timeout in the middle of a real ``backcoach run``; a real small tmpfs fills up; a
session ends while the file still refuses and its records go to a recovery file that
the next start merges, once.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backcoach.core import history_recovery
from backcoach.core.history import HistoryStore
from backcoach.core.history_files import BUSY_TIMEOUT_S
from backcoach.core.history_saver import RECOVERED
from backcoach.core.records import SessionStatus
from tests.conftest import REPO
from tests.faults import LockHolder, fill, python_child, small_disk
from tests.history_helpers import day, reader, seg

HOLD_S = 5.0  # longer than the busy timeout: the first tries must give up and come back
assert HOLD_S > BUSY_TIMEOUT_S


def _run(data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "backcoach", "--data-dir", str(data), "run", *args, "--mute"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip


def _lines(proc: subprocess.Popen[str], until: str = "", count: int = 1) -> list[tuple[float, str]]:
    """(monotonic time read, line) as the runner prints them; up to the ``count``-th line
    holding ``until``, or to the end."""
    out: list[tuple[float, str]] = []
    seen = 0
    assert proc.stdout is not None
    for line in proc.stdout:  # blocks until the runner prints; no sleeping here
        out.append((time.monotonic(), line.rstrip("\n")))
        if until and until in line:
            seen += 1
            if seen == count:
                break
    return out


def _segments(db: Path) -> list[tuple[str, str]]:
    con = reader(db)
    rows = con.execute("SELECT exercise_id, side FROM segments ORDER BY id").fetchall()
    con.close()
    return rows


def test_a_lock_held_mid_run_loses_nothing_and_the_terminal_says_so_while_it_lasts(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    proc = _run(tmp_path, "post-run-cooldown", "--speed", "20")
    holder: LockHolder | None = None
    try:
        before = _lines(proc, "s hold  (", 2)  # two holds begun: the file is in use
        holder = LockHolder(db, HOLD_S)
        after = _lines(proc)
        released = holder.wait_released()
        proc.wait(timeout=60)
    finally:
        if holder is not None:
            holder.kill()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, "\n".join(t for _, t in before + after)
    text = [t for _, t in after]
    failing = [(at, t) for at, t in after if t.startswith("backcoach: Saving is failing")]
    works = [(at, t) for at, t in after if t == f"backcoach: {RECOVERED}"]
    assert len(failing) == 1 and len(works) == 1, "\n".join(text)
    assert failing[0][1].startswith(
        "backcoach: Saving is failing: another program is holding the history file. Close it "
        "(a sqlite3 shell, a backup or sync tool, another copy of backcoach); the file is "
        f"{db}; your sets are kept and saved as soon as it works again."
    )
    # Told while the lock lasted, and told again once it was gone.
    assert holder.locked < failing[0][0] < released < works[0][0]
    print(f"\nsaving recovered {works[0][0] - released:.2f} s after the lock was released")
    assert text[-2].startswith("Session completed after 06:3")  # 394 s of session time
    assert text[-2].endswith(": 10 of 10 sets done, 100% of the exercise time.")
    assert text[-1] == "Saved as session 1."
    assert len(_segments(db)) == 10
    con = reader(db)
    assert con.execute("SELECT status, done_s FROM sessions").fetchall() == [("completed", 300.0)]


def test_a_lock_held_as_the_session_starts_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    HistoryStore.open(db).close()
    holder = LockHolder(db)  # until we say
    proc = _run(tmp_path, "glute-check", "--speed", "100")
    try:
        start = _lines(proc, "Saving is failing")
        holder.release()
        rest = _lines(proc)
        proc.wait(timeout=60)
    finally:
        holder.kill()
        if proc.poll() is None:
            proc.kill()
    text = [t for _, t in start + rest]
    assert proc.returncode == 0, "\n".join(text)
    assert f"backcoach: {RECOVERED}" in text
    assert text[-1] == "Saved as session 1."
    con = reader(db)
    assert con.execute("SELECT status FROM sessions").fetchall() == [("completed",)]
    assert len(_segments(db)) == 5


def test_a_session_that_ends_while_the_file_refuses_is_kept_and_merged_at_next_start(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    HistoryStore.open(db).close()
    holder = LockHolder(db)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "backcoach", "--data-dir", str(tmp_path), "run", "glute-check",
             "--speed", "100", "--mute"],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        (kept,) = history_recovery.files_for(db)
        holder.release()
    finally:
        holder.kill()
    assert out.returncode == 0, out.stderr
    last = out.stdout.splitlines()[-1]
    assert last == (
        "Not saved: the history file refused 5 sets (another program is holding the "
        f"history file). They are kept in {kept} and will be added to your history the "
        "next time backcoach starts. To fix it: close it (a sqlite3 shell, a backup or sync "
        f"tool, another copy of backcoach); the file is {db}."
    )
    assert "Saving what is left of this session" in out.stderr
    # A reader leaves the recovery file alone: merging is the owner's job.
    subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(tmp_path), "history", "--json"],
        cwd=REPO, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    assert kept.exists()
    copy = tmp_path / "copy.json"
    shutil.copyfile(kept, copy)

    with HistoryStore.open(db) as store:
        assert store.notice == (
            "5 sets that could not be saved last time were added to your history (recovered)."
        )
        (row,) = store.sessions()
        assert (row.routine_id, row.status) == ("glute-check", SessionStatus.COMPLETED)
        assert len(store.session(row.id).segments) == 5  # type: ignore[union-attr]
    assert not kept.exists()
    # A crash between the merge's commit and the file's removal: merged once only.
    shutil.copyfile(copy, kept)
    with HistoryStore.open(db) as store:
        assert store.count() == 1 and store.merged.sets == 0
    assert not kept.exists()


def test_a_recovery_file_left_by_a_killed_process_is_merged(tmp_path: Path) -> None:
    """The file is rewritten as writes wait, so a kill -9 mid-lock still keeps them."""
    db = tmp_path / "history.sqlite3"
    HistoryStore.open(db).close()
    holder = LockHolder(db)
    child = python_child(_KEEPS_THEN_WAITS, str(db))
    try:
        assert child.stdout is not None
        kept = Path(child.stdout.readline().strip())
        child.kill()
        child.wait(timeout=30)
        holder.release()
    finally:
        holder.kill()
        if child.poll() is None:
            child.kill()
    doc = json.loads(kept.read_text(encoding="utf-8"))
    assert [w["op"] for w in doc["writes"]] == ["begin", "segment", "segment", "segment"]
    with HistoryStore.open(db) as store:
        assert "3 sets that could not be saved last time" in store.notice
        (row,) = store.sessions()
        assert row.status is SessionStatus.INTERRUPTED and row.done_s == 90.0


_KEEPS_THEN_WAITS = """
import sys
from backcoach.core.history import HistoryStore
from tests.history_helpers import day, seg
store = HistoryStore.open(sys.argv[1])
sid = store.begin_session("glute-check", "Glute check", 600.0, 4, "0.1.0", day(3))
for i in range(3):
    store.record_segment(sid, seg(i, 30.0))
print(store.save_state.kept_in, flush=True)
sys.stdin.readline()  # killed here, the lock still held
"""


# ----------------------------------------------------------------- a real full disk
def _mounted(tmp_path: Path):  # type: ignore[no-untyped-def]
    return small_disk(tmp_path / "disk", size_kb=512)


def test_a_real_full_disk_mid_session_is_told_and_nothing_is_lost_once_space_is_freed(
    tmp_path: Path,
) -> None:
    with _mounted(tmp_path) as disk:
        if disk is None:
            pytest.skip(
                "mounting a tmpfs is refused here; test_history_damage.py's "
                "test_injected_page_cap_mid_session_… injects SQLITE_FULL instead"
            )
        db = disk / "history.sqlite3"
        store = HistoryStore.open(db)
        heard = []
        store.watch(heard.append)
        sid = store.begin_session("r", "R", 600.0, 3, "0.1.0", day(1))
        store.record_segment(sid, seg(0))
        filler = fill(disk)
        written = 1
        while store.saving and written < 500:
            store.record_segment(sid, seg(written, exercise_name="Glute bridge " * 200))
            written += 1
        assert not store.saving, "the disk never filled"
        assert heard[0].message.startswith(
            f"Saving is failing: the disk is full. Free some space on the disk that holds {disk}"
        )
        store.record_segment(sid, seg(written))  # the session goes on, its sets kept
        filler.unlink()  # the runner frees some space
        state = store.settle()
        assert state.saving and heard[-1].message == RECOVERED
        store.end_session(sid, SessionStatus.COMPLETED)
        detail = store.session(sid)
        assert detail is not None and len(detail.segments) == written + 1
        store.close()
        assert history_recovery.files_for(db) == []


def test_a_real_full_disk_at_open_says_the_disk_is_full(tmp_path: Path) -> None:
    with _mounted(tmp_path) as disk:
        if disk is None:
            pytest.skip("mounting a tmpfs is refused here (see test_history_damage.py)")
        fill(disk)
        store = HistoryStore.open(disk / "history.sqlite3")
        assert not store.saving
        assert store.notice.startswith("History can't be saved right now: the disk is full.")
        assert "disk I/O error" not in store.notice
        sid = store.begin_session("r", "R", 60.0, None, "0.1.0")
        store.record_segment(sid, seg(0))
        store.end_session(sid, SessionStatus.COMPLETED)
        state = store.close()
        assert state is not None and state.kept_in is None  # nowhere to keep them either
        assert store.outcome(sid).sentence() == (
            "Not saved: the history file refused 1 set (the disk is full); they could not be "
            "kept either (the disk is full)."
        )


def test_a_second_process_writing_the_file_meanwhile_is_not_disturbed(tmp_path: Path) -> None:
    """Waiting writes land after everything the other process committed in between."""
    db = tmp_path / "history.sqlite3"
    store = HistoryStore.open(db)
    sid = store.begin_session("r", "Mine", 600.0, None, "0.1.0", day(1))
    holder = LockHolder(db)
    try:
        store.record_segment(sid, seg(0))
        assert not store.saving
        holder.release()
        other = sqlite3.connect(db)
        other.execute(
            "INSERT INTO sessions (routine_id, routine_name, started_at, status)"
            " VALUES ('x', 'Theirs', '2025-06-02T10:00:00+02:00', 'completed')"
        )
        other.commit()
        other.close()
        assert store.settle().saving
    finally:
        holder.kill()
    store.end_session(sid, SessionStatus.COMPLETED)
    names = sorted(s.routine_name for s in store.sessions())
    assert names == ["Mine", "Theirs"]
    assert len(store.session(sid).segments) == 1  # type: ignore[union-attr]
    store.close()
