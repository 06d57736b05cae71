"""The weekly plan read from the settings and checked against the history.

Shared by the library's "Today", the History page's record and the reminders. Runs come
from ``runs`` when the runs side of backcoach provides them (``RunDays``); without them
after- and before-run routines are shown without a run count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

from backcoach.core.weekly_plan import (
    Done,
    PlanEntry,
    TodayItem,
    WeekRecord,
    monday_of,
    parse_plan,
    today,
    week_record,
)


class DoneStore(Protocol):
    def completed_days(self, first: date, last: date) -> list[tuple[date, str]]: ...


class RunDays(Protocol):
    def run_days(self, first: date, last: date) -> dict[date, int]: ...


class PlanBook:
    def __init__(
        self,
        plan: Mapping[str, Any],
        routine_ids: Sequence[str],
        store: DoneStore | None,
        runs: RunDays | None = None,
    ) -> None:
        self.entries: list[PlanEntry] = parse_plan(plan, known=routine_ids)
        self.store = store
        self.runs = runs

    def today(self, day: date) -> list[TodayItem]:
        monday = monday_of(day)
        return today(self.entries, day, self._done(monday, day), self._runs(monday, day))

    def record(self, day: date, weeks: int = 8) -> list[WeekRecord]:
        first = monday_of(day) - timedelta(weeks=max(weeks, 1) - 1)
        last = monday_of(day) + timedelta(days=6)
        return week_record(
            self.entries, day, weeks, self._done(first, last), self._runs(first, last)
        )

    def _done(self, first: date, last: date) -> list[Done]:
        if self.store is None:
            return []
        return [Done(d, r) for d, r in self.store.completed_days(first, last)]

    def _runs(self, first: date, last: date) -> dict[date, int] | None:
        return None if self.runs is None else self.runs.run_days(first, last)
