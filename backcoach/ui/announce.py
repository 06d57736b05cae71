"""Telling a screen reader what just changed ("Plank moved to position 2 of 3")."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str) -> None:
    """An announcement event, as Orca reads them; also kept as the widget's status."""
    widget.setProperty("lastAnnouncement", text)
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
