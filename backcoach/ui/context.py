"""Everything the window needs from outside Qt, passed in as one object.

Tests build a context on tmp_path with a fake clock and a recording speaker; the app
builds it from the real data folder.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from backcoach.core.catalog import Catalog
from backcoach.core.settings import Settings, update_settings_file

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    catalog: Catalog
    settings: Settings
    settings_path: Path
    history: Any = None  # HistoryStore, or None when history is unavailable
    speaker: Any = None  # a Speaker, or None for captions only
    clock: Callable[[], float] = time.monotonic
    autotick: bool = True  # False in tests that step the clock by hand
    notices: list[str] = field(default_factory=list)  # told to the runner once, at start
    today: Callable[[], Any] = field(default=lambda: __import__("datetime").date.today())
    # Wall-clock time with the local offset, for reminders and the dates kept with levels.
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
    _runs: Any = field(default=None, repr=False)

    @property
    def runs(self) -> Any:
        """The RunLog over ``history``, or None while there is none (the app opens the
        history after the first paint, so this follows it rather than being fixed)."""
        if self.history is None:
            return None
        if self._runs is None or self._runs.history is not self.history:
            from backcoach.runs.store import RunLog

            self._runs = RunLog(self.history)
        return self._runs

    def levels(self) -> Any:
        """The runner's levels (core/level_book.py), over this context's history."""
        from backcoach.core.level_book import LevelBook

        return LevelBook(self.history, self.catalog)

    def plan(self) -> Any:
        """The weekly plan (core/plan_book.py), checked against this context's history and,
        once the runner keeps runs in backcoach, against the days they ran."""
        from backcoach.core.plan_book import PlanBook

        runs = self.runs
        days = _RunDays(runs) if runs is not None and runs.count() else None
        return PlanBook(self.settings.weekly_plan, list(self.catalog.routines), self.history, days)

    def update_settings(self, **changes: Any) -> bool:
        """Change and persist settings; False (and a log line) when they can't be saved.

        Only these fields are written, over whatever the file holds now.
        """
        self.settings = self.settings.with_changes(**changes)
        try:
            update_settings_file(self.settings_path, changes)
        except OSError as exc:
            log.warning("could not save settings to %s: %s", self.settings_path, exc)
            return False
        return True

    def reload_catalog(self) -> None:
        """Read the catalogue again (a routine or exercise was saved, imported, deleted).

        The same Catalog object is refilled, so every page holding it sees the change.
        """
        from backcoach import content

        fresh = content.load()
        self.catalog.exercises = fresh.exercises
        self.catalog.routines = fresh.routines
        self.catalog.errors = fresh.errors


class _RunDays:
    """The run log as the weekly plan counts it: runs per local day."""

    def __init__(self, runs: Any) -> None:
        self.log = runs

    def run_days(self, first: Any, last: Any) -> dict[Any, int]:
        days: dict[Any, int] = {}
        for run in self.log.runs(since=first):
            if run.day <= last:
                days[run.day] = days.get(run.day, 0) + 1
        return days
