"""The editor's models: drafts checked by the loader, saved files that load back the same."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backcoach.core.catalog import load_catalog
from backcoach.core.exercise_draft import ExerciseDraft, PhaseDraft, check_exercise_draft
from backcoach.core.own_files import delete_routine, save_exercise, save_routine
from backcoach.core.plan import build_plan
from backcoach.core.plan_export import plan_to_dict
from backcoach.core.range_note import RangeNote, range_note
from backcoach.core.routine_draft import RoutineDraft, check_draft, draft_from_routine, slug
from tests.conftest import ASSETS


def _check(draft, catalog, tmp_path, taken=()):  # type: ignore[no-untyped-def]
    return check_draft(draft, catalog, tmp_path / "routines", set(catalog.routines) | set(taken))


def test_an_empty_draft_names_each_missing_field_in_the_loaders_words(catalog, tmp_path) -> None:
    check = _check(RoutineDraft(), catalog, tmp_path)
    assert not check.ok and check.total_s is None
    assert check.messages("name") == ["must not be empty"]
    assert check.messages("purpose") == ["must not be empty"]
    assert check.messages("items") == [
        "missing; expected at least one [[items]] table naming an exercise"
    ]


def test_out_of_range_figures_are_refused_at_their_field(catalog, tmp_path) -> None:
    draft = RoutineDraft(name="Mine", purpose="Test", rounds=40).added("plank")
    draft = draft.with_item(0, hold_s=0.0, sets=12)
    check = _check(draft, catalog, tmp_path)
    assert check.messages("rounds") == ["40 is out of range; expected 1–10"]
    assert check.messages("items[0].hold_s") == ["0 s is out of range; expected 1–600 s"]
    assert check.messages("items[0].sets") == ["12 is out of range; expected 1–10"]


def test_a_saved_draft_loads_back_to_the_identical_plan(catalog, tmp_path) -> None:
    draft = (
        RoutineDraft(name="Sam's evening, après run", purpose="Hips", when="after-run", rounds=2)
        .added("childs-pose")
        .added("single-leg-bridge")
        .added("plank", at=0)
        .with_item(1, hold_s=75.0)
        .with_item(2, variant="foot-on-chair", reps=6)
        .with_fields(rest_between_exercises_s=15.0, rest_between_rounds_s=40.0)
    )
    check = _check(draft, catalog, tmp_path)
    assert check.ok, check.errors
    assert check.routine_id == "sams-evening-apres-run"
    assert check.equipment == ("mat", "chair")  # the harder bridge needs a chair
    path = save_routine(check.routine, tmp_path / "routines")
    assert path == tmp_path / "routines" / "sams-evening-apres-run.toml"
    loaded = load_catalog(ASSETS, tmp_path)
    assert loaded.errors == []
    again = loaded.routine("sams-evening-apres-run")
    assert plan_to_dict(build_plan(again, loaded)) == plan_to_dict(
        build_plan(check.routine, catalog)
    )
    assert build_plan(again, loaded).total_s == check.total_s


def test_new_routines_get_a_free_id_and_edits_keep_theirs(catalog, tmp_path) -> None:
    draft = RoutineDraft(name="Plank", purpose="x").added("plank")
    assert _check(draft, catalog, tmp_path, taken={"plank"}).routine_id == "plank-2"
    assert _check(replace(draft, editing="mine"), catalog, tmp_path).routine_id == "mine"
    assert slug("  ?? ") == "my-routine"


def test_a_duplicated_shipped_routine_plans_the_same_and_keeps_its_ours_marks(
    catalog, tmp_path
) -> None:
    shipped = catalog.routine("glute-check")
    draft = draft_from_routine(shipped, edit=False)
    assert draft.name == "Glute check and bridge (my copy)" and draft.editing == ""
    check = _check(draft, catalog, tmp_path)
    assert check.ok, check.errors
    mine, theirs = build_plan(check.routine, catalog), build_plan(shipped, catalog)
    assert mine.segments == theirs.segments
    assert set(check.routine.ours) == set(shipped.ours)
    # Moved, an item's "ours" figures follow it; set by the runner, a figure is theirs.
    moved = _check(draft.moved(1, 0), catalog, tmp_path).routine
    assert moved is not None
    marked = [o for o in shipped.ours if o.startswith("items[1].")]
    assert {o.replace("items[1]", "items[0]") for o in marked} <= set(moved.ours)
    if marked:
        key = marked[0].split(".")[1]
        changed = _check(draft.with_item(1, **{key: 2}), catalog, tmp_path).routine
        assert changed is not None and marked[0] not in changed.ours


def test_moving_and_removing_items() -> None:
    d = RoutineDraft().added("a").added("b").added("c")
    assert [i.exercise for i in d.moved(0, 2).items] == ["b", "c", "a"]
    assert [i.exercise for i in d.moved(2, -5).items] == ["c", "a", "b"]
    assert [i.exercise for i in d.removed(1).items] == ["a", "c"]


@pytest.mark.parametrize(
    ("rng", "value", "text", "beyond"),
    [
        ((30, 60), 45, "30–60 s in the articles", False),
        ((30, 60), 90, "30–60 s in the articles", True),
        ((15, 15), 15, "15 s in the articles", False),
        (None, 90, "", False),
    ],
)
def test_range_notes(rng, value, text, beyond) -> None:
    assert range_note(rng, value, "hold_s") == RangeNote(text, beyond)


def test_a_custom_exercise_is_checked_saved_and_loaded(catalog, tmp_path) -> None:
    folder = tmp_path / "exercises"
    empty = check_exercise_draft(ExerciseDraft(), catalog.exercises, folder)
    assert empty.exercise is None
    assert empty.messages("name") == ["must not be empty"]
    assert empty.messages("instructions") == ["must list at least one entry"]
    draft = ExerciseDraft(
        name="Bird dog",
        summary="Opposite arm and leg, back level.",
        position="On hands and knees",
        steps=("Hands under shoulders.", "", "Reach one arm and the other leg."),
        per_side=True,
        equipment=("mat",),
        mode="reps",
        reps=8,
        sets=2,
        rest_s=20,
        tempo=(
            PhaseDraft("reach", 2, "Reach"),
            PhaseDraft("hold", 2, "Hold, 2"),
            PhaseDraft("back", 2),
        ),
        setup_cue="Hands and knees.",
        safety=("Keep the back level.",),
        picture="cat-cow",
    )
    check = check_exercise_draft(draft, catalog.exercises, folder)
    assert check.errors == () and check.exercise_id == "bird-dog"
    save_exercise(check.exercise, folder)
    loaded = load_catalog(ASSETS, tmp_path)
    assert loaded.errors == []
    bird = loaded.exercise("bird-dog")
    assert bird.instructions == ("Hands under shoulders.", "Reach one arm and the other leg.")
    assert (bird.picture, bird.dosage.rep_s, bird.builtin) == ("cat-cow", 6.0, False)
    no_tempo = check_exercise_draft(replace(draft, tempo=()), catalog.exercises, folder)
    assert no_tempo.messages("dosage.tempo") == [
        "missing; reps need a tempo: [[...tempo]] tables with name, seconds and cue"
    ]
    bad_picture = check_exercise_draft(replace(draft, picture="bird-dog"), loaded.exercises, folder)
    assert bad_picture.messages("picture")[0].startswith("unknown picture 'bird-dog'")


def test_deleting_a_routine_removes_its_file_only(catalog, tmp_path) -> None:
    check = _check(RoutineDraft(name="Gone", purpose="x").added("plank"), catalog, tmp_path)
    save_routine(check.routine, tmp_path / "routines")
    routine = load_catalog(ASSETS, tmp_path).routine("gone")
    delete_routine(routine)
    assert "gone" not in load_catalog(ASSETS, tmp_path).routines
    with pytest.raises(ValueError, match="only your own"):
        delete_routine(catalog.routine("glute-check"))
