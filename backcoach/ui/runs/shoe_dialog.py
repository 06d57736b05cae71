"""Add or edit a pair of shoes: name, first worn, the distance to change them at."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcoach.runs import shoes as rules
from backcoach.runs.model import Shoe
from backcoach.ui.dialogs.content_fit import ContentFit


class ShoeDialog(QDialog):
    def __init__(
        self, shoe: Shoe | None = None, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        ContentFit(self)
        self.setWindowTitle(self.tr("Add shoes") if shoe is None else self.tr("Edit shoes"))
        today = today or date.today()
        self.name = QLineEdit(shoe.name if shoe else "")
        self.name.setPlaceholderText(self.tr("e.g. Pegasus 40 (blue)"))
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setMaxLength(80)
        start = shoe.started_on if shoe else today
        self.since = QDateEdit(QDate(start.year, start.month, start.day))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setAccessibleName(self.tr("First worn"))
        self.retire_at = QSpinBox()
        self.retire_at.setRange(1, 10_000)
        self.retire_at.setSuffix(" km")
        self.retire_at.setValue(
            round((shoe.retire_at_m if shoe else rules.DEFAULT_RETIRE_AT_M) / 1000)
        )
        self.retire_at.setAccessibleName(self.tr("Change them after"))
        self.already = QSpinBox()
        self.already.setRange(0, 10_000)
        self.already.setSuffix(" km")
        self.already.setAccessibleName(self.tr("Kilometres on them before backcoach"))
        self.already.setValue(0 if shoe is None else round(shoe.start_m / 1000))
        self.default = QCheckBox(self.tr("Count new runs toward these"))
        self.default.setChecked(shoe.is_default if shoe else True)
        self.default.setVisible(shoe is None)
        note = QLabel(self.tr(rules.DEFAULT_NOTE))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        self.error = QLabel()
        self.error.setVisible(False)
        self.error.setStyleSheet("font-weight: 600;")
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&First worn:"), self.since)
        form.addRow(self.tr("&Change after:"), self.retire_at)
        form.addRow(self.tr("&Already run in them:"), self.already)
        form.addRow("", self.default)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(note)
        box.addWidget(self.error)
        box.addWidget(buttons)

    def started_on(self) -> date:
        return self.since.date().toPython()  # type: ignore[no-any-return]

    def fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.fail(self.tr("Give the shoes a name."))
            return
        self.accept()
