"""The history's writes as plain data: applied to the file, or kept until it can be.

Every write a session makes is one of these. Held as data rather than as SQL already
run, a write the file refused can wait in memory and be tried again, or go into a
recovery file and be merged at the next start, exactly as it would have been written.

Sessions are named by a *key*: the row id once the session's row is in the file, a
negative number until then. ``apply`` keeps the map from keys to row ids.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from backcoach.core.history_schema import WORK_PLANNED_FROM_SEGMENTS
from backcoach.core.records import SegmentRecord, SessionEvent


@dataclass(frozen=True, slots=True)
class Begin:
    key: int
    routine_id: str
    routine_name: str
    started_at: str  # ISO 8601 with offset
    planned_s: float
    pain_before: int | None
    app_version: str
    owner_pid: int | None
    owner_started: float | None
    # planned_s counts the exercise time alone. Ops kept by versions before that (in a
    # recovery file) lack the field: their planned_s was the whole timeline.
    work_basis: bool = False


@dataclass(frozen=True, slots=True)
class AddSegment:
    key: int
    record: SegmentRecord


@dataclass(frozen=True, slots=True)
class AddEvent:
    key: int
    event: SessionEvent


@dataclass(frozen=True, slots=True)
class End:
    key: int
    status: str
    ended_at: str
    planned_s: float | None = None  # the exercise time planned by the end; None: kept as begun


@dataclass(frozen=True, slots=True)
class Summary:
    key: int
    pain_after: int | None
    notes: str


@dataclass(frozen=True, slots=True)
class LevelRow:
    """A decision about the runner's level (``progression``): not a session's, so its
    key is 0; written, kept and retried like the session writes all the same."""

    key: int
    routine_id: str
    slot: str
    kind: str
    reason: str
    after_session: int
    decided_at: str  # ISO 8601 with offset
    exercise_id: str = ""
    variant: str = ""
    hold_s: float | None = None
    reps: int | None = None
    sets: int | None = None
    rounds: int | None = None


Op = Begin | AddSegment | AddEvent | End | Summary | LevelRow
_KINDS: dict[str, type[Any]] = {
    "begin": Begin,
    "segment": AddSegment,
    "event": AddEvent,
    "end": End,
    "summary": Summary,
    "level": LevelRow,
}


def row_id(ids: dict[int, int], key: int) -> int | None:
    """The row id for a session key: from the map, else the key itself when positive."""
    return ids.get(key, key if key > 0 else None)


def apply(conn: sqlite3.Connection, op: Op, ids: dict[int, int]) -> None:
    """Run one write inside the caller's transaction; ``ids`` learns new sessions' ids."""
    if isinstance(op, Begin):
        cur = conn.execute(
            "INSERT INTO sessions (routine_id, routine_name, started_at, status, planned_s,"
            " pain_before, app_version, owner_pid, owner_started, planned_basis)"
            " VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)",
            (
                op.routine_id,
                op.routine_name,
                op.started_at,
                op.planned_s,
                op.pain_before,
                op.app_version,
                op.owner_pid,
                op.owner_started,
                "work" if op.work_basis else "timeline",
            ),
        )
        ids[op.key] = int(cur.lastrowid or 0)
        return
    if isinstance(op, LevelRow):
        conn.execute(
            "INSERT INTO level_changes (routine_id, slot, kind, reason, after_session,"
            " decided_at, exercise_id, variant, hold_s, reps, sets, rounds)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (op.routine_id, op.slot, op.kind, op.reason, op.after_session, op.decided_at,
             op.exercise_id, op.variant, op.hold_s, op.reps, op.sets, op.rounds),
        )  # fmt: skip
        return
    sid = row_id(ids, op.key)
    if sid is None:
        raise sqlite3.IntegrityError(f"FOREIGN KEY: session {op.key} was never begun")
    if isinstance(op, AddSegment):
        rec = op.record
        conn.execute(
            "INSERT INTO segments (session_id, position, exercise_id, exercise_name, variant,"
            " side, set_no, round_no, planned_s, done_s, planned_reps, done_reps, skipped,"
            " hurt, item_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sid,
                rec.index,
                rec.exercise_id,
                rec.exercise_name,
                rec.variant,
                rec.side,
                rec.set_no,
                rec.round_no,
                float(rec.planned_s),
                float(rec.done_s),
                rec.planned_reps,
                rec.done_reps,
                int(rec.skipped),
                int(rec.hurt),
                rec.item_index if rec.item_index >= 0 else None,
            ),
        )
        conn.execute(
            "UPDATE sessions SET done_s = done_s + ? WHERE id = ?", (float(rec.done_s), sid)
        )
    elif isinstance(op, AddEvent):
        ev = op.event
        conn.execute(
            "INSERT INTO events (session_id, at_s, kind, exercise_id, side, value)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (sid, float(ev.at_s), ev.kind, ev.exercise_id, ev.side, ev.value),
        )
    elif isinstance(op, End):
        conn.execute(
            "UPDATE sessions SET status = ?, ended_at = ?, done_s = (SELECT"
            " coalesce(sum(done_s), 0) FROM segments WHERE session_id = sessions.id)"
            " WHERE id = ?",
            (op.status, op.ended_at, sid),
        )
        if op.planned_s is not None:
            conn.execute(
                "UPDATE sessions SET planned_s = ?, planned_basis = 'work' WHERE id = ?",
                (float(op.planned_s), sid),
            )
        else:  # an old version's session, merged from its recovery file
            conn.execute(f"{WORK_PLANNED_FROM_SEGMENTS} AND id = ?", (sid,))
    else:
        conn.execute(
            "UPDATE sessions SET pain_after = ?, notes = ? WHERE id = ?",
            (op.pain_after, op.notes, sid),
        )


def to_json(op: Op) -> dict[str, Any]:
    kind = next(name for name, cls in _KINDS.items() if isinstance(op, cls))
    return {"op": kind, **asdict(op)}


def from_json(data: dict[str, Any]) -> Op:
    """Raises KeyError / TypeError / ValueError for anything that is not an op."""
    fields = {k: v for k, v in data.items() if k != "op"}
    cls = _KINDS[str(data["op"])]
    if cls is AddSegment:
        fields["record"] = SegmentRecord(**fields["record"])
    elif cls is AddEvent:
        fields["event"] = SessionEvent(**fields["event"])
    op: Op = cls(**fields)
    if not isinstance(op.key, int):
        raise TypeError("a session key is a whole number")
    return op
