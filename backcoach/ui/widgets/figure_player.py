"""The moving demonstration: the exercise figure posed at the session's exact time.

The session driver calls ``set_elapsed`` on every tick with the seconds into the current
segment; the widget keeps no clock of its own, so pausing the session (which stops the
elapsed time) freezes the figure on exactly the frame the voice stopped on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.figures.figure import Figure, MissingPose, figure_for
from backcoach.figures.motion import Frame, Motion, PhaseLike
from backcoach.figures.posefile import PoseFileError
from backcoach.figures.render import animation_frame, frame_scene
from backcoach.ui.figure_painter import paint_placeholder, paint_scene, theme_for

log = logging.getLogger(__name__)

PAUSED_VEIL = 0.55


class FigurePlayer(QWidget):
    def __init__(self, parent: QWidget | None = None, poses: Path | None = None) -> None:
        super().__init__(parent)
        self._poses = poses  # folder of pose files; None = the program's assets
        self._motion: Motion | None = None
        self._bounds: tuple[float, float, float, float] | None = None
        self._elapsed = 0.0
        self._paused = False
        self._frame: Frame | None = None
        self._placeholder = False
        self.setAccessibleName(self.tr("Exercise demonstration"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 90)

    # -- the API the session page drives ---------------------------------------------

    def set_exercise(
        self,
        exercise_id: str,
        variant: str | None,
        side: str,
        tempo: Sequence[PhaseLike],
        mode: str,
    ) -> None:
        """Show ``exercise_id`` (its ``variant`` look when it has one) on ``side``.

        ``mode`` is the segment's: "reps" moves through the tempo, "hold" shows the hold
        pose (cycling through the tempo when a hold has one, such as cat-cow), "prepare"
        shows the starting position. An exercise without a pose file shows nothing.
        """
        try:
            figure = figure_for(exercise_id, variant or "", side, self._poses)
        except MissingPose:
            self.clear()
            return
        except PoseFileError as exc:  # a broken pose file costs the picture, not the session
            log.warning("cannot show %s: %s", exercise_id, exc)
            self.clear()
            return
        self._motion = Motion(figure, tuple(tempo), mode)
        self._bounds = animation_frame(figure)
        self._elapsed = 0.0
        self._frame = None
        side_text = {"left": self.tr("left side"), "right": self.tr("right side")}.get(side, "")
        self.setToolTip(self.tr("How to move") + (f" ({side_text})" if side_text else ""))
        self.update()

    def set_elapsed(self, seconds_into_segment: float) -> None:
        if seconds_into_segment != self._elapsed:
            self._elapsed = seconds_into_segment
            self._frame = None
            self.update()

    def set_paused(self, paused: bool) -> None:
        if paused != self._paused:
            self._paused = paused
            self.update()

    def show_placeholder(self) -> None:
        """The neutral picture: the runner's own exercise has none to move."""
        self.clear()
        self._placeholder = True

    def clear(self) -> None:
        self._placeholder = False
        self._motion = None
        self._frame = None
        self.setToolTip("")
        self.update()

    # -- what is shown (also what tests inspect) -------------------------------------

    @property
    def figure(self) -> Figure | None:
        return self._motion.figure if self._motion else None

    @property
    def motion(self) -> Motion | None:
        return self._motion

    def current_frame(self) -> Frame | None:
        if self._motion is None:
            return None
        if self._frame is None:
            self._frame = self._motion.frame(self._elapsed)
        return self._frame

    def is_paused(self) -> bool:
        return self._paused

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        frame = self.current_frame()
        if frame is None or self._motion is None or self._bounds is None:
            if self._placeholder:
                painter = QPainter(self)
                paint_placeholder(painter, QRectF(self.rect()), self.palette())
                painter.end()
            return
        scene = frame_scene(self._motion.figure, frame.body, frame.pose, frame.breath, self._bounds)
        painter = QPainter(self)
        rect = QRectF(self.rect())
        paint_scene(painter, scene, rect, theme_for(self.palette()))
        if self._paused:
            # A veil of the background rather than a transparent figure: overlapping
            # limbs would otherwise show through each other.
            veil = QColor(self.palette().color(QPalette.ColorRole.Window))
            veil.setAlphaF(PAUSED_VEIL)
            painter.fillRect(rect, veil)
            self._paint_pause_mark(painter, rect)
        painter.end()

    def _paint_pause_mark(self, painter: QPainter, rect: QRectF) -> None:
        size = max(min(rect.width(), rect.height()) * 0.12, 12.0)
        colour = QColor(self.palette().color(self.foregroundRole()))
        colour.setAlphaF(0.7)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        x = rect.center().x() - size / 2
        y = rect.center().y() - size / 2
        bar = size * 0.34
        painter.drawRoundedRect(QRectF(x, y, bar, size), bar / 3, bar / 3)
        painter.drawRoundedRect(QRectF(x + size - bar, y, bar, size), bar / 3, bar / 3)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.update()
        super().changeEvent(event)
