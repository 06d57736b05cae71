"""Everything the window needs from outside Qt, passed in as one object.

Tests build a context on tmp_path with a fake clock and a recording speaker; the app
builds it from the real data folder.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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
