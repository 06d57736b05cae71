"""Recovery files: what the history file refused, kept next to it until it can be merged.

While saving fails, the store keeps a small JSON file beside the history
(``history.sqlite3.unsaved-<pid>-<start>.json``) holding every write still waiting,
rewritten atomically each time that changes, and removed once they land. If the
process ends first, the next owner of the folder merges the file into the history.

Merging happens exactly once: each version of the file carries a generation number,
and ``<name>#<generation>`` goes into the ``recovery_merged`` table in the same
transaction as the writes, so a crash between that commit and deleting the file
cannot merge it twice. The live process does the same when its waiting writes land.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backcoach.core import history_ops as ops
from backcoach.core.processes import ProcessId, is_alive, this_process
from backcoach.core.words import counted

log = logging.getLogger(__name__)

FORMAT = "backcoach-unsaved"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024  # far beyond any real session; refuses anything else


@dataclass(frozen=True, slots=True)
class Recovery:
    path: Path
    generation: int
    owner: ProcessId
    sessions: dict[int, ops.Begin]  # every session the writes refer to, by key
    writes: tuple[ops.Op, ...]

    @property
    def marker(self) -> str:
        return f"{self.path.name}#{self.generation}"


@dataclass(frozen=True, slots=True)
class Merged:
    files: int = 0
    sessions: int = 0
    sets: int = 0


def path_for(db: Path, owner: ProcessId | None = None) -> Path:
    me = owner or this_process()
    return db.with_name(f"{db.name}.unsaved-{me.pid}-{int(me.started or 0)}.json")


def files_for(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.unsaved-*.json"))


def write(
    path: Path, generation: int, sessions: dict[int, ops.Begin], writes: Iterable[ops.Op]
) -> None:
    """Atomically: a crash mid-write leaves the previous version, never half a file."""
    me = this_process()
    writes = list(writes)
    keys = {w.key for w in writes}
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "generation": generation,
        "owner": {"pid": me.pid, "started": me.started},
        "sessions": [ops.to_json(b) for k, b in sessions.items() if k in keys],
        "writes": [ops.to_json(w) for w in writes],
    }
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read(path: Path) -> Recovery:
    """Raises OSError, or ValueError for a file that is not a recovery file."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    doc = json.loads(path.read_text(encoding="utf-8"))
    try:
        if doc["format"] != FORMAT or doc["version"] != VERSION:
            raise ValueError(f"not a {FORMAT} file of version {VERSION}")
        owner = ProcessId(int(doc["owner"]["pid"]), doc["owner"]["started"])
        begins = [ops.from_json(d) for d in doc["sessions"]]
        sessions = {b.key: b for b in begins if isinstance(b, ops.Begin)}
        writes = tuple(ops.from_json(d) for d in doc["writes"])
        generation = int(doc["generation"])
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a recovery file ({exc!r})") from None
    return Recovery(path, generation, owner, sessions, writes)


def merge_all(conn: sqlite3.Connection, db: Path) -> tuple[Merged, list[str]]:
    """Merge every recovery file left by a process that is gone; (totals, problems)."""
    total = Merged()
    problems: list[str] = []
    for path in files_for(db):
        try:
            rec = read(path)
        except (OSError, ValueError) as exc:
            log.warning("recovery file %s unreadable: %s", path, exc)
            problems.append(f"{path} could not be read ({exc}); it was left where it is")
            continue
        me = this_process()
        if rec.owner.pid != me.pid and is_alive(rec.owner.pid, rec.owner.started):
            continue  # its owner is still at work and will merge it itself
        try:
            done = merge(conn, rec)
        except sqlite3.Error as exc:
            log.error("recovery file %s could not be merged: %s", path, exc)
            problems.append(f"{path} could not be added to your history yet ({exc})")
            continue
        path.unlink(missing_ok=True)
        total = Merged(total.files + 1, total.sessions + done.sessions, total.sets + done.sets)
    return total, problems


def merge(conn: sqlite3.Connection, rec: Recovery) -> Merged:
    """One file's writes in one transaction; nothing when it was merged before."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        seen = conn.execute(
            "SELECT 1 FROM recovery_merged WHERE name = ?", (rec.marker,)
        ).fetchone()
        if seen:
            conn.execute("COMMIT")
            return Merged()
        ids: dict[int, int] = {}
        known = {w.key for w in rec.writes if isinstance(w, ops.Begin)}
        for key, header in rec.sessions.items():
            if key not in known and not _same_row(conn, key, header):
                ops.apply(conn, header, ids)  # the file it was begun in is gone: begin again
            known.add(key)
        writes = [w for w in rec.writes if w.key in known]
        if len(writes) < len(rec.writes):  # no way to tell which session they belong to
            log.warning(
                "recovery file %s: %s without a session skipped",
                rec.path,
                counted(len(rec.writes) - len(writes), "write"),
            )
        for w in writes:
            ops.apply(conn, w, ids)
        mark(conn, rec.marker)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    sets = sum(1 for w in writes if isinstance(w, ops.AddSegment))
    return Merged(1, len({w.key for w in writes}), sets)


def mark(conn: sqlite3.Connection, marker: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO recovery_merged (name, merged_at) VALUES (?, ?)",
        (marker, datetime.now().astimezone().isoformat(timespec="seconds")),
    )


def _same_row(conn: sqlite3.Connection, key: int, header: ops.Begin) -> bool:
    if key <= 0:
        return False
    row: Any = conn.execute(
        "SELECT 1 FROM sessions WHERE id = ? AND routine_id = ? AND started_at = ?",
        (key, header.routine_id, header.started_at),
    ).fetchone()
    return row is not None


def mark_dead_owners_sessions(conn: sqlite3.Connection) -> int:
    """Sessions left ``running`` by an owner that is gone become ``interrupted``,
    keeping what was done; the number of them."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "UPDATE sessions SET status = 'interrupted', done_s = (SELECT"
            " coalesce(sum(done_s), 0) FROM segments WHERE session_id = sessions.id)"
            " WHERE status = 'running' AND NOT owner_alive(owner_pid, owner_started, id)"
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if cur.rowcount:
        log.warning("history: %s left running marked interrupted", counted(cur.rowcount, "session"))
    return cur.rowcount
