"""Getting a session's writes into the history file, even when it refuses for a while.

Each write is tried at once, with a busy timeout short enough never to stall a
countdown. If the file refuses (another program holds it, the disk is full), the
write is kept, in order, with every later one: they are tried again with each new
write, by a background thread twice a second (each try waiting up to a second for
the other program), and at the end of a terminal session for a few seconds more,
each try waiting up to ``BUSY_TIMEOUT_S``. Nothing finished is dropped while the process lives, and a recovery file
beside the history holds whatever is waiting, in case the process does not live.

Listeners hear when saving starts failing and when it works again, so the session
page and the terminal can say so while the runner is still on the mat.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from backcoach.core import history_files as files
from backcoach.core import history_ops as ops
from backcoach.core import history_recovery as recovery
from backcoach.core.history_problems import Problem, describe
from backcoach.core.words import counted

log = logging.getLogger(__name__)
T = TypeVar("T")

FAST_BUSY_S = 0.1  # on the session's own thread: never long enough to stall a countdown
RETRY_BUSY_S = 1.0  # each background try; short, so that closing never waits long on it
RETRY_EVERY_S = 0.5  # between background tries
BUSY_TIMEOUT_S = files.BUSY_TIMEOUT_S  # each try at the end of a terminal session
SETTLE_S = 5.0  # how long the end of a terminal session keeps trying


@dataclass(frozen=True, slots=True)
class SaveState:
    saving: bool  # everything so far is in the file
    message: str  # for the runner: why not, and what to do; or that it works again
    unsaved: int = 0  # writes waiting
    kept_in: Path | None = None  # the recovery file holding them, once written


Listener = Callable[[SaveState], None]


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """Where one session's records ended up, for the last line of a terminal session."""

    row_id: int | None  # the session's row, once it is in the file
    unsaved: int  # its writes still waiting
    unsaved_sets: int
    kept_in: Path | None  # the recovery file holding them
    problem: Problem | None  # why the file refused them
    keep_problem: str  # why the recovery file could not be written either

    @property
    def saved(self) -> bool:
        return self.row_id is not None and self.unsaved == 0

    def sentence(self) -> str:
        if self.saved:
            return f"Saved as session {self.row_id}."
        what = counted(self.unsaved_sets, "set") if self.unsaved_sets else "the end of this session"
        why = f" ({self.problem.what})" if self.problem else ""
        if self.kept_in is not None:
            fix = self.problem.fix if self.problem else ""
            fix = f" To fix it: {fix}." if fix else ""
            return (
                f"Not saved: the history file refused {what}{why}. They are kept in "
                f"{self.kept_in} and will be added to your history the next time "
                f"backcoach starts.{fix}"
            )
        lost = f"; they could not be kept either ({self.keep_problem})" if self.keep_problem else ""
        return f"Not saved: the history file refused {what}{why}{lost}."


RECOVERED = "Saving works again: everything so far is in your history."


class Saver:
    def __init__(self, path: Path, conn: sqlite3.Connection | None, problem: Problem | None):
        self.path = path
        self._conn = conn
        self.problem = problem  # why the last try failed; None while saving
        self.reopened = 0  # bumped when a connection could be opened after all
        self.saved_since_open = problem is None  # a write has landed (or none was refused)
        self.keep_problem = ""  # why the recovery file could not be written either
        self._conn_lock = threading.Lock()  # the write connection and the recovery file
        self._lock = threading.RLock()  # everything below
        self._pending: list[ops.Op] = []
        self._ids: dict[int, int] = {}
        self._begun: dict[int, ops.Begin] = {}  # every session begun here, by each key
        self._next_key = -1
        self._listeners: list[Listener] = []
        self._retry: threading.Thread | None = None
        self._stop = threading.Event()
        self._kept: Path | None = None  # the recovery file, while it holds writes
        self._kept_count = 0  # how many writes it holds
        self._generation = 0
        self._told_failing = False  # listeners heard "failing" and not yet "works again"
        self._settled_at = -1e9  # when settle() last gave up waiting

    # ----------------------------------------------------------------- state
    @property
    def state(self) -> SaveState:
        with self._lock:
            waiting = len(self._pending)
            if self.problem is None and not waiting and self._conn is not None:
                return SaveState(True, "")
            return SaveState(False, self._failing_message(), waiting, self._kept)

    def _failing_message(self) -> str:
        problem = self.problem
        if problem is None:
            return "Saving is waiting to be tried again."
        if problem.damage:
            return problem.told("Saving has stopped", "your sets are kept until then.")
        return problem.told(
            "Saving is failing", "your sets are kept and saved as soon as it works again."
        )

    def watch(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unwatch(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _tell(self, state: SaveState) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(state)
            except Exception:  # a listener's bug must not stop saving
                log.exception("history: save listener failed")

    def row_id(self, key: int) -> int | None:
        """The session's row id once its row is in the file."""
        with self._lock:
            if any(isinstance(op, ops.Begin) and op.key == key for op in self._pending):
                return None
            return ops.row_id(self._ids, key)

    def waiting_for(self, key: int) -> int:
        """How many of this session's writes are still waiting."""
        with self._lock:
            return sum(1 for op in self._pending if op.key == key)

    def waiting_sets(self, key: int) -> int:
        with self._lock:
            return sum(
                1 for op in self._pending if isinstance(op, ops.AddSegment) and op.key == key
            )

    @property
    def kept_in(self) -> Path | None:
        return self._kept

    # ----------------------------------------------------------------- writing
    def begin(self, op: ops.Begin) -> int:
        """Submit a session's first write; its row id when it landed, else its key."""
        self.submit(op)
        row = self.row_id(op.key)
        return row if row is not None else op.key

    def new_key(self) -> int:
        with self._lock:
            key = self._next_key
            self._next_key -= 1
            return key

    def submit(self, op: ops.Op) -> None:
        with self._lock:
            self._pending.append(op)
            if isinstance(op, ops.Begin):
                self._begun[op.key] = op
        self._attempt(FAST_BUSY_S, wait=False, strict=True)
        with self._lock:
            if self._pending and not self._stop.is_set():
                self._start_retrying()

    def settle(self, timeout_s: float = SETTLE_S) -> SaveState:
        """Keep trying (blocking) until everything is in or ``timeout_s`` has passed."""
        deadline = time.monotonic() + timeout_s
        while True:
            self._attempt(min(BUSY_TIMEOUT_S, max(deadline - time.monotonic(), 0.0)), wait=True)
            left = deadline - time.monotonic()
            if not self._pending or left <= 0:
                break
            time.sleep(min(RETRY_EVERY_S, left))
        state = self.state
        if not state.saving:
            self.keep_waiting()
        self._settled_at = time.monotonic()
        return self.state

    def keep_waiting(self) -> None:
        """Make sure the recovery file holds everything still waiting."""
        with self._conn_lock:
            self._keep()

    def close(self) -> SaveState:
        """One last try, then whatever still waits goes into the recovery file."""
        with self._lock:
            self._stop.set()
            thread = self._retry
        if thread is not None:
            thread.join(timeout=RETRY_BUSY_S + 1)
        just_tried = time.monotonic() - self._settled_at < SETTLE_S  # settle() gave up
        if self._pending and not just_tried:
            self._attempt(BUSY_TIMEOUT_S, wait=True)
        if self._pending:
            self.keep_waiting()
        state = self.state
        with self._lock:
            for key in list(self._begun):
                row = ops.row_id(self._ids, key)
                if row is not None:
                    files.mark_live(self.path, row, False)
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        return state

    # ----------------------------------------------------------------- internals
    def _start_retrying(self) -> None:
        if self._retry is None or not self._retry.is_alive():
            self._retry = threading.Thread(
                target=self._retry_loop, name="history-retry", daemon=True
            )
            self._retry.start()

    def _retry_loop(self) -> None:
        while not self._stop.wait(RETRY_EVERY_S):
            self._attempt(RETRY_BUSY_S, wait=True)
            with self._lock:
                if not self._pending:
                    self._retry = None
                    return

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = files.connect(self.path)
            self.reopened += 1
        return self._conn

    def _attempt(self, busy_s: float, wait: bool, strict: bool = False) -> None:
        """Try everything waiting, in order, in one transaction.

        ``strict``: let an IntegrityError (the caller's bug) reach the caller.
        """
        if not self._conn_lock.acquire(blocking=wait):
            return  # the retry thread is at it; this write waits its turn in the queue
        try:
            while True:  # writes that arrived meanwhile go at once, not a second later
                with self._lock:
                    batch = list(self._pending)
                if not batch or not self._write(batch, busy_s):
                    break
        except sqlite3.IntegrityError:
            if strict:
                raise
        finally:
            self._conn_lock.release()
        with self._lock:
            recovered = self._told_failing and not self._pending and self.problem is None
            if recovered:
                self._told_failing = False
        if recovered:
            log.warning("history: saving works again")
            self._tell(SaveState(True, RECOVERED))

    def _write(self, batch: list[ops.Op], busy_s: float) -> bool:
        """True when the batch is in the file."""
        ids = dict(self._ids)
        current: ops.Op | None = None
        try:
            conn = self._connection()
            conn.execute(f"PRAGMA busy_timeout = {int(busy_s * 1000)}")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for current in batch:
                    ops.apply(conn, current, ids)
                if self._kept is not None:
                    recovery.mark(conn, f"{self._kept.name}#{self._generation}")
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        except sqlite3.IntegrityError:
            # A write naming a session that was never begun: the caller's bug, not the
            # disk's. It is dropped so that it cannot block every write after it.
            with self._lock:
                if current in self._pending:
                    self._pending.remove(current)
            log.error("history: dropped a write that broke the file's rules: %r", current)
            raise
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return False
        self._landed(batch, ids)
        return True

    def _landed(self, batch: list[ops.Op], ids: dict[int, int]) -> None:
        with self._lock:
            del self._pending[: len(batch)]
            self._ids = ids
            for op in batch:
                row = ops.row_id(ids, op.key)
                if isinstance(op, ops.Begin) and row is not None:
                    self._begun[row] = replace(op, key=row)
                    files.mark_live(self.path, row, True)
                elif isinstance(op, ops.End) and row is not None:
                    files.mark_live(self.path, row, False)
            kept = self._kept
            self._kept = None
            self.problem = None
            self.saved_since_open = True
        if kept is not None:
            kept.unlink(missing_ok=True)

    def _failed(self, exc: BaseException) -> None:
        problem = describe(exc, self.path)
        with self._lock:
            changed = self.problem != problem or not self._told_failing
            self.problem = problem
            self._told_failing = True
            self._keep()
            state = self.state
        if changed:
            log.error("history: write failed (%s); keeping %d write(s)", exc, state.unsaved)
            self._tell(state)

    def _keep(self) -> None:
        """Write the recovery file (under the connection lock) when what waits changed."""
        with self._lock:
            waiting = list(self._pending)
            if not waiting:
                return
            if self._kept is not None and self._kept_count == len(waiting):
                return
            sessions = dict(self._begun)
            generation = self._generation + 1
        path = recovery.path_for(self.path)
        try:
            recovery.write(path, generation, sessions, waiting)
        except OSError as exc:
            self.keep_problem = describe(exc, path).what
            log.error("history: the recovery file %s could not be written: %s", path, exc)
            return
        with self._lock:
            self._kept, self._kept_count, self._generation = path, len(waiting), generation
            self.keep_problem = ""


class WriteRefused(Exception):
    """A write outside the session queue (runs, shoes) that the file refused; ``str()``
    says why and what to do, in a sentence for the runner."""


def run_once(saver: Saver, work: Callable[[sqlite3.Connection], T]) -> T:
    """``work`` in one transaction on ``saver``'s connection, taking turns with the
    session writes. Not queued or retried: the caller still has what it was writing
    (a run file can be imported again). Raises WriteRefused, or the caller's own error."""
    with saver._conn_lock:
        try:
            conn = saver._connection()
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise
        except sqlite3.IntegrityError:
            raise
        except (sqlite3.Error, OSError) as exc:
            log.error("history: a write outside the session queue failed: %s", exc)
            raise WriteRefused(describe(exc, saver.path).told("It could not be saved")) from exc
    return result


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite rolls back on its own after I/O errors; nothing more to do
