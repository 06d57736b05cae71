"""Walk every shipped routine from start to end with a fake clock."""

from __future__ import annotations

import itertools

import pytest

from backcoach.core.effects import CueDropped, CueDue, SegmentCompleted, SessionEnded, State
from backcoach.core.plan import SegmentKind, build_plan
from backcoach.core.records import SessionStatus
from backcoach.core.session import SessionMachine
from tests.conftest import ASSETS
from tests.fakes import FakeClock

TICK = 0.05


def _routine_ids() -> list[str]:
    from backcoach.core.catalog import load_catalog

    return sorted(load_catalog(ASSETS).routines)


@pytest.mark.parametrize("routine_id", _routine_ids())
def test_walk_fires_every_planned_cue_on_time_and_records_every_set(routine_id, catalog) -> None:
    plan = build_plan(catalog.routine(routine_id), catalog)
    clock = FakeClock()
    machine = SessionMachine(plan, clock)
    t0 = clock.now
    effects = machine.start()
    while machine.state == State.RUNNING:
        effects += machine.tick(clock.advance(TICK))

    said = [(e.segment_index, e.cue) for e in effects if isinstance(e, CueDue)]
    planned = [(s.index, c) for s in plan.segments for c in s.cues]
    assert said == planned
    assert not [e for e in effects if isinstance(e, CueDropped)]
    for e in effects:
        if isinstance(e, CueDue):
            planned_at = t0 + plan.segments[e.segment_index].start_s + e.cue.offset_s
            assert e.due == pytest.approx(planned_at, abs=1e-6)

    records = [e.record for e in effects if isinstance(e, SegmentCompleted)]
    work = plan.work_segments
    assert [r.index for r in records] == [s.index for s in work]
    for r, s in zip(records, work, strict=True):
        assert (r.exercise_id, r.side, r.set_no, r.round_no) == (
            s.exercise_id,
            s.side,
            s.set_no,
            s.round_no,
        )
        assert r.done_s == pytest.approx(s.duration_s)
        assert r.done_reps == s.reps
        assert not r.skipped and not r.hurt

    ended = [e for e in effects if isinstance(e, SessionEnded)]
    assert len(ended) == 1 and ended[0].status == SessionStatus.COMPLETED
    assert ended[0].elapsed_s == pytest.approx(plan.total_s)
    assert machine.state == State.FINISHED


@pytest.mark.parametrize("routine_id", _routine_ids())
def test_every_plan_is_well_formed(routine_id, catalog) -> None:
    plan = build_plan(catalog.routine(routine_id), catalog)
    segs = plan.segments
    assert segs[-1].kind == SegmentKind.DONE
    for a, b in itertools.pairwise(segs):
        assert b.start_s == pytest.approx(a.end_s)
    for s in segs:
        offsets = [c.offset_s for c in s.cues]
        assert offsets == sorted(offsets)
        assert all(0 <= o <= s.duration_s for o in offsets)
    # No two cues overlap at the planned speaking rate.
    timeline = sorted((s.start_s + c.offset_s, c) for s in segs for c in s.cues)
    for (t1, c1), (t2, _) in itertools.pairwise(timeline):
        assert t1 + c1.speech_s() <= t2 + 1e-6, (
            f"{c1.text!r} at {t1} runs into the next cue at {t2}"
        )
