"""Property-based tests: random event sequences and tick gaps thrown at the machine."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.core.catalog import load_catalog
from backcoach.core.effects import (
    CueDue,
    Event,
    IllegalEvent,
    Progress,
    SegmentCompleted,
    SegmentStarted,
    SessionEnded,
    State,
)
from backcoach.core.plan import PlanOptions, build_plan
from backcoach.core.session import SessionMachine
from tests.conftest import ASSETS
from tests.fakes import FakeClock

CATALOG = load_catalog(ASSETS)
PLAN = build_plan(CATALOG.routine("stability-ball-circuit"), CATALOG, PlanOptions(rounds=1))

USER_EVENTS = [
    Event.START,
    Event.PAUSE,
    Event.RESUME,
    Event.SKIP,
    Event.BACK,
    Event.STOP,
    Event.HURT,
]
steps = st.lists(
    st.one_of(
        st.tuples(st.just(Event.TICK), st.floats(0.0, 1.0) | st.floats(0.0, 30.0)),
        st.tuples(st.sampled_from(USER_EVENTS), st.floats(0.0, 0.5)),
    ),
    max_size=300,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_random_events_keep_every_invariant(sequence) -> None:
    clock = FakeClock()
    machine = SessionMachine(PLAN, clock)
    effects: list = []
    for event, dt in sequence:
        clock.advance(dt)
        legal = machine.can(event)
        try:
            effects += machine.tick() if event == Event.TICK else getattr(machine, event.value)()
        except IllegalEvent as exc:
            assert not legal, f"{event} refused although the table allows it: {exc}"
            assert machine.state.value in str(exc)
        else:
            assert legal

    # Every cue fires at most once per visit of its segment, in planned order.
    seen: set[tuple[int, int]] = set()
    visit = -1
    last_offset = -1.0
    for e in effects:
        if isinstance(e, SegmentStarted):
            visit += 1
            last_offset = -1.0
        elif isinstance(e, CueDue):
            key = (visit, id(e.cue))
            assert key not in seen
            seen.add(key)
            assert e.cue.offset_s >= last_offset
            last_offset = e.cue.offset_s

    for e in effects:
        if isinstance(e, Progress):
            assert e.remaining_s >= 0 and e.session_remaining_s >= 0
            assert 0 <= e.elapsed_s <= PLAN.segments[e.segment_index].duration_s + 1e-9

    records = [e.record for e in effects if isinstance(e, SegmentCompleted)]
    for r in records:
        assert 0 <= r.done_s <= r.planned_s + 1e-9
    assert sum(r.done_s for r in records) <= machine.session_elapsed() + 1e-6

    ended = [e for e in effects if isinstance(e, SessionEnded)]
    assert len(ended) <= 1
    if ended:
        assert machine.state in (State.FINISHED, State.STOPPED)
        assert effects[-1] is ended[0] or all(
            not isinstance(e, CueDue) for e in effects[effects.index(ended[0]) + 1 :]
        )
