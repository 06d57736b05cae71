"""Dialogs that grow with their content: shown advice, a ticked warning sign, an answer.

Qt gives a top-level window its layout's minimum size, which ignores height-for-width:
when a wrapped label appeared (the red-flag advice, the glute check's answer) the dialog
kept its height and the layout squeezed everything else below its minimum, so check
boxes lost the bottoms of their letters and buttons slid over one another. ``ContentFit``
watches the dialog's layout requests and resizes it to what its layout needs at its
width, never beyond the screen it is on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def needed_height(widget: QWidget, width: int) -> tuple[int, int]:
    """(minimum, preferred) height of ``widget``'s layout at ``width``, wrapped text included."""
    layout = widget.layout()
    if layout is None:
        hint = widget.sizeHint().height()
        return hint, hint
    layout.activate()
    minimum = layout.totalMinimumSize().height()
    preferred = layout.totalSizeHint().height()
    if layout.hasHeightForWidth():
        minimum = max(minimum, layout.totalMinimumHeightForWidth(width))
        preferred = max(minimum, layout.totalHeightForWidth(width))
    return minimum, preferred


class ContentFit(QObject):
    """Keep ``dialog`` as tall as its content needs (and no taller than its screen)."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self._later = QTimer(self)  # goes with the dialog: never fires on a deleted one
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.LayoutRequest, QEvent.Type.Show, QEvent.Type.Resize):
            self._later.start()
            if kind == QEvent.Type.Show:
                self.fit()
        return False

    def fit(self) -> None:
        dialog = self.dialog
        layout = dialog.layout()
        if layout is None:
            return
        screen = dialog.screen().availableGeometry()
        layout.invalidate()
        width = min(max(dialog.width(), layout.totalMinimumSize().width()), screen.width())
        minimum, preferred = needed_height(dialog, width)
        dialog.setMinimumHeight(min(minimum, screen.height()))
        height = min(max(dialog.height(), preferred), screen.height())
        if (width, height) != (dialog.width(), dialog.height()):
            dialog.resize(width, height)
