"""A routine in the library: picture, name, purpose, minutes, equipment, when."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backcoach.core.catalog import EQUIPMENT, WHEN_LABELS, Routine
from backcoach.ui.pressable import make_pressable
from backcoach.ui.widgets.figures import ExerciseThumb


class RoutineCard(QFrame):
    chosen = Signal(str)  # routine id

    def __init__(
        self,
        routine: Routine,
        minutes: float,
        parent: QWidget | None = None,
        pictures: dict[str, str] | None = None,  # exercise id -> its picture ("" for none)
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.minutes = minutes
        self.setProperty("card", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(routine.name)
        make_pressable(self, lambda: self.chosen.emit(self.routine.id))  # a button to an AT
        self.setToolTip(self.tr("Open {0} (Enter)").format(routine.name))
        self.setMinimumWidth(300)

        pictures_of = pictures or {}
        pictures = QHBoxLayout()
        seen: list[str] = []
        for item in routine.items:
            if item.exercise not in seen:
                seen.append(item.exercise)
        for ex_id in seen[:3]:
            thumb = ExerciseThumb(110)
            thumb.show_picture(pictures_of.get(ex_id, ex_id))
            pictures.addWidget(thumb)

        name = QLabel(routine.name)
        name.setProperty("role", "subtitle")
        name.setStyleSheet("font-weight: 700;")
        name.setWordWrap(True)
        # The runner's own routines look like the others, with a small mark.
        self.yours = QLabel(self.tr("yours"))
        self.yours.setProperty("role", "badge")
        self.yours.setToolTip(self.tr("A routine you made or imported"))
        self.yours.setVisible(not routine.builtin)
        heading = QHBoxLayout()
        heading.addWidget(name, 1)
        heading.addWidget(self.yours, 0, Qt.AlignmentFlag.AlignTop)
        if not routine.builtin:
            self.setAccessibleDescription(self.tr("Your own routine"))
        purpose = QLabel(routine.purpose)
        purpose.setWordWrap(True)
        when = WHEN_LABELS.get(routine.when, "")
        needs = ", ".join(EQUIPMENT[e] for e in routine.equipment) or self.tr("No equipment")
        facts = QLabel(f"<b>{round(minutes)} min</b> · {when} · {needs}")
        facts.setWordWrap(True)
        facts.setProperty("role", "muted")

        box = QVBoxLayout(self)
        box.addLayout(pictures)
        box.addLayout(heading)
        box.addWidget(purpose)
        box.addStretch(1)
        box.addWidget(facts)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.chosen.emit(self.routine.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.routine.id)
        else:
            super().keyPressEvent(event)
