"""A strip that says saving is failing (and, briefly, that it works again).

Shown at the top of the session page, where a runner glancing up from the mat sees it,
and announced to screen readers as it changes. Empty text hides it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

# "Saving works again" stays this long, then the strip goes.
ALL_CLEAR_MS = 6000


class SaveWarning(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveWarning")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.message = ""  # the plain text shown
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAccessibleDescription(self.tr("Whether your session is being saved"))
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(lambda: self.show_text(""))
        self._style(failing=True)
        self.setVisible(False)

    def show_text(self, text: str, failing: bool = True) -> None:
        """``failing``: amber until it clears; else a green note that goes by itself."""
        self._clear.stop()
        if text == self.message and bool(text) == self.isVisibleTo(self.parentWidget()):
            return
        self.message = text
        self.setText(_headline_first(text))
        self.setVisible(bool(text))
        if not text:
            return
        self._style(failing)
        if not failing:
            self._clear.start(ALL_CLEAR_MS)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def _style(self, failing: bool) -> None:
        # Fixed colours with dark text: readable on the light and the dark theme alike.
        back, edge = ("#ffe08a", "#b7791f") if failing else ("#c6f0c2", "#2f855a")
        self.setStyleSheet(
            f"QLabel#saveWarning {{ background: {back}; color: #1a1a1a; border: 2px solid "
            f"{edge}; border-radius: 6px; padding: 6px 10px; font-size: 12pt; }}"
        )


def _headline_first(text: str) -> str:
    """The first sentence large and bold, readable from the mat; the details after it."""
    head, dot, rest = text.partition(". ")
    head = html.escape(head + (dot.strip() if dot else ""))
    tail = f" {html.escape(rest)}" if rest else ""
    return f'<span style="font-size: 17pt; font-weight: 700;">{head}</span>{tail}'
