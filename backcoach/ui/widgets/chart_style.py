"""Colours and small painting helpers shared by the history page's drawn widgets.

Everything derives from the widget's palette at paint time, so the charts follow the
light and dark themes and repaint correctly when the palette changes. Series differ
by shape and by a text legend too, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget


class ChartWidget(QWidget):
    """A drawn chart: grows with its card, has a name for screen readers, a general
    tooltip, and a specific one for the point under the mouse (``tooltip_at``)."""

    def __init__(
        self, name: str, tooltip: str, minimum: QSize, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setMinimumSize(minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(name)
        self.setToolTip(tooltip)

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The tooltip for what is drawn at ``pos``, or None for the general one."""
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
                return True
        return super().event(event)


@dataclass(frozen=True)
class ChartColors:
    text: QColor
    muted: QColor
    grid: QColor
    bar: QColor
    before: QColor  # pain before a session
    after: QColor  # pain after it
    cell_empty: QColor
    cell_levels: tuple[QColor, ...]  # calendar: light to full activity


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def chart_colors(widget: QWidget) -> ChartColors:
    pal = widget.palette()
    dark = is_dark(widget)
    accent = pal.color(QPalette.ColorRole.Highlight)
    grid = QColor(pal.color(QPalette.ColorRole.Mid))
    grid.setAlpha(150)
    levels = []
    for alpha in (90, 150, 205, 255):
        level = QColor(accent)
        level.setAlpha(alpha)
        levels.append(level)
    empty = QColor(pal.color(QPalette.ColorRole.Mid))
    empty.setAlpha(90 if dark else 110)
    return ChartColors(
        text=pal.color(QPalette.ColorRole.WindowText),
        muted=pal.color(QPalette.ColorRole.PlaceholderText),
        grid=grid,
        bar=accent,
        before=QColor("#ff7b72" if dark else "#c0392b"),
        after=QColor("#5cb8ff" if dark else "#1f6fb5"),
        cell_empty=empty,
        cell_levels=tuple(levels),
    )


def small_font(widget: QWidget, scale: float = 0.85) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(7.0, size * scale))
    return font


def draw_centered_text(p: QPainter, rect: QRectF, text: str, color: QColor) -> None:
    """An empty state inside a chart: says what will appear, in words."""
    p.setPen(color)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)


def draw_gridline(p: QPainter, plot: QRectF, y: float, label: str, colors: ChartColors) -> None:
    """A horizontal grid line across ``plot`` with its value right-aligned to its left."""
    fm = p.fontMetrics()
    p.setPen(QPen(colors.grid, 1))
    p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    p.setPen(colors.muted)
    p.drawText(
        QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
        label,
    )


def draw_value_grid(
    p: QPainter,
    plot: QRectF,
    top: float,
    step: float,
    label: Callable[[int], str],
    colors: ChartColors,
) -> None:
    """Grid lines from 0 to ``top`` every ``step``, each labelled ``label(value)``."""
    value = 0.0
    while value <= top + 1e-9:
        draw_gridline(
            p, plot, plot.bottom() - plot.height() * value / top, label(int(value)), colors
        )
        value += step


def draw_week_labels(
    widget: QWidget,
    p: QPainter,
    centres: Sequence[float],
    mondays: Sequence[date],
    plot: QRectF,
    colour: QColor,
) -> None:
    """Week labels under bars, from the right: always "This week", then as many as fit."""
    fm = p.fontMetrics()
    p.setPen(colour)
    free_until = widget.width() + 10.0
    for i in range(len(centres) - 1, -1, -1):
        day = mondays[i]
        text = widget.tr("This week") if i == len(centres) - 1 else f"{day.day} {day:%b}"
        width = fm.horizontalAdvance(text)
        x = min(centres[i] - width / 2, widget.width() - width - 2)
        if x + width + 10 > free_until or x < plot.left() - 4:
            continue
        p.drawText(QPointF(x, plot.bottom() + 4 + fm.ascent()), text)
        free_until = x


def bar_rects(plot: QRectF, values: Sequence[float], top: float) -> list[QRectF]:
    """One bar per value, side by side across ``plot``, as tall as its share of ``top``."""
    if not values:
        return []
    slot = plot.width() / len(values)
    width = slot * 0.64
    out = []
    for i, value in enumerate(values):
        h = plot.height() * min(value / top, 1.0) if top > 0 else 0.0
        x = plot.left() + i * slot + (slot - width) / 2
        out.append(QRectF(x, plot.bottom() - h, width, h))
    return out


def draw_week_bars(p: QPainter, rects: Sequence[QRectF], colour: QColor) -> None:
    """Past weeks a little softer, so this week's bar (the last) stands out."""
    p.setPen(Qt.PenStyle.NoPen)
    for i, rect in enumerate(rects):
        fill = QColor(colour)
        if i < len(rects) - 1:
            fill.setAlpha(170)
        p.setBrush(fill)
        p.drawRoundedRect(rect, 3, 3)
