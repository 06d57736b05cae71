"""Small labels under or beside a form field: a mistake, or a figure beyond the sources."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backcoach.ui import theme


class FieldNote(QLabel):
    """Hidden when empty; coloured for its tone in either theme ("error", "beyond", "muted").

    The colour is never the only sign: an error reads as a sentence, "beyond" says so.
    """

    def __init__(self, tone: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tone = tone
        self.setWordWrap(True)
        self.setProperty("role", tone)
        self.setVisible(False)
        self._recolour()

    def set_tone(self, tone: str) -> None:
        if tone != self.tone:
            self.tone = tone
            self.setProperty("role", tone)
            self.style().unpolish(self)
            self.style().polish(self)
            self._recolour()

    def say(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
        self.setVisible(bool(text))

    def _recolour(self) -> None:
        c = theme.colors(self)
        colour = {"error": c.danger, "beyond": c.prepare, "muted": c.muted_text}[self.tone]
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.setPalette(QPalette())
            self._recolour()
        super().changeEvent(event)


def field_row(
    form: QFormLayout, label: str, top: QWidget | QHBoxLayout, *notes: QLabel
) -> QVBoxLayout:
    """A form row: a field (or a row of them) with its notes right below it.

    The label is the field's buddy (Alt+its letter, and the labelled-by a screen reader
    reads). Qt finds that relation only between siblings, so the field sits in the
    form's own widget, in a layout, not wrapped in a widget of its own."""
    box = QVBoxLayout()
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(top, QHBoxLayout):
        box.addLayout(top)
    else:
        box.addWidget(top)
    for note in notes:
        box.addWidget(note)
    form.addRow(label, box)
    name = form.itemAt(form.rowCount() - 1, QFormLayout.ItemRole.LabelRole)
    field = _first_field(top)
    if name is not None and isinstance(name.widget(), QLabel) and field is not None:
        name.widget().setBuddy(field)  # type: ignore[union-attr]
    return box


def _first_field(top: QWidget | QHBoxLayout) -> QWidget | None:
    if isinstance(top, QWidget):
        return top
    for i in range(top.count()):
        w = top.itemAt(i).widget()
        if w is not None and not isinstance(w, QLabel):
            return w
    return None
