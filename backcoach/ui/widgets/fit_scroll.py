"""A scroll area that gives its page the height its wrapped labels really need."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea


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
