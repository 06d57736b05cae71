"""A runner doing sessions of one routine, for the progression tests: each session's
outcome, the proposal it leads to, and the runner's answer, on a stepped calendar."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from backcoach.core.catalog import Catalog, Routine
from backcoach.core.levels import ROUNDS_KEY
from backcoach.core.progression import (
    LevelChange,
    Mark,
    PastSession,
    Proposal,
    RoutineLevels,
    current_levels,
    decide,
    propose,
)
from backcoach.core.records import SessionStatus

START = datetime(2026, 11, 2, 18, 0, tzinfo=timezone(timedelta(hours=1)))
COMPLETED, STOPPED = SessionStatus.COMPLETED, SessionStatus.STOPPED


class FakeCalendar:
    """Days pass only when a test says so."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def next_day(self) -> datetime:
        self.now += timedelta(days=1)
        return self.now


@dataclass
class Runner:
    catalog: Catalog
    routine: Routine
    clock: FakeCalendar = field(default_factory=FakeCalendar)
    changes: list[LevelChange] = field(default_factory=list)
    outcomes: list[PastSession] = field(default_factory=list)

    @property
    def state(self) -> RoutineLevels:
        return current_levels(self.routine, self.catalog, self.changes)

    def session(
        self,
        pain: tuple[int | None, int | None] = (3, 3),
        status: SessionStatus = COMPLETED,
        hurt: Collection[str] = (),
        skipped: Collection[str] = (),
        missing: Collection[str] = (),
    ) -> Proposal:
        """One session (every set of every exercise unless told otherwise) and what it proposes."""
        self.clock.next_day()
        marks = []
        for slot in self.state.slots:
            if slot.key in missing:
                continue
            sets = self.state.levels[slot.key].sets
            for n in range(sets):
                last = n == sets - 1
                marks.append(
                    Mark(
                        slot.item_index,
                        slot.exercise_id,
                        complete=slot.key not in skipped and not (status is STOPPED and last),
                        skipped=slot.key in skipped,
                        hurt=slot.key in hurt and last,
                    )
                )
        self.outcomes.append(PastSession(len(self.outcomes) + 1, status, *pain, tuple(marks)))
        return self.proposal()

    def proposal(self) -> Proposal:
        since = max((c.after_session for c in self.changes), default=0)
        return propose(self.state, [o for o in self.outcomes if o.session_id > since])

    def answer(self, proposal: Proposal, accept: Collection[str] | None = None) -> None:
        """Accept the named changes (all when ``accept`` is None); the rest are turned down."""
        keys = {c.slot for c in proposal.changes} if accept is None else set(accept)
        self.changes += decide(proposal, keys, self.state, self.clock())

    def levels(self, *keys: str) -> tuple[str, ...]:
        state = self.state
        return tuple(
            str(state.rounds) if k == ROUNDS_KEY else state.levels[k].describe() for k in keys
        )
