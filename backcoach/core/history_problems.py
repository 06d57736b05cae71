"""What went wrong with the history file, in plain words, and what the runner can do.

SQLite's own messages ("disk I/O error", "unable to open database file") say where it
failed, not why; this looks at the error code, the errno and the folder itself to tell
a full disk from a missing permission from another program holding the file.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from backcoach.core.history_files import is_damage

_NEARLY_FULL_BYTES = 256 * 1024  # less than this free and an I/O error is the full disk


@dataclass(frozen=True, slots=True)
class Problem:
    what: str  # "the disk is full"
    fix: str  # "free some space on the disk that holds /home/ana/.local/share/backcoach"
    damage: bool = False  # the file's content is bad: trying again will not help

    def told(self, lead: str, then: str = "") -> str:
        """``Lead: what. Fix; then.`` — e.g. "Saving is failing: the disk is full. Free
        some space on the disk that holds …; your sets are kept …"."""
        text = f"{lead}: {self.what}."
        if self.fix:
            text += f" {_capital(self.fix)}" + (f"; {then}" if then else ".")
        elif then:
            text += f" {_capital(then)}"
        return text


def _capital(text: str) -> str:
    if text.startswith("backcoach"):
        return text  # the name is written in lower case, even first in a sentence
    return text[:1].upper() + text[1:]


def describe(exc: BaseException, path: Path) -> Problem:
    """Why writing ``path`` (the history file) failed."""
    folder = path.parent
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return Problem(
            f"{_existing(folder)} is a file, where backcoach keeps its data folder",
            "move that file away, or start backcoach with --data-dir pointing at a folder",
        )
    if is_damage(exc):
        why = getattr(exc, "why", str(exc))
        return Problem(
            f"the history file is damaged ({why})",
            "backcoach sets it aside and starts a new one the next time it opens",
            damage=True,
        )
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    err = getattr(exc, "errno", None)
    if primary == sqlite3.SQLITE_FULL or err == errno.ENOSPC or "disk is full" in text:
        return _full(folder)
    if (primary == sqlite3.SQLITE_IOERR or "i/o error" in text) and _nearly_full(folder):
        return _full(folder)
    if (
        isinstance(exc, PermissionError)
        or err in (errno.EACCES, errno.EPERM, errno.EROFS)
        or primary == sqlite3.SQLITE_READONLY
        or "readonly" in text
        or "read-only" in text
        or ("unable to open" in text and not _writable(path))
    ):
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            return Problem(
                f"backcoach has no permission to write to {path}",
                "give your user read and write access to that file (it is yours: chmod u+rw)",
            )
        return Problem(
            f"backcoach has no permission to write to {folder}",
            "give your user write access to that folder, or start backcoach with "
            "--data-dir pointing at a folder you can write to",
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return Problem(
            "another program is holding the history file",
            "close it (a sqlite3 shell, a backup or sync tool, another copy of backcoach); "
            f"the file is {path}",
        )
    if "unable to open" in text:
        return Problem(
            f"the history file {path} cannot be opened",
            "check that the disk holding it is still connected",
        )
    return Problem(str(exc) or type(exc).__name__, "")


def _full(folder: Path) -> Problem:
    return Problem("the disk is full", f"free some space on the disk that holds {folder}")


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(_existing(folder)).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _writable(path: Path) -> bool:
    target = path if path.exists() else _existing(path.parent)
    return os.access(target, os.W_OK) and (not path.exists() or os.access(path, os.R_OK))


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
