"""Exercise pictures in the window: still thumbnails from the generated SVGs, and the
slot on the session page where the figure is shown for the current segment."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach import paths
from backcoach.core.catalog import Catalog
from backcoach.core.plan import Segment

_renderers: dict[str, QSvgRenderer] = {}


def image_path(exercise_id: str, variant: str = "") -> str:
    """The still picture for an exercise (its variant's own picture when it has one)."""
    if variant:
        candidate = paths.asset("images", f"{exercise_id}--{variant}.svg")
        if candidate.is_file():
            return str(candidate)
    return str(paths.asset("images", f"{exercise_id}.svg"))


def renderer(exercise_id: str, variant: str = "") -> QSvgRenderer | None:
    path = image_path(exercise_id, variant) if exercise_id else ""
    if not path:
        return None
    if path not in _renderers:
        r = QSvgRenderer(path)
        if not r.isValid():
            return None
        _renderers[path] = r
    return _renderers[path]


class ExerciseThumb(QWidget):
    """A still picture of an exercise, scaled to fit and kept in proportion."""

    def __init__(self, size: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self._renderer: QSvgRenderer | None = None
        self.setMinimumSize(size, int(size * 0.75))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(self._size, int(self._size * 0.75))

    def show_exercise(self, exercise_id: str, variant: str = "") -> None:
        self._renderer = renderer(exercise_id, variant)
        self.setAccessibleName(exercise_id.replace("-", " "))
        self.update()

    def paintEvent(self, event: object) -> None:
        if self._renderer is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        vb = self._renderer.viewBoxF()
        scale = min(self.width() / vb.width(), self.height() / vb.height())
        w, h = vb.width() * scale, vb.height() * scale
        self._renderer.render(p, QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h))
        p.end()


class FigurePlayerSlot(ExerciseThumb):
    """The figure on the session page; shows the exercise of the current segment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(320, parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_segment(self, seg: Segment, catalog: Catalog) -> None:
        self.show_exercise(seg.exercise_id, seg.variant)

    def set_elapsed(self, seconds: float) -> None:
        pass

    def set_paused(self, paused: bool) -> None:
        pass
