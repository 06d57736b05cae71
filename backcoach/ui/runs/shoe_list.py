"""The shoes card: each pair's distance against the distance the runner set for it,
which one new runs count toward, and which are due for a change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcoach.runs import shoes as rules
from backcoach.runs.model import Shoe
from backcoach.ui.widgets.tables import tab_leaves

WORN_ROLE = Qt.ItemDataRole.UserRole + 1


class WornBar(QStyledItemDelegate):
    """How worn a pair is, as a bar filled up to its share of the retire-at distance."""

    def paint(
        self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(p, option, index)
        share = float(index.data(WORN_ROLE) or 0.0)
        rect = QRectF(option.rect).adjusted(6, 0, -6, 0)  # type: ignore[attr-defined]
        h = min(10.0, rect.height() - 4)
        bar = QRectF(rect.left(), rect.center().y() - h / 2, rect.width(), h)
        pal = option.palette  # type: ignore[attr-defined]
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(bar, 3, 3)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(pal.color(QPalette.ColorRole.Highlight))
        p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), 3, 3)
        p.restore()


class ShoeList(QFrame):
    addRequested = Signal()
    editRequested = Signal(int)  # shoe id
    defaultRequested = Signal(int)
    retireRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.shoes: list[Shoe] = []
        heading = QLabel(self.tr("Shoes"))
        heading.setStyleSheet("font-weight: 600;")
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setStyleSheet("font-weight: 600;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Shoe"), self.tr("Worn"), self.tr("Distance")]
        )
        self.table.setAccessibleName(self.tr("Your shoes"))
        self.table.verticalHeader().setVisible(False)
        tab_leaves(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setItemDelegateForColumn(1, WornBar(self.table))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # A narrow card wraps the distance and status onto two lines rather than cut them.
        self.table.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._selection)
        head.sectionResized.connect(lambda *_: self._fit_table())
        self.table.doubleClicked.connect(lambda _i: self._emit(self.editRequested))
        self.empty = QLabel(
            self.tr("Add your shoes to see how far you have run in each and when they are due.")
        )
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.note = QLabel(self.tr(rules.DEFAULT_NOTE))
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self.add_button = QPushButton(self.tr("Add shoes…"))
        self.add_button.setToolTip(self.tr("Add a pair of running shoes"))
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Change the name, dates or retire-at distance"))
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.default_button = QPushButton(self.tr("Use for new runs"))
        self.default_button.setToolTip(self.tr("New runs count toward this pair"))
        self.default_button.clicked.connect(lambda: self._emit(self.defaultRequested))
        self.retire_button = QPushButton(self.tr("Retire"))
        self.retire_button.setToolTip(self.tr("Retire this pair (or bring it back)"))
        self.retire_button.clicked.connect(lambda: self._emit(self.retireRequested))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.default_button, self.retire_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 10, 14, 10)
        box.addWidget(heading)
        box.addWidget(self.due_label)
        box.addWidget(self.table)
        box.addWidget(self.empty)
        box.addLayout(buttons)
        box.addWidget(self.note)
        box.addStretch(1)
        self._selection()

    def set_shoes(self, shoes: Sequence[Shoe]) -> None:
        selected = self.selected()
        self.shoes = list(shoes)
        self.table.setRowCount(len(self.shoes))
        for row, s in enumerate(self.shoes):
            name = s.name + (self.tr(" (new runs)") if s.is_default else "")
            self.table.setItem(row, 0, QTableWidgetItem(name))
            worn = QTableWidgetItem()
            worn.setData(WORN_ROLE, min(s.worn_share, 1.0))
            worn.setData(Qt.ItemDataRole.AccessibleTextRole, f"{s.worn_share:.0%}")
            worn.setToolTip(rules.status(s))
            self.table.setItem(row, 1, worn)
            item = QTableWidgetItem(rules.short_status(s))
            item.setToolTip(rules.status(s))
            if s.due:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, 2, item)
        due = rules.due(self.shoes)
        self.due_label.setText(
            self.tr(
                "Due for a change: {0}. You set the distance; the articles say to change shoes regularly."
            ).format(", ".join(s.name for s in due))
            if due
            else ""
        )
        self.due_label.setVisible(bool(due))
        self._fit_table()
        self.table.setVisible(bool(self.shoes))
        self.empty.setVisible(not self.shoes)
        rows = [i for i, s in enumerate(self.shoes) if s.id == selected]
        if rows:
            self.table.selectRow(rows[0])
        self._selection()

    def _fit_table(self) -> None:
        """As tall as its rows (up to six), and a bar column wide enough for its text."""
        fm = self.table.fontMetrics()
        self.table.horizontalHeader().resizeSection(1, fm.horizontalAdvance("MMMMM"))
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(min(len(self.shoes), 6)))
        height = self.table.horizontalHeader().sizeHint().height() + max(rows, 24)
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.shoes):
            return None
        return self.shoes[rows[0].row()].id

    def _emit(self, signal: Signal) -> None:
        shoe_id = self.selected()
        if shoe_id is not None:
            signal.emit(shoe_id)  # type: ignore[attr-defined]

    def _selection(self) -> None:
        shoe_id = self.selected()
        shoe = next((s for s in self.shoes if s.id == shoe_id), None)
        for b in (self.edit_button, self.default_button, self.retire_button):
            b.setEnabled(shoe is not None)
        if shoe is not None:
            self.retire_button.setText(
                self.tr("Bring back") if shoe.retired_on else self.tr("Retire")
            )
            self.default_button.setEnabled(not shoe.is_default and shoe.retired_on is None)
