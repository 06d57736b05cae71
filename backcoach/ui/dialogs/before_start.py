"""Before every session: the red-flag check and pain right now, in one short dialog.

Any red flag ticked stops the session from starting, says why, and offers "I have been
assessed and cleared" (kept with the date and asked again after 30 days).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.safety import (
    CLEARED_STATEMENT,
    PAIN_NOW_QUESTION,
    RED_FLAG_ADVICE,
    RED_FLAG_QUESTION,
    RED_FLAGS,
    clearance_valid,
    covered_text,
    may_start,
)
from backcoach.ui.dialogs.content_fit import ContentFit
from backcoach.ui.widgets.pain_scale import pain_scale


class BeforeStartDialog(QDialog):
    def __init__(self, cleared_on: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Before you start"))
        self.setModal(True)
        self.today = today
        self.cleared_on = cleared_on
        self.cleared_now = False

        intro = QLabel(f"<b>{self.tr(RED_FLAG_QUESTION)}</b> {self.tr('Tick any that apply.')}")
        intro.setWordWrap(True)
        self.flag_boxes: dict[str, QCheckBox] = {}
        flags = QVBoxLayout()
        for flag in RED_FLAGS:
            box = QCheckBox(self.tr(flag.question))
            box.setAccessibleName(self.tr(flag.question))
            box.toggled.connect(self._update)
            self.flag_boxes[flag.id] = box
            flags.addWidget(box)

        self.advice = QLabel(self.tr(RED_FLAG_ADVICE))
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet(
            "padding: 10px; border-radius: 8px; border: 2px solid palette(highlight);"
        )
        self.advice.setAccessibleDescription(self.tr("Advice"))
        self.cleared = QCheckBox(self.tr(CLEARED_STATEMENT))
        self.cleared.setToolTip(self.tr("Kept with today's date; you'll be asked again in 30 days"))
        self.cleared.toggled.connect(self._update)
        self.covered = QLabel()
        self.covered.setWordWrap(True)
        self.covered.setProperty("role", "muted")

        pain_row, self.pain = pain_scale(self.tr(PAIN_NOW_QUESTION) + ":")

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("Start"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        self.buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        root = QVBoxLayout(self)
        root.addWidget(intro)
        root.addLayout(flags)
        root.addWidget(self.advice)
        root.addWidget(self.cleared)
        root.addWidget(self.covered)
        root.addSpacing(8)
        root.addLayout(pain_row)
        root.addWidget(self.buttons)
        self._update()
        ContentFit(self)

    def ticked(self) -> list[str]:
        return [fid for fid, box in self.flag_boxes.items() if box.isChecked()]

    def pain_before(self) -> int:
        return self.pain.value()

    def _clearance(self) -> str:
        return self.today.isoformat() if self.cleared.isChecked() else self.cleared_on

    def can_start(self) -> bool:
        return may_start(self.ticked(), self._clearance(), self.today)

    def _update(self) -> None:
        flagged = bool(self.ticked())
        recent = clearance_valid(self.cleared_on, self.today)
        self.advice.setVisible(flagged and not recent)
        self.cleared.setVisible(flagged and not recent)
        self.covered.setVisible(flagged and recent)
        if recent:
            self.covered.setText(self.tr(covered_text(self.cleared_on)))
        self.start_button.setEnabled(self.can_start())

    def _accept(self) -> None:
        if not self.can_start():
            return
        # Only a fresh "yes, I was assessed" counts; the box is hidden when nothing is ticked.
        self.cleared_now = self.cleared.isChecked() and bool(self.ticked())
        self.accept()
