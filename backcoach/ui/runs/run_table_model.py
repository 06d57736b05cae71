"""Every run in the log, newest first, for the Runs page's table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from backcoach.runs.model import Run
from backcoach.runs.units import clock, pace

Index = QModelIndex | QPersistentModelIndex


class RunTableModel(QAbstractTableModel):
    DATE, DISTANCE, TIME, PACE, CLIMB, SURFACE, HILLY, SHOE, SOURCE = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runs: list[Run] = []
        self._headers = [
            self.tr("Date"),
            self.tr("Distance"),
            self.tr("Time"),
            self.tr("Pace"),
            self.tr("Climb"),
            self.tr("Surface"),
            self.tr("Hilly"),
            self.tr("Shoe"),
            self.tr("From"),
        ]

    def set_runs(self, runs: Sequence[Run]) -> None:
        self.beginResetModel()
        self.runs = list(runs)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        r = self.runs[row]
        if column == self.DATE:
            return f"{r.start:%a %d %b %Y %H:%M}"
        if column == self.DISTANCE:
            return f"{r.distance_m / 1000:.2f} km" if r.distance_m > 0 else "–"
        if column == self.TIME:
            return clock(r.moving_s)
        if column == self.PACE:
            return pace(r.distance_m, r.moving_s)
        if column == self.CLIMB:
            return "–" if r.ascent_m is None else f"{r.ascent_m:.0f} m"
        if column == self.SURFACE:
            return self.tr(str(r.surface)) if r.surface else self.tr("not set")
        if column == self.HILLY:
            return "–" if r.hilly is None else (self.tr("yes") if r.hilly else self.tr("no"))
        if column == self.SHOE:
            return r.shoe or "–"
        return r.source or self.tr("added by hand")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(index.row(), index.column())
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.SOURCE:
                note = self.runs[index.row()].note
                return f"{text}\n{note}" if note else text
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            self.DISTANCE,
            self.TIME,
            self.PACE,
            self.CLIMB,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def run_at(self, row: int) -> Run | None:
        return self.runs[row] if 0 <= row < len(self.runs) else None
