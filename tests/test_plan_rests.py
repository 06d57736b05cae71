"""A rest between exercises is the whole gap between them, the get-ready included.

The sources count a rest from the end of one exercise to the start of the next ("rest for
30 seconds between exercises", seed 001), so the plan folds the get-ready into it instead
of adding it on top; the rest between sets of one exercise has no get-ready and stays as
written.
"""

from __future__ import annotations

import itertools
import json

import pytest

from backcoach.cli import main
from backcoach.core.catalog import Catalog
from backcoach.core.plan import PlanOptions, Segment, SegmentKind, build_plan


def _changes(segments: tuple[Segment, ...]) -> list[tuple[Segment, Segment]]:
    """(last work of one exercise, first work of the next), in order."""
    work = [s for s in segments if s.kind == SegmentKind.WORK]
    return [
        (a, b)
        for a, b in itertools.pairwise(work)
        if (a.item_index, a.round_no) != (b.item_index, b.round_no)
    ]


def test_circuit_gap_between_exercises_is_the_sources_30_s(catalog: Catalog) -> None:
    plan = build_plan(catalog.routine("stability-ball-circuit"), catalog, with_cues=False)
    gaps = [round(b.start_s - a.end_s, 6) for a, b in _changes(plan.segments)]
    assert gaps == [30.0] * (4 * 3 + 2)  # every change, within and between rounds
    # The gap is a rest and then the get-ready, which is what the runner sees and hears.
    between = plan.segments[plan.segments.index(_changes(plan.segments)[0][0]) + 1 :][:2]
    assert [(s.kind, s.duration_s) for s in between] == [("rest", 20.0), ("prepare", 10.0)]


@pytest.mark.parametrize("prepare_s", [5.0, 10.0, 25.0])
def test_a_longer_get_ready_comes_out_of_the_rest_not_on_top(
    catalog: Catalog, prepare_s: float
) -> None:
    routine = catalog.routine("stability-ball-circuit")
    plan = build_plan(routine, catalog, PlanOptions(prepare_s=prepare_s), with_cues=False)
    assert {round(b.start_s - a.end_s, 6) for a, b in _changes(plan.segments)} == {30.0}


def test_a_get_ready_longer_than_the_rest_is_never_cut(catalog: Catalog) -> None:
    routine = catalog.routine("stability-ball-circuit")
    plan = build_plan(routine, catalog, PlanOptions(prepare_s=45.0), with_cues=False)
    assert {round(b.start_s - a.end_s, 6) for a, b in _changes(plan.segments)} == {45.0}
    # no rest segment before any exercise: the get-ready is the whole change
    firsts = [b for _, b in _changes(plan.segments)]
    for seg in firsts:
        before = plan.segments[seg.index - 1]
        assert before.kind == "prepare" and plan.segments[seg.index - 2].kind == "work"


def test_a_rest_the_runner_chooses_follows_the_same_rule(catalog: Catalog) -> None:
    routine = catalog.routine("stability-ball-circuit")
    plan = build_plan(routine, catalog, PlanOptions(rest_s=45.0), with_cues=False)
    within_rounds = [(a, b) for a, b in _changes(plan.segments) if a.round_no == b.round_no]
    assert {round(b.start_s - a.end_s, 6) for a, b in within_rounds} == {45.0}


def test_rests_between_sets_stay_as_the_sources_give_them(catalog: Catalog) -> None:
    plan = build_plan(catalog.routine("stability-ball-circuit"), catalog, with_cues=False)
    locust = [s for s in plan.work_segments if s.exercise_id == "locust-pose" and s.round_no == 1]
    assert [round(b.start_s - a.end_s, 6) for a, b in itertools.pairwise(locust)] == [5.0, 5.0]


def test_every_routine_changes_exercise_in_its_rest_or_its_get_ready(catalog: Catalog) -> None:
    for routine in catalog.routines.values():
        plan = build_plan(routine, catalog, with_cues=False)
        for a, b in _changes(plan.segments):
            gap = (
                routine.rest_between_exercises_s
                if b.round_no == a.round_no
                else (routine.rest_between_rounds_s)
            )
            expected = max(gap, plan.options.prepare_s)
            assert round(b.start_s - a.end_s, 6) == expected, (routine.id, b.exercise_id)


def test_plan_json_shows_30_s_from_one_exercise_to_the_next(capsys) -> None:
    assert main(["plan", "stability-ball-circuit", "--json"]) == 0
    segments = json.loads(capsys.readouterr().out)["segments"]
    plank_end = max(
        s["start_s"] + s["duration_s"]
        for s in segments
        if s["kind"] == "work" and s["exercise"] == "plank" and s["round"] == 1
    )
    extension_start = min(
        s["start_s"]
        for s in segments
        if s["kind"] == "work" and s["exercise"] == "ball-back-extension" and s["round"] == 1
    )
    assert extension_start - plank_end == pytest.approx(30.0)
