"""Plan your week: for each routine, not planned, after every run, before every run, a
number of times a week, or on chosen days."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import Routine
from backcoach.core.weekly_plan import DAY_NAMES, MAX_TIMES, SUGGESTED, PlanEntry
from backcoach.ui.dialogs.content_fit import ContentFit

RULE_LABELS = [
    ("", "Not in my plan"),
    ("after-run", "After every run"),
    ("before-run", "Before every run"),
    ("weekly", "A number of times a week"),
    ("days", "On these days"),
]


class _Row:
    def __init__(self, dialog: QDialog, routine: Routine, entry: PlanEntry | None) -> None:
        self.routine = routine
        self.name = QLabel(routine.name)
        self.rule = QComboBox()
        self.rule.setAccessibleName(dialog.tr("When to do {0}").format(routine.name))
        self.name.setBuddy(self.rule)  # the row's routine name labels its choice
        for key, label in RULE_LABELS:
            self.rule.addItem(dialog.tr(label), key)
        self.times = QSpinBox()
        self.times.setRange(1, MAX_TIMES)
        self.times.setSuffix(dialog.tr(" × a week"))
        self.times.setAccessibleName(dialog.tr("Times a week for {0}").format(routine.name))
        self.days_box = QWidget()
        days = QHBoxLayout(self.days_box)
        days.setContentsMargins(0, 0, 0, 0)
        days.setSpacing(2)
        self.days: list[QToolButton] = []
        for i, day in enumerate(DAY_NAMES):
            b = QToolButton()
            b.setText(dialog.tr(day[:2]))
            b.setCheckable(True)
            b.setAccessibleName(dialog.tr("{0} on {1}").format(routine.name, dialog.tr(day)))
            b.setToolTip(dialog.tr(day))
            days.addWidget(b)
            self.days.append(b)
            b.setChecked(entry is not None and i in entry.days)
        self.times.setValue(entry.times if entry is not None and entry.times else 2)
        self.rule.setCurrentIndex(max(0, self.rule.findData(entry.rule if entry else "")))
        self.rule.currentIndexChanged.connect(self.update)
        self.update()

    def update(self) -> None:
        rule = self.rule.currentData()
        self.times.setVisible(rule == "weekly")
        self.days_box.setVisible(rule == "days")

    def entry(self) -> PlanEntry | None:
        rule = self.rule.currentData()
        if rule in ("after-run", "before-run"):
            return PlanEntry(self.routine.id, rule)
        if rule == "weekly":
            return PlanEntry(self.routine.id, "weekly", times=self.times.value())
        days = tuple(i for i, b in enumerate(self.days) if b.isChecked())
        if rule == "days" and days:
            return PlanEntry(self.routine.id, "days", days=days)
        return None

    def suggest(self) -> None:
        entry = next((e for e in SUGGESTED if e.routine_id == self.routine.id), None)
        self.rule.setCurrentIndex(max(0, self.rule.findData(entry.rule if entry else "")))
        if entry is not None and entry.times:
            self.times.setValue(entry.times)


class WeeklyPlanDialog(QDialog):
    def __init__(
        self,
        routines: Sequence[Routine],
        entries: Sequence[PlanEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        ContentFit(self)
        self.setWindowTitle(self.tr("Plan your week"))
        self.setAccessibleName(self.tr("Plan your week"))
        intro = QLabel(
            self.tr(
                "Pick what you want to do and when. The library shows it each day under "
                "Today, History keeps the record week by week, and reminders (in Settings) "
                "can nudge you."
            )
        )
        intro.setWordWrap(True)
        by_id = {e.routine_id: e for e in entries}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        self.rows: list[_Row] = []
        for n, routine in enumerate(routines):
            row = _Row(self, routine, by_id.get(routine.id))
            grid.addWidget(row.name, n, 0)
            grid.addWidget(row.rule, n, 1)
            grid.addWidget(row.times, n, 2)
            grid.addWidget(row.days_box, n, 2)
            self.rows.append(row)
        grid.setColumnMinimumWidth(2, 7 * 34)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        suggested = buttons.addButton(
            self.tr("Suggest a plan"), QDialogButtonBox.ButtonRole.ResetRole
        )
        suggested.setToolTip(
            self.tr("The cool-down after runs, the warm-up before them, the circuit twice a week")
        )
        suggested.clicked.connect(lambda: [r.suggest() for r in self.rows])
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        root = QVBoxLayout(self)
        root.addWidget(intro)
        root.addLayout(grid)
        root.addWidget(buttons)

    def entries(self) -> list[PlanEntry]:
        return [e for r in self.rows if (e := r.entry()) is not None]
