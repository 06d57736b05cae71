"""Colours and small painting helpers shared by the history page's drawn widgets.

Everything derives from the widget's palette at paint time, so the charts follow the
light and dark themes and repaint correctly when the palette changes. Series differ
by shape and by a text legend too, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

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
