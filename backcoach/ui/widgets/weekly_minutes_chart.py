"""Minutes of exercise per week as bars: "did I keep it up?" at a glance.

The geometry (``scale_max``, ``bars``) is computed apart from painting so tests can
check what is drawn where without reading pixels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from backcoach.core.history_queries import WeekMinutes
from backcoach.ui.formats import day_month
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

_STEPS = (5, 10, 15, 30, 60, 120, 240, 480)


@dataclass(frozen=True)
class Bar:
    week_start: date
    minutes: float
    rect: QRectF


def _short_date(day: date) -> str:
    return day_month(day)


class WeeklyMinutesChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Minutes per week"),
            self.tr("Minutes of exercise in each week. Point at a bar for details."),
            QSize(210, 160),
            parent,
        )
        self._weeks: list[WeekMinutes] = []

    def set_weeks(self, weeks: Sequence[WeekMinutes]) -> None:
        self._weeks = list(weeks)
        values = ", ".join(f"{_short_date(w.week_start)}: {w.minutes:.0f}" for w in self._weeks)
        self.setAccessibleDescription(self.tr("Minutes per week, oldest first: {0}").format(values))
        self.update()

    def weeks(self) -> list[WeekMinutes]:
        return list(self._weeks)

    def scale_max(self) -> float:
        """Top of the axis: the busiest week rounded up to a step of 5..480 minutes."""
        top = max((w.minutes for w in self._weeks), default=0.0)
        step = self.step()
        return max(step, math.ceil(top / step - 1e-9) * step)

    def step(self) -> float:
        top = max((w.minutes for w in self._weeks), default=0.0)
        return float(next((s for s in _STEPS if top <= s * 4), _STEPS[-1]))

    def plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("480 min") * 0.85 + 8
        return QRectF(
            left,
            10,
            max(10.0, self.width() - left - 8),
            max(10.0, self.height() - 10 - fm.height() - 10),
        )

    def bars(self) -> list[Bar]:
        rects = bar_rects(self.plot_rect(), [w.minutes for w in self._weeks], self.scale_max())
        return [Bar(w.week_start, w.minutes, r) for w, r in zip(self._weeks, rects, strict=True)]

    def paintEvent(self, event: object) -> None:
        c = chart_colors(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(w.minutes > 0 for w in self._weeks):
            text = self.tr("No exercise in these weeks yet. Each session adds to its week's bar.")
            draw_centered_text(p, QRectF(self.rect()), text, c.muted)
            return
        plot = self.plot_rect()
        p.setFont(small_font(self))
        draw_value_grid(p, plot, self.scale_max(), self.step(), self.tr("{0} min").format, c)
        bars = self.bars()
        draw_week_bars(p, [b.rect for b in bars], c.bar)
        centres = [b.rect.center().x() for b in bars]
        draw_week_labels(self, p, centres, [b.week_start for b in bars], plot, c.muted)

    def tooltip_at(self, pos: QPointF) -> str | None:
        for bar in self.bars():
            if bar.rect.left() <= pos.x() <= bar.rect.right():
                return self.tr("Week of {0}: {1} minutes").format(
                    _short_date(bar.week_start), round(bar.minutes)
                )
        return None
