"""The top of the library: what the weekly plan says for today, each with a way in.

Due routines first, then those done today or done for the week; no plan yet gives a
way to make one. Plain words, no streaks to lose: it says what is planned and what is done.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.weekly_plan import TodayItem


class TodayPanel(QFrame):
    routineChosen = Signal(str)
    planRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setAccessibleName(self.tr("Today"))
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 700; font-size: 14pt;")
        self.edit = QPushButton(self.tr("Plan your week…"))
        self.edit.setToolTip(self.tr("Choose which routines you want to do, and when (Ctrl+P)"))
        self.edit.setAccessibleName(self.tr("Plan your week"))
        self.edit.clicked.connect(self.planRequested)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.edit)
        self.empty = QLabel(
            self.tr(
                "No plan yet. Pick what you want to do, for example the cool-down after every "
                "run and the strength circuit twice a week, and it shows up here each day."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setColumnStretch(1, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.empty)
        box.addLayout(self.grid)
        self.rows: list[tuple[QLabel, QLabel, QWidget]] = []

    def show_today(self, day: date, items: Sequence[TodayItem], names: Mapping[str, str]) -> None:
        self.heading.setText(self.tr("Today · {0}").format(f"{day:%A} {day.day} {day:%B}"))
        for row in self.rows:
            for w in row:
                w.hide()  # at once; the deletion itself waits for the event loop
                w.deleteLater()
        self.rows = []
        self.empty.setVisible(not items)
        self.edit.setText(self.tr("Change your plan…") if items else self.tr("Plan your week…"))
        for n, item in enumerate(items):
            rid = item.entry.routine_id
            name = QLabel(names.get(rid, rid))
            name.setStyleSheet("font-weight: 600;" if item.due else "")
            why = QLabel(item.why)
            why.setProperty("role", "muted")
            why.setWordWrap(True)
            if item.due:
                action: QWidget = QPushButton(self.tr("Open"))
                action.setAccessibleName(self.tr("Open {0}").format(names.get(rid, rid)))
                action.clicked.connect(lambda _=False, r=rid: self.routineChosen.emit(r))  # type: ignore[attr-defined]
            else:
                words = self.tr("Done today ✓") if item.done_today else self.tr("Not today")
                action = QLabel(words)
                action.setProperty("role", "muted")
            self.grid.addWidget(name, n, 0)
            self.grid.addWidget(why, n, 1)
            self.grid.addWidget(action, n, 2, Qt.AlignmentFlag.AlignRight)
            self.rows.append((name, why, action))

    def due_buttons(self) -> list[QPushButton]:
        return [a for _, _, a in self.rows if isinstance(a, QPushButton)]
