"""The weekly plan, week by week: for each planned routine, what was done against what
was planned. Just the record: the same colour for every week, a tick where it was kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from backcoach.core.weekly_plan import EntryWeek, WeekRecord


def cell_text(week: EntryWeek) -> str:
    if week.target is None:  # no runs recorded to count against
        return f"{week.done} done" if week.done else "–"
    text = f"{week.done} of {week.target}"
    if week.entry.rule in ("after-run", "before-run"):
        text += " runs" if week.target != 1 else " run"
    if week.kept:
        return text + " ✓"
    return text + (" so far" if week.open else "")


class PlanRecordView(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Your plan, week by week"))
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)

    def show_record(self, weeks: Sequence[WeekRecord], names: Mapping[str, str]) -> None:
        self.clear()
        entries = weeks[0].entries if weeks else ()
        self.setColumnCount(len(entries))
        self.setRowCount(len(weeks))
        self.setHorizontalHeaderLabels(
            [
                f"{names.get(e.entry.routine_id, e.entry.routine_id)}\n{e.entry.describe()}"
                for e in entries
            ]
        )
        labels = []
        for row, week in enumerate(reversed(weeks)):  # this week on top
            labels.append(self.tr("This week") if row == 0 else f"{week.monday:%-d %b}")
            for col, cell in enumerate(week.entries):
                item = QTableWidgetItem(cell_text(cell))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if cell.kept:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, col, item)
        self.setVerticalHeaderLabels(labels)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
