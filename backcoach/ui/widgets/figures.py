"""Still exercise pictures for cards and lists.

They paint the same pose data as the SVG files, in the palette's colours, so the
pictures follow light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.ui.widgets.figure_view import FigureView


class ExerciseThumb(FigureView):
    """A still picture of an exercise at a preferred width."""

    def __init__(self, width: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = width
        self.setMinimumSize(width * 2 // 3, width // 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(self._width, self._width * 3 // 4)

    def show_exercise(self, exercise_id: str, variant: str = "") -> None:
        self.set_exercise(exercise_id, variant)
        self.setAccessibleName(
            exercise_id.replace("-", " ") if exercise_id else self.tr("No picture")
        )

    def show_picture(self, picture: str, variant: str = "") -> None:
        """An exercise's picture (``Exercise.picture``): "" draws the neutral placeholder."""
        if picture:
            self.show_exercise(picture, variant)
        else:
            self.set_placeholder()
            self.setAccessibleName(self.tr("No picture"))
