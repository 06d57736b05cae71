"""Training load from the run log: weekly totals, the acute:chronic ratio, load jumps.

The ratio compares the last 7 days with the weekly average of the last 28 (those 7
included). Its zones are ours, from sports-science guidance on load and injury risk,
which puts the risk up above about 1.5; the articles backcoach is built on say only
that sudden jumps in training load are a cause a runner can change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from backcoach.runs.model import Surface

ACUTE_DAYS = 7
CHRONIC_DAYS = 28
# Ours, not the articles': the bands commonly used with this ratio.
LOW_BELOW = 0.8
STEP_ABOVE = 1.3
JUMP_ABOVE = 1.5
# A week counts as a jump in distance when it is this much above the 4 weeks before it.
JUMP_SHARE = 0.30
# Hilly: this much climb per kilometre (ours; the articles give none).
HILLY_M_PER_KM = 15.0


class Zone(StrEnum):
    NO_HISTORY = "no-history"  # under four weeks of runs: nothing to compare with
    LOW = "low"
    STEADY = "steady"
    STEP = "step"
    JUMP = "jump"


@dataclass(frozen=True, slots=True)
class DayTotal:
    """What was run on one local day, split by surface (one row per surface and hilliness)."""

    day: date
    surface: Surface
    hilly: bool | None
    distance_m: float
    moving_s: float
    runs: int = 1


@dataclass(frozen=True, slots=True)
class Week:
    monday: date
    distance_m: float = 0.0
    moving_s: float = 0.0
    runs: int = 0
    by_surface: Mapping[Surface, float] = field(default_factory=dict)
    hilly_m: float = 0.0

    @property
    def iso(self) -> str:
        year, week, _ = self.monday.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True, slots=True)
class Load:
    acute_m: float
    chronic_m: float  # the weekly average over the last 28 days
    ratio: float | None  # None when there is nothing to compare with
    zone: Zone


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def is_hilly(ascent_m: float | None, distance_m: float) -> bool | None:
    if ascent_m is None or distance_m <= 0:
        return None
    return ascent_m / (distance_m / 1000.0) >= HILLY_M_PER_KM


class _Tally:
    __slots__ = ("distance", "hilly", "moving", "runs", "surfaces")

    def __init__(self) -> None:
        self.distance = self.moving = self.hilly = 0.0
        self.runs = 0
        self.surfaces: dict[Surface, float] = {}

    def add(self, t: DayTotal) -> None:
        self.distance += t.distance_m
        self.moving += t.moving_s
        self.runs += t.runs
        self.surfaces[t.surface] = self.surfaces.get(t.surface, 0.0) + t.distance_m
        if t.hilly:
            self.hilly += t.distance_m


def weeks(totals: Iterable[DayTotal], count: int, today: date) -> list[Week]:
    """``count`` ISO weeks ending with this one, oldest first, empty weeks included."""
    last = monday_of(today)
    tallies = {last - timedelta(weeks=i): _Tally() for i in range(max(count, 1) - 1, -1, -1)}
    for t in totals:
        tally = tallies.get(monday_of(t.day))
        if tally is not None:
            tally.add(t)
    return [
        Week(m, t.distance, t.moving, t.runs, dict(t.surfaces), t.hilly) for m, t in tallies.items()
    ]


def zone_of(ratio: float | None) -> Zone:
    if ratio is None:
        return Zone.NO_HISTORY
    if ratio > JUMP_ABOVE:
        return Zone.JUMP
    if ratio > STEP_ABOVE:
        return Zone.STEP
    if ratio < LOW_BELOW:
        return Zone.LOW
    return Zone.STEADY


def acute_chronic(
    distance_by_day: Mapping[date, float], today: date, first_run: date | None
) -> Load:
    """Last 7 days against the weekly average of the last 28 (today included in both).

    With less than 28 days between the first run in the log and today, the average
    would count days before the log began as rest days; the ratio is then left out.
    """
    acute = sum(distance_by_day.get(today - timedelta(days=i), 0.0) for i in range(ACUTE_DAYS))
    total = sum(distance_by_day.get(today - timedelta(days=i), 0.0) for i in range(CHRONIC_DAYS))
    chronic = total / (CHRONIC_DAYS / ACUTE_DAYS)
    enough = first_run is not None and (today - first_run).days >= CHRONIC_DAYS - 1
    ratio = acute / chronic if enough and chronic > 0 else None
    return Load(acute, chronic, ratio, zone_of(ratio))


@dataclass(frozen=True, slots=True)
class Jump:
    week: Week
    before_m: float  # the weekly average of the 4 weeks before
    share: float  # how much above it, 0.3 = 30 %


def jumps(weekly: Sequence[Week], share: float = JUMP_SHARE, before: int = 4) -> list[Jump]:
    """Weeks whose distance was more than ``share`` above the average of the ``before``
    weeks before them (weeks after a break, with nothing before, are not jumps)."""
    out = []
    for i in range(before, len(weekly)):
        prior = sum(w.distance_m for w in weekly[i - before : i]) / before
        w = weekly[i]
        if prior > 0 and w.distance_m > prior * (1 + share):
            out.append(Jump(w, prior, w.distance_m / prior - 1))
    return out
