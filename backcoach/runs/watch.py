"""Which files in a watched folder (a watch's sync folder, a mounted Garmin's
``GARMIN/Activity``) are new or changed since they were last read. No Qt."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from backcoach.runs.reading import is_run_file_name

# A file written in the last few seconds may still be arriving from the watch or the
# sync app; it is left for the next look rather than read half-copied.
SETTLE_S = 5.0
MAX_DEPTH = 4  # GARMIN/Activity, or a sync app's year/month folders
MAX_FILES = 5000  # per look; more waits for the next one


@dataclass(frozen=True, slots=True)
class Candidate:
    path: str
    size: int
    mtime_ns: int


def new_files(
    folder: Path,
    seen: dict[str, tuple[int, int]],
    now: float | None = None,
    settle_s: float = SETTLE_S,
) -> list[Candidate]:
    """Run files under ``folder`` not in ``seen`` with the same size and time, oldest first."""
    now = time.time() if now is None else now
    found: list[Candidate] = []
    root_depth = len(folder.parts)
    try:
        walker = os.walk(folder, onerror=lambda _e: None)
        for dirpath, dirnames, filenames in walker:
            depth = len(Path(dirpath).parts) - root_depth
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and depth < MAX_DEPTH]
            for name in filenames:
                if name.startswith(".") or not is_run_file_name(name):
                    continue
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if seen.get(path) == (st.st_size, st.st_mtime_ns):
                    continue
                if now - st.st_mtime < settle_s:
                    continue
                found.append(Candidate(path, st.st_size, st.st_mtime_ns))
                if len(found) >= MAX_FILES:
                    raise StopIteration
    except StopIteration:
        pass
    found.sort(key=lambda c: c.mtime_ns)
    return found
