"""The session log: one SQLite file, written as the runner goes, read by the review page.

Writing: a session's row is written when it starts, each segment is committed the
moment it finishes, and the row is closed when the session ends, each write its own
transaction with ``synchronous=FULL``. A crash or power cut therefore loses at most
the segment that was under way. At the next start-up, sessions still marked
``running`` become ``interrupted``, keeping what was done.

The store never raises for trouble with the file. A damaged file is set aside and a
fresh one started; a file that cannot be written (read-only folder, full disk) puts the
store in a not-saving mode. Either way ``notice`` says so in a sentence for the runner,
``saving`` says whether writes are landing, and the caller's session goes on.

Schema: ``history_schema``; opening and damage: ``history_files``; reads:
``history_queries``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from backcoach.core import history_files as files
from backcoach.core import history_queries as q
from backcoach.core.history_queries import PainPoint, SessionDetail, SessionRow, WeekMinutes
from backcoach.core.records import SegmentRecord, SessionEvent, SessionStatus

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = ["HistoryStore", "PainPoint", "SessionDetail", "SessionRow", "WeekMinutes"]


def iso_local(moment: datetime | None = None) -> str:
    """ISO 8601 with its UTC offset, to the second. Naive times are taken as local;
    an aware time keeps its own offset, so its calendar day is the one the runner saw."""
    moment = moment or datetime.now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def _check_pain(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name} must be a whole number from 0 to 10 or None, not {value!r}")
    return value


class HistoryStore:
    """Open with ``HistoryStore.open(path)``; close with ``close()`` (or ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, saving: bool, notice: str):
        self.path = path
        self.saving = saving
        self.notice = notice
        self.recovered = 0  # sessions found 'running' at open and closed as interrupted
        self._conn: sqlite3.Connection | None = conn

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str, *, recover: bool = True) -> HistoryStore:
        """Open (creating if needed) the history at ``path``. Never raises for the file.

        ``recover=False`` leaves ``running`` sessions alone: for readers such as the
        export command, which must not close a session an open window is still writing.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = files.connect(path)
        except Exception as exc:  # sorted below: the store must not raise
            if not files.is_damage(exc):
                return cls._not_saving(path, exc)
            store = cls._replace_damaged(path, exc)
        else:
            store = cls(path, conn, saving=True, notice="")
        if recover and store.saving:
            store.recovered = store._recover_running()
        return store

    @classmethod
    def _replace_damaged(cls, path: Path, exc: BaseException) -> HistoryStore:
        reason = getattr(exc, "reason", "damaged")
        log.warning("history file %s is unusable (%s); setting it aside", path, exc)
        try:
            aside = files.set_aside(path, reason)
            conn = files.connect(path)
        except Exception as again:  # e.g. the folder is read-only too
            store = cls._not_saving(path, again)
            store.notice = (
                f"Your history file {path} could not be read ({exc}) and could not be "
                f"replaced, so this session is not being saved."
            )
            return store
        log.warning("history file set aside as %s; started a new one", aside)
        why = getattr(exc, "why", str(exc))
        if reason == "damaged":
            why = f"it is damaged: {why}"
        notice = (
            f"Your history file could not be used ({why}), so a new one was started. "
            f"The old file is kept at {aside}."
        )
        return cls(path, conn, saving=True, notice=notice)

    @classmethod
    def _not_saving(cls, path: Path, exc: BaseException) -> HistoryStore:
        why = files.why_not_saving(exc, path.parent)
        log.error("history cannot be written at %s (%s): not saving", path, exc)
        notice = f"History can't be saved because {why}. This session is not being saved."
        return cls(path, files.connect_read_only(path), saving=False, notice=notice)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- writing
    def _write(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run ``work`` in one transaction; on a write failure stop saving, never raise.

        Integrity errors (an unknown session id) are the caller's bug and propagate.
        """
        conn = self._conn
        if not self.saving or conn is None:
            return None
        try:
            conn.execute("BEGIN IMMEDIATE")
            result = work(conn)
            conn.execute("COMMIT")
        except sqlite3.IntegrityError:
            self._rollback(conn)
            raise
        except (sqlite3.Error, OSError) as exc:
            self._rollback(conn)
            self.saving = False
            reason = (
                f"the history file is damaged ({exc}); it will be set aside at the next start"
                if files.is_damage(exc)
                else files.why_not_saving(exc, self.path.parent)
            )
            self.notice = (
                f"History can't be saved because {reason}. This session is not being saved."
            )
            log.error("history: %s failed (%s); not saving from now on", what, exc)
            return None
        except BaseException:  # the caller's own refusal (ValueError…): undo, pass it on
            self._rollback(conn)
            raise
        return result

    def transaction(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """``work`` in one transaction, for the other tables in this file (runs, shoes).

        None when not saving or when the write failed; ``notice`` then says why.
        """
        return self._write(what, work)

    def query(self, default: T, query: Callable[[sqlite3.Connection], T]) -> T:
        """A read for the other tables in this file; ``default`` when it fails."""
        return self._read(default, query)

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        try:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite rolls back on its own after I/O errors; nothing more to do

    def begin_session(
        self,
        routine_id: str,
        routine_name: str,
        planned_s: float,
        pain_before: int | None,
        app_version: str,
        started_at: datetime | None = None,
    ) -> int | None:
        """Write the session's row as it starts; its id, or None when not saving."""
        pain = _check_pain("pain_before", pain_before)
        row = (routine_id, routine_name, iso_local(started_at), float(planned_s), pain, app_version)

        def work(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "INSERT INTO sessions (routine_id, routine_name, started_at, status, planned_s,"
                " pain_before, app_version) VALUES (?, ?, ?, 'running', ?, ?, ?)",
                (row[0], row[1], row[2], row[3], row[4], row[5]),
            )
            return int(cur.lastrowid or 0)

        return self._write("begin_session", work)

    def record_segment(self, session_id: int | None, rec: SegmentRecord) -> None:
        """Commit one finished segment; the session's ``done_s`` grows with it."""
        if session_id is None:
            return

        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO segments (session_id, position, exercise_id, exercise_name, variant,"
                " side, set_no, round_no, planned_s, done_s, planned_reps, done_reps, skipped,"
                " hurt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
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
                ),
            )
            conn.execute(
                "UPDATE sessions SET done_s = done_s + ? WHERE id = ?",
                (float(rec.done_s), session_id),
            )

        self._write("record_segment", work)

    def record_event(self, session_id: int | None, ev: SessionEvent) -> None:
        if session_id is None:
            return
        self._write(
            "record_event",
            lambda conn: conn.execute(
                "INSERT INTO events (session_id, at_s, kind, exercise_id, side, value)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, float(ev.at_s), ev.kind, ev.exercise_id, ev.side, ev.value),
            ),
        )

    def end_session(
        self, session_id: int | None, status: SessionStatus, ended_at: datetime | None = None
    ) -> None:
        """Close the session; ``done_s`` is recomputed from its segments."""
        if status is SessionStatus.RUNNING:
            raise ValueError("end_session needs a final status, not 'running'")
        if session_id is None:
            return
        self._write(
            "end_session",
            lambda conn: conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, done_s = (SELECT"
                " coalesce(sum(done_s), 0) FROM segments WHERE session_id = sessions.id)"
                " WHERE id = ?",
                (str(status), iso_local(ended_at), session_id),
            ),
        )

    def save_summary(self, session_id: int | None, pain_after: int | None, notes: str) -> None:
        pain = _check_pain("pain_after", pain_after)
        if session_id is None:
            return
        self._write(
            "save_summary",
            lambda conn: conn.execute(
                "UPDATE sessions SET pain_after = ?, notes = ? WHERE id = ?",
                (pain, notes.strip(), session_id),
            ),
        )

    def _recover_running(self) -> int:
        def work(conn: sqlite3.Connection) -> int:
            cur = conn.execute(
                "UPDATE sessions SET status = 'interrupted', done_s = (SELECT"
                " coalesce(sum(done_s), 0) FROM segments WHERE session_id = sessions.id)"
                " WHERE status = 'running'"
            )
            return cur.rowcount

        recovered = self._write("recover", work) or 0
        if recovered:
            log.warning("history: %d session(s) left running marked interrupted", recovered)
        return recovered

    # ----------------------------------------------------------------- reading
    def _read(self, default: T, query: Callable[[sqlite3.Connection], T]) -> T:
        """Reads never raise either: a page that can't be read shows as empty."""
        if self._conn is None:
            return default
        try:
            return query(self._conn)
        except sqlite3.Error as exc:
            log.error("history: read failed: %s", exc)
            if not self.notice:
                self.notice = f"Part of your history could not be read ({exc})."
            return default

    def count(self) -> int:
        return self._read(0, q.count)

    def sessions(self, offset: int = 0, limit: int = 100) -> list[SessionRow]:
        """A page of sessions, newest first."""
        return self._read([], lambda c: q.sessions(c, offset, limit))

    def session(self, session_id: int) -> SessionDetail | None:
        """One session with its segments and events."""
        return self._read(None, lambda c: q.session_detail(c, session_id))

    def weekly_minutes(self, weeks: int = 12, today: date | None = None) -> list[WeekMinutes]:
        day = today or date.today()
        return self._read([], lambda c: q.weekly_minutes(c, weeks, day))

    def daily_minutes(self, first: date, last: date) -> dict[date, float]:
        """Minutes on each active local day in ``first..last``; the calendar's data."""
        return self._read({}, lambda c: q.daily_minutes(c, first, last))

    def streak(self, today: date | None = None) -> int:
        day = today or date.today()
        return self._read(0, lambda c: q.current_streak(c, day))

    def pain_series(self, since: date) -> list[PainPoint]:
        return self._read([], lambda c: q.pain_series(c, since))

    def recent_pain(self, n: int = 3) -> list[PainPoint]:
        """The last ``n`` rated sessions, newest first (for the safety check)."""
        return self._read([], lambda c: q.recent_pain(c, n))

    def pain_free_streak(self, exercise_id: str, variant: str = "") -> int:
        """Latest sessions in a row where this exercise went without pain (see safety)."""
        return self._read(0, lambda c: q.pain_free_streak(c, exercise_id, variant))

    def all_sessions(self) -> list[SessionDetail]:
        """Every session with its detail, oldest first (for export)."""
        return self._read([], q.all_details)
