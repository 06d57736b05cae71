"""``backcoach --screenshot DIR``: every page of the window, and the safety dialogs, as PNG.

Rendered offscreen with realistic sample data in a temporary data folder (nothing of
the runner's is read or written): six weeks of history with pain easing off, and a
session stopped mid-hold on a stepped clock. For the README and for reviewing the look.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from backcoach import paths
from backcoach.core.effects import State
from backcoach.core.history_sample import SampleSpec, write_sample_history
from backcoach.runs.sample import RunSampleSpec, write_sample_runs

SIZE = (1280, 800)
# BACKCOACH_SCREENSHOT_SIZE=1366x768 renders at another window size (with QT_SCALE_FACTOR
# for a high-density screen), to check the layout where runners will see it.
SIZE_ENV = "BACKCOACH_SCREENSHOT_SIZE"


def _size() -> tuple[int, int]:
    text = os.environ.get(SIZE_ENV, "")
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        return SIZE
    return (width, height)


TODAY = date(2026, 11, 21)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


SAMPLE_OWN = """\
id = "sams-after-run-hips"
name = "Sam's after-run hips"
purpose = "Three moves from my physio, after every run."
when = "after-run"
equipment = ["mat"]
rest_between_exercises_s = 15

[[items]]
exercise = "clamshell"

[[items]]
exercise = "figure-four-stretch"
hold_s = 40

[[items]]
exercise = "glute-bridge"
reps = 12

[[exercise]]
id = "clamshell"
name = "Clamshell"
summary = "Knees together, open the top knee like a shell."
position = "Lying on your side, knees bent"
instructions = ["Lie on your side, knees bent.", "Keep the feet together.", "Open the top knee."]
equipment = ["mat"]
per_side = true

[exercise.dosage]
mode = "hold"
hold_s = 20
sets = 2
"""


def render_all(
    folder: str, themes: tuple[str, ...] = ("light", "dark"), size: tuple[int, int] | None = None
) -> int:
    if os.environ.get(SIZE_ENV):
        size = _size()
    size = size or SIZE
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for mode in themes:  # each theme its own sample data: the shots change what they show
        with tempfile.TemporaryDirectory(prefix="backcoach-screenshots-") as tmp:
            paths.set_data_dir(tmp)
            spec = SampleSpec(days=42, today=TODAY, active_share=0.6)
            write_sample_history(paths.history_db(), spec)
            write_sample_runs(
                paths.history_db(), RunSampleSpec(days=200, today=TODAY, jump_weeks_ago=0)
            )
            # A routine of the runner's own (imported, with an exercise that has no picture).
            _import_sample(Path(tmp))
            written += _render_theme(out, mode, size)
            paths.set_data_dir(None)
    for path in written:
        print(path)
    return 0


def _import_sample(data: Path) -> None:
    from backcoach import content
    from backcoach.core.routine_file import check_routine_file
    from backcoach.core.routine_import import apply_import, plan_import

    sample = data / "sample-from-physio.toml"
    sample.write_text(SAMPLE_OWN, encoding="utf-8")
    catalog = content.load()
    apply_import(plan_import(check_routine_file(sample, catalog), catalog, data, None))


def _render_theme(out: Path, mode: str, size: tuple[int, int] = SIZE) -> list[Path]:
    from backcoach.app import build_context
    from backcoach.ui import theme
    from backcoach.ui.main_window import MainWindow

    theme.apply_theme(mode)
    ctx = build_context()
    clock = _Clock()
    ctx.clock, ctx.autotick, ctx.today = clock, False, lambda: TODAY
    ctx.now = lambda: datetime.combine(TODAY, time(17, 30)).astimezone()
    w = MainWindow(ctx)
    w.resize(*size)
    w.show()
    suffix = "" if mode == "light" else f"-{mode}"
    shots: list[Path] = []

    def shot(name: str, widget: QWidget | None = None) -> None:
        # Layout requests post more layout requests (wrapped labels); let them settle.
        for _ in range(3):
            QApplication.processEvents()
        path = out / f"{name}{suffix}.png"
        (widget or w).grab().save(str(path))
        shots.append(path)

    shot("library")
    w.open_routine("strengthen-and-mobilise")
    shot("routine")
    w.open_routine("sams-after-run-hips")
    shot("routine-yours")
    w.show_page(w.library)
    own = w.library.card("sams-after-run-hips")
    shot("card-yours", own)
    _session(w, clock, "stability-ball-circuit", seconds=10 + 18)  # plank, mid-hold
    shot("session-hold")
    w.flow.driver.stop()
    _session(w, clock, "strengthen-and-mobilise", seconds=10 + 13)  # leg swings, mid-rep
    shot("session-reps")
    w.flow.driver.stop()
    w.summary_page.pain.setValue(2)
    w.summary_page.note.setPlainText("Felt loose after the bridges.")
    shot("summary")
    w.ctx.settings = w.ctx.settings.with_changes(history_shows_distance=True)
    w.show_page(w.history_page)
    shot("history")
    w.show_page(w.runs_page)
    shot("runs")
    w.show_page(w.settings_page)
    shot("settings")
    w.show_page(w.why_page)
    shot("why")
    for name in _editor_states(w):
        shot(name)
    from backcoach.ui.screenshot_coaching import coaching_shots

    coaching_shots(w, clock, TODAY, shot)
    for name, make in _dialogs(w).items():
        dialog = make()
        dialog.show()
        shot(name, dialog)
        dialog.close()
    w.flow.shutdown()
    w.close()
    if ctx.history is not None:
        ctx.history.close()
    return shots


def _session(w, clock: _Clock, routine_id: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    routine = w.ctx.catalog.routine(routine_id)
    w.routine_page.show_routine(routine)
    w.flow.start(routine, w.routine_page.options(), voice=False, pain_before=4)
    driver = w.flow.driver
    end = clock.now + seconds
    while clock.now < end and driver.state == State.RUNNING:
        clock.now += 0.05
        driver.tick()


def _editor_states(w):  # type: ignore[no-untyped-def]
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


def _dialogs(w) -> dict[str, Callable[[], QWidget]]:  # type: ignore[no-untyped-def]
    from backcoach.ui.dialogs.before_start import BeforeStartDialog
    from backcoach.ui.dialogs.check import CheckDialog
    from backcoach.ui.dialogs.hurt import HurtDialog

    def red_flags() -> QWidget:
        d = BeforeStartDialog("", TODAY, w)
        d.flag_boxes["leg-weakness"].setChecked(True)
        d.pain.setValue(4)
        return d

    def hurt() -> QWidget:
        return HurtDialog("Single-leg bridge", "left", "Double-leg bridge", w)

    def glute_check() -> QWidget:
        check = w.ctx.catalog.exercise("prone-knee-lift-check").check
        d = CheckDialog(check, w)
        d.answer_buttons["lower-back"].click()
        return d

    def new_exercise() -> QWidget:
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

    return {
        "dialog-new-exercise": new_exercise,
        "dialog-red-flags": red_flags,
        "dialog-this-hurts": hurt,
        "dialog-glute-check": glute_check,
    }
