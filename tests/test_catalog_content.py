"""The shipped catalogue: every file loads, and the figures the seeds give are in the files.

Figures are read from the loaded catalogue (that is, from the TOML files), never from a
copy in this test, so a changed file that drifts from its sources fails here.
"""

from __future__ import annotations

import itertools
import re

import pytest

from backcoach.core.catalog import Catalog, Dosage, Exercise, Routine, RoutineItem
from backcoach.core.cues import DEFAULT_WPM, CueKind, estimate_speech_s
from backcoach.core.plan import PlanOptions, build_plan
from tests.conftest import ASSETS

SEEDS = {
    "000_5bd82a27ffd67d72.txt",
    "001_f99d85ccd3986074.txt",
    "002_28ac56f964d3cfe9.txt",
    "003_173be5928d1b84be.txt",
    "004_95edb248a2beb166.txt",
}

# The 24 exercises of CONTENT.md, with whether each is done on both sides.
PER_SIDE = {
    "leg-swings": True,
    "deep-core-activation": False,
    "single-leg-squat-rotation": True,
    "single-leg-bridge": True,
    "side-plank-rotation": True,
    "chicago-rolls": True,
    "plank": False,
    "ball-back-extension": False,
    "ball-reverse-leg-raise": False,
    "glute-bridge": False,
    "locust-pose": False,
    "roll-down": False,
    "downward-dog": False,
    "childs-pose": False,
    "cat-cow": False,
    "modified-childs-pose": True,
    "kneeling-hip-flexor-stretch": True,
    "figure-four-stretch": True,
    "knee-to-chest": True,
    "worlds-greatest-stretch": True,
    "quadruped-rock-back": False,
    "half-kneeling-couch-stretch": True,
    "calf-stretch": True,
    "prone-knee-lift-check": True,
}

ROUTINES = {
    "strengthen-and-mobilise": [
        "leg-swings",
        "leg-swings",
        "deep-core-activation",
        "single-leg-squat-rotation",
        "single-leg-bridge",
        "side-plank-rotation",
        "chicago-rolls",
    ],
    "stability-ball-circuit": [
        "plank",
        "ball-back-extension",
        "ball-reverse-leg-raise",
        "glute-bridge",
        "locust-pose",
    ],
    "post-run-cooldown": [
        "roll-down",
        "downward-dog",
        "childs-pose",
        "cat-cow",
        "modified-childs-pose",
        "kneeling-hip-flexor-stretch",
        "figure-four-stretch",
    ],
    "glute-check": ["prone-knee-lift-check", "glute-bridge"],
    "pre-run-warm-up": [
        "leg-swings",
        "leg-swings",
        "worlds-greatest-stretch",
        "quadruped-rock-back",
    ],
    "extra-stretches": ["knee-to-chest", "half-kneeling-couch-stretch", "calf-stretch"],
}

# The figure renderer keys its keyframes on these phase names.
TEMPO_PHASES: dict[tuple[str, str | None], list[str]] = {
    ("leg-swings", None): ["forward", "back"],
    ("leg-swings", "side-to-side"): ["across", "out"],
    ("deep-core-activation", None): ["inhale", "exhale"],
    ("single-leg-squat-rotation", None): ["lower", "rise"],
    ("single-leg-bridge", None): ["lift", "hold", "lower"],
    ("side-plank-rotation", None): ["rotate", "return"],
    ("chicago-rolls", None): ["open", "close"],
    ("plank", None): [],
    ("ball-back-extension", None): ["lower", "lift", "pause"],
    ("ball-reverse-leg-raise", None): ["lift", "lower"],
    ("glute-bridge", None): ["lift", "hold", "lower"],
    ("locust-pose", None): [],
    ("roll-down", None): [],
    ("downward-dog", None): [],
    ("childs-pose", None): [],
    ("cat-cow", None): ["arch", "round"],
    ("modified-childs-pose", None): [],
    ("kneeling-hip-flexor-stretch", None): [],
    ("figure-four-stretch", None): [],
    ("knee-to-chest", None): [],
    ("half-kneeling-couch-stretch", None): [],
    ("calf-stretch", None): [],
    ("worlds-greatest-stretch", None): ["lunge", "elbow", "reach", "return"],
    ("quadruped-rock-back", None): ["back", "forward"],
    ("prone-knee-lift-check", None): ["lift", "lower"],
}

# Only where the seeds describe an easier or harder form.
VARIANTS = {
    "leg-swings": {("side-to-side", "alternative")},
    "deep-core-activation": {("limb-lift", "harder"), ("hands-and-knees", "harder")},
    "single-leg-squat-rotation": {("back-foot-support", "easier")},
    "single-leg-bridge": {("double-leg", "easier"), ("foot-on-chair", "harder")},
    "side-plank-rotation": {("bent-knee", "easier")},
    "plank": {("side-plank", "harder")},
}

# Every stretch seed 002 gives a hold for: the cool-down's seven and the three extras.
SEED_002_STRETCHES = ROUTINES["post-run-cooldown"] + ROUTINES["extra-stretches"]


_COUNTED = re.compile(r"^[^,]+,\s*2(?:,\s*\d+)*\s*$")  # "Hold, 2, 3" is said word by word


def _head(cue: str) -> str:
    """The words said as a phase starts (a counted cue's numbers follow on later seconds)."""
    return cue.split(",")[0] if _COUNTED.match(cue) else cue


def _forms(catalog: Catalog) -> list[tuple[Exercise, str | None]]:
    return [
        (ex, v) for ex in catalog.exercises.values() for v in [None, *(x.id for x in ex.variants)]
    ]


def _dosage(ex: Exercise, variant: str | None) -> Dosage:
    v = ex.variant(variant)
    return v.dosage if v is not None and v.dosage is not None else ex.dosage


def test_every_shipped_file_loads_without_errors(catalog: Catalog) -> None:
    assert [str(e) for e in catalog.errors] == []
    assert len(catalog.exercises) == len(list((ASSETS / "exercises").glob("*.toml")))
    assert len(catalog.routines) == len(list((ASSETS / "routines").glob("*.toml")))
    assert all(ex.builtin for ex in catalog.exercises.values())


def test_ids_are_exactly_the_catalogue_of_content_md(catalog: Catalog) -> None:
    assert set(catalog.exercises) == set(PER_SIDE)
    assert len(catalog.exercises) == 24
    assert set(catalog.routines) == set(ROUTINES)


def test_routines_list_their_exercises_in_order(catalog: Catalog) -> None:
    for rid, expected in ROUTINES.items():
        assert [i.exercise for i in catalog.routine(rid).items] == expected, rid


def test_every_source_is_one_of_the_five_seeds(catalog: Catalog) -> None:
    files: list[Exercise | Routine] = [*catalog.exercises.values(), *catalog.routines.values()]
    for thing in files:
        assert thing.sources, thing.id
        assert set(thing.sources) <= SEEDS, thing.id


def test_per_side_flags(catalog: Catalog) -> None:
    assert {ex.id: ex.per_side for ex in catalog.exercises.values()} == PER_SIDE
    # A form may change sidedness: the double-leg bridge has none, the side plank two.
    bridge, plank = catalog.exercise("single-leg-bridge"), catalog.exercise("plank")
    assert bridge.per_side_for("double-leg") is False
    assert bridge.per_side_for("foot-on-chair") is True
    assert plank.per_side_for("side-plank") is True


def test_plank_hold_and_repeats_from_seed_001(catalog: Catalog) -> None:
    d = catalog.exercise("plank").dosage
    assert (d.mode, d.hold_s, d.sets) == ("hold", 45, 3)
    assert d.seed.hold_s == (45, 60)
    assert d.seed.sets == (3, 5)
    assert d.default_is_ours  # the rest between holds is ours
    assert d.rest_s > 0 and d.seed.rest_s is None


def test_ball_exercises_reps_from_seed_001(catalog: Catalog) -> None:
    ext = catalog.exercise("ball-back-extension").dosage
    assert ext.mode == "reps" and ext.seed.reps == (12, 15)
    assert ext.reps is not None and 12 <= ext.reps <= 15
    raise_ = catalog.exercise("ball-reverse-leg-raise").dosage
    assert (raise_.mode, raise_.reps, raise_.seed.reps) == ("reps", 15, (15, 15))
    for ex_id in ("ball-back-extension", "ball-reverse-leg-raise"):
        ex = catalog.exercise(ex_id)
        assert ex.equipment == (
            "stability-ball",
            "mat",
        )  # 001: "a large stability ball and an exercise mat"
        assert ex.dosage.default_is_ours  # the seconds of each phase are backcoach's


def test_glute_bridge_fifteen_reps_with_three_second_hold(catalog: Catalog) -> None:
    d = catalog.exercise("glute-bridge").dosage
    assert (d.mode, d.reps, d.seed.reps) == ("reps", 15, (15, 15))
    hold = [p for p in d.tempo if p.name == "hold"]
    assert len(hold) == 1 and hold[0].seconds == 3
    assert d.seed.tempo_s == (("hold", 3),)  # the pause is the source's ...
    assert d.default_is_ours  # ... the lift and lower seconds are backcoach's


def test_locust_holds_thirty_relaxes_five_three_times(catalog: Catalog) -> None:
    d = catalog.exercise("locust-pose").dosage
    assert (d.mode, d.hold_s, d.rest_s, d.sets) == ("hold", 30, 5, 3)
    assert (d.seed.hold_s, d.seed.rest_s, d.seed.sets) == ((30, 30), (5, 5), (3, 3))


def test_circuit_rests_thirty_seconds_for_three_to_five_rounds(catalog: Catalog) -> None:
    r = catalog.routine("stability-ball-circuit")
    assert r.rest_between_exercises_s == 30
    assert r.rest_between_rounds_s == 30  # the last move to the first is a change of exercise
    assert (r.rounds, r.rounds_range) == (3, (3, 5))
    assert set(r.equipment) == {"stability-ball", "mat"}
    assert "rest_between_exercises_s" not in r.ours and "rounds" not in r.ours
    plan = build_plan(r, catalog)
    # From the end of one exercise's last set to the start of the next exercise: 30 s all
    # told, the get-ready included (within and between rounds). The locust's own 5 s
    # rests between its holds are not changes of exercise.
    work = plan.work_segments
    changes = [(a, b) for a, b in itertools.pairwise(work) if a.item_index != b.item_index]
    assert len(changes) == 4 * 3 + 2
    assert {round(b.start_s - a.end_s, 6) for a, b in changes} == {30.0}
    assert {s.round_no for s in plan.work_segments} == {1, 2, 3}


def test_seed_002_stretches_hold_thirty_to_sixty_seconds(catalog: Catalog) -> None:
    for ex_id in SEED_002_STRETCHES:
        d = catalog.exercise(ex_id).dosage
        assert (d.mode, d.hold_s, d.seed.hold_s) == ("hold", 30, (30, 60)), ex_id
        assert d.default_is_ours == bool(d.tempo), ex_id  # cat-cow's arch and round: ours
    r = catalog.routine("post-run-cooldown")
    assert r.when == "after-run" and r.equipment == ("mat",)
    # A longer hold asked for by the runner stays inside the seeds' range.
    plan = build_plan(r, catalog, PlanOptions(hold_s=90))
    assert {s.duration_s for s in plan.work_segments} == {60.0}


def test_default_is_ours_exactly_where_a_default_figure_is_not_from_the_seeds(
    catalog: Catalog,
) -> None:
    def within(value: float | None, rng: tuple[float, float] | None, implicit: float) -> bool:
        if rng is None:
            return value == implicit  # the sources' silence means "once" / "no rest"
        return value is not None and rng[0] <= value <= rng[1]

    for ex, variant in _forms(catalog):
        d = _dosage(ex, variant)
        main_ok = (
            within(d.hold_s, d.seed.hold_s, -1)
            if d.mode == "hold"
            else within(d.reps, d.seed.reps, -1)
        )
        tempo_ok = all(d.seed.phase_s(p.name) == p.seconds for p in d.tempo)
        all_from_seeds = (
            main_ok
            and within(d.sets, d.seed.sets, 1)
            and within(d.rest_s, d.seed.rest_s, 0)
            and tempo_ok
        )
        assert d.default_is_ours == (not all_from_seeds), (ex.id, variant)


def test_routines_mark_the_rests_they_chose(catalog: Catalog) -> None:
    for r in catalog.routines.values():
        if r.id != "stability-ball-circuit":  # the only routine whose sources give a rest
            assert "rest_between_exercises_s" in r.ours, r.id
    assert set(catalog.routine("glute-check").ours) == {
        "rest_between_exercises_s",
        "items[1].sets",
        "items[1].rest_s",
    }
    bridges = catalog.routine("glute-check").items[1]
    assert bridges.exercise == "glute-bridge" and bridges.sets is not None and bridges.sets >= 2


def test_variants_only_where_the_seeds_give_them(catalog: Catalog) -> None:
    found = {
        ex.id: {(v.id, v.level) for v in ex.variants}
        for ex in catalog.exercises.values()
        if ex.variants
    }
    assert found == VARIANTS
    assert catalog.exercise("single-leg-bridge").equipment_for("foot-on-chair") == (
        "mat",
        "chair",
    )


def test_warm_up_routines_swing_both_ways(catalog: Catalog) -> None:
    for rid in ("pre-run-warm-up", "strengthen-and-mobilise"):
        swings = [i for i in catalog.routine(rid).items if i.exercise == "leg-swings"]
        assert [i.variant for i in swings] == [None, "side-to-side"], rid
    assert catalog.routine("pre-run-warm-up").when == "before-run"


def test_glute_check_asks_where_it_was_felt(catalog: Catalog) -> None:
    check = catalog.exercise("prone-knee-lift-check").check
    assert check is not None and check.id == "where-felt"
    assert check.question.endswith("?")
    answers = {a.id: a for a in check.answers}
    assert {"lower-back", "glutes"} <= set(answers) <= {"lower-back", "glutes", "not-sure"}
    assert answers["lower-back"].routine == "glute-check"
    assert answers["glutes"].routine == "strengthen-and-mobilise"
    assert "bridge" in answers["lower-back"].advice.lower()
    assert "physio" in answers["glutes"].advice.lower()
    for a in check.answers:
        assert a.label and a.advice
        assert a.routine in catalog.routines


def test_every_routine_lists_the_equipment_its_exercises_need(catalog: Catalog) -> None:
    for r in catalog.routines.values():
        needed = {
            thing
            for item in r.items
            for thing in catalog.exercise(item.exercise).equipment_for(item.variant)
        }
        assert needed <= set(r.equipment), r.id


@pytest.mark.parametrize(("key", "names"), TEMPO_PHASES.items(), ids=str)
def test_tempo_phase_names_are_the_ones_the_figures_use(
    catalog: Catalog, key: tuple[str, str | None], names: list[str]
) -> None:
    ex_id, variant = key
    assert [p.name for p in _dosage(catalog.exercise(ex_id), variant).tempo] == names


def test_every_form_has_tempo_names_the_figures_know(catalog: Catalog) -> None:
    # Variants without their own entry above must share the exercise's phase names.
    for ex, variant in _forms(catalog):
        key = (ex.id, variant) if (ex.id, variant) in TEMPO_PHASES else (ex.id, None)
        assert [p.name for p in _dosage(ex, variant).tempo] == TEMPO_PHASES[key], (ex.id, variant)


def test_spoken_lines_are_short(catalog: Catalog) -> None:
    words = re.compile(r"[\w']+")
    for ex, variant in _forms(catalog):
        v = ex.variant(variant)
        cues = v.cues if v is not None and v.cues is not None else ex.cues
        assert cues.setup, (ex.id, variant)
        assert len(words.findall(cues.setup)) <= 9, cues.setup
        d = _dosage(ex, variant)
        if d.mode == "hold" and not d.tempo:
            assert 2 <= len(cues.during) <= 4, (ex.id, variant)
        for line in cues.during:
            assert len(words.findall(line)) <= 6, line
        for p in d.tempo:
            assert 1 <= len(words.findall(p.cue)) <= 7, p.cue
            # Said at the coach's pace, a phase's words end before the next phase starts.
            assert estimate_speech_s(_head(p.cue), DEFAULT_WPM) <= p.seconds, p.cue


def test_every_tempo_cue_and_rep_count_survives_scheduling(catalog: Catalog) -> None:
    """Phases are long enough that no cue is dropped to keep cues apart."""
    for ex, variant in _forms(catalog):
        d = _dosage(ex, variant)
        if d.mode != "reps":
            continue
        routine = Routine(
            id="one",
            name="one",
            purpose="one",
            when="any",
            items=(RoutineItem(ex.id, variant),),
            rounds=1,
            rest_between_exercises_s=0,
            rest_between_rounds_s=0,
            equipment=(),
            sources=(),
        )
        heads = [_head(p.cue) for p in d.tempo if p.cue]
        reps = d.reps or 0
        for seg in build_plan(routine, catalog).work_segments:
            said = [c.text for c in seg.cues if c.kind == CueKind.TEMPO and c.text in heads]
            assert said == heads * reps, (ex.id, variant)
            counts = [c.text for c in seg.cues if c.kind == CueKind.REP]
            assert counts == [*(f"{n}." for n in range(1, reps - 1)), "Last one."], (ex.id, variant)


def test_every_exercise_says_when_to_ease_off(catalog: Catalog) -> None:
    for ex in catalog.exercises.values():
        assert ex.safety, ex.id
        assert len(ex.instructions) >= 3, ex.id
        assert "\n" not in ex.summary, ex.id


def test_every_routine_plans(catalog: Catalog) -> None:
    for r in catalog.routines.values():
        plan = build_plan(r, catalog)
        assert plan.total_s > 0
        assert {s.exercise_id for s in plan.work_segments} == {i.exercise for i in r.items}
