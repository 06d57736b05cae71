"""A suggested change to the runner's levels: one ticked line per change with its reason,
and two answers. Nothing changes until "Use these levels" (see docs/progression.md)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.progression import Proposal


class ProposalBox(QFrame):
    answered = Signal(object)  # the set of slot keys accepted (empty: "not now")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setAccessibleName(self.tr("Suggested levels"))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 700; font-size: 13pt;")
        self.title.setWordWrap(True)
        self.why = QLabel()  # the reason, when every change shares it
        self.why.setWordWrap(True)
        self.lines = QGridLayout()  # one change a row, or two a row when they share a reason
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.accept = QPushButton(self.tr("Use these levels"))
        self.accept.setProperty("primary", True)
        self.accept.setToolTip(self.tr("Start your next session at the ticked levels"))
        self.later = QPushButton(self.tr("Not now"))
        self.later.setToolTip(
            self.tr("Keep your levels as they are; asked again after two more good sessions")
        )
        self.accept.clicked.connect(self._accept)
        self.later.clicked.connect(lambda: self._answer(set()))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later)
        buttons.addWidget(self.accept)
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.done.setAccessibleDescription(self.tr("Levels answer"))
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.why)
        box.addLayout(self.lines)
        box.addWidget(self.notes)
        box.addLayout(buttons)
        box.addWidget(self.done)
        self.checks: dict[str, QCheckBox] = {}
        self.proposal: Proposal | None = None
        self.setVisible(False)

    def show_proposal(self, proposal: Proposal | None) -> None:
        while self.lines.count():
            item = self.lines.takeAt(0)
            old = item.widget()
            if old is not None:
                old.hide()  # at once; the deletion itself waits for the event loop
                old.deleteLater()
        self.checks = {}
        self.proposal = proposal
        self.done.setText("")
        self.done.setVisible(False)
        if proposal is None or proposal.empty:
            self.setVisible(False)
            return
        back = any(c.direction == "back" for c in proposal.changes)
        if back:
            self.title.setText(self.tr("A step back for next time"))
        elif proposal.changes:
            self.title.setText(self.tr("Ready for a step up next time?"))
        else:
            self.title.setText(self.tr("About your levels"))
        reasons = {c.reason for c in proposal.changes}
        shared = len(proposal.changes) > 1 and len(reasons) == 1
        self.why.setText(next(iter(reasons)) if shared else "")
        self.why.setVisible(shared)
        columns = 2 if shared and len(proposal.changes) > 2 else 1
        for n, change in enumerate(proposal.changes):
            check = QCheckBox(change.describe())
            check.setChecked(True)
            check.setStyleSheet("font-weight: 600;")
            check.setAccessibleDescription(change.reason)
            if shared:
                self.lines.addWidget(check, n // columns, n % columns)
            else:
                self.lines.addWidget(check, 2 * n, 0)
            check.show()  # now, not when the layout gets round to it: it may take the focus
            self.checks[change.slot] = check
            if not shared:
                reason = QLabel(change.reason)
                reason.setWordWrap(True)
                reason.setProperty("role", "muted")
                reason.setContentsMargins(28, 0, 0, 4)
                self.lines.addWidget(reason, 2 * n + 1, 0)
        self.notes.setText(" ".join(proposal.notes))
        self.notes.setVisible(bool(proposal.notes))
        for w in (self.accept, self.later):
            w.setVisible(bool(proposal.changes))
            w.setEnabled(True)
        self.setVisible(True)

    def mark_answered(self, text: str) -> None:
        self.done.setText(text)
        self.done.setVisible(True)
        for w in (self.accept, self.later, *self.checks.values()):
            w.setEnabled(False)

    def _accept(self) -> None:
        self._answer({key for key, check in self.checks.items() if check.isChecked()})

    def _answer(self, accepted: set[str]) -> None:
        if self.proposal is not None and self.proposal.changes:
            self.answered.emit(accepted)
