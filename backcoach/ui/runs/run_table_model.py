"""Every run in the log, newest first, for the Runs page's table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from backcoach.runs.model import Run
from backcoach.runs.store import RunLog
from backcoach.runs.units import clock, pace

Index = QModelIndex | QPersistentModelIndex
PAGE = 200  # runs read at a time


class RunTableModel(QAbstractTableModel):
    DATE, DISTANCE, TIME, PACE, CLIMB, SURFACE, HILLY, SHOE, SOURCE = range(9)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runs: list[Run] = []
        self._source: RunLog | None = None
        self._total = 0
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
        self._source = None
        self.endResetModel()

    def load(self, log: RunLog) -> None:
        """The newest runs from ``log``; older ones are read as the table scrolls to them
        (ten years of runs would cost more to read than the rest of the page together)."""
        self.beginResetModel()
        self._source = log
        self._total = log.count()
        self.runs = log.runs(limit=PAGE)
        self.endResetModel()

    def total(self) -> int:
        return self._total if self._source is not None else len(self.runs)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._source is not None and len(self.runs) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._source is None:
            return
        more = self._source.runs(limit=PAGE, offset=len(self.runs))
        if not more:
            self._total = len(self.runs)
            return
        self.beginInsertRows(QModelIndex(), len(self.runs), len(self.runs) + len(more) - 1)
        self.runs += more
        self.endInsertRows()

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
