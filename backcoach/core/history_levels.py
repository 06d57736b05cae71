"""The history file's side of progression: level changes written and read, and what
past sessions of a routine say about each exercise (``PastSession``).

Reads are plain functions over a connection; a change is written as a
``history_ops.LevelRow``, through the store's saver like every other write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from backcoach.core.history_ops import LevelRow
from backcoach.core.levels import Level
from backcoach.core.progression import LevelChange, Mark, PastSession
from backcoach.core.records import SessionStatus

OUTCOME_LIMIT = 50  # sessions looked at per routine: the rules need the last few only

_CHANGE_COLUMNS = (
    "routine_id, slot, kind, reason, after_session, decided_at, exercise_id,"
    " variant, hold_s, reps, sets, rounds"
)


def level_op(c: LevelChange, stamp: Callable[[datetime], str]) -> LevelRow:
    """One change as the history's write; ``stamp`` writes its time as the history does."""
    level = c.level
    return LevelRow(
        0,
        c.routine_id,
        c.slot,
        c.kind,
        c.reason,
        c.after_session,
        stamp(c.decided_at),
        c.exercise_id,
        level.variant if level else "",
        level.hold_s if level else None,
        level.reps if level else None,
        level.sets if level else None,
        c.rounds,
    )


def read_changes(conn: sqlite3.Connection, routine_id: str | None = None) -> list[LevelChange]:
    """Every level change (of one routine, or all), oldest first."""
    where, args = ("WHERE routine_id = ?", (routine_id,)) if routine_id else ("", ())
    rows = conn.execute(f"SELECT {_CHANGE_COLUMNS} FROM level_changes {where} ORDER BY id", args)
    out = []
    for rid, slot, kind, reason, after, at, ex, variant, hold, reps, sets, rounds in rows:
        level = None
        if sets is not None:
            level = Level(
                str(variant),
                None if hold is None else float(hold),
                None if reps is None else int(reps),
                int(sets),
            )
        out.append(
            LevelChange(
                routine_id=str(rid),
                slot=str(slot),
                kind=kind,
                reason=str(reason),
                after_session=int(after),
                decided_at=datetime.fromisoformat(str(at)),
                exercise_id=str(ex),
                level=level,
                rounds=None if rounds is None else int(rounds),
            )
        )
    return out


def latest_session(conn: sqlite3.Connection, routine_id: str) -> int:
    """The id of the routine's latest session (0 when it has none)."""
    row = conn.execute(
        "SELECT max(id) FROM sessions WHERE routine_id = ? AND status != 'running'", (routine_id,)
    ).fetchone()
    return int(row[0] or 0)


def outcomes(conn: sqlite3.Connection, routine_id: str, since: int = 0) -> list[PastSession]:
    """The routine's finished sessions after session ``since``, oldest first, with one
    mark per work segment (the rules never look further back than the last decision)."""
    sessions = conn.execute(
        "SELECT id, status, pain_before, pain_after FROM sessions"
        " WHERE routine_id = ? AND id > ? AND status != 'running'"
        " ORDER BY id DESC LIMIT ?",
        (routine_id, since, OUTCOME_LIMIT),
    ).fetchall()
    if not sessions:
        return []
    first = min(int(r[0]) for r in sessions)
    marks: dict[int, list[Mark]] = {}
    for sid, item, ex, planned, done, skipped, hurt in conn.execute(
        "SELECT g.session_id, g.item_index, g.exercise_id, g.planned_s, g.done_s, g.skipped,"
        " g.hurt FROM segments g JOIN sessions s ON s.id = g.session_id"
        " WHERE s.routine_id = ? AND g.session_id >= ? ORDER BY g.session_id, g.position",
        (routine_id, first),
    ):
        complete = not skipped and float(done) >= float(planned) - 1e-6
        marks.setdefault(int(sid), []).append(
            Mark(None if item is None else int(item), str(ex), complete, bool(skipped), bool(hurt))
        )
    return [
        PastSession(
            int(sid),
            SessionStatus(str(status)),
            None if before is None else int(before),
            None if after is None else int(after),
            tuple(marks.get(int(sid), ())),
        )
        for sid, status, before, after in reversed(sessions)
    ]
