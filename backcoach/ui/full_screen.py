"""Full screen on and off for the main window (F during a session, Esc to leave).

Under X11 the window manager owns the state (``_NET_WM_STATE_FULLSCREEN``): a request
to leave can be answered late, or with the state put back. So leaving is checked: while
a leave is pending, a window state that comes back full screen is asked away again (a
few times, never forever, so a runner's own window-manager key still works later).
Esc leaves full screen on any page (the session page's own Esc, "stop", is off then).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

RETRIES = 3
SETTLE_MS = 2000  # how long after a leave a full-screen state counts as put back


class FullScreen(QObject):
    """The window's full-screen state; the session page follows the window's state itself."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._leaving = 0  # retries left while a leave is pending
        # Qt reports the new state at once, the window manager answers later: a leave
        # stays pending for a while, not just until the first "not full screen".
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        window.installEventFilter(self)
        self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self._escape.setEnabled(False)
        self._escape.activated.connect(self.leave)

    def toggle(self) -> None:
        if self.window.isFullScreen():
            self.leave()
        else:
            self._settled()
            self.window.showFullScreen()

    def leave(self) -> None:
        """Back to a normal window (Esc, F, or the session is over)."""
        if self.window.isFullScreen():
            self._leaving = RETRIES
            self._settle.start()
            self.window.showNormal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowStateChange:
            full = self.window.isFullScreen()
            if full and self._leaving > 0:
                self._leaving -= 1  # the window manager put it back: ask again
                self.window.showNormal()
            self._escape.setEnabled(self.window.isFullScreen())
        return False

    def _settled(self) -> None:
        self._leaving = 0
        self._settle.stop()
