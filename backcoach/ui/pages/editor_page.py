"""The routine editor: name, purpose, when, rounds and rests, and the exercises in order.

The page holds a ``RoutineDraft`` (core) and shows it. Every change is a new draft
pushed on a QUndoStack; after each, the draft is checked by the loader itself, each
mistake is shown at its field, and Save stays off until there are none. The total
time is ``build_plan``'s, so it is exactly what ``backcoach plan`` prints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from backcoach import paths
from backcoach.core.catalog import EQUIPMENT
from backcoach.core.plan_export import format_total
from backcoach.core.routine_draft import DraftCheck, RoutineDraft, check_draft, item_dosage
from backcoach.core.routine_import import taken_ids
from backcoach.core.words import counted
from backcoach.ui.announce import announce
from backcoach.ui.context import AppContext
from backcoach.ui.draft_undo import DraftChange
from backcoach.ui.keys import bind, shortcut
from backcoach.ui.widgets.editor_item import EditorItemRow
from backcoach.ui.widgets.editor_items import EditorItems
from backcoach.ui.widgets.elided_label import ElidedLabel
from backcoach.ui.widgets.exercise_picker import ExercisePicker
from backcoach.ui.widgets.field_note import FieldNote
from backcoach.ui.widgets.fit_scroll import FitScroll
from backcoach.ui.widgets.routine_fields import RoutineFields


class EditorPage(QWidget):
    backRequested = Signal()
    saved = Signal(str)  # routine id
    newExerciseRequested = Signal()
    editExerciseRequested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft = RoutineDraft()
        self.check: DraftCheck | None = None
        self.undo_stack = QUndoStack(self)
        self.touched: set[str] = set()  # fields the runner has been to (or tried to save)

        back = QPushButton(self.tr("← Routines"))
        back.setToolTip(self.tr("Back to the library (Alt+Left)"))
        back.clicked.connect(self._back)
        self.heading = ElidedLabel()
        self.heading.setProperty("role", "title")
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Undo (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button = QPushButton(self.tr("Redo"))
        self.redo_button.setToolTip(self.tr("Redo (Ctrl+Shift+Z)"))
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip(self.tr("Save the routine (Ctrl+S)"))
        self.save_button.setAccessibleName(self.tr("Save routine"))
        self.save_button.clicked.connect(self.save)
        self.total = QLabel()
        self.total.setProperty("role", "subtitle")
        self.total.setAccessibleDescription(self.tr("Total time, as the session will run"))
        self.equipment = QLabel()
        self.equipment.setWordWrap(True)
        self.status = FieldNote("error")  # mistakes that belong to no single field

        self.fields = RoutineFields()
        self.fields.edited.connect(lambda text, key, changes: self._edit(text, key, **changes))
        f = self.fields
        self.name, self.purpose, self.when = f.name, f.purpose, f.when
        self.rounds, self.rest_ex, self.rest_rounds = f.rounds, f.rest_ex, f.rest_rounds
        self.errors = {**f.errors, "items": FieldNote("error")}
        self.items = EditorItems()
        self.items.tab_after = self.rest_rounds
        self.items.moveRequested.connect(self.move_item)
        self.items.removeRequested.connect(self.remove_item)
        self.items.insertRequested.connect(self.add_exercise)
        items_title = QLabel(self.tr("Exercises, in order"))
        items_title.setProperty("role", "subtitle")
        items_title.setStyleSheet("font-weight: 700;")

        left_host = QWidget()
        left = QVBoxLayout(left_host)
        left.addWidget(self.fields)
        left.addWidget(items_title)
        left.addWidget(self.errors["items"])
        left.addWidget(self.items)
        left.addStretch(1)  # spare height goes below the list, never into the form rows
        self.scroll = FitScroll()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(left_host)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.picker = ExercisePicker(ctx.catalog)
        self.picker.addRequested.connect(self.add_exercise)
        self.picker.newExerciseRequested.connect(self.newExerciseRequested)
        self.picker.editExerciseRequested.connect(self.editExerciseRequested)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.scroll)
        split.addWidget(self.picker)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        # 7:3 from the start: the picker's size hint alone took half a 1024 px window
        # and the routine's rows had to scroll sideways.
        split.setSizes([7000, 3000])
        split.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(self.heading, 1)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        top.addWidget(self.save_button)
        facts = QHBoxLayout()
        facts.addWidget(self.total)
        facts.addSpacing(24)
        facts.addWidget(self.equipment, 1)
        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addLayout(facts)
        root.addWidget(self.status)
        root.addWidget(split, 1)

        bind(self, "Alt+Left", back)
        bind(self, "Ctrl+S", self.save_button)
        shortcut(self, "Ctrl+Z", self.undo_stack.undo)
        shortcut(self, "Ctrl+Shift+Z", self.undo_stack.redo)
        shortcut(self, "Ctrl+Y", self.undo_stack.redo)
        shortcut(self, "Ctrl+F", self._find)

    # ----- opening ---------------------------------------------------------------------
    def edit(self, draft: RoutineDraft) -> None:
        """Start editing ``draft``: a new routine, a copy, or one of the runner's own."""
        self.undo_stack.clear()
        self.touched = set()
        self.picker.refresh()
        self.show_draft(draft)
        self.undo_stack.setClean()
        self.name.setFocus()

    def refresh_catalog(self) -> None:
        """The catalogue changed (an exercise of the runner's own was saved)."""
        self.picker.refresh()
        for row in self.items.rows:
            row.exercise = self.ctx.catalog.exercises.get(row.exercise.id, row.exercise)
        self.show_draft(self.draft, rebuild=True)

    # ----- edits -----------------------------------------------------------------------
    def _push(self, after: RoutineDraft, text: str, merge_key: str = "") -> None:
        if after != self.draft:
            self.undo_stack.push(
                DraftChange(self.show_draft, self.draft, after, self.tr(text), merge_key)
            )

    def _edit(self, text: str, merge_key: str, **changes: Any) -> None:
        self.touched.update(changes)
        self._push(self.draft.with_fields(**changes), text, merge_key)

    def add_exercise(self, exercise_id: str, at: int = -1) -> None:
        if exercise_id not in self.ctx.catalog.exercises:
            return
        position = None if at < 0 else at
        self.touched.add("items")
        self._push(self.draft.added(exercise_id, position), "Add exercise")
        index = len(self.draft.items) - 1 if position is None else position
        self._announce(
            self.tr("Added {0} as exercise {1} of {2}").format(
                self.ctx.catalog.exercise(exercise_id).name, index + 1, len(self.draft.items)
            )
        )

    def remove_item(self, index: int) -> None:
        name = self.items.rows[index].exercise.name
        self._push(self.draft.removed(index), "Remove exercise")
        self._announce(self.tr("Removed {0}").format(name))
        if self.items.rows:
            self.items.rows[min(index, len(self.items.rows) - 1)].setFocus()

    def move_item(self, index: int, to: int) -> None:
        to = max(0, min(to, len(self.draft.items) - 1))
        if to == index:
            return
        focus = self.items.focused_row() is not None
        self._push(self.draft.moved(index, to), "Move exercise")
        row = self.items.rows[to]
        if focus:
            row.setFocus()
        self.scroll.ensureWidgetVisible(row)
        self._announce(
            self.tr("{0} moved to position {1} of {2}").format(
                row.exercise.name, to + 1, len(self.items.rows)
            )
        )

    def _item_changed(self, index: int, key: str, value: object) -> None:
        if key == "variant":
            self._push(self.draft.with_item(index, variant=value), "Change form")
            return
        number = float(value) if key in ("hold_s", "rest_s") else value  # type: ignore[arg-type]
        self._push(self.draft.with_item(index, **{key: number}), "Change figure", f"{index}.{key}")

    # ----- showing ---------------------------------------------------------------------
    def show_draft(self, draft: RoutineDraft, rebuild: bool = False) -> None:
        self.draft = draft
        self.heading.set_full_text(
            self.tr("Edit: {0}").format(draft.name or "…")
            if draft.editing
            else self.tr("New routine")
        )
        self.fields.show_draft(draft)
        self._show_items(draft, rebuild)
        self._check()
        self.scroll.fit()

    def _show_items(self, new: RoutineDraft, rebuild: bool) -> None:
        """Rows follow the draft; a row whose exercise is still there is moved, not
        remade, so focus stays on it through a reorder, an undo or a redo."""
        catalog = self.ctx.catalog
        free = [] if rebuild else list(self.items.rows)
        rows: list[EditorItemRow] = []
        for item in new.items:
            row = next((r for r in free if r.exercise.id == item.exercise), None)
            if row is not None:
                free.remove(row)
            else:
                ex = catalog.exercises.get(item.exercise)
                if ex is None:
                    continue  # reported by the check, at items[N].exercise
                row = EditorItemRow(0, ex)
                row.changed.connect(self._item_changed)
            rows.append(row)
        self.items.set_rows(rows)
        for i, (row, item) in enumerate(zip(rows, new.items, strict=False)):
            dosage = item_dosage(catalog, item)
            if dosage is not None:
                row.show_item(i, len(rows), item, dosage)

    def _check(self) -> None:
        user = paths.data_dir()
        check = check_draft(
            self.draft,
            self.ctx.catalog,
            paths.user_routines_dir(),
            taken_ids(self.ctx.catalog, user, "routines") - {self.draft.editing},
        )
        self.check = check
        by_field: dict[str, list[str]] = {}
        for e in check.errors:
            by_field.setdefault(e.field, []).append(e.message)
        quiet = set() if self.draft.editing else {"name", "purpose", "items"} - self.touched
        self.fields.show_errors(by_field, quiet)
        self.errors["items"].set_tone("muted" if "items" in quiet else "error")
        items_said = by_field.pop("items", [])
        if items_said and not self.draft.items:  # the loader's words are for files
            items_said = [self.tr("Add at least one exercise.")]
        self.errors["items"].say(" ".join(items_said))
        for i, row in enumerate(self.items.rows):
            prefix = f"items[{i}]"
            mine = {
                (k[len(prefix) + 1 :] or "row"): by_field.pop(k)
                for k in list(by_field)
                if k == prefix or k.startswith(prefix + ".")
            }
            row.show_errors(mine)
        self.status.say(" ".join(f"{k}: {' '.join(v)}" for k, v in by_field.items()))
        self.save_button.setEnabled(check.ok)
        n = len(check.errors)
        self.save_button.setToolTip(
            self.tr("Save the routine (Ctrl+S)")
            if check.ok
            else self.tr("Fix the {0} to save").format(counted(n, "marked mistake"))
        )
        if check.total_s is not None:
            self.total.setText(self.tr("Total {0}").format(format_total(check.total_s)))
        elif not self.draft.items:
            self.total.setText(self.tr("Total: add an exercise to see it"))
        else:
            self.total.setText(self.tr("Total: fix the marked fields to see it"))
        needs = ", ".join(self.tr(EQUIPMENT[e]) for e in check.equipment)
        self.equipment.setText(
            self.tr("Needs: {0}").format(needs) if needs else self.tr("Needs no equipment")
        )

    def _announce(self, text: str) -> None:
        announce(self, text)

    # ----- leaving ---------------------------------------------------------------------
    def save(self) -> None:
        from backcoach.core.own_files import save_routine

        if self.check is None or self.check.routine is None:
            return
        try:
            path = save_routine(self.check.routine, paths.user_routines_dir())
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("Could not write {0}: {1}. Nothing was changed.").format(
                    exc.filename, exc.strerror
                ),
            )
            return
        self.undo_stack.setClean()
        self._announce(self.tr("Saved as {0}").format(path.name))
        self.saved.emit(self.check.routine_id)

    def _back(self) -> None:
        if not self.undo_stack.isClean():
            answer = QMessageBox.question(
                self,
                self.tr("Leave the editor?"),
                self.tr("Your changes to this routine are not saved. Leave without saving?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.backRequested.emit()

    def _find(self) -> None:
        self.picker.search.setFocus()
        self.picker.search.selectAll()
