"""Exercise pictures in the window: still thumbnails, and what the session page shows.

Both paint the same pose data as the SVG files, in the palette's colours, so the
pictures follow light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.core.plan import Segment, SegmentKind
from backcoach.ui.widgets.figure_player import FigurePlayer
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


def show_segment(player: FigurePlayer, seg: Segment) -> None:
    """The figure for a segment: moving in work, in its start position otherwise.

    Rests carry the exercise that follows, so the runner sees how to get ready.
    """
    if seg.kind == SegmentKind.DONE or not seg.exercise_id:
        player.clear()
        return
    side = seg.side if seg.side != "none" else "left"
    mode = seg.mode if seg.kind == SegmentKind.WORK else "prepare"
    player.set_exercise(seg.exercise_id, seg.variant, side, seg.tempo, mode)
