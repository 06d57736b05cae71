"""Reminders: when they are due, and what they say.

Off unless the runner turns them on. A reminder is due at each chosen weekday and time,
and after a run is imported. It names what the weekly plan says for today and opens that
routine when clicked; on a day the plan has nothing left to do, a timed reminder stays
quiet. Times are local wall-clock times (a 18:30 reminder is at 18:30 in summer and
winter alike).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from backcoach.core.weekly_plan import TodayItem

log = logging.getLogger(__name__)

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LATE_GRACE = timedelta(hours=2)  # a reminder missed while asleep is still given this late


def parse_times(raw: Mapping[str, object]) -> dict[int, time]:
    """``{"mon": "18:30"}`` → ``{0: time(18, 30)}``; anything else is logged and left out."""
    out: dict[int, time] = {}
    for key, value in raw.items():
        if key not in DAY_KEYS or not isinstance(value, str):
            log.warning("reminders: ignoring %r=%r", key, value)
            continue
        try:
            hours, minutes = value.split(":")
            out[DAY_KEYS.index(key)] = time(int(hours), int(minutes))
        except ValueError:
            log.warning("reminders: ignoring %s=%r (expected HH:MM)", key, value)
    return out


def times_json(times: Mapping[int, time]) -> dict[str, str]:
    return {DAY_KEYS[d]: t.strftime("%H:%M") for d, t in sorted(times.items())}


def due_between(times: Mapping[int, time], after: datetime, until: datetime) -> list[datetime]:
    """Reminder moments in ``(after, until]``; ones more than ``LATE_GRACE`` before
    ``until`` are dropped (the laptop was asleep: a reminder hours late is noise)."""
    if until <= after:
        return []
    out = []
    day = after.date()
    while day <= until.date():
        at = times.get(day.weekday())
        if at is not None:
            moment = datetime.combine(day, at, tzinfo=after.tzinfo)
            if after < moment <= until and until - moment <= LATE_GRACE:
                out.append(moment)
        day += timedelta(days=1)
    return out


def next_due(times: Mapping[int, time], after: datetime) -> datetime | None:
    """The first reminder moment after ``after`` (within a week), or None."""
    for offset in range(8):
        day: date = after.date() + timedelta(days=offset)
        at = times.get(day.weekday())
        if at is not None:
            moment = datetime.combine(day, at, tzinfo=after.tzinfo)
            if moment > after:
                return moment
    return None


@dataclass(frozen=True, slots=True)
class Reminder:
    title: str
    body: str
    routine_id: str  # the routine a click opens; "" for the library


def timed_reminder(items: Sequence[TodayItem], names: Mapping[str, str]) -> Reminder | None:
    """What a timed reminder says today; None when the plan has nothing left for today."""
    due = [i for i in items if i.due]
    if not items:
        return Reminder("Time for your back", "A few minutes of your routines keeps it going.", "")
    if not due:
        return None
    first = due[0].entry.routine_id
    lines = [f"{names.get(i.entry.routine_id, i.entry.routine_id)} ({i.why})" for i in due]
    return Reminder(f"Today: {names.get(first, first)}", "\n".join(lines), first)


def after_run_reminder(
    items: Sequence[TodayItem], after_run_routines: Sequence[str], names: Mapping[str, str]
) -> Reminder | None:
    """After a run is imported: the plan's after-run routine, else the first after-run one."""
    planned = [i for i in items if i.entry.rule == "after-run"]
    if planned and all(i.done_today for i in planned):
        return None
    routine = planned[0].entry.routine_id if planned else next(iter(after_run_routines), "")
    if not routine:
        return None
    name = names.get(routine, routine)
    return Reminder("Nice run", f"Time for the {name} while you're warm.", routine)
