"""Full screen on and off for the main window (F during a session)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget


class FullScreen(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window

    def toggle(self) -> None:
        if self.window.isFullScreen():
            self.window.showNormal()
        else:
            self.window.showFullScreen()

    def leave(self) -> None:
        """Back to a normal window (the session is over)."""
        if self.window.isFullScreen():
            self.window.showNormal()
