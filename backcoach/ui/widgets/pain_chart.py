"""Pain before and after each session over time: "is my back getting better?"

x is the session's date on a true time scale (gaps show as gaps), y is pain 0..10
with 10 at the top. Each session is a faint marker (before: hollow ring, after:
filled dot); over them a running average of the last few sessions (before: dashed,
after: solid) shows the trend without the day-to-day zigzag. A legend names both,
so colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from backcoach.core.history_queries import PainPoint
from backcoach.ui.formats import day_month, short_month
from backcoach.ui.widgets.chart_style import (
    ChartWidget,
    chart_colors,
    draw_centered_text,
    draw_gridline,
    small_font,
)

TREND_SESSIONS = 5  # the running average spans this many rated sessions


def running_average(points: list[QPointF], span: int = TREND_SESSIONS) -> list[QPointF]:
    """Each point's y replaced by the mean of it and up to ``span - 1`` before it."""
    out = []
    for i, pt in enumerate(points):
        window = points[max(0, i - span + 1) : i + 1]
        out.append(QPointF(pt.x(), sum(w.y() for w in window) / len(window)))
    return out


class PainChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Pain before and after sessions"),
            self.tr("Pain from 0 (none) to 10 (worst) before and after each session."),
            QSize(210, 160),
            parent,
        )
        self._points: list[PainPoint] = []
        self._first = date.today()
        self._last = date.today()
        self._distance: list[tuple[date, float]] = []  # (Monday, metres) behind the pain

    def set_points(self, points: Sequence[PainPoint], first: date, last: date) -> None:
        """Show ``points`` (oldest first) on a time axis from ``first`` to ``last``."""
        self._points = list(points)
        self._first, self._last = first, max(last, first + timedelta(days=1))
        rated = [p for p in self._points if p.before is not None or p.after is not None]
        desc = self.tr("{0} rated sessions from {1} to {2}.").format(
            len(rated), first.isoformat(), last.isoformat()
        )
        if rated:
            latest = rated[-1]
            desc += " " + self.tr("Latest: before {0}, after {1}.").format(
                _pain(latest.before), _pain(latest.after)
            )
        self.setAccessibleDescription(desc)
        self.update()

    def set_distance(self, weeks: Sequence[tuple[date, float]]) -> None:
        """Weekly distance drawn faintly behind the pain, on its own scale ([] for none)."""
        self._distance = list(weeks)
        if weeks:
            km = ", ".join(f"{m:%d %b}: {d / 1000:.0f} km" for m, d in weeks)
            self.setAccessibleDescription(
                self.accessibleDescription().split(" Weekly distance")[0]
                + " Weekly distance: "
                + km
            )
        self.update()

    def distance_bars(self) -> list[QRectF]:
        """One rectangle per week spanning its seven days, as tall as its share of the
        longest week (the top of the plot)."""
        if not self._distance:
            return []
        plot = self.plot_rect()
        top = max((d for _m, d in self._distance), default=0.0) or 1.0
        span = (self._last - self._first).days + 1
        day_width = plot.width() / span
        out = []
        for monday, metres in self._distance:
            left = max(self.x_for(monday) - day_width / 2, plot.left())
            right = min(self.x_for(monday + timedelta(days=6)) + day_width / 2, plot.right())
            if right <= left or metres <= 0:
                continue
            h = plot.height() * metres / top
            out.append(QRectF(left + 1, plot.bottom() - h, right - left - 2, h))
        return out

    def points(self) -> list[PainPoint]:
        return list(self._points)

    def plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("10") + 14
        top = fm.height() + 12  # room for the legend
        bottom = fm.height() + 10
        return QRectF(
            left, top, max(10.0, self.width() - left - 10), max(10.0, self.height() - top - bottom)
        )

    def x_for(self, when: datetime | date) -> float:
        plot = self.plot_rect()
        day = when.date() if isinstance(when, datetime) else when
        span = (self._last - self._first).days or 1
        # Sessions are placed at noon of their day so the last day isn't on the edge.
        offset = (day - self._first).days + 0.5
        return plot.left() + plot.width() * offset / (span + 1)

    def y_for(self, pain: float) -> float:
        plot = self.plot_rect()
        return plot.bottom() - plot.height() * pain / 10.0

    def series(self) -> tuple[list[QPointF], list[QPointF]]:
        """Screen points for pain before and pain after, oldest first."""
        before = [
            QPointF(self.x_for(p.started_at), self.y_for(p.before))
            for p in self._points
            if p.before is not None
        ]
        after = [
            QPointF(self.x_for(p.started_at), self.y_for(p.after))
            for p in self._points
            if p.after is not None
        ]
        return before, after

    def paintEvent(self, event: object) -> None:
        c = chart_colors(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        before, after = self.series()
        if not before and not after and not self._distance:
            text = self.tr("No pain ratings yet. Rate your back before and after a session.")
            draw_centered_text(p, QRectF(self.rect()), text, c.muted)
            return
        plot = self.plot_rect()
        p.setFont(small_font(self))
        for level in (0, 5, 10):
            draw_gridline(p, plot, self.y_for(level), str(level), c)
        self._paint_distance(p, plot, c.bar, c.muted)
        self._paint_months(p, plot, c.muted)
        self._paint_series(p, before, c.before, filled=False)
        self._paint_series(p, after, c.after, filled=True)
        self._paint_legend(p, c.before, c.after)

    def _paint_distance(self, p: QPainter, plot: QRectF, colour: QColor, label: QColor) -> None:
        bars = self.distance_bars()
        if not bars:
            return
        faint = QColor(colour)
        faint.setAlpha(45)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(faint)
        for rect in bars:
            p.drawRect(rect)
        top = max(d for _m, d in self._distance) / 1000
        fm = p.fontMetrics()
        p.setPen(label)
        text = self.tr("bars: km a week (top {0})").format(f"{top:.0f}")
        p.drawText(
            QPointF(plot.right() - fm.horizontalAdvance(text), plot.top() + fm.ascent() + 2), text
        )

    def month_labels(self, fm: QFontMetrics | None = None) -> list[tuple[str, QRectF]]:
        """Each month's name and where it is drawn: at the month's first day, but kept
        inside the widget (a "Dec" starting near the right edge ran off it) and never
        over the label before it."""
        fm = fm or QFontMetrics(small_font(self))
        plot = self.plot_rect()
        labels: list[tuple[str, QRectF]] = []
        day = self._first.replace(day=1)
        free_from = 0.0
        while day <= self._last:
            if day >= self._first:
                day_width = plot.width() / ((self._last - self._first).days + 1)
                text = short_month(day)
                width = fm.horizontalAdvance(text)
                x = min(self.x_for(day) - day_width / 2, self.width() - width - 2.0)
                if x >= free_from:
                    top = plot.bottom() + 4
                    labels.append((text, QRectF(x, top, width, fm.height())))
                    free_from = x + width + 4
            day = (day + timedelta(days=32)).replace(day=1)
        return labels

    def _paint_months(self, p: QPainter, plot: QRectF, colour: QColor) -> None:
        p.setPen(colour)
        fm = p.fontMetrics()
        for text, rect in self.month_labels(fm):
            p.drawText(QPointF(rect.left(), rect.top() + fm.ascent()), text)

    def _paint_series(self, p: QPainter, pts: list[QPointF], colour: QColor, filled: bool) -> None:
        if not pts:
            return
        faint = QColor(colour)
        faint.setAlpha(110)
        radius = 3.0 if len(pts) < 60 else 2.2
        p.setPen(QPen(faint, 1.3))
        p.setBrush(faint if filled else Qt.BrushStyle.NoBrush)
        for pt in pts:
            p.drawEllipse(pt, radius, radius)
        trend = running_average(pts)
        if len(trend) > 1:
            pen = QPen(colour, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if not filled:
                pen.setStyle(Qt.PenStyle.DashLine)
            path = QPainterPath(trend[0])
            for pt in trend[1:]:
                path.lineTo(pt)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)

    def _paint_legend(self, p: QPainter, before: QColor, after: QColor) -> None:
        fm = p.fontMetrics()
        y = 4 + fm.ascent()
        x = self.width() - 8.0
        for text, colour, filled in (
            (self.tr("after"), after, True),
            (self.tr("before"), before, False),
        ):
            x -= fm.horizontalAdvance(text)
            p.setPen(self.palette().windowText().color())
            p.drawText(QPointF(x, y), text)
            x -= 12
            p.setPen(QPen(colour, 1.6))
            p.setBrush(colour if filled else self.palette().window())
            p.drawEllipse(QPointF(x, y - fm.ascent() / 2 + 1), 4, 4)
            x -= 18

    def tooltip_at(self, pos: QPointF) -> str | None:
        near = [pt for pt in self._points if abs(self.x_for(pt.started_at) - pos.x()) < 6]
        if not near:
            return None
        pt = near[-1]
        return self.tr("{0}: pain {1} before, {2} after").format(
            day_month(pt.started_at), _pain(pt.before), _pain(pt.after)
        )


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)
