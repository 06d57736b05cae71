"""The routine editor's states and the new-exercise form, for ``backcoach --screenshot``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def editor_states(w):  # type: ignore[no-untyped-def]
    """The routine editor empty, filled (one hold beyond the articles' range), and with
    mistakes at their fields; yields each state's name once it is on screen."""
    from backcoach.core.routine_draft import RoutineDraft

    flow = w.editor_flow
    flow.new_routine()
    yield "editor-empty"
    filled = (
        RoutineDraft(
            name="Sam's after-run hips",
            purpose="Three moves from my physio, after every run.",
            when="after-run",
            rounds=2,
            rest_between_exercises_s=15.0,
            rest_between_rounds_s=45.0,
        )
        .added("glute-bridge")
        .added("figure-four-stretch")
        .added("single-leg-bridge")
        .with_item(0, sets=2, rest_s=20.0)
        .with_item(1, hold_s=90.0)
        .with_item(2, variant="double-leg")
    )
    flow.editor.edit(filled)
    flow.editor.picker.search.setText("stretch")
    yield "editor-filled"
    flow.editor.edit(filled.with_fields(rounds=40, purpose="").with_item(0, sets=0))
    yield "editor-error"
    w.show_page(w.library)


def new_exercise_form(w) -> QWidget:  # type: ignore[no-untyped-def]
    """The new-exercise form, filled in as a runner would for a bird dog."""
    from backcoach.core.exercise_draft import ExerciseDraft, PhaseDraft
    from backcoach.ui.dialogs.exercise_form import ExerciseForm

    draft = ExerciseDraft(
        name="Bird dog",
        summary="Reach one arm and the opposite leg, back level.",
        position="On hands and knees",
        steps=("Hands under shoulders, knees under hips.", "Reach one arm and the other leg."),
        per_side=True,
        equipment=("mat",),
        mode="reps",
        reps=8,
        tempo=(PhaseDraft("reach", 2, "Reach"), PhaseDraft("hold", 0.2), PhaseDraft("back", 2)),
        picture="cat-cow",
    )
    return ExerciseForm(w.ctx.catalog, draft, w)
