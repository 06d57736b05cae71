"""Small builders shared by the history tests."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from backcoach.core.history import HistoryStore
from backcoach.core.records import SegmentRecord, SessionStatus

TZ = timezone(timedelta(hours=2))


def seg(index: int, done_s: float = 30.0, **changes: object) -> SegmentRecord:
    fields: dict[str, object] = {
        "index": index,
        "exercise_id": "glute-bridge",
        "exercise_name": "Glute bridge",
        "variant": "",
        "side": "none",
        "set_no": index + 1,
        "round_no": 1,
        "planned_s": 30.0,
        "done_s": done_s,
        "planned_reps": 15,
        "done_reps": 15,
    }
    fields.update(changes)
    return SegmentRecord(**fields)  # type: ignore[arg-type]


def add_session(
    store: HistoryStore,
    started_at: datetime,
    *,
    segments: int = 3,
    done_s: float = 30.0,
    pain: tuple[int | None, int | None] = (4, 2),
    status: SessionStatus = SessionStatus.COMPLETED,
    routine: tuple[str, str] = ("glute-check", "Glute check and bridge"),
) -> int:
    sid = store.begin_session(routine[0], routine[1], 30.0 * segments, pain[0], "0.1.0", started_at)
    assert sid is not None
    for i in range(segments):
        store.record_segment(sid, seg(i, done_s))
    store.end_session(sid, status, started_at + timedelta(minutes=10))
    store.save_summary(sid, pain[1], "")
    return sid


def day(d: int, hour: int = 18) -> datetime:
    """A time on day ``d`` of June 2025 at UTC+2."""
    return datetime(2025, 6, 1, hour, 0, tzinfo=TZ) + timedelta(days=d - 1)


def reader(path: Path) -> sqlite3.Connection:
    """A second, independent connection, as another process would have."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
