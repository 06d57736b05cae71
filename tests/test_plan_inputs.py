"""build_plan refuses inputs no real session could have (defence in depth): no option
or figure can make a session look done, or build a plan nobody can follow."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from backcoach.core.plan import PlanOptions, build_plan
from backcoach.core.plan_inputs import PlanError, usable_variants

BAD_SECONDS = [-100.0, -0.001, math.nan, math.inf, -math.inf, 1e308]


@pytest.mark.parametrize("value", BAD_SECONDS)
@pytest.mark.parametrize("name", ["prepare_s", "switch_s", "hold_s", "rest_s"])
def test_options_with_impossible_seconds_are_refused(catalog, name: str, value: float) -> None:
    routine = catalog.routine("post-run-cooldown")
    with pytest.raises(PlanError, match=name):
        build_plan(routine, catalog, PlanOptions(**{name: value}))


@pytest.mark.parametrize("rounds", [0, -1, 1000, True])
def test_impossible_rounds_are_refused(catalog, rounds: int) -> None:
    with pytest.raises(PlanError, match="rounds"):
        build_plan(catalog.routine("glute-check"), catalog, PlanOptions(rounds=rounds))


@pytest.mark.parametrize(
    ("field", "value"),
    [("sets", 0), ("sets", -3), ("rest_s", -5.0), ("rest_s", math.nan), ("hold_s", math.inf)],
)
def test_an_item_figure_that_slipped_past_the_file_check_is_refused(
    catalog, field: str, value: float
) -> None:
    routine = catalog.routine("post-run-cooldown")  # holds only
    items = (replace(routine.items[0], **{field: value}), *routine.items[1:])
    with pytest.raises(PlanError, match=f"items\\[0\\].*{field}"):
        build_plan(replace(routine, items=items), catalog)


def test_negative_routine_rests_and_a_runaway_size_are_refused(catalog) -> None:
    routine = catalog.routine("post-run-cooldown")
    with pytest.raises(PlanError, match="rest_between_exercises_s"):
        build_plan(replace(routine, rest_between_exercises_s=-1.0), catalog)
    huge = replace(routine, items=routine.items * 100, rounds=10)
    with pytest.raises(PlanError, match="more than a session holds"):
        build_plan(huge, catalog, with_cues=False)


def test_an_unknown_variant_is_refused_and_saved_choices_are_filtered(catalog) -> None:
    routine = catalog.routine("strengthen-and-mobilise")
    assert "single-leg-bridge" in {item.exercise for item in routine.items}
    with pytest.raises(PlanError, match="no variant 'gone'"):
        build_plan(routine, catalog, PlanOptions(variants={"single-leg-bridge": "gone"}))
    chosen = {"single-leg-bridge": "double-leg", "plank": "side-plank", "nope": "x"}
    assert usable_variants(catalog, routine, chosen) == {"single-leg-bridge": "double-leg"}


def test_sound_options_still_plan(catalog) -> None:
    plan = build_plan(catalog.routine("post-run-cooldown"), catalog, PlanOptions(prepare_s=5))
    assert plan.total_s > 0 and all(s.duration_s >= 0 for s in plan.segments)
