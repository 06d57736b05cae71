"""Why it happens: the causes a runner can act on, from the sources, in our words."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from backcoach import paths


class WhyPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName(self.tr("Why it happens"))
        self.text.setMarkdown(
            paths.asset("guides", "why-it-happens.md").read_text(encoding="utf-8")
        )
        self.text.document().setDocumentMargin(24)
        self.text.setStyleSheet("QTextBrowser { font-size: 13pt; border: none; }")
        box = QVBoxLayout(self)
        box.addWidget(self.text)
