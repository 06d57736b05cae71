"""The look shared by the read-only lists of sessions and runs."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView


def list_table(view: QTableView, name: str) -> QTableView:
    """Whole rows selected one at a time, striped, no grid or row numbers, one line a row."""
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.setShowGrid(False)
    view.setWordWrap(False)
    return view


def list_heading(view: QTableView) -> QLabel:
    """The bold line over a list ("12 runs"), naming it for the keyboard and readers."""
    label = QLabel()
    label.setStyleSheet("font-weight: 600;")
    label.setBuddy(view)
    return label
