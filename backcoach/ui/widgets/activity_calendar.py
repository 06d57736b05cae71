"""The last weeks as a grid of days, one column per week (Monday at the top).

A day with exercise is filled, more strongly the longer the runner exercised; today
is outlined; days still to come are left out. Point at a day for its minutes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QWidget

from backcoach.core.history_queries import monday_of
from backcoach.ui.formats import short_month, short_weekday, weekday_day_month
from backcoach.ui.widgets.chart_style import ChartWidget, chart_colors, small_font

# Minutes that reach each fill level; a typical routine is 10-15 minutes.
LEVELS = (0.0, 8.0, 15.0, 25.0)


def level_for(minutes: float) -> int:
    """0 for no exercise, 1..4 for more and more minutes."""
    if minutes <= 0:
        return 0
    return sum(1 for threshold in LEVELS if minutes > threshold)


class ActivityCalendar(ChartWidget):
    def __init__(self, weeks: int = 12, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Calendar of active days"),
            self.tr("Each square is a day; filled days had a session."),
            QSize(220, 150),
            parent,
        )
        self.weeks = weeks
        self._minutes: dict[date, float] = {}
        self._today = date.today()

    def set_days(self, minutes_by_day: Mapping[date, float], today: date) -> None:
        self._today = today
        first = self.first_day()
        self._minutes = {d: m for d, m in minutes_by_day.items() if first <= d <= today}
        self.setAccessibleDescription(
            self.tr("{0} active days in the last {1} weeks.").format(
                len(self.active_days()), self.weeks
            )
        )
        self.update()

    def first_day(self) -> date:
        return monday_of(self._today) - timedelta(weeks=self.weeks - 1)

    def active_days(self) -> list[date]:
        return sorted(d for d, m in self._minutes.items() if m > 0)

    def minutes_on(self, day: date) -> float:
        return self._minutes.get(day, 0.0)

    def _geometry(self) -> tuple[float, float, float]:
        """(left, top, pitch): where the grid starts and the size of a cell plus gap."""
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("Wed") + 10
        top = fm.height() + 6
        bottom = fm.height() + 10  # the legend
        pitch = min((self.width() - left - 4) / self.weeks, (self.height() - top - bottom) / 7)
        return left, top, max(6.0, min(pitch, 30.0))

    def cell_rect(self, day: date) -> QRectF | None:
        """Where ``day`` is drawn, or None when it is outside the grid or still to come."""
        first = self.first_day()
        if not first <= day <= self._today:
            return None
        left, top, pitch = self._geometry()
        column = (day - first).days // 7
        gap = max(2.0, pitch * 0.16)
        return QRectF(left + column * pitch, top + day.weekday() * pitch, pitch - gap, pitch - gap)

    def paintEvent(self, event: object) -> None:
        c = chart_colors(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(small_font(self))
        fm = p.fontMetrics()
        left, top, pitch = self._geometry()
        first = self.first_day()
        p.setPen(c.muted)
        for row in (0, 2, 4):  # Mon, Wed, Fri
            name = short_weekday(row + 1)
            y = top + row * pitch
            p.drawText(
                QRectF(0, y, left - 6, pitch * 0.84),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
        # A month's name over the first week that starts in it. Placed from the right,
        # so when the first column (often a month's tail) would crowd the next name,
        # the tail's name is the one left out.
        labels = [
            (left + week * pitch, short_month(first + timedelta(weeks=week)))
            for week in range(self.weeks)
            if week == 0
            or (first + timedelta(weeks=week)).month != (first + timedelta(weeks=week - 1)).month
        ]
        free_until = float(self.width())
        for x, name in reversed(labels):
            if x + fm.horizontalAdvance(name) + 4 <= free_until:
                p.drawText(QPointF(x, top - 5), name)
                free_until = x
        radius = max(1.5, pitch * 0.18)
        day = first
        while day <= self._today:
            rect = self.cell_rect(day)
            if rect is not None:
                lvl = level_for(self.minutes_on(day))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(c.cell_levels[lvl - 1] if lvl else c.cell_empty)
                p.drawRoundedRect(rect, radius, radius)
                if day == self._today:
                    p.setPen(QPen(c.text, 2))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), radius, radius)
            day += timedelta(days=1)
        self._paint_legend(p, left, top + 7 * pitch + 4, pitch, fm.height())

    def _paint_legend(self, p: QPainter, x: float, y: float, pitch: float, h: float) -> None:
        c = chart_colors(self)
        fm = p.fontMetrics()
        size = min(h * 0.8, pitch * 0.7)
        p.setPen(c.muted)
        less = self.tr("less")
        p.drawText(QPointF(x, y + fm.ascent()), less)
        x += fm.horizontalAdvance(less) + 6
        p.setPen(Qt.PenStyle.NoPen)
        for colour in (c.cell_empty, *c.cell_levels):
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(x, y + (fm.height() - size) / 2, size, size), 2, 2)
            x += size + 3
        p.setPen(c.muted)
        p.drawText(QPointF(x + 3, y + fm.ascent()), self.tr("more"))

    def day_at(self, pos: QPointF) -> date | None:
        first = self.first_day()
        left, top, pitch = self._geometry()
        column = int((pos.x() - left) // pitch)
        row = int((pos.y() - top) // pitch)
        if not (0 <= column < self.weeks and 0 <= row < 7):
            return None
        day = first + timedelta(weeks=column, days=row)
        rect = self.cell_rect(day)
        return day if rect is not None and rect.contains(pos) else None

    def tooltip_at(self, pos: QPointF) -> str | None:
        day = self.day_at(pos)
        if day is None:
            return None
        minutes = self.minutes_on(day)
        if minutes > 0:
            return self.tr("{0}: {1} minutes").format(weekday_day_month(day), round(minutes))
        return self.tr("{0}: no session").format(weekday_day_month(day))
