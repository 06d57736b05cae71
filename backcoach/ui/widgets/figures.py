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
        self.exercise_id, self.variant = exercise_id, variant
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

    def paintEvent(self, event: QPaintEvent) -> None:
        image = self.picture()
        if image is not None:
            painter = QPainter(self)
            painter.drawImage(QRectF(self.rect()), image)
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)
