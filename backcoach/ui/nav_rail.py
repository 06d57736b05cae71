"""The navigation rail: the app's name, one button per top-level page, About.

Entries are added in the order they appear; each gets Ctrl+1, Ctrl+2, … anywhere in
the window, unless it is given its own key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from backcoach.ui.keys import bind

RAIL_WIDTH = 170


class NavRail(QWidget):
    chosen = Signal(str)  # the page name of the entry pressed
    aboutRequested = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window  # owns the shortcuts, so they work wherever focus is
        self.setFixedWidth(RAIL_WIDTH)
        self._box = QVBoxLayout(self)
        name = QLabel("backcoach")
        name.setStyleSheet("font-size: 16pt; font-weight: 800;")
        self._box.addWidget(name)
        self._group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        self._box.addStretch(1)
        about = QToolButton()
        about.setText(self.tr("About"))
        about.setProperty("nav", True)
        about.setToolTip(self.tr("About backcoach"))
        about.clicked.connect(self.aboutRequested)
        self._box.addWidget(about)

    def add(self, name: str, label: str, key: str = "") -> QToolButton:
        """A rail entry for the page ``name``, below the ones already there."""
        key = key or f"Ctrl+{len(self.buttons) + 1}"
        b = QToolButton()
        b.setText(label)
        b.setCheckable(True)
        b.setProperty("nav", True)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, b.sizePolicy().verticalPolicy())
        bind(self._window, key, b, window_wide=True)
        b.setToolTip(f"{label} ({key})")
        b.setAccessibleName(label)
        b.clicked.connect(lambda _=False, n=name: self.chosen.emit(n))
        self._group.addButton(b)
        self.buttons[name] = b
        self._box.insertWidget(len(self.buttons), b)  # after the name and earlier entries
        return b

    def mark(self, name: str | None) -> None:
        """Show ``name`` as the current page (pages without an entry leave it as it is)."""
        button = self.buttons.get(name or "")
        if button is not None:
            button.setChecked(True)
