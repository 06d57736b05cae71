"""One owner of the data folder at a time: a lock held for the life of the process.

The window and ``backcoach run`` write history and settings, so each claims the data
folder before it opens them; a second copy finds the claim and stops with a sentence
naming the first. Readers (``history``, ``routines``, ``plan``) claim nothing.

The lock is the operating system's (``flock`` on POSIX, ``msvcrt.locking`` on Windows)
on a small file in the folder, so it goes when the process goes, however it ends: a
``kill -9`` or a power cut leaves no stale claim behind. The file also says who holds
it (pid, start time, what kind of copy), for the message the second copy prints.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from backcoach.core.processes import this_process

LOCK_NAME = ".backcoach-owner.lock"
_WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte past the text, so the text stays readable

ROLES = {
    "window": "the backcoach window",
    "run": "`backcoach run` in a terminal",
    "runs": "`backcoach runs` or `backcoach shoes` in a terminal (adding runs or shoes)",
}

_held: dict[Path, int] = {}  # folder -> open descriptor, kept open until the process ends


@dataclass(frozen=True, slots=True)
class Owner:
    pid: int
    started: float | None
    role: str
    since: str  # local time the claim was made, e.g. "18:02"

    def describe(self) -> str:
        what = ROLES.get(self.role, "another copy of backcoach")
        since = f", since {self.since}" if self.since else ""
        return f"{what} (process {self.pid}{since})"


class FolderInUse(Exception):
    """Another live process owns the data folder."""

    def __init__(self, folder: Path, owner: Owner | None) -> None:
        self.folder = folder
        self.owner = owner
        who = owner.describe() if owner else "another copy of backcoach"
        super().__init__(
            f"{who} is already using the data folder {folder}; close it or let its "
            f"session finish, then try again (or use --data-dir for another folder)"
        )


def claim(folder: Path, role: str) -> Owner:
    """Own ``folder`` until this process ends; raises FolderInUse when another does.

    Claiming a folder this process already owns is a no-op.
    """
    folder = folder.resolve()
    me = this_process()
    if folder in _held:
        return read_owner(folder) or Owner(me.pid, me.started, role, "")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    if not _try_lock(fd):
        os.close(fd)
        raise FolderInUse(folder, read_owner(folder))
    owner = Owner(me.pid, me.started, role, time.strftime("%H:%M"))
    text = json.dumps(
        {"pid": owner.pid, "started": owner.started, "role": role, "since": owner.since}
    ).encode()
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text)
    _held[folder] = fd
    return owner


def read_owner(folder: Path) -> Owner | None:
    """Who the lock file says holds the folder (without creating anything)."""
    try:
        raw = json.loads((folder / LOCK_NAME).read_text(encoding="utf-8"))
        started = raw.get("started")
        return Owner(
            int(raw["pid"]),
            float(started) if isinstance(started, int | float) else None,
            str(raw.get("role", "")),
            str(raw.get("since", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def owns(folder: Path) -> bool:
    return folder.resolve() in _held


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EWOULDBLOCK / EAGAIN: held by another open of the file
        return False
    return True
