"""Writing the session log: a row at start, each segment committed as it finishes,
the end status, and recovery of sessions a crash left open. Real SQLite files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from backcoach.core.history import HistoryStore
from backcoach.core.records import SessionEvent, SessionStatus
from tests.conftest import REPO
from tests.history_helpers import day, reader, seg


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def test_fresh_store_is_healthy(db: Path) -> None:
    with HistoryStore.open(db) as store:
        assert (store.saving, store.notice, store.recovered) == (True, "", 0)
        assert store.count() == 0
    con = reader(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_each_write_is_visible_to_another_connection_as_it_happens(db: Path) -> None:
    store = HistoryStore.open(db)
    other = reader(db)
    sid = store.begin_session("glute-check", "Glute check", 300.0, 5, "0.1.0", day(1))
    assert sid is not None
    row = other.execute(
        "SELECT routine_id, status, started_at, pain_before FROM sessions"
    ).fetchall()
    assert row == [("glute-check", "running", "2025-06-01T18:00:00+02:00", 5)]

    for i in range(3):
        store.record_segment(sid, seg(i, done_s=20.0 + i))
        committed = other.execute(
            "SELECT count(*), sum(done_s) FROM segments WHERE session_id = ?", (sid,)
        ).fetchone()
        assert committed == (i + 1, sum(20.0 + k for k in range(i + 1)))
        # The session row keeps a running total, so a crash right now keeps it too.
        assert other.execute("SELECT done_s FROM sessions").fetchone()[0] == committed[1]

    store.record_event(sid, SessionEvent("hurt-choice", "glute-bridge", "left", "easier", 42.5))
    assert other.execute("SELECT kind, value, at_s FROM events").fetchall() == [
        ("hurt-choice", "easier", 42.5)
    ]
    store.end_session(sid, SessionStatus.STOPPED, day(1) + timedelta(minutes=5))
    store.save_summary(sid, 3, "  left side weaker  ")
    assert other.execute(
        "SELECT status, ended_at, done_s, pain_after, notes FROM sessions"
    ).fetchone() == ("stopped", "2025-06-01T18:05:00+02:00", 63.0, 3, "left side weaker")
    store.close()

    with HistoryStore.open(db) as again:
        detail = again.session(sid)
    assert detail is not None
    assert [r.done_s for r in detail.segments] == [20.0, 21.0, 22.0]
    assert detail.segments[0] == seg(0, done_s=20.0)
    assert detail.events == (SessionEvent("hurt-choice", "glute-bridge", "left", "easier", 42.5),)
    assert detail.session.status is SessionStatus.STOPPED


def test_naive_start_time_is_stored_as_local_time_with_offset(db: Path) -> None:
    with HistoryStore.open(db) as store:
        store.begin_session("r", "R", 60.0, None, "0.1.0", day(1).replace(tzinfo=None))
    stored = reader(db).execute("SELECT started_at FROM sessions").fetchone()[0]
    assert stored.startswith("2025-06-01T18:00:00") and stored[19] in "+-"


def test_end_session_recomputes_done_from_segments(db: Path) -> None:
    with HistoryStore.open(db) as store:
        sid = store.begin_session("r", "R", 90.0, None, "0.1.0", day(1))
        store.record_segment(sid, seg(0, 30.0))
        store.record_segment(sid, seg(1, 0.0, skipped=True))
        store.record_segment(sid, seg(2, 12.5, hurt=True))
        store.end_session(sid, SessionStatus.COMPLETED)
        detail = store.session(sid or 0)
    assert detail is not None and detail.session.done_s == 42.5
    assert [(r.skipped, r.hurt) for r in detail.segments] == [
        (False, False),
        (True, False),
        (False, True),
    ]


def test_bad_arguments_are_refused_clearly(db: Path) -> None:
    with HistoryStore.open(db) as store:
        with pytest.raises(ValueError, match="pain_before must be a whole number from 0 to 10"):
            store.begin_session("r", "R", 60.0, 11, "0.1.0")
        sid = store.begin_session("r", "R", 60.0, 0, "0.1.0")
        with pytest.raises(ValueError, match="pain_after"):
            store.save_summary(sid, -1, "")
        with pytest.raises(ValueError, match="not 'running'"):
            store.end_session(sid, SessionStatus.RUNNING)
        # A session id that was never handed out is the caller's bug, not a disk problem.
        with pytest.raises(Exception, match="FOREIGN KEY"):
            store.record_segment(9999, seg(0))
        assert store.saving and store.notice == ""
        assert store.count() == 1


def test_calls_with_no_session_id_are_ignored(db: Path) -> None:
    # begin_session returns None when not saving; the session code passes that along.
    with HistoryStore.open(db) as store:
        store.record_segment(None, seg(0))
        store.record_event(None, SessionEvent("hurt"))
        store.end_session(None, SessionStatus.COMPLETED)
        store.save_summary(None, 2, "x")
        assert store.count() == 0 and store.saving


def test_reopen_marks_running_sessions_interrupted_keeping_what_was_done(db: Path) -> None:
    store = HistoryStore.open(db)
    done = store.begin_session("r", "R", 300.0, 4, "0.1.0", day(1))
    store.record_segment(done, seg(0, 30.0))
    store.end_session(done, SessionStatus.COMPLETED)
    left_open = store.begin_session("r", "R", 300.0, 4, "0.1.0", day(2))
    for i in range(4):
        store.record_segment(left_open, seg(i, 25.0))
    # Simulate a stale running total: recovery must trust the segments, not the row.
    store.close()
    with sqlite3.connect(db) as other:
        other.execute("UPDATE sessions SET done_s = 0 WHERE id = ?", (left_open,))

    with HistoryStore.open(db) as again:
        assert again.recovered == 1 and again.notice == ""
        rows = {s.id: s for s in again.sessions()}
        assert rows[left_open].status is SessionStatus.INTERRUPTED
        assert rows[left_open].done_s == 100.0
        assert rows[left_open].ended_at is None  # nobody saw it end
        assert rows[done].status is SessionStatus.COMPLETED
        detail = again.session(left_open or 0)
        assert detail is not None and len(detail.segments) == 4
    with HistoryStore.open(db) as third:
        assert third.recovered == 0


def test_reader_open_leaves_running_sessions_alone(db: Path) -> None:
    with HistoryStore.open(db) as writer:
        sid = writer.begin_session("r", "R", 60.0, None, "0.1.0")
        with HistoryStore.open_reader(db) as export_side:
            assert export_side.recovered == 0
            assert export_side.sessions()[0].status is SessionStatus.RUNNING
        writer.record_segment(sid, seg(0))
        writer.end_session(sid, SessionStatus.COMPLETED)
    assert reader(db).execute("SELECT status FROM sessions").fetchone()[0] == "completed"


_CHILD = """
import sys
from backcoach.core.history import HistoryStore
from tests.history_helpers import day, seg
store = HistoryStore.open(sys.argv[1])
sid = store.begin_session("glute-check", "Glute check", 600.0, 6, "0.1.0", day(3))
for i in range(3):
    store.record_segment(sid, seg(i, 30.0))
print(sid, flush=True)
sys.stdin.readline()  # hold the session open until killed
"""


def test_segments_survive_the_process_being_killed(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )
    try:
        sid = int(child.stdout.readline())  # type: ignore[union-attr]
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdin.close()  # type: ignore[union-attr]
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL

    with HistoryStore.open(db) as store:
        assert store.recovered == 1
        detail = store.session(sid)
        assert detail is not None
        assert detail.session.status is SessionStatus.INTERRUPTED
        assert (len(detail.segments), detail.session.done_s, detail.session.pain_before) == (
            3,
            90.0,
            6,
        )
    assert reader(db).execute("PRAGMA integrity_check").fetchall() == [("ok",)]
