"""What the runner should be told outside the pages themselves.

A notice bar across the top of the window (e.g. how to get speech), shown until
dismissed, and the one-off message about anything that went wrong at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from backcoach.ui.context import AppContext


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setVisible(False)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleDescription(self.tr("Notice"))
        close = QPushButton(self.tr("Dismiss"))
        close.setToolTip(self.tr("Hide this notice"))
        close.clicked.connect(lambda: self.setVisible(False))
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(close)

    def tell(self, text: str) -> None:
        """Show ``text`` until the runner dismisses it."""
        self.text.setText(text)
        self.setVisible(True)


def show_startup_notices(parent: QWidget, ctx: AppContext) -> None:
    """Tell the runner, once, about anything that went wrong at start-up."""
    if not ctx.notices:
        return
    from backcoach.logs import log_file

    text = "\n\n".join(ctx.notices)
    text += "\n\n" + parent.tr("Details are in the log file: {0}").format(log_file())
    QMessageBox.information(parent, parent.tr("backcoach"), text)
    ctx.notices.clear()
