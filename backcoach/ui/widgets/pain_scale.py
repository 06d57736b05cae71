"""The 0–10 pain slider used before and after a session, with its number beside it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider


def pain_scale(label: str) -> tuple[QHBoxLayout, QSlider]:
    """A row "<label> [slider] n / 10"; returns the row and its slider (0 to start)."""
    tr = QCoreApplication.translate
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 10)
    slider.setPageStep(1)
    slider.setToolTip(tr("pain", "0 is no pain, 10 is the worst you can imagine"))
    value = QLabel("<b>0</b> / 10")
    slider.valueChanged.connect(lambda v: value.setText(f"<b>{v}</b> / 10"))
    row = QHBoxLayout()
    name = QLabel(label)
    name.setBuddy(slider)  # the slider's name and labelled-by, as a screen reader reads it
    row.addWidget(name)
    row.addWidget(slider, 1)
    row.addWidget(value)
    return row, slider
