"""The runner's levels for a routine, read from the history and written back to it.

Glue between the progression rules (pure) and the history store, shared by the window
and the command line so that both start a routine at the same level.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from backcoach.core.catalog import Catalog, Routine
from backcoach.core.levels import Level, levels_by_item
from backcoach.core.progression import (
    LevelChange,
    PastSession,
    Proposal,
    RoutineLevels,
    current_levels,
    decide,
    propose,
    reset,
    set_by_hand,
    set_rounds_by_hand,
)


class LevelStore(Protocol):
    """The part of the history store the levels need."""

    def level_changes(self, routine_id: str | None = None) -> list[LevelChange]: ...
    def record_level_changes(self, rows: list[LevelChange]) -> bool: ...
    def outcomes(self, routine_id: str, since: int = 0) -> list[PastSession]: ...
    def latest_session(self, routine_id: str) -> int: ...


class LevelBook:
    def __init__(self, store: LevelStore | None, catalog: Catalog) -> None:
        self.store = store
        self.catalog = catalog

    def state(self, routine: Routine) -> RoutineLevels:
        changes = self.store.level_changes(routine.id) if self.store is not None else []
        return current_levels(routine, self.catalog, changes)

    def all_states(self) -> list[RoutineLevels]:
        """Every routine that has level changes, for the History page (one read)."""
        if self.store is None:
            return []
        changes = self.store.level_changes()
        ids = list(dict.fromkeys(c.routine_id for c in changes))
        routines = [self.catalog.routines[i] for i in ids if i in self.catalog.routines]
        return [
            current_levels(r, self.catalog, changes) for r in sorted(routines, key=lambda r: r.name)
        ]

    def proposal(self, routine: Routine) -> tuple[RoutineLevels, Proposal]:
        """What the routine's latest session suggests, unless the runner already answered."""
        state = self.state(routine)
        if self.store is None:
            return state, Proposal(routine.id, 0)
        since = max((c.after_session for c in state.changes), default=0)
        return state, propose(state, self.store.outcomes(routine.id, since))

    def confirm(
        self, state: RoutineLevels, proposal: Proposal, accepted: Collection[str], at: datetime
    ) -> bool:
        """Store the runner's answer: the accepted changes, and "not now" for the rest."""
        return self._keep(decide(proposal, accepted, state, at))

    def set_level(self, state: RoutineLevels, slot: str, level: Level, at: datetime) -> bool:
        return self._keep([set_by_hand(state, slot, level, at, self._latest(state))])

    def set_rounds(self, state: RoutineLevels, rounds: int, at: datetime) -> bool:
        return self._keep([set_rounds_by_hand(state, rounds, at, self._latest(state))])

    def reset(self, state: RoutineLevels, at: datetime) -> bool:
        return self._keep(reset(state, at, self._latest(state)))

    def plan_levels(self, routine: Routine) -> tuple[dict[int, Level], int]:
        """The levels by routine item and the rounds, for ``PlanOptions``."""
        state = self.state(routine)
        return levels_by_item(state.slots, state.levels), state.rounds

    def _latest(self, state: RoutineLevels) -> int:
        return self.store.latest_session(state.routine.id) if self.store is not None else 0

    def _keep(self, rows: list[LevelChange]) -> bool:
        return self.store.record_level_changes(rows) if self.store is not None else False
