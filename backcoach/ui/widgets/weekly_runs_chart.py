"""Kilometres per week as bars and running time per week as a line: the weeks the
runner can compare at a glance. Geometry is computed apart from painting for tests."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from backcoach.runs.load import Week
from backcoach.ui.widgets.chart_style import (
    ChartWidget,
    bar_rects,
    chart_colors,
    draw_centered_text,
    draw_value_grid,
    draw_week_bars,
    draw_week_labels,
    small_font,
)

KM_STEPS = (5, 10, 20, 25, 50, 100)


def nice_step(top: float, steps: Sequence[float] = KM_STEPS) -> float:
    return float(next((s for s in steps if top <= s * 4), steps[-1]))


def short_date(day: date) -> str:
    return f"{day.day} {day:%b}"


@dataclass(frozen=True)
class WeekBar:
    week: Week
    rect: QRectF


class WeekBarsChart(ChartWidget):
    """Bars per week on a km axis: what the weekly charts of the Runs page share."""

    def __init__(self, name: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(name, tooltip, QSize(260, 170), parent)
        self._weeks: list[Week] = []

    def set_weeks(self, weeks: Sequence[Week]) -> None:
        self._weeks = list(weeks)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        return ""

    def km_step(self) -> float:
        return nice_step(max((w.distance_m / 1000 for w in self._weeks), default=0.0))

    def km_max(self) -> float:
        """Top of the km axis: the longest week rounded up to a whole step."""
        top = max((w.distance_m / 1000 for w in self._weeks), default=0.0)
        step = self.km_step()
        return max(step, math.ceil(top / step - 1e-9) * step)

    def hours_max(self) -> float:
        top = max((w.moving_s / 3600 for w in self._weeks), default=0.0)
        return max(1.0, math.ceil(top))

    def plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("100 km") * 0.85 + 8
        right = fm.horizontalAdvance("10 h") * 0.85 + 10
        top = fm.height() + 8  # the legend
        return QRectF(
            left,
            top,
            max(10.0, self.width() - left - right),
            max(10.0, self.height() - top - fm.height() - 10),
        )

    def bars(self) -> list[WeekBar]:
        kms = [w.distance_m / 1000 for w in self._weeks]
        rects = bar_rects(self.plot_rect(), kms, self.km_max())
        return [WeekBar(w, r) for w, r in zip(self._weeks, rects, strict=True)]

    def _week_labels(self, p: QPainter, bars: list[WeekBar], plot: QRectF, colour: QColor) -> None:
        centres = [b.rect.center().x() for b in bars]
        draw_week_labels(self, p, centres, [b.week.monday for b in bars], plot, colour)


class WeeklyRunsChart(WeekBarsChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Distance and time per week"),
            self.tr("Kilometres run each week (bars) and hours running (line)."),
            parent,
        )

    def describe(self) -> str:
        values = ", ".join(
            f"{short_date(w.monday)}: {w.distance_m / 1000:.0f} km, {w.moving_s / 3600:.1f} h"
            for w in self._weeks
        )
        return self.tr("Per week, oldest first: {0}").format(values)

    def time_points(self) -> list[QPointF]:
        plot = self.plot_rect()
        hours = self.hours_max()
        return [
            QPointF(
                b.rect.center().x(), plot.bottom() - plot.height() * b.week.moving_s / 3600 / hours
            )
            for b in self.bars()
        ]

    def paintEvent(self, event: object) -> None:
        c = chart_colors(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(w.runs for w in self._weeks):
            draw_centered_text(
                p,
                QRectF(self.rect()),
                self.tr("No runs in these weeks yet. Import runs or add one by hand."),
                c.muted,
            )
            return
        plot = self.plot_rect()
        p.setFont(small_font(self))
        fm = p.fontMetrics()
        draw_value_grid(p, plot, self.km_max(), self.km_step(), self.tr("{0} km").format, c)
        hours = self.hours_max()
        p.setPen(c.muted)
        for h in (hours / 2, hours):
            y = plot.bottom() - plot.height() * h / hours
            p.drawText(
                QPointF(plot.right() + 6, y + fm.ascent() / 2), self.tr("{0} h").format(f"{h:g}")
            )
        bars = self.bars()
        draw_week_bars(p, [b.rect for b in bars], c.bar)
        points = self.time_points()
        if len(points) > 1:
            path = QPainterPath(points[0])
            for pt in points[1:]:
                path.lineTo(pt)
            p.setPen(QPen(c.text, 2.0))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(c.text)
            for pt in points:
                p.drawEllipse(pt, 2.5, 2.5)
        self._week_labels(p, bars, plot, c.muted)
        self._legend(p, c.bar, c.text)

    def _legend(self, p: QPainter, bar: QColor, line: QColor) -> None:
        fm = p.fontMetrics()
        y = 2 + fm.ascent()
        x = self.width() - 8.0
        for text, kind in ((self.tr("hours"), "line"), (self.tr("km"), "bar")):
            x -= fm.horizontalAdvance(text)
            p.setPen(line)
            p.drawText(QPointF(x, y), text)
            x -= 16
            if kind == "bar":
                p.fillRect(QRectF(x, y - fm.ascent() + 2, 10, fm.ascent() - 2), bar)
            else:
                p.setPen(QPen(line, 2))
                p.drawLine(QPointF(x, y - fm.ascent() / 2), QPointF(x + 10, y - fm.ascent() / 2))
            x -= 14

    def tooltip_at(self, pos: QPointF) -> str | None:
        for bar in self.bars():
            if bar.rect.left() <= pos.x() <= bar.rect.right():
                w = bar.week
                return self.tr("Week of {0}: {1} km in {2} runs, {3} h").format(
                    short_date(w.monday),
                    f"{w.distance_m / 1000:.1f}",
                    w.runs,
                    f"{w.moving_s / 3600:.1f}",
                )
        return None
