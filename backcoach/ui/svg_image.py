"""An SVG drawn into a transparent image: for checks (is anything drawn?) and icons."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def svg_image(renderer: QSvgRenderer, width: int, height: int) -> QImage:
    """``renderer`` scaled to ``width`` x ``height``, anti-aliased, on transparency."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image
