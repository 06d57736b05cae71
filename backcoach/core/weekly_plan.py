"""The runner's week: which routines they mean to do, and when.

Each planned routine has one rule: after every run, before every run, a number of times a
week, or on chosen days. ``today`` turns the plan into what the library shows on "Today";
``week_record`` says, week by week, what was planned and what was done. The record is just
that: no streaks to lose, no scolding.

Runs come from the runs side of backcoach when it knows them (``run_days``); without
them an after-run routine is shown every day as "after your run", and its weeks show what
was done without a target.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from backcoach.core.words import joined

log = logging.getLogger(__name__)

Rule = Literal["after-run", "before-run", "weekly", "days"]
RULES: tuple[Rule, ...] = ("after-run", "before-run", "weekly", "days")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_TIMES = 7
_TIMES_WORDS = {1: "Once a week", 2: "Twice a week"}


@dataclass(frozen=True, slots=True)
class PlanEntry:
    routine_id: str
    rule: Rule
    times: int = 0  # "weekly": how many times a week
    days: tuple[int, ...] = ()  # "days": weekdays, 0 is Monday

    def describe(self) -> str:
        if self.rule == "after-run":
            return "After every run"
        if self.rule == "before-run":
            return "Before every run"
        if self.rule == "weekly":
            return _TIMES_WORDS.get(self.times, f"{self.times} times a week")
        names = [DAY_NAMES[d] + "s" for d in self.days]
        return joined(names)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule}
        if self.rule == "weekly":
            data["times"] = self.times
        if self.rule == "days":
            data["days"] = list(self.days)
        return data


def parse_plan(raw: Mapping[str, Any], known: Sequence[str] | None = None) -> list[PlanEntry]:
    """The plan from its settings form ``{routine id: {"rule": ..., ...}}``. A broken or
    unknown entry is logged and left out; the rest of the plan stands."""
    entries = []
    for routine_id, spec in raw.items():
        entry = _entry(routine_id, spec)
        if entry is None or (known is not None and routine_id not in known):
            log.warning("weekly plan: ignoring %r: %r", routine_id, spec)
            continue
        entries.append(entry)
    return entries


def plan_json(entries: Sequence[PlanEntry]) -> dict[str, dict[str, Any]]:
    return {e.routine_id: e.to_json() for e in entries}


def _entry(routine_id: object, spec: object) -> PlanEntry | None:
    if not isinstance(routine_id, str) or not routine_id or not isinstance(spec, dict):
        return None
    rule = spec.get("rule")
    if rule in ("after-run", "before-run"):
        return PlanEntry(routine_id, rule)
    if rule == "weekly":
        times = spec.get("times")
        if isinstance(times, int) and not isinstance(times, bool) and 1 <= times <= MAX_TIMES:
            return PlanEntry(routine_id, "weekly", times=times)
    if rule == "days":
        days = spec.get("days")
        if (
            isinstance(days, list | tuple)
            and days
            and all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days)
        ):
            return PlanEntry(routine_id, "days", days=tuple(sorted(set(days))))
    return None


# What "Suggest a plan" fills in: the articles' cool-down after runs and warm-up before
# them, and the strength circuit twice a week (strength work wants rest days between).
SUGGESTED = (
    PlanEntry("post-run-cooldown", "after-run"),
    PlanEntry("pre-run-warm-up", "before-run"),
    PlanEntry("stability-ball-circuit", "weekly", times=2),
)


@dataclass(frozen=True, slots=True)
class Done:
    """A completed session, as the plan counts it."""

    day: date
    routine_id: str


@dataclass(frozen=True, slots=True)
class TodayItem:
    entry: PlanEntry
    why: str  # "Twice a week · 1 of 2 this week"
    due: bool  # the plan says today (and it is not done yet)
    done_today: bool


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def today(
    entries: Sequence[PlanEntry],
    day: date,
    done: Sequence[Done],
    runs: Mapping[date, int] | None = None,
) -> list[TodayItem]:
    """What the plan says for ``day``: the routines due first, then the rest of the week's."""
    week = [d for d in done if monday_of(d.day) == monday_of(day) and d.day <= day]
    items = []
    for e in entries:
        done_today = any(d.routine_id == e.routine_id and d.day == day for d in week)
        this_week = len({d.day for d in week if d.routine_id == e.routine_id})
        why = e.describe()
        if e.rule == "weekly":
            why += f" · {min(this_week, e.times)} of {e.times} this week"
            due = this_week < e.times and not done_today
        elif e.rule == "days":
            due = day.weekday() in e.days and not done_today
        else:
            ran = None if runs is None else runs.get(day, 0) > 0
            if ran is not None:
                why += " · you ran today" if ran else " · no run today yet"
            due = ran is not False and not done_today
        items.append(TodayItem(e, why, due, done_today))
    items.sort(key=lambda i: (not i.due, i.done_today))
    return items


@dataclass(frozen=True, slots=True)
class EntryWeek:
    entry: PlanEntry
    done: int
    target: int | None  # None: not known (runs not recorded)
    open: bool  # the week is still going

    @property
    def kept(self) -> bool:
        return self.target is not None and self.done >= self.target


@dataclass(frozen=True, slots=True)
class WeekRecord:
    monday: date
    entries: tuple[EntryWeek, ...]


def week_record(
    entries: Sequence[PlanEntry],
    day: date,
    weeks: int,
    done: Sequence[Done],
    runs: Mapping[date, int] | None = None,
) -> list[WeekRecord]:
    """The last ``weeks`` weeks (this one last): per planned routine, done against planned."""
    this_monday = monday_of(day)
    out = []
    for back in range(max(weeks, 1) - 1, -1, -1):
        monday = this_monday - timedelta(weeks=back)
        sunday = monday + timedelta(days=6)
        rows = []
        for e in entries:
            days_done = {
                d.day for d in done if d.routine_id == e.routine_id and monday <= d.day <= sunday
            }
            if e.rule == "weekly":
                target: int | None = e.times
                count = len(days_done)
            elif e.rule == "days":
                target, count = len(e.days), len(days_done)
            elif runs is None:
                target, count = None, len(days_done)
            else:
                run_days = {r for r, n in runs.items() if n > 0 and monday <= r <= sunday}
                target, count = len(run_days), len(run_days & days_done)
            rows.append(EntryWeek(e, count, target, open=monday == this_monday))
        out.append(WeekRecord(monday, tuple(rows)))
    return out
