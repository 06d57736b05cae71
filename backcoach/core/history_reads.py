"""The history's named reads, each through ``HistoryStore._read`` (which never raises:
a page that can't be read shows as empty); the queries are ``history_queries``'."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from backcoach.core import history_queries as q
from backcoach.core.history_queries import PainPoint, SessionDetail, SessionRow, WeekMinutes

if TYPE_CHECKING:  # the levels' modules load when first used, not at start-up
    from backcoach.core.progression import LevelChange, PastSession

T = TypeVar("T")


class HistoryReads:
    """What the review pages, the plan and the progression rules read."""

    def _read(self, default: T, query: Callable[[sqlite3.Connection], T]) -> T:
        raise NotImplementedError

    def count(self) -> int:
        return self._read(0, q.count)

    def sessions(self, offset: int = 0, limit: int = 100) -> list[SessionRow]:
        """A page of sessions, newest first."""
        return self._read([], lambda c: q.sessions(c, offset, limit))

    def session(self, session_id: int) -> SessionDetail | None:
        """One session with its segments and events."""
        return self._read(None, lambda c: q.session_detail(c, session_id))

    def weekly_minutes(self, weeks: int = 12, today: date | None = None) -> list[WeekMinutes]:
        day = today or date.today()
        return self._read([], lambda c: q.weekly_minutes(c, weeks, day))

    def daily_minutes(self, first: date, last: date) -> dict[date, float]:
        """Minutes on each active local day in ``first..last``; the calendar's data."""
        return self._read({}, lambda c: q.daily_minutes(c, first, last))

    def completed_days(self, first: date, last: date) -> list[tuple[date, str]]:
        """(day, routine id) of the completed sessions in ``first..last``: the plan's record."""
        return self._read([], lambda c: q.completed_days(c, first, last))

    def streak(self, today: date | None = None) -> int:
        day = today or date.today()
        return self._read(0, lambda c: q.current_streak(c, day))

    def pain_series(self, since: date) -> list[PainPoint]:
        return self._read([], lambda c: q.pain_series(c, since))

    def recent_pain(self, n: int = 3) -> list[PainPoint]:
        """The last ``n`` rated sessions, newest first (for the safety check)."""
        return self._read([], lambda c: q.recent_pain(c, n))

    def level_changes(self, routine_id: str | None = None) -> list[LevelChange]:
        """Every decision about levels (of one routine, or all), oldest first."""
        from backcoach.core import history_levels as lv

        return self._read([], lambda c: lv.read_changes(c, routine_id))

    def outcomes(self, routine_id: str, since: int = 0) -> list[PastSession]:
        """The routine's finished sessions after session ``since``, for the progression rules."""
        from backcoach.core import history_levels as lv

        return self._read([], lambda c: lv.outcomes(c, routine_id, since))

    def latest_session(self, routine_id: str) -> int:
        from backcoach.core import history_levels as lv

        return self._read(0, lambda c: lv.latest_session(c, routine_id))

    def all_sessions(self) -> list[SessionDetail]:
        """Every session with its detail, oldest first (for export)."""
        return self._read([], q.all_details)
