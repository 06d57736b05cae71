""" "This hurts": the session is paused; the runner chooses what happens next."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from backcoach.ui.dialogs.content_fit import ContentFit

CHOICES = ("easier", "skip", "end", "carry-on")


class HurtDialog(QDialog):
    def __init__(
        self, exercise_name: str, side: str, easier_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("This hurts"))
        self.setModal(True)
        self.choice = "carry-on"
        where = exercise_name + (self.tr(", {0} side").format(side) if side != "none" else "")
        text = QLabel(
            self.tr(
                "<b>Paused: {0}.</b> Sorry it hurts. Pain is a signal to ease off, not to push "
                "through. What would you like to do?"
            ).format(where)
        )
        text.setWordWrap(True)
        root = QVBoxLayout(self)
        root.addWidget(text)
        self.buttons: dict[str, QPushButton] = {}
        options = [
            (
                "easier",
                self.tr("Switch to the easier form ({0}) for the rest of the session").format(
                    easier_name
                ),
            ),
            ("skip", self.tr("Skip the rest of this exercise")),
            ("end", self.tr("End the session here")),
            ("carry-on", self.tr("It's eased: carry on gently")),
        ]
        for choice, label in options:
            if choice == "easier" and not easier_name:
                continue
            b = QPushButton(label)
            b.setProperty("big", True)
            b.setAccessibleName(label)
            b.clicked.connect(lambda _=False, c=choice: self._choose(c))
            root.addWidget(b)
            self.buttons[choice] = b
        note = QLabel(self.tr("If pain keeps coming back, see a physiotherapist or doctor."))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        root.addWidget(note)
        ContentFit(self)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
