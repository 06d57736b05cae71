"""Painting figure scenes with QPainter, in the colours of the current palette.

The scene (a back-to-front list of shapes) comes from ``backcoach.figures``; this module
only maps shapes to Qt calls, so an animation frame costs one pose solve plus a few dozen
polygon fills.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QPolygonF

from backcoach.figures.geometry import capsule_polygon
from backcoach.figures.primitives import Capsule, Circle, Line, Polygon, Scene, Shape, Tone
from backcoach.figures.style import DARK, LIGHT, OUTLINE, Fit, Theme, fit


def theme_for(palette: QPalette) -> Theme:
    """Dark figures on light windows, light figures on dark ones."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


@lru_cache(maxsize=8)
def _qt_colours(theme: Theme) -> dict[Tone, tuple[QColor | None, QColor | None]]:
    return {
        tone: (QColor(fill) if fill else None, QColor(stroke) if stroke else None)
        for tone, (fill, stroke) in theme.colours.items()
    }


def paint_scene(
    painter: QPainter,
    scene: Scene,
    rect: QRectF,
    theme: Theme,
    dim: float = 1.0,
) -> Fit:
    """Draw ``scene`` fitted into ``rect``; returns the mapping used."""
    f = fit(scene.bounds, rect.width(), rect.height())
    f = Fit(f.scale, f.dx + rect.x(), f.dy + rect.y())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if dim < 1.0:
        painter.setOpacity(dim)
    width = max(2 * OUTLINE * f.scale, 1.0)
    colours = _qt_colours(theme)
    pen = QPen()
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setWidthF(width)
    for item in scene.items:
        fill, stroke = colours[item.tone]
        if stroke is not None:
            pen.setColor(stroke)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for shape in item.shapes:
                _draw(painter, shape, f)
        if fill is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(fill))
            for shape in item.shapes:
                if not isinstance(shape, Line):
                    _draw(painter, shape, f)
    painter.restore()
    return f


def _draw(painter: QPainter, shape: Shape, f: Fit) -> None:
    if isinstance(shape, Capsule):
        a = (f.x(shape.ax), f.y(shape.ay))
        b = (f.x(shape.bx), f.y(shape.by))
        pts = capsule_polygon(a, b, shape.ra * f.scale, shape.rb * f.scale, _steps(shape.ra * f.scale))
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
    elif isinstance(shape, Circle):
        painter.drawEllipse(QPointF(f.x(shape.x), f.y(shape.y)), shape.r * f.scale, shape.r * f.scale)
    elif isinstance(shape, Polygon):
        painter.drawPolygon(QPolygonF([QPointF(f.x(x), f.y(y)) for x, y in shape.points]))
    else:
        painter.drawLine(QPointF(f.x(shape.x0), f.y(shape.y0)), QPointF(f.x(shape.x1), f.y(shape.y1)))


def _steps(radius_px: float) -> int:
    """Chords per half-circle end: enough that a large capsule end looks round."""
    return 4 if radius_px < 4 else 8 if radius_px < 15 else 12
