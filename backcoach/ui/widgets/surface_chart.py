"""What the runner ran on each week: kilometres stacked by surface, the hilly part
hatched. Harder surfaces and hills are two of the running-side factors the articles
name; this shows when either changed suddenly."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from backcoach.runs.load import Week
from backcoach.runs.model import Surface
from backcoach.ui.widgets.chart_style import (
    chart_colors,
    draw_centered_text,
    draw_value_grid,
    is_dark,
    small_font,
)
from backcoach.ui.widgets.weekly_runs_chart import WeekBarsChart, short_date

# Stacked bottom to top in this order; the legend reads the same way, left to right.
ORDER = (Surface.ROAD, Surface.TRACK, Surface.TRAIL, Surface.TREADMILL, Surface.UNSET)
_COLOURS = {
    Surface.ROAD: ("#4a6fa5", "#6f9fe0"),
    Surface.TRACK: ("#b5651d", "#e39a52"),
    Surface.TRAIL: ("#3d8b3d", "#5fbf5f"),
    Surface.TREADMILL: ("#7a5ea8", "#a68ad6"),
    Surface.UNSET: ("#9aa0a6", "#6e7681"),
}


def surface_colour(surface: Surface, dark: bool) -> QColor:
    return QColor(_COLOURS[surface][1 if dark else 0])


def hatch(p: QPainter, rect: QRectF, colour: QColor, gap: float = 5.0) -> None:
    """Diagonal lines across ``rect`` in logical pixels (Qt's pattern brushes stay one
    device pixel thin, and vanish on a high-density screen)."""
    p.save()
    p.setClipRect(rect)
    p.setPen(QPen(colour, 1.2))
    x = rect.left() - rect.height()
    while x < rect.right():
        p.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()))
        x += gap
    p.restore()


class SurfaceChart(WeekBarsChart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Surfaces and hills per week"),
            self.tr("Kilometres each week by surface; the hatched part was hilly."),
            parent,
        )

    def labels(self) -> dict[Surface, str]:
        return {
            Surface.ROAD: self.tr("road"),
            Surface.TRACK: self.tr("track"),
            Surface.TRAIL: self.tr("trail"),
            Surface.TREADMILL: self.tr("treadmill"),
            Surface.UNSET: self.tr("not set"),
        }

    def describe(self) -> str:
        names = self.labels()
        parts = []
        for w in self._weeks:
            split = ", ".join(
                f"{names[s]} {w.by_surface[s] / 1000:.0f} km" for s in ORDER if w.by_surface.get(s)
            )
            parts.append(
                f"{short_date(w.monday)}: {split or '0 km'}, hilly {w.hilly_m / 1000:.0f} km"
            )
        return "; ".join(parts)

    def segments(self) -> list[tuple[Week, Surface, QRectF]]:
        """Each week's stacked pieces, bottom up."""
        plot = self.plot_rect()
        top = self.km_max()
        out = []
        for bar in self.bars():
            y = plot.bottom()
            for s in ORDER:
                km = bar.week.by_surface.get(s, 0.0) / 1000
                if km <= 0:
                    continue
                h = plot.height() * km / top
                out.append((bar.week, s, QRectF(bar.rect.left(), y - h, bar.rect.width(), h)))
                y -= h
        return out

    def paintEvent(self, event: object) -> None:
        c = chart_colors(self)
        dark = is_dark(self)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(w.runs for w in self._weeks):
            draw_centered_text(
                p, QRectF(self.rect()), self.tr("No runs in these weeks yet."), c.muted
            )
            return
        plot = self.plot_rect()
        p.setFont(small_font(self))
        top = self.km_max()
        draw_value_grid(p, plot, top, self.km_step(), self.tr("{0} km").format, c)
        p.setPen(Qt.PenStyle.NoPen)
        for _week, surface, rect in self.segments():
            p.setBrush(surface_colour(surface, dark))
            p.drawRect(rect)
        for bar in self.bars():
            if bar.week.hilly_m > 0:
                h = plot.height() * bar.week.hilly_m / 1000 / top
                hatch(p, QRectF(bar.rect.left(), plot.bottom() - h, bar.rect.width(), h), c.text)
        self._week_labels(p, self.bars(), plot, c.muted)
        self._surface_legend(p, dark, c.text)

    def _surface_legend(self, p: QPainter, dark: bool, text: QColor) -> None:
        fm = p.fontMetrics()
        y = 2 + fm.ascent()
        names = self.labels()
        used = {s for w in self._weeks for s, km in w.by_surface.items() if km > 0}
        items = [(names[s], surface_colour(s, dark), False) for s in ORDER if s in used]
        if any(w.hilly_m for w in self._weeks):
            items.append((self.tr("hilly (hatched)"), text, True))
        x = self.plot_rect().left()
        for label, colour, hatched in items:
            swatch = QRectF(x, y - fm.ascent() + 2, 10, fm.ascent() - 2)
            if hatched:
                hatch(p, swatch, colour)
                p.setPen(QPen(colour, 1))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(swatch)
            else:
                p.fillRect(swatch, colour)
            p.setPen(text)
            p.drawText(QPointF(x + 14, y), label)
            x += 14 + fm.horizontalAdvance(label) + 12

    def tooltip_at(self, pos: QPointF) -> str | None:
        names = self.labels()
        for bar in self.bars():
            if bar.rect.left() <= pos.x() <= bar.rect.right():
                w = bar.week
                split = ", ".join(
                    f"{names[s]} {w.by_surface[s] / 1000:.1f} km"
                    for s in ORDER
                    if w.by_surface.get(s)
                )
                return self.tr("Week of {0}: {1}; hilly {2} km").format(
                    short_date(w.monday), split or "0 km", f"{w.hilly_m / 1000:.1f}"
                )
        return None
