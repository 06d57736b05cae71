"""The routine editor through the real window: keyboard, undo, drag and drop, save, run.

Marked xvfb: CI also runs these on a real X server with the xcb platform plugin.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from backcoach.core.catalog import load_catalog
from backcoach.core.effects import State
from backcoach.core.plan import build_plan
from backcoach.core.plan_export import plan_to_dict
from backcoach.core.range_note import BEYOND
from backcoach.ui.dialogs.hurt import HurtDialog
from backcoach.ui.widgets.editor_item import ITEM_MIME, EditorItemRow
from tests.conftest import ASSETS
from tests.routine_file_helpers import BROKEN, CARRIES, PHYSIO, toml_files
from tests.window_helpers import step

pytestmark = pytest.mark.xvfb
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def key(qtbot, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key press where the keyboard focus is, as a runner would press it."""
    qtbot.keyClick(QApplication.focusWidget(), k, mod)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(QApplication.focusWidget(), text)


def row_of_focus(editor) -> EditorItemRow | None:  # type: ignore[no-untyped-def]
    return editor.items.focused_row()


def tab_until(qtbot, predicate, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        if predicate(QApplication.focusWidget()):
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"not reached by Tab: focus is on {QApplication.focusWidget()!r}")


def add_by_search(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, text)
    key(qtbot, Qt.Key.Key_Return)  # one match: added; several: into the list
    if QApplication.focusWidget().accessibleName() == "Exercises to add":
        key(qtbot, Qt.Key.Key_Return)


def test_a_routine_built_by_keyboard_only_is_saved_reopened_run_and_in_history(
    qtbot, window
) -> None:
    w = window
    w.library.card("tiny").setFocus()
    key(qtbot, Qt.Key.Key_N, CTRL)
    editor = w.editor_flow.editor
    assert w.stack.currentWidget() is editor and QApplication.focusWidget() is editor.name
    assert not editor.save_button.isEnabled()
    assert editor.errors["name"].text() == "must not be empty"
    assert editor.errors["name"].tone == "muted"  # a blank new form: a hint, not red yet
    assert editor.errors["items"].text() == "Add at least one exercise."  # not the file's words
    type_text(qtbot, "K")
    key(qtbot, Qt.Key.Key_Backspace)
    assert editor.errors["name"].tone == "error"  # emptied by the runner: now a mistake
    type_text(qtbot, "Keyboard routine")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Built without a mouse.")
    assert editor.errors["name"].isHidden() and editor.errors["purpose"].isHidden()

    for text in ("childs", "plank", "glute bridge"):
        add_by_search(qtbot, text)
    assert [i.exercise for i in editor.draft.items] == ["childs-pose", "plank", "glute-bridge"]
    assert editor.save_button.isEnabled()

    # Reorder from the keyboard: Tab into the plank's row, Alt+Up, Alt+Down, Alt+Up.
    editor.name.setFocus()
    tab_until(qtbot, lambda f: (r := row_of_focus(editor)) is not None and r.index == 1)
    key(qtbot, Qt.Key.Key_Up, ALT)
    assert [i.exercise for i in editor.draft.items] == ["plank", "childs-pose", "glute-bridge"]
    assert row_of_focus(editor).exercise.id == "plank"  # focus moved with the row
    assert editor.property("lastAnnouncement") == "Plank moved to position 1 of 3"
    key(qtbot, Qt.Key.Key_Down, ALT)
    key(qtbot, Qt.Key.Key_Up, ALT)
    assert editor.draft.items[0].exercise == "plank"

    # A hold beyond the articles' 45–60 s: allowed, and marked.
    plank = editor.items.rows[0]
    tab_until(qtbot, lambda f: f is plank.spins["hold_s"] or f.parent() is plank.spins["hold_s"])
    assert plank.notes["hold_s"].text() == "45–60 s in the articles"
    assert plank.beyond["hold_s"].isHidden()
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "90")
    assert editor.draft.items[0].hold_s == 90.0
    assert plank.beyond["hold_s"].isVisible() and plank.beyond["hold_s"].text() == BEYOND
    assert editor.save_button.isEnabled()

    # A mistake at its field, in the loader's words; undo takes it back.
    editor.rounds.setFocus()
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "40")
    assert editor.errors["rounds"].text() == "40 is out of range; expected 1–10"
    assert not editor.save_button.isEnabled()
    assert editor.total.text() == "Total: fix the marked fields to see it"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert editor.draft.rounds == 1 and editor.errors["rounds"].isHidden()
    assert editor.save_button.isEnabled()
    shown_total = editor.total.text()

    key(qtbot, Qt.Key.Key_S, CTRL)
    saved = w.ctx.settings_path.parent / "routines" / "keyboard-routine.toml"
    assert saved.is_file()
    assert w.stack.currentWidget() is w.routine_page
    assert w.routine_page.routine.id == "keyboard-routine"
    # The saved file loads back to the plan the editor showed, exactly.
    loaded = load_catalog(ASSETS, saved.parent.parent)
    plan = build_plan(loaded.routine("keyboard-routine"), loaded)
    assert plan_to_dict(plan) == plan_to_dict(build_plan(editor.check.routine, w.ctx.catalog))
    assert shown_total == f"Total {plan.total_s // 60:02.0f}:{plan.total_s % 60:02.0f} " + (
        f"({plan.total_s / 60:.1f} min)"
    )
    assert w.library.card("keyboard-routine").yours.isVisibleTo(w.library.card("keyboard-routine"))

    # Reopen it in the editor: everything is as it was saved.
    key(qtbot, Qt.Key.Key_E, CTRL)
    assert w.stack.currentWidget() is editor and editor.heading.text() == "Edit: Keyboard routine"
    assert [i.exercise for i in editor.draft.items] == ["plank", "childs-pose", "glute-bridge"]
    assert editor.items.rows[0].spins["hold_s"].value() == 90
    assert editor.items.rows[0].beyond["hold_s"].isVisible()
    key(qtbot, Qt.Key.Key_Left, ALT)  # nothing changed: no question asked
    assert w.stack.currentWidget() is w.library

    card = w.library.card("keyboard-routine")
    card.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert w.flow.driver.state == State.RUNNING
    step(w, plan.total_s + 5)
    assert w.flow.driver.state == State.FINISHED
    key(qtbot, Qt.Key.Key_S, CTRL)
    assert w.summary_page.saved_label.text() == "Saved."
    key(qtbot, Qt.Key.Key_2, CTRL)
    history = w.history_page
    session = history.model.session_at(0)
    assert (session.routine_id, session.routine_name, session.status) == (
        "keyboard-routine",
        "Keyboard routine",
        "completed",
    )


def _editor_with(window, *exercises: str):  # type: ignore[no-untyped-def]
    window.editor_flow.new_routine()
    editor = window.editor_flow.editor
    for ex in exercises:
        editor.add_exercise(ex)
    return editor


def test_undo_and_redo_every_kind_of_edit(qtbot, window) -> None:
    editor = _editor_with(window, "plank", "cat-cow", "glute-bridge")
    editor.move_item(2, 0)
    editor.remove_item(1)
    editor.items.rows[0].spins["sets"].setValue(3)
    assert [i.exercise for i in editor.draft.items] == ["glute-bridge", "cat-cow"]
    stack = editor.undo_stack
    stack.undo()  # sets
    assert editor.items.rows[0].spins["sets"].value() == 1
    stack.undo()  # remove
    assert [r.exercise.id for r in editor.items.rows] == ["glute-bridge", "plank", "cat-cow"]
    stack.undo()  # move
    assert [i.exercise for i in editor.draft.items] == ["plank", "cat-cow", "glute-bridge"]
    stack.redo()
    stack.redo()
    assert [r.exercise.id for r in editor.items.rows] == ["glute-bridge", "cat-cow"]
    assert [r.index for r in editor.items.rows] == [0, 1]


def _drop(target, mime: QMimeData, at: QPoint) -> None:  # type: ignore[no-untyped-def]
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(target, drop)


def test_reorder_by_drag_and_add_by_dragging_from_the_list(qtbot, window) -> None:
    editor = _editor_with(window, "plank", "cat-cow", "glute-bridge")
    QApplication.processEvents()
    items = editor.items
    mime = QMimeData()
    mime.setData(ITEM_MIME, b"0")
    below_last = QPoint(10, items.rows[-1].geometry().bottom() - 2)
    _drop(items, mime, below_last)
    assert [i.exercise for i in editor.draft.items] == ["cat-cow", "glute-bridge", "plank"]
    editor.picker.search.setText("calf")
    picked = editor.picker.list.mimeData([editor.picker.list.item(0)])
    _drop(items, picked, QPoint(10, items.rows[0].geometry().top() + 2))
    assert editor.draft.items[0].exercise == "calf-stretch"
    editor.undo_stack.undo()
    assert len(editor.draft.items) == 3


def _warnings(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text)
    )
    return shown


def _drop_file(window, path) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    _drop(window, mime, QPoint(400, 300))


def test_a_broken_file_dropped_on_the_window_lists_every_mistake_and_writes_nothing(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    w = window
    shown = _warnings(monkeypatch)
    file = tmp_path / "broken.toml"
    file.write_text(BROKEN, encoding="utf-8")
    data = w.ctx.settings_path.parent
    before = toml_files(data)
    _drop_file(w, file)
    assert w.editor_flow.files.last_errors == [
        f"{file}: items[0].exercise: unknown exercise 'glute-brige' (did you mean "
        "'glute-bridge'?); check the spelling against assets/exercises/",
        f"{file}: rounds: 40 is out of range; expected 1–10",
        f'{file}: rest_between_exercises_s: expected a number, got text "thirty"',
    ]
    assert (
        len(shown) == 1
        and "3 mistakes to fix first" in shown[0]
        and "Nothing was written" in shown[0]
    )
    assert "rounds: 40 is out of range" in shown[0]
    assert toml_files(data) == before
    assert "broken-plan" not in w.ctx.catalog.routines


def test_open_routine_file_imports_a_routine_with_its_own_exercise_and_runs_it(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    w = window
    file = tmp_path / "from my physio.toml"
    file.write_text(CARRIES, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))
    w.library.card("tiny").setFocus()
    key(qtbot, Qt.Key.Key_O, CTRL)
    data = w.ctx.settings_path.parent
    assert (data / "exercises" / "wall-sit.toml").is_file()
    assert (data / "routines" / "wall-sit-plan.toml").is_file()
    assert w.stack.currentWidget() is w.routine_page
    assert w.routine_page.routine.id == "wall-sit-plan"
    assert w.routine_page.edit.isVisibleTo(w.routine_page)  # own: editable
    w.routine_page.start.click()
    page = w.session_page
    assert page.title.text() == "Wall sit"
    assert page.figure.figure.exercise_id == "calf-stretch"  # the borrowed picture
    # "This hurts" works as for any exercise: no easier form to offer, so skip it.
    offered: list[list[str]] = []

    def skip(dialog: HurtDialog) -> int:
        offered.append(sorted(dialog.buttons))
        dialog.choice = "skip"
        return 1

    monkeypatch.setattr(HurtDialog, "exec", skip)
    step(w, 12)
    key(qtbot, Qt.Key.Key_H)
    assert offered == [["carry-on", "end", "skip"]]
    recs = w.flow.driver.coach.records
    assert [(r.exercise_id, r.hurt, r.skipped) for r in recs] == [
        ("wall-sit", True, True),
        ("wall-sit", False, True),  # "skip" skips the rest of the exercise
    ]
    step(w, 2000)
    assert w.flow.driver.state == State.FINISHED
    detail = w.ctx.history.session(w.flow.driver.coach.session_id)
    assert [s.exercise_id for s in detail.segments][:3] == ["wall-sit"] * 2 + ["knee-to-chest"]
    assert detail.segments[0].hurt and detail.segments[1].skipped


def test_a_clash_asks_and_keep_both_renames(qtbot, window, tmp_path, monkeypatch) -> None:
    w = window
    file = tmp_path / "physio.toml"
    file.write_text(PHYSIO, encoding="utf-8")
    files = w.editor_flow.files
    assert files.import_file(file) == "physio-plan"
    asked: list[str] = []

    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        labels = {b.text(): b for b in box.buttons()}
        assert set(labels) >= {"Replace", "Keep both", "Cancel"}
        labels["Keep both"].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    assert files.import_file(file) == "physio-plan-2"
    assert "physio-plan is already the id of your own routine" in asked[0]
    assert w.ctx.catalog.routine("physio-plan-2").name == "Physio's plan for Sam (2)"
    assert w.routine_page.routine.id == "physio-plan-2"


def test_export_writes_one_file_that_imports_elsewhere(qtbot, window, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    w = window
    out = tmp_path / "handed-over"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    w.open_routine("tiny")
    w.routine_page.export.click()
    text = (tmp_path / "handed-over.toml").read_text(encoding="utf-8")
    assert text.startswith("# A backcoach routine: Tiny test routine")
    assert 'id = "tiny"' in text


def test_deleting_your_routine_asks_and_keeps_its_history(qtbot, window, monkeypatch) -> None:
    w = window
    w.open_routine("tiny")
    assert not w.routine_page.duplicate.isHidden()
    w.routine_page.start.click()
    step(w, 600)
    session_id = w.flow.driver.coach.session_id
    w.show_page(w.library)
    w.open_routine("tiny")
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    path = w.ctx.catalog.routine("tiny").path
    w.routine_page.delete.click()
    assert path.is_file()  # Cancel: kept
    w.routine_page.delete.click()
    assert not path.exists() and "tiny" not in w.ctx.catalog.routines
    assert w.stack.currentWidget() is w.library
    assert all(c.routine.id != "tiny" for c in w.library.cards)
    assert w.ctx.history.session(session_id).session.routine_name == "Tiny test routine"


def test_shipped_routines_are_read_only_and_duplicate_into_the_editor(
    qtbot, window, monkeypatch
) -> None:
    w = window
    w.open_routine("glute-check")
    page = w.routine_page
    assert page.edit.isHidden() and page.delete.isHidden() and not page.export.isHidden()
    key(qtbot, Qt.Key.Key_D, CTRL)
    editor = w.editor_flow.editor
    assert w.stack.currentWidget() is editor
    assert editor.name.text() == "Glute check and bridge (my copy)"
    assert editor.check.ok and editor.check.routine_id == "glute-check-and-bridge-my-copy"
    editor.name.setFocus()
    type_text(qtbot, "!")
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel,
    )
    key(qtbot, Qt.Key.Key_Left, ALT)
    assert asked and w.stack.currentWidget() is editor  # unsaved: asked, and stayed


def test_a_custom_exercise_made_in_the_form_joins_the_routine(qtbot, window, monkeypatch) -> None:
    from backcoach.ui.dialogs.exercise_form import ExerciseForm

    w = window
    w.editor_flow.new_routine()
    editor = w.editor_flow.editor
    seen: dict[str, object] = {}

    def fill(form: ExerciseForm) -> int:
        save = form.buttons.button(form.buttons.StandardButton.Save)
        seen["empty"] = (save.isEnabled(), form.notes["name"].text())
        form.name.setText("Wall sit")
        form.summary.setText("Back on the wall, knees bent.")
        form.position.setText("Standing with your back against a wall")
        form.steps.setPlainText("Lean on the wall.\nSlide down.\nHold.")
        form.equipment["wall"].setChecked(True)
        form.hold.setValue(900)
        seen["too long"] = (save.isEnabled(), form.notes["dosage.hold_s"].text())
        form.hold.setValue(40)
        assert save.isEnabled()
        save.click()
        return int(form.result())

    monkeypatch.setattr(ExerciseForm, "exec", fill)
    editor.picker.new.click()
    assert seen["empty"] == (False, "must not be empty")
    assert seen["too long"] == (False, "900 s is out of range; expected 1–600 s")
    assert [i.exercise for i in editor.draft.items] == ["wall-sit"]
    row = editor.items.rows[0]
    assert row.thumb.placeholder and row.thumb.picture() is None  # the neutral placeholder
    assert editor.check.equipment == ("wall",)
    assert not w.ctx.catalog.exercise("wall-sit").builtin


def test_your_exercise_can_be_changed_from_the_picker(qtbot, window, monkeypatch) -> None:
    from backcoach import paths
    from backcoach.core.exercise_draft import ExerciseDraft, check_exercise_draft
    from backcoach.core.own_files import save_exercise
    from backcoach.ui.dialogs.exercise_form import ExerciseForm

    w = window
    draft = ExerciseDraft(name="Wall sit", summary="s", position="Standing", steps=("Hold.",))
    made = check_exercise_draft(draft, w.ctx.catalog.exercises, paths.user_exercises_dir())
    save_exercise(made.exercise, paths.user_exercises_dir())
    w.ctx.reload_catalog()
    editor = _editor_with(w, "wall-sit")
    editor.picker.refresh()
    editor.picker.select("wall-sit")
    assert editor.picker.edit.isVisibleTo(editor.picker)
    editor.picker.select("plank")
    assert not editor.picker.edit.isVisibleTo(editor.picker)  # shipped: not editable
    editor.picker.select("wall-sit")

    def longer(form: ExerciseForm) -> int:
        assert form.name.text() == "Wall sit" and form.windowTitle() == "Edit your exercise"
        form.hold.setValue(45)
        form.buttons.button(form.buttons.StandardButton.Save).click()
        return int(form.result())

    monkeypatch.setattr(ExerciseForm, "exec", longer)
    editor.picker.edit.click()
    assert w.ctx.catalog.exercise("wall-sit").dosage.hold_s == 45
    assert sorted(p.name for p in paths.user_exercises_dir().iterdir()) == ["wall-sit.toml"]
    assert editor.items.rows[0].spins["hold_s"].value() == 45
