"""The look and keys shared by the tables: the read-only lists of sessions and runs, and
the summary's, a session's and the shoes' tables."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView


def tab_leaves(view: QTableView) -> QTableView:
    """Tab moves on to the next control, as everywhere else (a table's own default is to
    walk its cells with Tab, which traps a keyboard user: the arrows walk the cells)."""
    view.setTabKeyNavigation(False)
    return view


def list_table(view: QTableView, name: str) -> QTableView:
    """Whole rows selected one at a time, striped, no grid or row numbers, one line a row."""
    tab_leaves(view)
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
