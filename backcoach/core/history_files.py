"""Opening the history file, and what to do when it cannot be trusted or written.

Two kinds of trouble are told apart because they call for opposite responses:

* **Damage** (garbage, a truncated or empty file, a file from a newer backcoach, or a
  SQLite file that is not ours): the file and its ``-wal``/``-shm`` companions are
  moved aside together under a timestamped name, so nothing is deleted and the old
  file still opens in ``sqlite3``, and a fresh file is started.
* **Cannot write** (a read-only folder or file, a full disk, a locked or missing
  device): the file is left exactly as it is; the store keeps what it could not write
  and tries again.

Readers (``open_snapshot``) are different again: they never move, rename or create a
file, so they read a copy taken into memory and only report what they found.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from backcoach.core.history_schema import SCHEMA_VERSION, NewerSchemaError, migrate, user_version
from backcoach.core.processes import is_alive, this_process

# Every connection gets these, in this order, outside any transaction.
# synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss, and
# the point of committing each segment as it finishes is that a dead laptop keeps it.
PRAGMAS: tuple[str, ...] = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)
# How long one write waits for another program's lock before giving up for now (the
# store tries again later): seconds, as a desktop program can afford, never for ever.
BUSY_TIMEOUT_S = 3.0
T = TypeVar("T")
_OUR_TABLES = frozenset({"sessions", "segments", "events", "runs", "shoes"})
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


class Damaged(Exception):
    """The file is not a history file this backcoach can use."""

    def __init__(self, why: str, reason: str = "damaged") -> None:
        super().__init__(why)
        self.why = why
        self.reason = reason  # goes into the set-aside file's name


def is_damage(exc: BaseException) -> bool:
    """True for errors that mean the file's content is bad, not that we can't write."""
    if isinstance(exc, Damaged | NewerSchemaError):
        return True
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorcode", None)
        return code is None or (code & 0xFF) in _DAMAGE_CODES
    return False


def connect(path: Path) -> sqlite3.Connection:
    """Open, check and migrate ``path`` for reading and writing.

    Raises Damaged / NewerSchemaError / sqlite3.DatabaseError for a bad file,
    sqlite3.OperationalError or OSError when it cannot be opened for writing.
    """
    existed = path.exists()
    if existed and path.is_file():
        if path.stat().st_size == 0:
            raise Damaged("the file is empty")
        _check_read_only(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    register_functions(conn, path)
    try:
        for pragma in PRAGMAS:
            conn.execute(pragma)
        migrate(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if missing := _OUR_TABLES - tables:
            raise Damaged(f"tables missing: {', '.join(sorted(missing))}")
    except BaseException:
        conn.close()
        if not existed:
            _remove_if_empty(path)  # a failed first open must not look like damage next time
        raise
    return conn


def write_all_at_once(path: Path, work: Callable[[sqlite3.Connection], T]) -> T:
    """Open ``path`` and run ``work`` in one transaction (sample data: thousands of rows
    through the one-commit-per-write API would spend minutes in fsync)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        result = work(conn)
        conn.execute("COMMIT")
        return result
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


def _check_read_only(path: Path) -> None:
    """Look the file over through a read-only connection first.

    A read-write connection to a damaged file could checkpoint its WAL into it or
    delete the WAL on close; a read-only one changes neither, so whatever is set
    aside is what was found. quick_check reads every page but skips the index
    cross-checks, finding torn and truncated files at open rather than mid-session.
    """
    try:
        conn = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.OperationalError:
        return  # cannot even read it here: the read-write open reports why
    try:
        _check(conn)
    finally:
        conn.close()


def _check(conn: sqlite3.Connection) -> None:
    result = [str(r[0]) for r in conn.execute("PRAGMA quick_check(3)")]
    if result != ["ok"]:
        raise Damaged("; ".join(result))
    version = user_version(conn)
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise Damaged("it is a SQLite file, but not a backcoach history", "foreign")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version)


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Best effort at showing existing history when it cannot be written.

    A WAL file in a read-only folder may not open read-only when its ``-shm`` is
    missing; ``immutable=1`` then reads the main file alone (without any commits
    still in the WAL). Failing both, an empty in-memory history keeps the page working.
    """
    for mode in ("ro", "ro&immutable=1"):
        try:
            conn = sqlite3.connect(
                _uri(path, mode), uri=True, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error:
            continue
        try:
            register_functions(conn, path)
            if user_version(conn) == SCHEMA_VERSION:
                conn.execute("SELECT count(*) FROM sessions, segments, events LIMIT 1").fetchone()
                return conn
            return _in_memory(conn, path)  # an older file: read a migrated copy
        except sqlite3.Error:
            conn.close()
    return empty_history(path)


def empty_history(path: Path) -> sqlite3.Connection:
    """An empty history in memory: keeps the pages working when there is no file."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    register_functions(memory, path)
    migrate(memory)
    return memory


def open_snapshot(path: Path) -> sqlite3.Connection:
    """A copy of the history in memory, for readers; creates, moves and changes nothing.

    SQLite's own read-only mode still creates ``-wal``/``-shm`` files next to a WAL
    database that has none (a cleanly closed one), so: with no WAL the main file is read
    as immutable; with both companions (a live writer) they are used as they are; with a
    WAL but no index, both are copied to a temporary folder elsewhere and read there.
    A missing file reads as an empty history. Raises Damaged / NewerSchemaError.
    """
    if not path.exists():
        return empty_history(path)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if not wal.exists():
        return _snapshot_of(path, "ro&immutable=1", path)
    if shm.exists():
        return _snapshot_of(path, "ro", path)
    with tempfile.TemporaryDirectory(prefix="backcoach-read-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, Path(f"{copy}-wal"))
        return _snapshot_of(copy, "ro", path)


def _snapshot_of(source: Path, mode: str, real: Path) -> sqlite3.Connection:
    if source.stat().st_size == 0:
        raise Damaged("the file is empty")
    conn = sqlite3.connect(_uri(source, mode), uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        _check(conn)
        return _in_memory(conn, real)
    finally:
        conn.close()


def _in_memory(conn: sqlite3.Connection, real: Path) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.backup(memory)
    register_functions(memory, real)
    migrate(memory)  # an older file's copy is brought up to date; the file is not
    return memory


# --------------------------------------------------------------- session owners
# Sessions this process has open, by (file, row id): a store closed in this same
# process (a test, a window reopened) leaves its sessions as dead as a killed one's.
_live_sessions: set[tuple[str, int]] = set()


def mark_live(path: Path, session_id: int, live: bool) -> None:
    key = (str(path.resolve()), session_id)
    if live:
        _live_sessions.add(key)
    else:
        _live_sessions.discard(key)


def register_functions(conn: sqlite3.Connection, path: Path) -> None:
    """``owner_alive(pid, started, id)`` for the queries: is this running session's
    owner still running it? Readers use it to show a dead owner's session as
    interrupted without writing; the next owner uses it to mark them so."""
    where = str(path.resolve())
    me = this_process()

    def owner_alive(pid: object, started: object, session_id: object) -> int:
        pid_n = pid if isinstance(pid, int) else None
        start = float(started) if isinstance(started, int | float) else None
        if pid_n == me.pid and (start is None or me.started is None or abs(start - me.started) < 2):
            return int((where, session_id) in _live_sessions)
        return int(is_alive(pid_n, start))

    conn.create_function("owner_alive", 3, owner_alive)


def set_aside(path: Path, reason: str) -> Path:
    """Move ``path`` and its ``-wal``/``-shm`` to ``<name>.<reason>-<timestamp>[-wal|-shm]``.

    The companions keep the pairing SQLite expects, so the set-aside file still opens
    with its last commits. Raises OSError when the folder is not writable.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{reason}-{stamp}")
    n = 2
    while any(Path(f"{aside}{s}").exists() for s in ("", "-wal", "-shm")):
        aside = path.with_name(f"{path.name}.{reason}-{stamp}-{n}")
        n += 1
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{aside}{suffix}"))
    return aside


def _remove_if_empty(path: Path) -> None:
    try:
        if path.is_file() and path.stat().st_size == 0:
            path.unlink()
    except OSError:
        pass


READ_BUSY_S = 1.0


def reader_for_owner(path: Path, conn: sqlite3.Connection | None) -> sqlite3.Connection:
    """The owner's reads get their own connection: never queued behind a write that
    waits; read-only when the file could not be opened for writing (``conn`` None)."""
    if conn is None:
        return connect_read_only(path)
    return reader(path)


def reader(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=READ_BUSY_S, isolation_level=None, check_same_thread=False)
    register_functions(conn, path)
    return conn
