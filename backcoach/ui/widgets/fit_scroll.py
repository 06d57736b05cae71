"""A scroll area that gives its page the height its wrapped labels really need."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QWidget


class FitScroll(QScrollArea):
    """QScrollArea sizes its widget from the minimum size, which ignores height-for-width;
    with wrapped notes that squashed the spin boxes whenever the page nearly fitted."""

    def fit(self) -> None:
        host = self.widget()
        layout = host.layout() if host is not None else None
        if layout is None:
            return
        layout.invalidate()  # notes just shown or hidden: no cached heights
        width = host.width() if self.widgetResizable() and host.width() > 0 else 0
        width = width or self.viewport().width()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        host.setMinimumHeight(max(needed, layout.minimumSize().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


class WrapAwareBox(QWidget):
    """A container whose minimum height includes its wrapped labels at its width.

    Qt's minimum ignores height-for-width, so a splitter or scroll area gave a box of
    wrapped captions too little height and the layout squeezed the charts beside them
    below their own minimum."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
            hint.setHeight(max(hint.height(), layout.totalMinimumHeightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the wrapped height changes with the width
