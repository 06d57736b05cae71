"""One entry point for every run file: bytes under the cap, the right parser, and a
reason in a line when it cannot be read. Never raises for the file's content."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from backcoach.runs import fit, gpx, tcx
from backcoach.runs.model import FORMAT_RANK, Activity
from backcoach.runs.reading import MAX_FILE_BYTES, RunFileError, read_capped

log = logging.getLogger(__name__)

_PARSERS = {"fit": fit.parse, "gpx": gpx.parse, "tcx": tcx.parse}


@dataclass(frozen=True, slots=True)
class FileRead:
    path: str
    activities: tuple[Activity, ...] = ()
    error: str = ""
    parts: tuple[str, ...] = ()  # for a zip: the errors of members that failed

    @property
    def rank(self) -> int:
        return min((FORMAT_RANK.get(a.source_format, 9) for a in self.activities), default=9)


def read_file(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> FileRead:
    """The activities in ``path``, or the reason it has none we can use."""
    path = Path(path)
    try:
        entries = read_capped(path, max_bytes)
    except RunFileError as exc:
        return FileRead(str(path), error=str(exc))
    found: list[Activity] = []
    errors: list[str] = []
    for entry in entries:
        try:
            found += _PARSERS[entry.kind](entry.data, entry.name)
        except RunFileError as exc:
            errors.append(f"{entry.name}: {exc}" if len(entries) > 1 else str(exc))
        except Exception as exc:  # a parser bug must not take the batch down
            log.exception("reading %s failed", entry.name)
            errors.append(f"could not be read ({type(exc).__name__}: {exc})")
    if not found and errors:
        return FileRead(str(path), error="; ".join(errors))
    return FileRead(str(path), tuple(found), parts=tuple(errors))
