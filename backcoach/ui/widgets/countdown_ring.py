"""The big countdown ring: remaining seconds in numerals readable from three metres.

The numerals are sized from the widget's height (at least a quarter of a full-screen
window), the arc shows how much of the segment is left, and the label under the
number names the segment kind in words so colour is never the only signal.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.ui import theme


class CountdownRing(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._remaining = 0.0
        self._total = 0.0
        self._label = ""
        self._kind = "work"
        self._paused = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setAccessibleName(self.tr("Time remaining"))

    def sizeHint(self) -> QSize:
        return QSize(360, 360)

    def set_state(
        self, remaining: float, total: float, kind: str, label: str, paused: bool
    ) -> None:
        self._remaining, self._total = max(0.0, remaining), max(0.0, total)
        self._kind, self._label, self._paused = kind, label, paused
        self.setAccessibleDescription(f"{self.seconds_shown()} seconds, {label}")
        self.update()  # the arc moves every frame

    def seconds_shown(self) -> int:
        """Whole seconds left, rounded up: a hold shows 1 until it is over."""
        return math.ceil(self._remaining - 1e-6) if self._remaining > 0 else 0

    def numeral_font(self) -> QFont:
        """The biggest bold font whose numerals fit inside the ring's inner circle.

        The digits' box (width w, height h) fits when its corners stay inside the
        circle: (w/2)² + (h/2)² ≤ r². Both grow with the pixel size, so solve for it.
        """
        side = min(self.width(), self.height())
        radius = side * (0.5 - 0.06) * 0.95  # inside the stroke, with a little air
        f = QFont(self.font())
        f.setWeight(QFont.Weight.Bold)
        f.setPixelSize(100)
        fm = QFontMetricsF(f)
        w = fm.horizontalAdvance(str(self.seconds_shown())) / 100
        h = fm.tightBoundingRect("0123456789").height() / 100
        px = radius / ((w / 2) ** 2 + (h / 2) ** 2) ** 0.5
        f.setPixelSize(max(24, int(px)))
        return f

    def numeral_height(self) -> float:
        """Height of the drawn digits in pixels (what a runner actually sees)."""
        return QFontMetricsF(self.numeral_font()).tightBoundingRect("0123456789").height()

    def paintEvent(self, event: object) -> None:
        c = theme.colors(self)
        accent = {
            "work": c.work,
            "rest": c.rest,
            "prepare": c.prepare,
            "switch": c.switch,
        }.get(self._kind, c.work)
        side = min(self.width(), self.height())
        pen_w = max(8.0, side * 0.06)
        rect = QRectF(0, 0, side - pen_w, side - pen_w)
        rect.moveCenter(QRectF(self.rect()).center())

        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(c.ring_track, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawEllipse(rect)
        if self._total > 0:
            frac = min(1.0, self._remaining / self._total)
            arc = QColor(accent)
            if self._paused:
                arc.setAlpha(110)
            p.setPen(QPen(arc, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawArc(rect, 90 * 16, int(-frac * 360 * 16))

        text_colour = self.palette().windowText().color()
        p.setFont(self.numeral_font())
        p.setPen(text_colour)
        # Centre the digits' ink (not the font's line box) on the ring's centre.
        text = str(self.seconds_shown())
        fm = QFontMetricsF(p.font())
        ink = fm.tightBoundingRect(text)
        centre = rect.center()
        p.drawText(
            QPointF(
                centre.x() - ink.width() / 2 - ink.left(), centre.y() - ink.top() - ink.height() / 2
            ),
            text,
        )

        f2 = QFont(self.font())
        f2.setPixelSize(max(12, int(side * 0.07)))
        f2.setWeight(QFont.Weight.DemiBold)
        p.setFont(f2)
        p.setPen(accent if not self._paused else c.muted_text)
        label_box = QRectF(
            rect.left(), rect.top() + rect.height() * 0.72, rect.width(), rect.height() * 0.14
        )
        label = self.tr("PAUSED") if self._paused else self._label.upper()
        p.drawText(label_box, Qt.AlignmentFlag.AlignCenter, label)
        p.end()
