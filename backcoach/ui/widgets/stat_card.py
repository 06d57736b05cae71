"""A headline number with a caption under it, e.g. "6 days" / "current streak"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class StatCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)  # the app's stylesheet draws cards
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("–")
        # A widget's own style sheet wins over the app's "QWidget { font-size }" rule.
        self.value_label.setStyleSheet("font-size: 22pt; font-weight: 700;")
        self.caption_label = QLabel(caption)
        self.caption_label.setProperty("role", "muted")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption_label)
        self.setAccessibleName(caption)

    def set_value(self, value: str, caption: str | None = None, tooltip: str = "") -> None:
        self.value_label.setText(value)
        if caption is not None:
            self.caption_label.setText(caption)
        self.setToolTip(tooltip)
        self.setAccessibleName(self.caption_label.text())
        self.setAccessibleDescription(f"{value} {self.caption_label.text()}")
