"""The catalogue's files as parsed last time, so a start reads one JSON file, not thirty TOML.

Parsing the shipped TOML files (and loading the TOML parser) is most of what loading
the catalogue costs, and it is the same work every start: the files rarely change. So
each file's tables are kept, once they have passed every check and limit, under what
identifies that version of the file on disk (size, modification and change times,
inode). A file whose identity differs is read and parsed again; so is one whose kept
tables no longer pass the limits (a damaged or tampered cache is only ever a slower
start, never a way round the checks). Only plain data is kept (a TOML date is not JSON:
such a file is simply parsed every time). The cache lives in the platform's cache folder
(``content.load`` names it); the Python version is part of its header, as the parser is.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from backcoach.core.atomic import write_text_atomic

log = logging.getLogger(__name__)

FORMAT = 1
_HEADER = {"format": FORMAT, "python": sys.version}

Identity = list[int]


def identity(st: os.stat_result) -> Identity:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class ParsedCache:
    """``get``/``put`` by path and the file's stat; ``save()`` writes it back if changed
    and ``write`` (the window's load; a command that only reads leaves no trace)."""

    def __init__(self, file: Path, write: bool = False) -> None:
        self.file = file
        self.write = write
        self._kept: dict[str, list[Any]] = {}
        self._used: dict[str, list[Any]] = {}
        self._changed = False
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return  # none yet, or unreadable: every file is parsed and the cache made anew
        if isinstance(raw, dict) and raw.get("header") == _HEADER:
            files = raw.get("files")
            if isinstance(files, dict):
                self._kept = files

    def get(self, path: Path, st: os.stat_result) -> dict[str, Any] | None:
        entry = self._kept.get(str(path))
        if (
            isinstance(entry, list)
            and len(entry) == 2
            and entry[0] == identity(st)
            and isinstance(entry[1], dict)
        ):
            self._used[str(path)] = entry
            return entry[1]
        return None

    def put(self, path: Path, st: os.stat_result, data: dict[str, Any]) -> None:
        if _plain(data):
            self._used[str(path)] = [identity(st), data]
            self._changed = True

    def save(self) -> None:
        """Keep what this load used (files gone or changed drop out); only if it changed."""
        if not self.write or (not self._changed and self._used.keys() == self._kept.keys()):
            return
        try:
            text = json.dumps({"header": _HEADER, "files": self._used}, ensure_ascii=False)
            write_text_atomic(self.file, text, durable=False)
        except (OSError, ValueError) as exc:
            log.info("catalogue cache not written (%s): %s", self.file, exc)


def _plain(value: Any) -> bool:
    """Only what JSON gives back as it was: tables, lists, text, numbers, true/false."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif not isinstance(v, str | int | float | bool):
            return False
    return True
