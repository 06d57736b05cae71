"""The session log: one SQLite file, written as the runner goes, read by the review page.

Writing: a session's row is written when it starts, each segment is committed the
moment it finishes, and the row is closed when the session ends, each write its own
transaction with ``synchronous=FULL``. A crash or power cut therefore loses at most
the segment that was under way. A write the file refuses (another program holds it,
the disk is full) is kept and tried again (``history_saver``), and listeners hear
that saving is failing and when it works again. Each live session names its owner
(pid and start time); at the next start-up, sessions whose owner is gone become
``interrupted``, keeping what was done, and recovery files are merged.

The store never raises for trouble with the file. A damaged file is set aside and a
fresh one started; ``notice`` says what happened in a sentence for the runner,
``saving`` says whether everything so far is in the file, and the session goes on.

``HistoryStore.open`` is for the one owner of the data folder (the window, ``run``);
``HistoryStore.open_reader`` is for readers (``history --json``), which read a copy
and never write, move or create anything.

Schema: ``history_schema``; opening and damage: ``history_files``; the writes:
``history_ops``; retrying: ``history_saver``; reads: ``history_reads`` over
``history_queries``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from backcoach.core import history_files as files
from backcoach.core import history_ops as ops
from backcoach.core import history_recovery as recovery
from backcoach.core.history_problems import Problem, describe
from backcoach.core.history_queries import PainPoint, SessionDetail, SessionRow, WeekMinutes
from backcoach.core.history_reads import HistoryReads
from backcoach.core.history_saver import SETTLE_S, Listener, Saver, SaveState, SessionOutcome
from backcoach.core.processes import this_process
from backcoach.core.records import SegmentRecord, SessionEvent, SessionStatus
from backcoach.core.words import counted

if TYPE_CHECKING:  # the levels' modules load when first used, not at start-up
    from backcoach.core.progression import LevelChange

log = logging.getLogger(__name__)

T = TypeVar("T")

__all__ = [
    "HistoryStore",
    "PainPoint",
    "SaveState",
    "SessionDetail",
    "SessionOutcome",
    "SessionRow",
    "WeekMinutes",
]

TIDY_BUSY_S = 0.5


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


class ReadOnlyHistory(RuntimeError):
    """A reader's store was asked to write."""


class HistoryStore(HistoryReads):
    """Open with ``HistoryStore.open(path)``; close with ``close()`` (or ``with``)."""

    def __init__(
        self, path: Path, saver: Saver | None, reader: sqlite3.Connection, notice: str
    ) -> None:
        self.path = path
        self.recovered = 0  # sessions found 'running' with their owner gone, now interrupted
        self.merged = recovery.Merged()  # what recovery files added at open
        self._saver = saver  # None for a reader, which never writes
        self._reader: sqlite3.Connection | None = reader
        self._reader_for = saver.reopened if saver else 0
        self._notice = notice
        self.write_error = ""  # why the last write to the runs or shoes failed, if it did

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path | str, *, recover: bool = True) -> HistoryStore:
        """Open (creating if needed) the history at ``path`` to write. Never raises for
        the file. ``recover``: merge recovery files and close dead owners' sessions."""
        path = Path(path)
        conn: sqlite3.Connection | None = None
        problem: Problem | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = files.connect(path)
            notice = ""
        except Exception as exc:  # sorted below: the store must not raise
            if files.is_damage(exc):
                conn, notice, problem = cls._replace_damaged(path, exc)
            else:
                problem = describe(exc, path)
                log.error("history cannot be written at %s (%s)", path, exc)
                notice = problem.told(
                    "History can't be saved right now",
                    "backcoach keeps your sets and saves them as soon as it can.",
                )
        store = cls(path, Saver(path, conn, problem), files.reader_for_owner(path, conn), notice)
        if recover and conn is not None:
            store._tidy(conn)
        return store

    @classmethod
    def open_reader(cls, path: Path | str) -> HistoryStore:
        """Read the history at ``path`` without changing, moving or creating anything."""
        path = Path(path)
        try:
            conn = files.open_snapshot(path)
            notice = ""
        except Exception as exc:  # a reader reports, and leaves the file to the owner
            why = getattr(exc, "why", str(exc))
            log.warning("history at %s cannot be read: %s", path, exc)
            notice = (
                f"Your history file {path} could not be read ({why}). It was left as it is; "
                "the backcoach window deals with it the next time it opens."
            )
            conn = files.empty_history(path)
        return cls(path, None, conn, notice)

    @classmethod
    def _replace_damaged(
        cls, path: Path, exc: BaseException
    ) -> tuple[sqlite3.Connection | None, str, Problem | None]:
        reason = getattr(exc, "reason", "damaged")
        log.warning("history file %s is unusable (%s); setting it aside", path, exc)
        try:
            aside = files.set_aside(path, reason)
            conn = files.connect(path)
        except Exception as again:  # e.g. the folder is read-only too
            problem = describe(again, path)
            notice = problem.told(
                f"Your history file {path} could not be read ({exc}) and could not be replaced",
                "",
            )
            return None, notice, problem
        log.warning("history file set aside as %s; started a new one", aside)
        why = getattr(exc, "why", str(exc))
        if reason == "damaged":
            why = f"it is damaged: {why}"
        notice = (
            f"Your history file could not be used ({why}), so a new one was started. "
            f"The old file is kept at {aside}."
        )
        return conn, notice, None

    def _tidy(self, conn: sqlite3.Connection) -> None:
        """At an owner's start: merge recovery files, then close dead owners' sessions.

        Only briefly waits for another program holding the file: this can wait for the
        next start, the session the runner is about to begin cannot.
        """
        conn.execute(f"PRAGMA busy_timeout = {int(TIDY_BUSY_S * 1000)}")
        try:
            merged, problems = recovery.merge_all(conn, self.path)
            self.merged = merged
            self.recovered = recovery.mark_dead_owners_sessions(conn)
        except sqlite3.Error as exc:  # e.g. held by another program: next start, then
            log.warning("history: could not tidy up at open (%s)", exc)
            return
        if merged.files:
            log.warning("history: merged %s", counted(merged.files, "recovery file"))
            self._add_notice(
                f"{counted(merged.sets, 'set')} that could not be saved last time "
                "were added to your history (recovered)."
            )
        for problem in problems:
            self._add_notice(f"A recovery file is waiting: {problem}.")

    def _add_notice(self, text: str) -> None:
        self._notice = f"{self._notice} {text}".strip()

    def close(self) -> SaveState | None:
        """Close the file; what could not be saved goes into a recovery file first."""
        state = self._saver.close() if self._saver is not None else None
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        return state

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- saving state
    @property
    def saving(self) -> bool:
        """True when everything written so far is in the file."""
        return self._saver is not None and self._saver.state.saving

    @property
    def notice(self) -> str:
        """What the runner should know: why saving fails now, or what happened at open."""
        saver = self._saver
        failing = saver is not None and saver.problem is not None
        if saver is not None and failing and (saver.saved_since_open or not self._notice):
            return saver.state.message
        return self._notice

    @property
    def save_state(self) -> SaveState:
        if self._saver is None:
            return SaveState(False, "This history is open for reading only.")
        return self._saver.state

    def watch(self, listener: Listener) -> None:
        """``listener(state)`` when saving starts failing and when it works again; it may
        be called from the store's background thread."""
        if self._saver is not None:
            self._saver.watch(listener)

    def unwatch(self, listener: Listener) -> None:
        if self._saver is not None:
            self._saver.unwatch(listener)

    def settle(self, timeout_s: float = SETTLE_S) -> SaveState:
        """Wait (blocking) up to ``timeout_s`` for waiting writes to land; for the end
        of a terminal session. Whatever still waits is in the recovery file after."""
        if self._saver is None:
            return self.save_state
        return self._saver.settle(timeout_s)

    def finish(self, session_id: int | None, tell: Callable[[str], None] | None = None) -> str:
        """At the end of a terminal session: keep trying for a few seconds, then say in
        one sentence whether the session is in the file, or what is kept where."""
        if self._saver is not None and not self.saving:
            if tell is not None:
                tell("Saving what is left of this session: the history file still refuses it.")
            self.settle()
        return self.outcome(session_id).sentence()

    def outcome(self, session_id: int | None) -> SessionOutcome:
        """Where one session's records are: all in the file, or kept and why."""
        saver = self._saver
        if saver is None or session_id is None:
            return SessionOutcome(None, 0, 0, None, None, "no history file is open")
        return SessionOutcome(
            saver.row_id(session_id),
            saver.waiting_for(session_id),
            saver.waiting_sets(session_id),
            saver.kept_in,
            saver.problem,
            saver.keep_problem,
        )

    # ----------------------------------------------------------------- writing
    def _submit(self, op: ops.Op) -> None:
        if self._saver is None:
            raise ReadOnlyHistory("this history was opened for reading only")
        self._saver.submit(op)

    def begin_session(
        self,
        routine_id: str,
        routine_name: str,
        planned_s: float,
        pain_before: int | None,
        app_version: str,
        started_at: datetime | None = None,
    ) -> int | None:
        """Write the session's row as it starts. Returns its id: the row id when the row
        is in the file, else a (negative) key that later calls use all the same."""
        pain = _check_pain("pain_before", pain_before)
        if self._saver is None:
            raise ReadOnlyHistory("this history was opened for reading only")
        me = this_process()
        op = ops.Begin(
            self._saver.new_key(),
            routine_id,
            routine_name,
            iso_local(started_at),
            float(planned_s),
            pain,
            app_version,
            me.pid,
            me.started,
            work_basis=True,
        )
        return self._saver.begin(op)

    def record_segment(self, session_id: int | None, rec: SegmentRecord) -> None:
        """Commit one finished segment; the session's ``done_s`` grows with it."""
        if session_id is not None:
            self._submit(ops.AddSegment(session_id, rec))

    def record_event(self, session_id: int | None, ev: SessionEvent) -> None:
        if session_id is not None:
            self._submit(ops.AddEvent(session_id, ev))

    def end_session(
        self,
        session_id: int | None,
        status: SessionStatus,
        ended_at: datetime | None = None,
        *,
        planned_s: float | None = None,
    ) -> None:
        """Close the session; ``done_s`` is recomputed from its segments. ``planned_s``,
        the exercise time planned by the end (a switch to an easier variant may change
        it), replaces the one given at the start; None keeps that."""
        if status is SessionStatus.RUNNING:
            raise ValueError("end_session needs a final status, not 'running'")
        if session_id is not None:
            planned = None if planned_s is None else float(planned_s)
            self._submit(ops.End(session_id, str(status), iso_local(ended_at), planned))

    def save_summary(self, session_id: int | None, pain_after: int | None, notes: str) -> None:
        pain = _check_pain("pain_after", pain_after)
        if session_id is not None:
            self._submit(ops.Summary(session_id, pain, notes.strip()))

    def record_level_changes(self, rows: list[LevelChange]) -> bool:
        """Keep the runner's decisions about their levels, each its own write like a
        session's (kept and retried when the file refuses it); True when they are in."""
        from backcoach.core import history_levels as lv

        for row in rows:
            self._submit(lv.level_op(row, iso_local))
        return self.saving

    # ----------------------------------------------------------------- other tables
    def transaction(self, what: str, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """``work`` in one transaction, for the other tables in this file (runs, shoes).

        None when the file refused it; ``write_error`` then says why in a sentence.
        """
        from backcoach.core.history_saver import WriteRefused, run_once

        if self._saver is None:
            raise ReadOnlyHistory("this history was opened for reading only")
        try:
            result = run_once(self._saver, work)
        except WriteRefused as exc:
            self.write_error = str(exc)
            log.error("history: %s failed: %s", what, exc)
            return None
        self.write_error = ""
        return result

    def query(self, default: T, query: Callable[[sqlite3.Connection], T]) -> T:
        """A read for the other tables in this file; ``default`` when it fails."""
        return self._read(default, query)

    def row_id(self, session_id: int | None) -> int | None:
        """A session's row id in the file (None while its row still waits to be saved)."""
        if self._saver is None or session_id is None:
            return session_id
        return self._saver.row_id(session_id)

    # ----------------------------------------------------------------- reading
    def _read(self, default: T, query: Callable[[sqlite3.Connection], T]) -> T:
        """Reads never raise either: a page that can't be read shows as empty."""
        conn = self._reading()
        if conn is None:
            return default
        try:
            return query(conn)
        except sqlite3.Error as exc:
            log.error("history: read failed: %s", exc)
            if not self._notice:
                self._notice = f"Part of your history could not be read ({exc})."
            return default

    def _reading(self) -> sqlite3.Connection | None:
        """The read connection; a fresh one once the file could be opened after all."""
        saver = self._saver
        if saver is not None and saver.reopened != self._reader_for and self._reader is not None:
            self._reader_for = saver.reopened
            self._reader.close()
            self._reader = files.reader(self.path)
        return self._reader
