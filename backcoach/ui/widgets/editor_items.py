"""The routine's exercises in order, reordered by dragging or by Alt+↑/↓.

Rows are plain widgets in a column rather than a QListWidget with item widgets: those
lose their widgets when the view moves rows itself. Drops (a row's grip, or an exercise
from the picker) only report what the runner asked for; the editor makes the change,
so it lands on the undo stack like any other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from backcoach.ui.keys import shortcut
from backcoach.ui.widgets.editor_item import ITEM_MIME, EditorItemRow
from backcoach.ui.widgets.exercise_picker import EXERCISE_MIME


class EditorItems(QWidget):
    moveRequested = Signal(int, int)  # from, to
    insertRequested = Signal(str, int)  # exercise id, position
    removeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[EditorItemRow] = []
        self.tab_after: QWidget | None = None  # the field Tab leaves for the first row
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Exercises in this routine"))
        self.empty = QLabel(
            self.tr("No exercises yet. Choose one on the right and press Enter, or drag it here.")
        )
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMinimumHeight(120)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addWidget(self.empty)
        self.column.addStretch(1)
        self._drop_at: int | None = None
        shortcut(self, "Alt+Up", lambda: self._move_focused(-1))
        shortcut(self, "Alt+Down", lambda: self._move_focused(1))
        shortcut(self, "Delete", self._remove_focused)

    def set_rows(self, rows: list[EditorItemRow]) -> None:
        """Show ``rows`` in this order (rows already shown are moved, not remade)."""
        for row in self.rows:
            if row not in rows:
                row.deleteLater()
        for row in rows:
            self.column.removeWidget(row)
        for i, row in enumerate(rows):
            self.column.insertWidget(1 + i, row)
            row.show()  # a layout only shows a new child on the next event loop turn
            row.moveRequested.connect(self.moveRequested, Qt.ConnectionType.UniqueConnection)
            row.removeRequested.connect(self.removeRequested, Qt.ConnectionType.UniqueConnection)
        self.rows = rows
        self.empty.setVisible(not rows)
        self._tab_in_order()

    def _tab_in_order(self) -> None:
        """Tab goes through the rows as they are shown, whatever order they were made in."""
        previous: QWidget = self.tab_after if self.tab_after is not None else self
        for row in self.rows:
            QWidget.setTabOrder(previous, row)
            previous = row
            for child in row.findChildren(QWidget):
                if (
                    child.focusPolicy() & Qt.FocusPolicy.TabFocus
                    and child.focusProxy() is None
                    and child.window() is row.window()  # not a combo box's popup list
                ):
                    QWidget.setTabOrder(previous, child)
                    previous = child

    def focused_row(self) -> EditorItemRow | None:
        w = QApplication.focusWidget()
        while w is not None and w is not self:
            if isinstance(w, EditorItemRow):
                return w
            w = w.parentWidget()
        return None

    def _move_focused(self, step: int) -> None:
        row = self.focused_row()
        if row is not None:
            self.moveRequested.emit(row.index, row.index + step)

    def _remove_focused(self) -> None:
        row = self.focused_row()
        if row is not None and QApplication.focusWidget() is row:
            self.removeRequested.emit(row.index)

    # ----- drops -------------------------------------------------------------------
    def _index_at(self, y: int) -> int:
        for i, row in enumerate(self.rows):
            if y < row.geometry().center().y():
                return i
        return len(self.rows)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(ITEM_MIME) or mime.hasFormat(EXERCISE_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._drop_at = self._index_at(event.position().toPoint().y())
        event.acceptProposedAction()
        self.update()

    def dragLeaveEvent(self, event: object) -> None:
        self._drop_at = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        at = self._index_at(event.position().toPoint().y())
        mime = event.mimeData()
        self._drop_at = None
        self.update()
        if mime.hasFormat(ITEM_MIME):
            source = int(bytes(mime.data(ITEM_MIME).data()).decode())
            # Dropping below itself: the row leaves its place first, so one less.
            self.moveRequested.emit(source, at - 1 if at > source else at)
        elif mime.hasFormat(EXERCISE_MIME):
            self.insertRequested.emit(bytes(mime.data(EXERCISE_MIME).data()).decode(), at)
        event.acceptProposedAction()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._drop_at is None:
            return
        if self._drop_at < len(self.rows):
            y = self.rows[self._drop_at].geometry().top() - 3
        else:
            y = self.rows[-1].geometry().bottom() + 3 if self.rows else 4
        painter = QPainter(self)
        painter.fillRect(QRect(0, y - 2, self.width(), 4), self.palette().highlight())
        painter.end()
