"""The acute:chronic ratio on a bar of its zones, with a marker where this week is.

Each zone is named on the bar itself, so colour is never the only cue. The scale runs
from 0 to 2; a ratio above 2 sits at the right end with its value written out.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from backcoach.runs.load import JUMP_ABOVE, LOW_BELOW, STEP_ABOVE, Load, Zone
from backcoach.ui.widgets.chart_style import ChartWidget, chart_colors, is_dark, small_font

SCALE_MAX = 2.0


def zone_colour(zone: Zone, dark: bool) -> QColor:
    light_dark = {
        Zone.LOW: ("#8a94a6", "#8b949e"),
        Zone.STEADY: ("#2e8b57", "#3fb950"),
        Zone.STEP: ("#c77c02", "#d29922"),
        Zone.JUMP: ("#c0392b", "#f85149"),
        Zone.NO_HISTORY: ("#8a94a6", "#8b949e"),
    }
    return QColor(light_dark[zone][1 if dark else 0])


class LoadGauge(ChartWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Training load ratio"),
            self.tr(
                "The last 7 days against your weekly average of the last 28. Zones are ours, "
                "from sports-science guidance, not from the articles."
            ),
            QSize(220, 56),
            parent,
        )
        self.load: Load | None = None

    def sizeHint(self) -> QSize:
        return QSize(360, 64)

    def set_load(self, load: Load) -> None:
        self.load = load
        self.update()

    def bar_rect(self) -> QRectF:
        fm = self.fontMetrics()
        return QRectF(4, fm.height() + 6, self.width() - 8, max(18.0, fm.height() * 1.4))

    def x_for(self, ratio: float) -> float:
        bar = self.bar_rect()
        return bar.left() + bar.width() * min(max(ratio, 0.0), SCALE_MAX) / SCALE_MAX

    def zones(self) -> list[tuple[Zone, float, float, str]]:
        return [
            (Zone.LOW, 0.0, LOW_BELOW, self.tr("less")),
            (Zone.STEADY, LOW_BELOW, STEP_ABOVE, self.tr("as usual")),
            (Zone.STEP, STEP_ABOVE, JUMP_ABOVE, self.tr("step up")),
            (Zone.JUMP, JUMP_ABOVE, SCALE_MAX, self.tr("jump")),
        ]

    def label_places(self, fm: QFontMetrics) -> list[tuple[str, QRectF]]:
        """Where each zone's name goes: in its band, or (a narrow band, a small window)
        whole above the bar, never shortened to "s…"."""
        bar = self.bar_rect()
        places = []
        for _zone, lo, hi, label in self.zones():
            x0, x1 = self.x_for(lo), self.x_for(hi)
            if fm.horizontalAdvance(label) <= x1 - x0 - 4:
                places.append((label, QRectF(x0, bar.top(), x1 - x0, bar.height())))
            else:
                w = fm.horizontalAdvance(label) + 4
                left = min(max((x0 + x1 - w) / 2, 0.0), self.width() - w)
                places.append((label, QRectF(left, bar.top() - fm.height() - 2, w, fm.height())))
        return places

    def paintEvent(self, event: object) -> None:
        c = chart_colors(self)
        dark = is_dark(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(small_font(self))
        fm = p.fontMetrics()
        bar = self.bar_rect()
        for (zone, lo, hi, _), (label, place) in zip(
            self.zones(), self.label_places(fm), strict=True
        ):
            rect = QRectF(self.x_for(lo), bar.top(), self.x_for(hi) - self.x_for(lo), bar.height())
            fill = zone_colour(zone, dark)
            fill.setAlpha(70 if dark else 60)
            p.fillRect(rect, fill)
            p.setPen(c.text)
            p.drawText(place, int(Qt.AlignmentFlag.AlignCenter), label)
        p.setPen(QPen(c.grid, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(bar)
        for edge in (LOW_BELOW, STEP_ABOVE, JUMP_ABOVE):
            x = self.x_for(edge)
            p.setPen(c.muted)
            label = f"{edge:g}"
            p.drawText(
                QPointF(x - fm.horizontalAdvance(label) / 2, bar.bottom() + fm.ascent() + 2), label
            )
        ratio = self.load.ratio if self.load else None
        if ratio is None:
            return
        x = self.x_for(ratio)
        marker = QPainterPath()
        marker.moveTo(x, bar.top() - 1)
        marker.lineTo(x - 7, bar.top() - 11)
        marker.lineTo(x + 7, bar.top() - 11)
        marker.closeSubpath()
        colour = zone_colour(self.load.zone if self.load else Zone.STEADY, dark)
        p.setPen(QPen(c.text, 1))
        p.setBrush(colour)
        p.drawPath(marker)
        p.setPen(QPen(c.text, 2.5))
        p.drawLine(QPointF(x, bar.top()), QPointF(x, bar.bottom()))
