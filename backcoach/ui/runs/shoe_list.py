"""The shoes card: each pair's distance against the distance the runner set for it,
which one new runs count toward, and which are due for a change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcoach.runs import shoes as rules
from backcoach.runs.model import Shoe


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
            [self.tr("Shoe"), self.tr("Distance"), self.tr("Status")]
        )
        self.table.setAccessibleName(self.tr("Your shoes"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection)
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
        box.addWidget(self.table, 1)
        box.addWidget(self.empty)
        box.addLayout(buttons)
        box.addWidget(self.note)
        self._selection()

    def set_shoes(self, shoes: Sequence[Shoe]) -> None:
        selected = self.selected()
        self.shoes = list(shoes)
        self.table.setRowCount(len(self.shoes))
        for row, s in enumerate(self.shoes):
            name = s.name + (self.tr(" (new runs)") if s.is_default else "")
            self.table.setItem(row, 0, QTableWidgetItem(name))
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(min(1000, round(s.worn_share * 1000)))
            text = self.tr("{0} of {1} km").format(
                f"{s.distance_m / 1000:.0f}", f"{s.retire_at_m / 1000:.0f}"
            )
            bar.setFormat(text)
            bar.setTextVisible(True)
            bar.setAccessibleName(self.tr("{0}: {1}").format(s.name, text))
            self.table.setCellWidget(row, 1, bar)
            item = QTableWidgetItem(rules.status(s))
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
        self.table.setVisible(bool(self.shoes))
        self.empty.setVisible(not self.shoes)
        rows = [i for i, s in enumerate(self.shoes) if s.id == selected]
        if rows:
            self.table.selectRow(rows[0])
        self._selection()

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
