"""Opening the history file, and what to do when it cannot be trusted or written.

Two kinds of trouble are told apart because they call for opposite responses:

* **Damage** (garbage, a truncated or empty file, a file from a newer backcoach, or a
  SQLite file that is not ours): the file and its ``-wal``/``-shm`` companions are
  moved aside together under a timestamped name, so nothing is deleted and the old
  file still opens in ``sqlite3``, and a fresh file is started.
* **Cannot write** (a read-only folder or file, a full disk, a locked or missing
  device): the file is left exactly as it is and the store stops saving.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from backcoach.core.history_schema import SCHEMA_VERSION, NewerSchemaError, migrate

# Every connection gets these, in this order, outside any transaction.
# synchronous=FULL: in WAL mode NORMAL can lose the last commits on power loss, and
# the point of committing each segment as it finishes is that a dead laptop keeps it.
PRAGMAS: tuple[str, ...] = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
)
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
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
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
        result = [str(r[0]) for r in conn.execute("PRAGMA quick_check(3)")]
        if result != ["ok"]:
            raise Damaged("; ".join(result))
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise Damaged("it is a SQLite file, but not a backcoach history", "foreign")
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(version)
    finally:
        conn.close()


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
            conn = sqlite3.connect(_uri(path, mode), uri=True, isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            conn.execute("SELECT count(*) FROM sessions, segments, events LIMIT 1").fetchone()
            return conn
        except sqlite3.Error:
            conn.close()
    memory = sqlite3.connect(":memory:", isolation_level=None)
    migrate(memory)
    return memory


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


def why_not_saving(exc: BaseException, folder: Path) -> str:
    """One sentence for the runner about why history cannot be written."""
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    if (code is not None and code & 0xFF == sqlite3.SQLITE_FULL) or "disk is full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return f"the history file or its folder {folder} is read-only"
    if "unable to open" in text:
        return f"the history file in {folder} cannot be opened for writing"
    if "locked" in text or "busy" in text:
        return "another backcoach is holding the history file"
    return str(exc) or type(exc).__name__
