"""The session machine's events, one behaviour at a time, with a fake clock."""

from __future__ import annotations

import pytest

from backcoach.core.catalog import load_catalog
from backcoach.core.cues import CueKind
from backcoach.core.effects import (
    AutoPaused,
    CueDropped,
    CueDue,
    HurtReported,
    IllegalEvent,
    Progress,
    SegmentCompleted,
    SegmentStarted,
    SessionEnded,
    State,
    StateChanged,
)
from backcoach.core.plan import PlanOptions, SegmentKind, build_plan
from backcoach.core.records import SessionStatus
from backcoach.core.session import BACK_GRACE_S, LEAD_IN_S, SessionMachine
from tests.conftest import ASSETS
from tests.fakes import FakeClock

ROUTINE = "stability-ball-circuit"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def machine(catalog, clock) -> SessionMachine:
    return SessionMachine(build_plan(catalog.routine(ROUTINE), catalog), clock)


def run_until(machine: SessionMachine, clock: FakeClock, t: float, step: float = 0.05) -> list:
    """Tick until ``t`` seconds after the current clock reading."""
    out: list = []
    end = clock.now + t
    while clock.now < end - 1e-9 and machine.state == State.RUNNING:
        out += machine.tick(clock.advance(min(step, end - clock.now)))
    return out


def of(effects: list, kind: type) -> list:
    return [e for e in effects if isinstance(e, kind)]


def test_start_begins_the_first_segment_and_says_get_ready(machine) -> None:
    effects = machine.start()
    assert machine.state == State.RUNNING
    assert of(effects, SegmentStarted)[0].segment.kind == SegmentKind.PREPARE
    assert of(effects, CueDue)[0].cue.text == "Get ready: Plank."


def test_remaining_time_is_deadline_minus_now_whatever_the_tick_rate(machine, clock) -> None:
    machine.start()
    machine.tick(clock.advance(1.7))  # irregular ticks, each under the suspend gap
    machine.tick(clock.advance(1.6))
    p = of(machine.tick(clock.advance(0.2)), Progress)[-1]
    assert p.elapsed_s == pytest.approx(3.5)
    assert p.remaining_s == pytest.approx(machine.segment.duration_s - 3.5)


def test_pause_freezes_time_and_resume_shifts_the_deadline(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 4.0)
    machine.pause()
    clock.advance(120.0)  # a long pause
    assert machine.tick() == []
    assert machine.elapsed() == pytest.approx(4.0)
    machine.resume()
    effects = run_until(machine, clock, LEAD_IN_S + 6.05)  # "3, 2, 1", then the 6 s left
    started = of(effects, SegmentStarted)
    assert started and started[0].segment.kind == SegmentKind.WORK
    assert machine.session_elapsed() == pytest.approx(10.05)  # the lead-in is not exercise


def test_cues_never_fire_during_a_pause_and_none_are_lost_after_it(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 6.5)
    machine.pause()
    clock.advance(30)
    effects = machine.resume()
    effects += run_until(machine, clock, LEAD_IN_S + 3.6)
    # The resume's lead-in, then the get-ready's own count into the work.
    assert [e.cue.text for e in of(effects, CueDue)] == ["3", "2", "1", "3", "2", "1", "Go."]


def test_a_late_tick_drops_stale_countdown_numbers_instead_of_a_burst(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 6.9)
    effects = machine.tick(clock.advance(1.5))  # 3 (at 7.0) and 2 (at 8.0) fall due together
    said = [e.cue.text for e in of(effects, CueDue)]
    dropped = [e.cue.text for e in of(effects, CueDropped)]
    assert said == ["2"] and dropped == ["3"]
    assert of(effects, CueDropped)[0].late_s == pytest.approx(1.4)


def test_a_long_gap_between_ticks_auto_pauses_without_skipping(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 2.0)
    effects = machine.tick(clock.advance(600.0))  # the laptop slept
    assert of(effects, AutoPaused)[0].gap_s == pytest.approx(600.0)
    assert of(effects, StateChanged)[0].reason == "suspend"
    assert machine.state == State.PAUSED
    assert machine.index == 0 and machine.elapsed() == pytest.approx(2.0)
    assert not of(effects, SegmentCompleted)


def test_skip_records_the_work_segment_as_skipped(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 10.0 + 5.0)  # 5 s into the first plank
    assert machine.segment.kind == SegmentKind.WORK
    effects = machine.skip()
    rec = of(effects, SegmentCompleted)[0].record
    assert rec.skipped and rec.done_s == pytest.approx(5.0) and rec.planned_s == 45
    assert machine.segment.kind == SegmentKind.REST


def test_back_restarts_the_segment_or_goes_to_the_previous_work_early_on(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 10.0 + 20.0)  # 20 s into plank set 1
    first_work = machine.index
    machine.back()
    assert machine.index == first_work and machine.elapsed() == 0.0
    run_until(machine, clock, 45.0 + 15.0 + 1.0)  # into plank set 2
    assert machine.segment.set_no == 2 and machine.elapsed() < BACK_GRACE_S
    machine.back()
    assert machine.index == first_work


def test_back_restart_says_the_segment_cues_again(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 10.0 + 25.0)
    machine.back()
    effects = run_until(machine, clock, 23.0)
    assert "Halfway." in [e.cue.text for e in of(effects, CueDue)]


def test_hurt_pauses_and_marks_the_exercise(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 12.0)
    effects = machine.hurt()
    assert machine.state == State.PAUSED
    hurt = of(effects, HurtReported)[0]
    assert (hurt.exercise_id, hurt.side) == ("plank", "none")
    rec = of(machine.skip(), SegmentCompleted)[0].record
    assert rec.hurt and rec.skipped


def test_hurt_during_a_rest_names_the_exercise_just_done(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 10.0 + 45.0 + 2.0)
    assert machine.segment.kind == SegmentKind.REST
    assert of(machine.hurt(), HurtReported)[0].exercise_id == "plank"


def test_stop_ends_the_session_and_keeps_partial_work(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 10.0 + 7.0)
    effects = machine.stop()
    assert of(effects, SegmentCompleted)[0].record.done_s == pytest.approx(7.0)
    assert of(effects, SessionEnded)[0].status == SessionStatus.STOPPED
    assert machine.state == State.STOPPED


@pytest.mark.parametrize(
    ("setup", "event", "message"),
    [
        ([], "resume", "cannot resume while idle"),
        ([], "skip", "cannot skip while idle"),
        (["start"], "start", "cannot start while running"),
        (["start"], "resume", "already running"),
        (["start", "pause"], "pause", "already paused"),
        (["start", "stop"], "resume", "the session has ended"),
    ],
)
def test_illegal_events_are_refused_with_a_reason(machine, setup, event, message) -> None:
    for name in setup:
        getattr(machine, name)()
    with pytest.raises(IllegalEvent, match=message):
        getattr(machine, event)()


def test_switching_to_an_easier_variant_carries_on_from_the_same_set(clock) -> None:
    catalog = load_catalog(ASSETS)
    routine = catalog.routine(ROUTINE)
    plan = build_plan(routine, catalog)
    machine = SessionMachine(plan, clock)
    machine.start()
    run_until(machine, clock, 10.0 + 45.0 + 15.0 + 3.0)  # plank set 2
    key = machine.segment.key
    machine.hurt()
    harder = build_plan(routine, catalog, PlanOptions(variants={"plank": "side-plank"}))
    machine.replace_plan(harder)
    # The side plank is done per side: the same set carries on, on the first side.
    assert machine.segment.key[:4] == key[:4] and machine.segment.side == "left"
    assert machine.segment.variant == "side-plank"
    assert machine.state == State.PAUSED and machine.elapsed() == 0.0


def test_skip_exercise_skips_every_remaining_set(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 12.0)
    machine.hurt()
    effects = machine.skip_exercise()
    recs = [e.record for e in of(effects, SegmentCompleted)]
    assert [(r.set_no, r.skipped) for r in recs] == [(1, True), (2, True), (3, True)]
    assert (
        machine.segment.exercise_id == "ball-back-extension"
        and machine.segment.kind == SegmentKind.REST
    )


def test_the_session_finishes_with_the_closing_line(catalog, clock) -> None:
    plan = build_plan(catalog.routine(ROUTINE), catalog, PlanOptions(rounds=1))
    machine = SessionMachine(plan, clock)
    effects = machine.start() + run_until(machine, clock, plan.total_s + 1)
    cues = of(effects, CueDue)
    assert cues[-1].cue.kind == CueKind.CLOSING
    assert of(effects, SessionEnded)[0].status == SessionStatus.COMPLETED
    assert machine.state == State.FINISHED
    assert machine.tick(clock.advance(1)) == []


def test_resume_counts_3_2_1_while_time_stands_still_then_runs_on(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 14.0)  # 4 s into the first plank
    machine.pause()
    clock.advance(30)
    effects = machine.resume()
    assert [e.cue.text for e in of(effects, CueDue)] == ["3"]
    assert of(effects, Progress)[-1].lead_in_s == pytest.approx(3.0)
    during = run_until(machine, clock, 2.9)
    assert [e.cue.text for e in of(during, CueDue)] == ["2", "1"]
    assert all(p.elapsed_s == pytest.approx(4.0) for p in of(during, Progress))
    assert machine.session_elapsed() == pytest.approx(14.0)
    run_until(machine, clock, 1.1)
    assert machine.lead_in_left() == 0.0
    assert machine.elapsed() == pytest.approx(5.0)  # time runs again from where it stood


def test_an_event_during_the_lead_in_ends_it_where_time_stood(machine, clock) -> None:
    machine.start()
    run_until(machine, clock, 14.0)
    machine.pause()
    machine.resume()
    run_until(machine, clock, 1.5)
    machine.pause()  # paused again mid-count: nothing ran
    assert machine.elapsed() == pytest.approx(4.0)
    assert machine.session_elapsed() == pytest.approx(14.0)
    machine.resume()
    run_until(machine, clock, 1.0)
    effects = machine.skip()  # skip mid-count: the plank is done with 4 s in it
    assert of(effects, SegmentCompleted)[0].record.done_s == pytest.approx(4.0)
    assert machine.lead_in_left() == 0.0


def test_a_machine_without_a_lead_in_resumes_at_once(catalog, clock) -> None:
    m = SessionMachine(build_plan(catalog.routine(ROUTINE), catalog), clock, lead_in_s=0)
    m.start()
    run_until(m, clock, 4.0)
    m.pause()
    m.resume()
    run_until(m, clock, 1.0)
    assert m.elapsed() == pytest.approx(5.0)
