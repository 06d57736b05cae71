"""Painting figure scenes with QPainter, in the colours of the current palette.

The scene (a back-to-front list of shapes) comes from ``backcoach.figures``; this module
only maps shapes to Qt calls, so an animation frame costs one pose solve plus a few dozen
polygon fills.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF

from backcoach.figures.geometry import capsule_polygon, offset_polygon
from backcoach.figures.primitives import (
    BACKDROP_DEPTH,
    Capsule,
    Circle,
    Polygon,
    Scene,
    Shape,
    Tone,
)
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
    layer: str = "all",
) -> Fit:
    """Draw ``scene`` fitted into ``rect``; returns the mapping used.

    ``layer`` picks "backdrop" (floor, mat, props: still while the figure moves, so a
    player can draw them once and keep the pixels), "figure", or "all".
    """
    f = fit(scene.bounds, rect.width(), rect.height())
    f = Fit(f.scale, f.dx + rect.x(), f.dy + rect.y())
    painter.save()
    painter.setClipRect(rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    outline = max(OUTLINE * f.scale, 0.6)
    colours = _qt_colours(theme)
    line_pen = QPen()
    line_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    line_pen.setWidthF(2 * outline)
    painter.setPen(Qt.PenStyle.NoPen)
    for item in scene.items:
        if layer != "all" and (item.depth <= BACKDROP_DEPTH) != (layer == "backdrop"):
            continue
        fill, stroke = colours[item.tone]
        if fill is None:  # a line: the only thing drawn with a pen
            if stroke is not None:
                line_pen.setColor(stroke)
                painter.setPen(line_pen)
                for shape in item.shapes:
                    _draw(painter, shape, f, 0.0)
                painter.setPen(Qt.PenStyle.NoPen)
            continue
        # Outline = the same shapes grown by the outline width, filled underneath.
        if stroke is not None:
            painter.setBrush(stroke)
            for shape in item.shapes:
                _draw(painter, shape, f, outline)
        painter.setBrush(fill)
        for shape in item.shapes:
            _draw(painter, shape, f, 0.0)
    painter.restore()
    return f


_P = QPointF


def _draw(painter: QPainter, shape: Shape, f: Fit, grow: float) -> None:
    s = f.scale
    if isinstance(shape, Capsule):
        ra, rb = shape.ra * s + grow, shape.rb * s + grow
        a = (f.x(shape.ax), f.y(shape.ay))
        b = (f.x(shape.bx), f.y(shape.by))
        pts = capsule_polygon(a, b, ra, rb, _steps(max(ra, rb)))
        painter.drawPolygon(QPolygonF([_P(x, y) for x, y in pts]))
    elif isinstance(shape, Circle):
        r = shape.r * s + grow
        painter.drawEllipse(_P(f.x(shape.x), f.y(shape.y)), r, r)
    elif isinstance(shape, Polygon):
        pts = [(f.x(x), f.y(y)) for x, y in shape.points]
        if grow:
            pts = offset_polygon(pts, grow)
        painter.drawPolygon(QPolygonF([_P(x, y) for x, y in pts]))
    else:
        painter.drawLine(_P(f.x(shape.x0), f.y(shape.y0)), _P(f.x(shape.x1), f.y(shape.y1)))


def _steps(radius_px: float) -> int:
    """Chords per capsule end: enough that a large end still looks round."""
    return 3 if radius_px < 4 else 5 if radius_px < 12 else 8


def paint_placeholder(painter: QPainter, rect: QRectF, palette: QPalette) -> None:
    """The neutral picture for an exercise without one: a plain figure on a mat, muted.

    Deliberately not a pose, so it never shows a movement the exercise does not have.
    """
    side = min(rect.width(), rect.height() * 4 / 3)
    if side < 8:
        return
    colour = palette.color(QPalette.ColorRole.Mid)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    cx, floor = rect.center().x(), rect.center().y() + side * 0.22
    unit = side / 14
    pen = QPen(colour)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setWidthF(max(unit * 0.45, 1.2))
    painter.setPen(pen)
    painter.drawLine(_P(cx - 3.6 * unit, floor), _P(cx + 3.6 * unit, floor))  # the mat
    painter.drawLine(_P(cx, floor - 4.2 * unit), _P(cx, floor - 1.9 * unit))  # body
    painter.drawLine(_P(cx, floor - 1.9 * unit), _P(cx - 0.9 * unit, floor - 0.3 * unit))
    painter.drawLine(_P(cx, floor - 1.9 * unit), _P(cx + 0.9 * unit, floor - 0.3 * unit))
    painter.drawLine(
        _P(cx - 1.3 * unit, floor - 3.3 * unit), _P(cx + 1.3 * unit, floor - 3.3 * unit)
    )
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(_P(cx, floor - 5.0 * unit), 0.65 * unit, 0.65 * unit)
    painter.restore()
