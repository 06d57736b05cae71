"""The training-load card: this week's ratio, its zone in words, and the articles'
running-side advice when the load steps up or jumps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backcoach.runs.load import Load, Zone
from backcoach.ui.runs import advice
from backcoach.ui.widgets.chart_style import small_font
from backcoach.ui.widgets.load_gauge import LoadGauge


class LoadCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.value = QLabel("–")
        self.value.setStyleSheet("font-size: 22pt; font-weight: 700;")
        self.value.setToolTip(
            self.tr("Training load: the last 7 days against the weekly average of the last 28")
        )
        self.zone = QLabel()
        self.zone.setWordWrap(True)
        self.zone.setProperty("role", "subtitle")
        self.gauge = LoadGauge()
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: 600;")
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setToolTip(advice.tr(advice.SOURCES))
        self.note = QLabel(advice.tr(advice.THRESHOLDS_NOTE))
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")
        self.note.setFont(small_font(self.note, 0.9))
        top = QHBoxLayout()
        top.addWidget(self.value)
        top.addWidget(self.zone, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(14, 8, 14, 8)
        box.setSpacing(4)
        box.addLayout(top)
        box.addWidget(self.gauge)
        box.addWidget(self.sentence)
        box.addWidget(self.warning)
        box.addWidget(self.advice)
        box.addWidget(self.note)
        box.addStretch(1)

    def set_load(self, load: Load) -> None:
        self.gauge.set_load(load)
        self.value.setText("–" if load.ratio is None else f"{load.ratio:.2f}")
        words = advice.zone_words(load.zone)
        self.zone.setText(self.tr("Training load: {0}").format(words))
        self.sentence.setText(advice.load_sentence(load))
        warning = advice.warning(load)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        show_advice = load.zone in (Zone.STEP, Zone.JUMP)
        items = "".join(f"<li>{a}</li>" for a in advice.running_side_advice())
        self.advice.setText(
            f"<ul style='margin-top: 0; margin-bottom: 0; margin-left: -20px'>{items}</ul>"
        )
        self.advice.setVisible(show_advice)
        ratio = "none yet" if load.ratio is None else f"{load.ratio:.2f}"
        self.setAccessibleName(self.tr("Training load"))
        self.setAccessibleDescription(f"{ratio}, {words}. {self.sentence.text()} {warning}")
