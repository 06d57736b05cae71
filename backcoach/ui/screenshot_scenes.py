"""Every page of the window and every dialog state, put on screen one after another.

``walk(w, clock, shot)`` calls ``shot(name)`` once a page is showing and
``shot(name, dialog)`` once a dialog is showing in one of its states. ``backcoach
--screenshot`` saves a PNG at each call; the layout test checks each at many window sizes.
The session page is shown at the longest exercise name of each segment kind (get-ready,
hold, reps, rest, switch), so the layout is judged where it is hardest to fit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from backcoach.core.effects import State
from backcoach.core.plan import Segment, SegmentKind, build_plan

Shot = Callable[..., None]
SESSION_KINDS = ("get-ready", "hold", "reps", "rest", "switch")


@dataclass(frozen=True)
class SessionScene:
    kind: str  # one of SESSION_KINDS
    routine_id: str
    segment: Segment


def _kind(seg: Segment) -> str:
    if seg.kind == SegmentKind.WORK:
        return "hold" if seg.mode == "hold" else "reps"
    return {SegmentKind.PREPARE: "get-ready", SegmentKind.REST: "rest"}.get(seg.kind, "switch")


def longest_names(catalog) -> dict[str, SessionScene]:  # type: ignore[no-untyped-def]
    """For each segment kind, the segment with the longest exercise name in any routine
    (routines that ask a question mid-session are left out: its dialog would wait)."""
    best: dict[str, SessionScene] = {}
    for routine in sorted(catalog.routines.values(), key=lambda r: r.id):
        exercises = [catalog.exercises.get(item.exercise) for item in routine.items]
        if any(ex is None or ex.check is not None for ex in exercises):
            continue
        for seg in build_plan(routine, catalog, with_cues=False).segments:
            if seg.kind == SegmentKind.DONE or not seg.exercise_name:
                continue
            kind = _kind(seg)
            held = best.get(kind)
            if held is None or len(seg.exercise_name) > len(held.segment.exercise_name):
                best[kind] = SessionScene(kind, routine.id, seg)
    return best


def walk(w, clock, today: date, shot: Shot) -> None:  # type: ignore[no-untyped-def]
    """Every page and dialog state of the window ``w`` (sample data behind it)."""
    shot("library")
    w.open_routine("strengthen-and-mobilise")
    shot("routine")
    w.open_routine("sams-after-run-hips")
    shot("routine-yours")
    w.show_page(w.library)
    shot("card-yours", w.library.card("sams-after-run-hips"))
    for scene in longest_names(w.ctx.catalog).values():
        session_at(w, clock, scene.routine_id, scene.segment)
        shot(f"session-{scene.kind}")
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
    from backcoach.ui.screenshot_editor import editor_states

    for name in editor_states(w):
        shot(name)
    from backcoach.ui.screenshot_coaching import coaching_shots

    coaching_shots(w, clock, today, shot)
    for name, dialog in dialog_states(w, today):
        shot(name, dialog)


def session_at(w, clock, routine_id: str, target: Segment) -> None:  # type: ignore[no-untyped-def]
    """A session of ``routine_id`` running ``target``, a few seconds in."""
    routine = w.ctx.catalog.routine(routine_id)
    w.routine_page.show_routine(routine)
    w.flow.start(routine, w.routine_page.options(), voice=False, pain_before=4)
    driver = w.flow.driver
    while driver.state == State.RUNNING and driver.coach.machine.index < target.index:
        driver.skip()
    end = clock.now + min(3.0, target.duration_s / 2)
    while clock.now < end and driver.state == State.RUNNING:
        clock.now += 0.05
        driver.tick()


def dialog_states(w, today: date) -> Iterator[tuple[str, QWidget]]:  # type: ignore[no-untyped-def]
    """Each dialog in each of its states, shown; closed once the caller is done with it."""
    shown: QWidget | None = None
    for name, make in dialog_makers(w, today).items():
        for state, dialog in make():
            if dialog is not shown:  # the same dialog stays open from state to state
                _close(shown)
                shown = dialog
                dialog.show()
            yield (f"{name}-{state}" if state else name), dialog
    _close(shown)


def _close(dialog: QWidget | None) -> None:
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()


def dialog_makers(w, today: date):  # type: ignore[no-untyped-def]
    from backcoach.ui.dialogs.before_start import BeforeStartDialog
    from backcoach.ui.dialogs.check import CheckDialog
    from backcoach.ui.dialogs.hurt import HurtDialog
    from backcoach.ui.dialogs.level_editor import LevelDialog
    from backcoach.ui.runs.run_dialog import RunDialog
    from backcoach.ui.runs.shoe_dialog import ShoeDialog
    from backcoach.ui.screenshot_editor import new_exercise_form

    def before_start():  # type: ignore[no-untyped-def]
        d = BeforeStartDialog("", today, w)
        yield "asked", d
        d.flag_boxes["leg-weakness"].setChecked(True)
        d.pain.setValue(4)
        yield "", d
        d.cleared.setChecked(True)
        yield "cleared", d
        recent = (today - timedelta(days=3)).isoformat()
        covered = BeforeStartDialog(recent, today, w)
        covered.flag_boxes["leg-weakness"].setChecked(True)
        yield "covered", covered

    def hurt():  # type: ignore[no-untyped-def]
        ex = max(w.ctx.catalog.exercises.values(), key=lambda e: len(e.name))
        yield "", HurtDialog("Single-leg bridge", "left", "Double-leg bridge", w)
        yield "long-names", HurtDialog(ex.name, "right", ex.name, w)

    def glute_check():  # type: ignore[no-untyped-def]
        d = CheckDialog(w.ctx.catalog.exercise("prone-knee-lift-check").check, w)
        yield "question", d
        for answer in d.check.answers:
            d.answer_buttons[answer.id].setEnabled(True)
            d.answer_buttons[answer.id].click()
            yield answer.id if answer.id != "lower-back" else "", d

    def level():  # type: ignore[no-untyped-def]
        state = w.ctx.levels().state(w.ctx.catalog.routine("stability-ball-circuit"))
        yield "", LevelDialog(state, state.slots[0].key, w)

    def runs():  # type: ignore[no-untyped-def]
        shoes = w.ctx.runs.shoes() if w.ctx.runs is not None else []
        yield "add", RunDialog(shoes, None, None, w.ctx.now(), w)
        yield "shoe", ShoeDialog(None, today, w)

    return {
        "dialog-red-flags": before_start,
        "dialog-this-hurts": hurt,
        "dialog-glute-check": glute_check,
        "dialog-level": level,
        "dialog-run": runs,
        "dialog-new-exercise": lambda: iter([("", new_exercise_form(w))]),
    }
