"""Add a run by hand, or correct one: surface, hills, shoe, note (and the distance of
a treadmill run the watch could not measure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.runs.model import SURFACES, Run, Shoe, Surface
from backcoach.runs.units import clock, parse_duration
from backcoach.ui.dialogs.content_fit import ContentFit

DELETE = 2  # the dialog's result when the runner deletes the run


class RunDialog(QDialog):
    def __init__(
        self,
        shoes: Sequence[Shoe],
        run: Run | None = None,
        default_shoe: int | None = None,
        now: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        ContentFit(self)
        self.run = run
        self.setWindowTitle(self.tr("Add a run") if run is None else self.tr("Edit run"))
        when = run.start if run else (now or datetime.now()).replace(second=0, microsecond=0)
        self.when = QDateTimeEdit(QDateTime(when.date(), when.time()))
        self.when.setDisplayFormat("ddd d MMM yyyy  HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setAccessibleName(self.tr("Date and time"))
        self.when.setEnabled(run is None or run.source_format == "manual")
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0.0, 500.0)
        self.distance.setDecimals(2)
        self.distance.setSuffix(" km")
        self.distance.setValue(run.distance_m / 1000 if run else 5.0)
        self.distance.setAccessibleName(self.tr("Distance in kilometres"))
        self.duration = QLineEdit(clock(run.moving_s) if run else "")
        self.duration.setPlaceholderText(self.tr("e.g. 45:30 or 1:02:03"))
        self.duration.setAccessibleName(self.tr("Duration"))
        self.surface = QComboBox()
        self.surface.setAccessibleName(self.tr("Surface"))
        self.surface.addItem(self.tr("not set"), "")
        for s in SURFACES:
            self.surface.addItem(self.tr(str(s)), str(s))
        self.surface.setCurrentIndex(max(0, self.surface.findData(str(run.surface) if run else "")))
        self.hilly = QComboBox()
        self.hilly.setAccessibleName(self.tr("Hilly"))
        for label, value in (
            (self.tr("not known"), None),
            (self.tr("flat"), False),
            (self.tr("hilly"), True),
        ):
            self.hilly.addItem(label, value)
        self.hilly.setCurrentIndex({None: 0, False: 1, True: 2}[run.hilly if run else None])
        self.shoe = QComboBox()
        self.shoe.setAccessibleName(self.tr("Shoe"))
        self.shoe.addItem(self.tr("no shoe"), None)
        for s in shoes:
            if s.retired_on is None or (run is not None and run.shoe_id == s.id):
                self.shoe.addItem(s.name, s.id)
        chosen = run.shoe_id if run else default_shoe
        self.shoe.setCurrentIndex(max(0, self.shoe.findData(chosen)))
        self.note = QLineEdit(run.note if run else "")
        self.note.setAccessibleName(self.tr("Note"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("font-weight: 600;")
        self.error.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("&When:"), self.when)
        form.addRow(self.tr("&Distance:"), self.distance)
        form.addRow(self.tr("D&uration:"), self.duration)
        form.addRow(self.tr("&Surface:"), self.surface)
        form.addRow(self.tr("&Hills:"), self.hilly)
        form.addRow(self.tr("S&hoe:"), self.shoe)
        form.addRow(self.tr("&Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        if run is not None:
            delete = QPushButton(self.tr("Delete run"))
            delete.setToolTip(self.tr("Remove this run from your log"))
            delete.clicked.connect(lambda: self.done(DELETE))
            buttons.addButton(delete, QDialogButtonBox.ButtonRole.DestructiveRole)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(buttons)

    def start(self) -> datetime:
        return self.when.dateTime().toPython().astimezone()  # type: ignore[no-any-return]

    def duration_s(self) -> float:
        return parse_duration(self.duration.text())

    def values(self) -> dict[str, object]:
        return {
            "surface": Surface(self.surface.currentData() or ""),
            "hilly": self.hilly.currentData(),
            "shoe_id": self.shoe.currentData(),
            "note": self.note.text().strip(),
            "distance_m": self.distance.value() * 1000,
            "moving_s": self.duration_s(),
        }

    def _accept(self) -> None:
        try:
            seconds = self.duration_s()
        except ValueError as exc:
            self.fail(str(exc))
            return
        if seconds <= 0:
            self.fail(self.tr("Give how long the run took, e.g. 45:30."))
            return
        if self.run is None and self.start() > datetime.now().astimezone():
            self.fail(self.tr("That time is in the future."))
            return
        self.accept()

    def fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self.duration.setFocus()
