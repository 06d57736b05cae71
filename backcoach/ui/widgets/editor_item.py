"""One exercise in the routine editor: picture, form, sets, hold or reps, rest.

Each figure shows what the source articles say next to it ("30–60 s in the articles")
and, when the runner goes outside that, says "beyond the articles' range": allowed,
but never silent. Mistakes (in the loader's words) appear under the row.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import Dosage, Exercise
from backcoach.core.range_note import BEYOND, range_note, seed_range
from backcoach.core.routine_draft import DraftItem
from backcoach.ui.widgets.exercise_card import LEVEL_WORDS
from backcoach.ui.widgets.field_note import FieldNote
from backcoach.ui.widgets.figures import ExerciseThumb

ITEM_MIME = "application/x-backcoach-item"
# Wider than the loader allows, so a figure out of range is shown in the loader's
# words at its field instead of being silently clamped by the spin box.
SPIN_LIMITS = {"sets": 99, "reps": 999, "hold_s": 3600, "rest_s": 3600}


class _Grip(QLabel):
    """The handle a row is dragged by (Alt+↑/↓ does the same from the keyboard)."""

    def __init__(self, row: EditorItemRow) -> None:
        super().__init__("⠿")
        self.row = row
        self.setToolTip(self.tr("Drag to reorder (or Alt+Up / Alt+Down)"))
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setStyleSheet("font-size: 18pt; padding: 0 4px;")
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < 6:
            return
        self._press = None
        drag = QDrag(self)
        data = QMimeData()
        data.setData(ITEM_MIME, str(self.row.index).encode())
        drag.setMimeData(data)
        drag.setPixmap(self.row.grab().scaledToWidth(320))
        drag.exec(Qt.DropAction.MoveAction)


class EditorItemRow(QFrame):
    changed = Signal(int, str, object)  # index, field ("variant", "sets"…), new value
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)  # index, to

    def __init__(self, index: int, ex: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.exercise = ex
        self.setProperty("card", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grip = _Grip(self)
        self.thumb = ExerciseThumb(96)
        self.number = QLabel()
        self.number.setStyleSheet("font-weight: 700;")
        self.name = QLabel()
        self.name.setStyleSheet("font-weight: 700;")
        self.position = QLabel(ex.position)
        self.position.setProperty("role", "muted")
        self.position.setWordWrap(True)

        self.form: QComboBox | None = None
        if ex.variants:
            self.form = QComboBox()
            # A long form name must not set the row's width (1024 px windows).
            self.form.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.form.setMinimumContentsLength(14)
            self.form.setAccessibleName(self.tr("Form of {0}").format(ex.name))
            self.form.addItem(self.tr("Standard"), "")
            for v in ex.variants:
                self.form.addItem(f"{self.tr(LEVEL_WORDS[v.level])}: {v.name}", v.id)
            self.form.currentIndexChanged.connect(
                lambda _i: self.changed.emit(self.index, "variant", self.form_value())
            )
        self.spins: dict[str, QSpinBox] = {}
        self.notes: dict[str, QLabel] = {}
        self.beyond: dict[str, FieldNote] = {}
        self.errors: dict[str, FieldNote] = {}
        self._cells: dict[str, tuple[QWidget, ...]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        labels = {
            "sets": self.tr("Sets"),
            "hold_s": self.tr("Hold"),
            "reps": self.tr("Reps"),
            "rest_s": self.tr("Rest between sets"),
        }
        for col, key in enumerate(("sets", "hold_s", "reps", "rest_s")):
            spin = QSpinBox()
            spin.setRange(0, SPIN_LIMITS[key])
            if key in ("hold_s", "rest_s"):
                spin.setSuffix(self.tr(" s"))
                spin.setSingleStep(5)
            spin.setAccessibleName(f"{labels[key]}, {ex.name}")
            spin.valueChanged.connect(lambda v, k=key: self.changed.emit(self.index, k, v))
            caption = QLabel(labels[key])
            caption.setBuddy(spin)
            note = QLabel()
            note.setProperty("role", "muted")
            note.setWordWrap(True)  # "30–60 s in the articles" under a narrow spin box
            beyond = FieldNote("beyond")
            # Three words that read as one mark, but wrapped under a narrow spin box
            # rather than make the editor scroll sideways at 1024 px.
            error = FieldNote("error")
            self.spins[key], self.notes[key], self.beyond[key], self.errors[key] = (
                spin,
                note,
                beyond,
                error,
            )
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(caption)
            cell.addWidget(spin)
            cell.addWidget(note)
            cell.addWidget(beyond)
            cell.addWidget(error)
            cell.addStretch(1)
            self._cells[key] = (caption, spin, note)
            grid.addLayout(cell, 0, col)
        self.row_error = FieldNote("error")

        up = self._tool("↑", self.tr("Move up (Alt+Up)"), lambda: self._move(-1))
        down = self._tool("↓", self.tr("Move down (Alt+Down)"), lambda: self._move(1))
        remove = self._tool("✕", self.tr("Remove from the routine (Delete)"), self._remove)
        remove.setAccessibleName(self.tr("Remove {0}").format(ex.name))
        self.up, self.down, self.remove = up, down, remove

        title = QHBoxLayout()
        title.addWidget(self.number)
        title.addWidget(self.name, 1)
        title.addWidget(up)
        title.addWidget(down)
        title.addWidget(remove)
        text = QVBoxLayout()
        text.addLayout(title)
        text.addWidget(self.position)
        if self.form is not None:
            text.addWidget(self.form)
        text.addLayout(grid)
        text.addWidget(self.row_error)
        box = QHBoxLayout(self)
        box.addWidget(self.grip, 0, Qt.AlignmentFlag.AlignVCenter)
        box.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(text, 1)

    def _tool(self, text: str, tip: str, slot: object) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip.split(" (")[0])
        b.clicked.connect(slot)
        return b

    def _move(self, step: int) -> None:
        self.moveRequested.emit(self.index, self.index + step)

    def _remove(self) -> None:
        self.removeRequested.emit(self.index)

    def form_value(self) -> str:
        return str(self.form.currentData() or "") if self.form is not None else ""

    def show_item(self, index: int, count: int, item: DraftItem, dosage: Dosage) -> None:
        """Fill the row from the draft without echoing the changes back as edits."""
        self.index = index
        ex = self.exercise
        variant = ex.variant(item.variant or None) if item.variant else None
        self.name.setText(variant.name if variant else ex.name)
        self.number.setText(f"{index + 1}.")
        self.thumb.show_picture(ex.picture, item.variant)
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < count - 1)
        if self.form is not None:
            self.form.blockSignals(True)
            self.form.setCurrentIndex(max(0, self.form.findData(item.variant)))
            self.form.blockSignals(False)
        values = {
            "sets": dosage.sets,
            "hold_s": dosage.hold_s,
            "reps": dosage.reps,
            "rest_s": dosage.rest_s,
        }
        for key, spin in self.spins.items():
            shown = key in ("sets", "rest_s") or (key == "hold_s") == (dosage.mode == "hold")
            for w in self._cells[key]:
                w.setVisible(shown)
            value = values[key]
            if value is not None and spin.value() != int(value):
                spin.blockSignals(True)
                spin.setValue(int(value))
                spin.blockSignals(False)
            note = range_note(seed_range(dosage.seed, key), value, key) if shown else None
            self.notes[key].setText(note.text if note else "")
            self.notes[key].setVisible(bool(note and note.text))
            self.beyond[key].say(self.tr(BEYOND) if note and note.beyond else "")
            self._describe(key)
        side = self.tr(", each side") if ex.per_side_for(item.variant or None) else ""
        self.setAccessibleName(
            self.tr("Exercise {0} of {1}: {2}, {3}{4}").format(
                index + 1, count, self.name.text(), dosage.describe(), side
            )
        )

    def _describe(self, key: str) -> None:
        """What a screen reader says after the field's name: range, mark and mistake."""
        parts = [self.notes[key].text(), self.beyond[key].text(), self.errors[key].text()]
        self.spins[key].setAccessibleDescription("; ".join(p for p in parts if p))

    def show_errors(self, messages: dict[str, list[str]]) -> None:
        for key, note in self.errors.items():
            note.say(" ".join(messages.get(key, [])))
            self._describe(key)
        rest = [m for k, ms in messages.items() if k not in self.errors for m in ms]
        self.row_error.say(" ".join(rest))
