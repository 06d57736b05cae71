"""The main window's size and place: restored from the settings, saved on close."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = (1200, 780)


def restore(window: QWidget, saved: str) -> None:
    """Put ``window`` where it was last time, or give it the default size."""
    if not saved or not window.restoreGeometry(QByteArray.fromBase64(saved.encode())):
        window.resize(*DEFAULT_SIZE)


def saved(window: QWidget) -> str:
    """The window's geometry as text for the settings file."""
    return bytes(window.saveGeometry().toBase64().data()).decode()
