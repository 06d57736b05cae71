"""A question asked after an exercise (the glute check), its answer and what it means."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from backcoach.core.catalog import Answer, Check
from backcoach.ui.dialogs.content_fit import ContentFit


class CheckDialog(QDialog):
    routineSuggested = Signal(str)

    def __init__(self, check: Check, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Glute check"))
        self.setModal(True)
        self.check = check
        self.answer: Answer | None = None
        self.question = QLabel(f"<b>{check.question}</b>")
        self.question.setWordWrap(True)
        root = QVBoxLayout(self)
        root.addWidget(self.question)
        self.answer_buttons: dict[str, QPushButton] = {}
        for a in check.answers:
            b = QPushButton(a.label)
            b.setProperty("big", True)
            b.setCheckable(True)
            b.setAccessibleName(a.label)
            b.clicked.connect(lambda _=False, ans=a: self._answer(ans))
            root.addWidget(b)
            self.answer_buttons[a.id] = b
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setVisible(False)
        self.advice.setAccessibleDescription(self.tr("What it means"))
        root.addWidget(self.advice)
        self.carry_on = QPushButton(self.tr("Carry on"))
        self.carry_on.setProperty("primary", True)
        self.carry_on.setVisible(False)
        self.carry_on.clicked.connect(self.accept)
        root.addWidget(self.carry_on)
        ContentFit(self)

    def _answer(self, answer: Answer) -> None:
        self.answer = answer
        for aid, b in self.answer_buttons.items():
            b.setChecked(aid == answer.id)
            b.setEnabled(aid == answer.id)  # the answer stays lit, the others step back
        self.advice.setText(answer.advice)
        self.advice.setVisible(True)
        self.carry_on.setVisible(True)
        self.carry_on.setFocus()
