"""Still exercise pictures for cards and lists.

They are the same pose data as the SVG files, in the palette's colours, so the pictures
follow light and dark themes. Cards paint them from ``thumb_cache``: rendered by the
figure engine the first time, read back as images after that, so the library's first
frame does not wait for the engine.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.ui.widgets import thumb_cache


class ExerciseThumb(QWidget):
    """A still picture of an exercise at a preferred width."""

    def __init__(self, width: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = width
        self.exercise_id = ""
        self.variant = ""
        self._placeholder = False
        self.setMinimumSize(width * 2 // 3, width // 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("No picture"))

    def sizeHint(self) -> QSize:
        return QSize(self._width, self._width * 3 // 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width * 3 // 4

    def show_exercise(self, exercise_id: str, variant: str = "") -> None:
        self.exercise_id, self.variant, self._placeholder = exercise_id, variant, False
        self.setAccessibleName(
            exercise_id.replace("-", " ") if exercise_id else self.tr("No picture")
        )
        self.update()

    def picture(self):  # type: ignore[no-untyped-def]
        """The image painted now (None: no exercise, or it has no pose file)."""
        if not self.exercise_id:
            return None
        return thumb_cache.picture(
            self.exercise_id, self.variant, self.size(), self.devicePixelRatioF(), self.palette()
        )

    @property
    def placeholder(self) -> bool:
        """True while the neutral picture is shown (no picture chosen)."""
        return self._placeholder

    def set_placeholder(self) -> None:
        """The neutral picture, for an exercise of the runner's own without one."""
        self.exercise_id, self.variant, self._placeholder = "", "", True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._placeholder:
            from backcoach.ui.figure_painter import paint_placeholder

            painter = QPainter(self)
            paint_placeholder(painter, QRectF(self.rect()), self.palette())
            painter.end()
            return
        image = self.picture()
        if image is not None:
            painter = QPainter(self)
            painter.drawImage(QRectF(self.rect()), image)
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)

    def show_picture(self, picture: str, variant: str = "") -> None:
        """An exercise's picture (``Exercise.picture``): "" draws the neutral placeholder."""
        if picture:
            self.show_exercise(picture, variant)
        else:
            self.set_placeholder()
            self.setAccessibleName(self.tr("No picture"))
