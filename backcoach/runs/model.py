"""Plain records for the runner's side: what a file said, a stored run, a shoe."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from backcoach.core.words import counted


class Surface(StrEnum):
    UNSET = ""  # not known: a file that does not say, and the runner has not told us
    ROAD = "road"
    TRAIL = "trail"
    TRACK = "track"
    TREADMILL = "treadmill"


SURFACES: tuple[Surface, ...] = (Surface.ROAD, Surface.TRAIL, Surface.TRACK, Surface.TREADMILL)

# When one batch holds the same run in several formats, the richest is kept:
# FIT has the watch's own distance, moving time and barometric climb.
FORMAT_RANK = {"fit": 0, "tcx": 1, "gpx": 2, "manual": 3}


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity as a file describes it: the summary only, never the GPS track."""

    start: datetime  # aware; in the zone the device recorded, or the computer's
    distance_m: float
    moving_s: float
    elapsed_s: float
    ascent_m: float | None  # None when the file has no elevation
    sport: str  # normalised: running, cycling, walking, hiking, swimming, or the file's word
    surface: Surface = Surface.UNSET
    source: str = ""  # the file's name
    source_format: str = ""  # fit, gpx, tcx
    notes: tuple[str, ...] = ()  # things worth telling the runner ("no sport in the file")

    @property
    def is_run(self) -> bool:
        return self.sport == "running"


@dataclass(frozen=True, slots=True)
class Run:
    """A run in the log, imported or entered by hand."""

    id: int
    start: datetime
    distance_m: float
    moving_s: float
    elapsed_s: float
    ascent_m: float | None
    sport: str
    surface: Surface
    hilly: bool | None  # None: not known
    shoe_id: int | None
    shoe: str  # the shoe's name, "" for none
    source: str  # file name, "" when entered by hand
    source_format: str  # fit, gpx, tcx or manual
    note: str = ""

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def end(self) -> datetime:
        from datetime import timedelta

        return self.start + timedelta(seconds=max(self.elapsed_s, self.moving_s))


@dataclass(frozen=True, slots=True)
class Shoe:
    id: int
    name: str
    started_on: date
    retire_at_m: float
    is_default: bool = False
    retired_on: date | None = None
    distance_m: float = 0.0  # run so far on it, including any distance it came with
    runs: int = 0
    start_m: float = 0.0  # the distance it came with, run before it was added

    @property
    def due(self) -> bool:
        """At or past the distance the runner set for changing it."""
        return self.retired_on is None and self.distance_m >= self.retire_at_m

    @property
    def worn_share(self) -> float:
        return self.distance_m / self.retire_at_m if self.retire_at_m > 0 else 0.0


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What became of one file handed to the importer, in a line for the runner."""

    path: str
    imported: tuple[int, ...] = ()  # ids of the runs written
    skipped: tuple[str, ...] = ()  # one reason per activity not imported (a ride, a duplicate)
    error: str = ""  # why the file could not be read at all
    notes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        from pathlib import PurePath

        return PurePath(self.path).name

    def lines(self) -> list[str]:
        """One line per thing the runner should hear about this file."""
        if self.error:
            return [f"{self.name}: {self.error}"]
        out = [f"{self.name}: {why}" for why in self.skipped]
        out += [f"{self.name}: {note}" for note in self.notes]
        return out


@dataclass(frozen=True, slots=True)
class ImportReport:
    files: tuple[FileOutcome, ...] = field(default_factory=tuple)

    @property
    def run_ids(self) -> tuple[int, ...]:
        return tuple(i for f in self.files for i in f.imported)

    @property
    def imported(self) -> int:
        return len(self.run_ids)

    @property
    def failed(self) -> tuple[FileOutcome, ...]:
        return tuple(f for f in self.files if f.error)

    @property
    def skipped_lines(self) -> list[str]:
        return [line for f in self.files if not f.error for line in f.lines()]

    @property
    def error_lines(self) -> list[str]:
        return [line for f in self.failed for line in f.lines()]

    def summary(self) -> str:
        """One sentence: how many runs went in, how many files were skipped or unreadable."""
        n, files = self.imported, len(self.files)
        text = f"Imported {counted(n, 'run')} from {counted(files, 'file')}"
        skipped = sum(1 for f in self.files if not f.error and not f.imported and f.skipped)
        bad = len(self.failed)
        extra = []
        if skipped:
            extra.append(f"{skipped} skipped")
        if bad:
            extra.append(f"{bad} could not be read")
        return text + (f" ({', '.join(extra)})" if extra else "") + "."
