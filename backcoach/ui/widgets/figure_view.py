"""A still exercise picture for cards and lists, painted in the palette's colours.

Cards could also show ``assets/images/<id>.svg`` with QSvgRenderer, but those files are
drawn for a light background; painting from the same shapes here follows the theme.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.figures.figure import MissingPose, figure_for
from backcoach.figures.primitives import Scene
from backcoach.figures.render import pose_scene
from backcoach.ui.figure_painter import paint_placeholder, paint_scene, theme_for


def still(
    exercise_id: str,
    variant: str = "",
    side: str = "left",
    keyframe: str = "",
    poses: Path | None = None,
) -> Scene:
    fig = figure_for(exercise_id, variant, side, poses)
    return pose_scene(fig, fig.keyframes[keyframe or fig.key])


def figure_image(
    exercise_id: str,
    size: QSize,
    palette: QPalette,
    variant: str = "",
    side: str = "left",
    poses: Path | None = None,
) -> QImage:
    """The still picture as an image (transparent background), e.g. for a list icon."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    paint_scene(
        painter,
        still(exercise_id, variant, side, "", poses),
        QRectF(image.rect()),
        theme_for(palette),
    )
    painter.end()
    return image


class FigureView(QWidget):
    """Paints the key pose of an exercise; ``set_exercise`` picks which."""

    def __init__(self, parent: QWidget | None = None, poses: Path | None = None) -> None:
        super().__init__(parent)
        self._poses = poses
        self._scene: Scene | None = None
        self._placeholder = False
        self.setAccessibleName(self.tr("Exercise picture"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_exercise(
        self, exercise_id: str, variant: str = "", side: str = "left", keyframe: str = ""
    ) -> None:
        self._placeholder = False
        try:
            self._scene = still(exercise_id, variant, side, keyframe, self._poses)
        except MissingPose:
            self._scene = None
        self.update()

    def set_placeholder(self) -> None:
        """The neutral picture, for an exercise of the runner's own without one."""
        self._scene = None
        self._placeholder = True
        self.update()

    def scene(self) -> Scene | None:
        return self._scene

    def sizeHint(self) -> QSize:
        return QSize(240, 180)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 3 // 4

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._scene is None:
            if self._placeholder:
                painter = QPainter(self)
                paint_placeholder(painter, QRectF(self.rect()), self.palette())
                painter.end()
            return
        painter = QPainter(self)
        paint_scene(painter, self._scene, QRectF(self.rect()), theme_for(self.palette()))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)
