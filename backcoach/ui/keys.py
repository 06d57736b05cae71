"""Keyboard shortcuts that work wherever focus is within a page.

QShortcut rather than QAbstractButton.setShortcut: a button's own shortcut did not
fire for Ctrl+Return here, and a page-level shortcut also survives the button being
re-created or hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget


def bind(
    owner: QWidget, keys: str, button: QAbstractButton, window_wide: bool = False
) -> QShortcut:
    """Pressing ``keys`` while ``owner`` (or a child) has focus clicks ``button``."""
    sc = QShortcut(QKeySequence(keys), owner)
    sc.setContext(
        Qt.ShortcutContext.WindowShortcut
        if window_wide
        else Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    sc.activated.connect(lambda: button.isEnabled() and button.isVisible() and button.click())
    return sc


def shortcut(owner: QWidget, keys: str, slot: Callable[[], object]) -> QShortcut:
    """Pressing ``keys`` while ``owner`` (or a child) has focus calls ``slot``."""
    sc = QShortcut(QKeySequence(keys), owner)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(slot)
    return sc
