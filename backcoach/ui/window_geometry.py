"""The main window's size and place: restored from the settings, saved on close, and
always inside the screen's available geometry (a 1366x768 laptop with a panel has about
740 px for a window and its title bar; the old fixed 1200x780 ran off its bottom)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = (1200, 780)
# Room left for the window manager's title bar and borders, which are not ours to measure
# before the window is shown.
FRAME_ALLOWANCE = (16, 40)


def restore(window: QWidget, saved: str) -> None:
    """Put ``window`` where it was last time, or give it the default size; either way
    inside the available geometry of its screen."""
    if not saved or not window.restoreGeometry(QByteArray.fromBase64(saved.encode())):
        window.resize(*DEFAULT_SIZE)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        fit_inside(window, screen.availableGeometry())


def fit_inside(window: QWidget, available: QRect) -> None:
    """Shrink ``window`` to fit ``available`` (title bar allowed for) and move it in."""
    room_w = max(available.width() - FRAME_ALLOWANCE[0], 1)
    room_h = max(available.height() - FRAME_ALLOWANCE[1], 1)
    width = min(window.width(), room_w)
    height = min(window.height(), room_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), available.left()), available.left() + room_w - window.width())
    y = min(max(window.y(), available.top()), available.top() + room_h - window.height())
    window.move(max(x, available.left()), max(y, available.top()))


def saved(window: QWidget) -> str:
    """The window's geometry as text for the settings file."""
    return bytes(window.saveGeometry().toBase64().data()).decode()
