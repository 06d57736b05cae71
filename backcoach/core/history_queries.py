"""The read side of the history file: what the review page, the export and the
safety checks ask of it. Plain functions over a connection; no writes.

Times are stored as ISO 8601 local time with the offset, so the first ten characters
of ``started_at`` are the local calendar day the runner did the session on, and the
text sorts in time order; both are used below to keep queries on the index.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from backcoach.core.records import SegmentRecord, SessionEvent, SessionStatus

# A 'running' session whose owner is gone reads as interrupted, without a write:
# ``owner_alive`` is registered on every connection by history_files.
EFFECTIVE_STATUS = (
    "CASE WHEN status = 'running' AND NOT owner_alive(owner_pid, owner_started, id)"
    " THEN 'interrupted' ELSE status END"
)
_SESSION_COLUMNS = (
    f"id, routine_id, routine_name, started_at, ended_at, {EFFECTIVE_STATUS}, planned_s,"
    " done_s, pain_before, pain_after, notes, app_version, planned_basis"
)


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    routine_id: str
    routine_name: str
    started_at: datetime
    ended_at: datetime | None
    status: SessionStatus
    planned_s: float
    done_s: float
    pain_before: int | None
    pain_after: int | None
    notes: str
    app_version: str
    # "work": planned_s is the exercise time alone, like done_s. "timeline": an old
    # version's stopped or interrupted session whose planned_s was the whole timeline
    # and whose planned work is not in the file (see history_schema, version 7).
    planned_basis: str = "work"

    @property
    def completion(self) -> float | None:
        """Share of the planned exercise time done, 0..1 (a set done again counts once
        towards 1); None when the row cannot say (``planned_basis`` "timeline")."""
        if self.planned_basis != "work":
            return None
        return work_completion(self.done_s, self.planned_s)


def work_completion(done_s: float, planned_s: float) -> float:
    """Exercise seconds done over exercise seconds planned, 0..1: the one measure the
    summary, the review, the command line and the export all show."""
    if planned_s <= 0:
        return 1.0 if done_s > 0 else 0.0
    return min(done_s / planned_s, 1.0)


@dataclass(frozen=True, slots=True)
class SessionDetail:
    session: SessionRow
    segments: tuple[SegmentRecord, ...]
    events: tuple[SessionEvent, ...]


@dataclass(frozen=True, slots=True)
class WeekMinutes:
    week_start: date  # the Monday of the ISO week
    minutes: float


@dataclass(frozen=True, slots=True)
class PainPoint:
    session_id: int
    started_at: datetime
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        """After minus before: positive when the session left the back sorer."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _session(row: sqlite3.Row | tuple[object, ...]) -> SessionRow:
    (sid, rid, rname, started, ended, status, planned, done, before, after, notes, ver, basis) = row
    return SessionRow(
        id=int(str(sid)),
        routine_id=str(rid),
        routine_name=str(rname),
        started_at=datetime.fromisoformat(str(started)),
        ended_at=datetime.fromisoformat(str(ended)) if ended else None,
        status=SessionStatus(str(status)),
        planned_s=float(str(planned)),
        done_s=float(str(done)),
        pain_before=None if before is None else int(str(before)),
        pain_after=None if after is None else int(str(after)),
        notes=str(notes),
        app_version=str(ver),
        planned_basis=str(basis),
    )


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def sessions(conn: sqlite3.Connection, offset: int = 0, limit: int = 100) -> list[SessionRow]:
    """A page of sessions, newest first."""
    rows = conn.execute(
        f"SELECT {_SESSION_COLUMNS} FROM sessions"
        " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?",
        (max(limit, 0), max(offset, 0)),
    )
    return [_session(r) for r in rows]


def iter_sessions_oldest_first(conn: sqlite3.Connection) -> Iterator[SessionRow]:
    for r in conn.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started_at, id"):
        yield _session(r)


_SEGMENT_COLUMNS = (
    "position, exercise_id, exercise_name, variant, side, set_no, round_no,"
    " planned_s, done_s, planned_reps, done_reps, skipped, hurt, item_index"
)
_EVENT_COLUMNS = "kind, exercise_id, side, value, at_s"


def _segment(r: tuple[Any, ...]) -> SegmentRecord:
    return SegmentRecord(
        index=int(r[0]),
        exercise_id=str(r[1]),
        exercise_name=str(r[2]),
        variant=str(r[3]),
        side=str(r[4]),
        set_no=int(r[5]),
        round_no=int(r[6]),
        planned_s=float(r[7]),
        done_s=float(r[8]),
        planned_reps=None if r[9] is None else int(r[9]),
        done_reps=None if r[10] is None else int(r[10]),
        skipped=bool(r[11]),
        hurt=bool(r[12]),
        item_index=-1 if r[13] is None else int(r[13]),
    )


def _event(r: tuple[Any, ...]) -> SessionEvent:
    return SessionEvent(
        kind=str(r[0]), exercise_id=str(r[1]), side=str(r[2]), value=str(r[3]), at_s=float(r[4])
    )


def segments(conn: sqlite3.Connection, session_id: int) -> tuple[SegmentRecord, ...]:
    rows = conn.execute(
        f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE session_id = ? ORDER BY position, id",
        (session_id,),
    )
    return tuple(_segment(r) for r in rows)


def events(conn: sqlite3.Connection, session_id: int) -> tuple[SessionEvent, ...]:
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE session_id = ? ORDER BY at_s, id",
        (session_id,),
    )
    return tuple(_event(r) for r in rows)


def all_details(conn: sqlite3.Connection) -> list[SessionDetail]:
    """Every session with its segments and events, oldest first, in three queries
    (one per table) rather than two per session: export reads everything anyway."""
    segs: dict[int, list[SegmentRecord]] = defaultdict(list)
    for r in conn.execute(
        f"SELECT session_id, {_SEGMENT_COLUMNS} FROM segments ORDER BY session_id, position, id"
    ):
        segs[int(r[0])].append(_segment(r[1:]))
    evs: dict[int, list[SessionEvent]] = defaultdict(list)
    for r in conn.execute(
        f"SELECT session_id, {_EVENT_COLUMNS} FROM events ORDER BY session_id, at_s, id"
    ):
        evs[int(r[0])].append(_event(r[1:]))
    return [
        SessionDetail(s, tuple(segs.get(s.id, ())), tuple(evs.get(s.id, ())))
        for s in iter_sessions_oldest_first(conn)
    ]


def session_detail(conn: sqlite3.Connection, session_id: int) -> SessionDetail | None:
    row = conn.execute(
        f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if row is None:
        return None
    return SessionDetail(_session(row), segments(conn, session_id), events(conn, session_id))


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def daily_minutes(conn: sqlite3.Connection, first: date, last: date) -> dict[date, float]:
    """Minutes done on each local day from ``first`` to ``last`` inclusive (days with any)."""
    rows = conn.execute(
        "SELECT substr(started_at, 1, 10) AS day, sum(done_s) FROM sessions"
        " WHERE started_at >= ? AND started_at < ? AND done_s > 0 GROUP BY day",
        (first.isoformat(), (last + timedelta(days=1)).isoformat()),
    )
    return {date.fromisoformat(str(day)): float(total) / 60.0 for day, total in rows}


def weekly_minutes(conn: sqlite3.Connection, weeks: int, today: date) -> list[WeekMinutes]:
    """Minutes per ISO week for the last ``weeks`` weeks, oldest first, this week last."""
    last_monday = monday_of(today)
    first_monday = last_monday - timedelta(weeks=max(weeks, 1) - 1)
    per_day = daily_minutes(conn, first_monday, last_monday + timedelta(days=6))
    totals = {first_monday + timedelta(weeks=i): 0.0 for i in range(max(weeks, 1))}
    for day, minutes in per_day.items():
        totals[monday_of(day)] += minutes
    return [WeekMinutes(monday, minutes) for monday, minutes in totals.items()]


def completed_days(conn: sqlite3.Connection, first: date, last: date) -> list[tuple[date, str]]:
    """(local day, routine id) of every completed session from ``first`` to ``last``."""
    rows = conn.execute(
        "SELECT DISTINCT substr(started_at, 1, 10), routine_id FROM sessions"
        " WHERE started_at >= ? AND started_at < ? AND status = 'completed' ORDER BY 1, 2",
        (first.isoformat(), (last + timedelta(days=1)).isoformat()),
    )
    return [(date.fromisoformat(str(day)), str(rid)) for day, rid in rows]


def current_streak(conn: sqlite3.Connection, today: date) -> int:
    """Consecutive days with exercise, ending today, or yesterday if today has none yet.

    Walks the start-time index backwards and stops at the first gap, so a ten-year
    streak costs ten years of rows but a broken one costs a handful.
    """
    rows = conn.execute(
        "SELECT started_at FROM sessions WHERE started_at < ? AND done_s > 0"
        " ORDER BY started_at DESC",
        ((today + timedelta(days=1)).isoformat(),),
    )
    expected: date | None = None
    days = 0
    for (started,) in rows:
        day = date.fromisoformat(str(started)[:10])
        if expected is None:
            if day < today - timedelta(days=1):
                return 0
            expected = day
        if day == expected:
            days += 1
            expected = day - timedelta(days=1)
        elif day < expected:
            break
    return days


def pain_series(conn: sqlite3.Connection, since: date) -> list[PainPoint]:
    """Sessions since ``since`` with a pain rating before or after, oldest first."""
    rows = conn.execute(
        "SELECT id, started_at, pain_before, pain_after FROM sessions"
        " WHERE started_at >= ? AND (pain_before IS NOT NULL OR pain_after IS NOT NULL)"
        " ORDER BY started_at, id",
        (since.isoformat(),),
    )
    return [_pain(r) for r in rows]


def recent_pain(conn: sqlite3.Connection, n: int = 3) -> list[PainPoint]:
    """The last ``n`` sessions that have a pain rating, newest first.

    Unrated sessions are left out: they say nothing about whether the back got worse.
    """
    rows = conn.execute(
        "SELECT id, started_at, pain_before, pain_after FROM sessions"
        " WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL"
        " ORDER BY started_at DESC, id DESC LIMIT ?",
        (max(n, 0),),
    )
    return [_pain(r) for r in rows]


def _pain(r: tuple[object, ...]) -> PainPoint:
    sid, started, before, after = r
    return PainPoint(
        session_id=int(str(sid)),
        started_at=datetime.fromisoformat(str(started)),
        before=None if before is None else int(str(before)),
        after=None if after is None else int(str(after)),
    )
