"""Past sessions for a QTableView, loaded a page at a time as the view scrolls.

Ten years of daily sessions open instantly because only the first page is read;
``canFetchMore``/``fetchMore`` bring in the next page when the view reaches the end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from backcoach.core.history import HistoryStore, SessionRow
from backcoach.core.records import SessionStatus
from backcoach.ui.formats import clock_time, weekday_day_month

PAGE_SIZE = 100
_Index = QModelIndex | QPersistentModelIndex


class SessionTableModel(QAbstractTableModel):
    DATE, ROUTINE, MINUTES, DONE, PAIN = range(5)

    def __init__(
        self,
        store: HistoryStore,
        page_size: int = PAGE_SIZE,
        parent: Any = None,
        today: Callable[[], date] = date.today,
    ):
        super().__init__(parent)
        self._today = today
        self._this_year = today().year
        self._store = store
        self._page_size = page_size
        self._rows: list[SessionRow] = []
        self._total = 0
        self._headers = [
            self.tr("Date"),
            self.tr("Routine"),
            self.tr("Min"),
            self.tr("Done"),
            self.tr("Pain"),
        ]
        self._header_tips = [
            self.tr("When the session started"),
            self.tr("The routine followed, and how the session ended if it did not finish"),
            self.tr("Minutes of exercise done"),
            self.tr("Share of the planned time done"),
            self.tr("Pain from 0 to 10 before → after the session"),
        ]

    def reload(self) -> None:
        """Start again from the newest session (after a session was added)."""
        self.beginResetModel()
        self._this_year = self._today().year
        self._total = self._store.count()
        self._rows = self._store.sessions(0, self._page_size)
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def session_at(self, row: int) -> SessionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # --------------------------------------------------------------- the model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        more = self._store.sessions(len(self._rows), self._page_size)
        if not more:  # sessions were removed behind our back: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        s = self.session_at(index.row()) if index.isValid() else None
        if s is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(s)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.MINUTES, self.DONE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.PAIN:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        return None

    def text(self, row: int, column: int) -> str:
        """What a cell shows (the DisplayRole), without going through QModelIndex."""
        s = self.session_at(row)
        return "" if s is None else self._display(s, column)

    def _display(self, s: SessionRow, col: int) -> str:
        if col == self.DATE:
            return format_day(s, self._this_year)
        if col == self.ROUTINE:
            if s.status is SessionStatus.COMPLETED:
                return s.routine_name
            return f"{s.routine_name} ({short_status(s.status)})"
        if col == self.MINUTES:
            return f"{s.done_s / 60:.0f}"
        if col == self.DONE:
            return completion_text(s)
        return f"{pain_text(s.pain_before)} → {pain_text(s.pain_after)}"

    def _tooltip(self, s: SessionRow) -> str:
        if s.completion is None:
            return self.tr("{0}, {1}: {2} minutes of exercise, {3}. {4}").format(
                format_when(s),
                s.routine_name,
                round(s.done_s / 60),
                status_text(s.status),
                unknown_share_reason(),
            )
        return self.tr("{0}, {1}: {2} of {3} minutes of exercise, {4}").format(
            format_when(s),
            s.routine_name,
            round(s.done_s / 60),
            round(s.planned_s / 60),
            status_text(s.status),
        )


def format_day(s: SessionRow, this_year: int | None = None) -> str:
    """ "Wed 18 Jun", with the year when it is not this year's."""
    return weekday_day_month(s.started_at, with_year=s.started_at.year != this_year)


def format_when(s: SessionRow) -> str:
    return f"{format_day(s)}, {clock_time(s.started_at)}"


def completion_text(s: SessionRow) -> str:
    """ "100 %": exercise time done of exercise time planned; "–" when not known."""
    return "–" if s.completion is None else f"{s.completion:.0%}"


def unknown_share_reason() -> str:
    """Why an old stopped session shows no share done (history_schema, version 7)."""
    return QCoreApplication.translate(
        "History",
        "No share done: an older backcoach recorded its planned time with the get-ready"
        " and side switches in, and kept no record of the exercises after the stop.",
    )


def pain_text(value: int | None) -> str:
    return "–" if value is None else str(value)


def short_status(status: SessionStatus) -> str:
    words = {
        SessionStatus.RUNNING: QCoreApplication.translate("History", "running"),
        SessionStatus.COMPLETED: "",
        SessionStatus.STOPPED: QCoreApplication.translate("History", "stopped"),
        SessionStatus.INTERRUPTED: QCoreApplication.translate("History", "interrupted"),
    }
    return words[status]


def status_text(status: SessionStatus) -> str:
    words = {
        SessionStatus.RUNNING: QCoreApplication.translate("History", "in progress"),
        SessionStatus.COMPLETED: QCoreApplication.translate("History", "completed"),
        SessionStatus.STOPPED: QCoreApplication.translate("History", "stopped early"),
        SessionStatus.INTERRUPTED: QCoreApplication.translate("History", "interrupted"),
    }
    return words[status]
