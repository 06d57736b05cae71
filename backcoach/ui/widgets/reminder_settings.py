"""The Reminders box of the Settings page: off by default; chosen days and times; after a
run is imported; and, on Linux, a small helper started at login so reminders come while
the window is closed (the autostart entry is written and removed right here)."""

from __future__ import annotations

import sys
from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from backcoach import paths
from backcoach.core.reminders import next_due, parse_times, times_json
from backcoach.core.weekly_plan import DAY_NAMES
from backcoach.ui.context import AppContext
from backcoach.ui.desktop import autostart

DEFAULT_TIME = QTime(18, 30)


class ReminderSettings(QGroupBox):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Reminders"))
        self.ctx = ctx
        s = ctx.settings
        times = parse_times(s.reminder_times)
        self.on = QCheckBox(self.tr("Remind me to do my routines"))
        self.on.setChecked(s.reminders_on)
        self.on.setToolTip(
            self.tr("A desktop notification with what your weekly plan says for today")
        )
        grid = QGridLayout()
        self.days: list[QCheckBox] = []
        self.times: list[QTimeEdit] = []
        for i, name in enumerate(DAY_NAMES):
            box = QCheckBox(self.tr(name[:3]))
            box.setAccessibleName(self.tr("Remind me on {0}").format(self.tr(name)))
            box.setChecked(i in times)
            edit = QTimeEdit(QTime(times[i].hour, times[i].minute) if i in times else DEFAULT_TIME)
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(self.tr("Time on {0}").format(self.tr(name)))
            grid.addWidget(box, 0, i)
            grid.addWidget(edit, 1, i)
            self.days.append(box)
            self.times.append(edit)
            box.toggled.connect(self._save)
            edit.timeChanged.connect(self._save)
        self.after_run = QCheckBox(self.tr("And after I import a run"))
        self.after_run.setChecked(s.remind_after_run)
        self.at_login = QCheckBox(
            self.tr(
                "Also while backcoach is closed (starts a small reminder helper when you log in)"
            )
        )
        self.at_login.setChecked(autostart.is_enabled())
        self.at_login.setToolTip(self.tr("Writes {0}").format(paths.autostart_file()))
        self.at_login.setVisible(sys.platform.startswith("linux"))
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(self.on)
        box.addLayout(grid)
        box.addWidget(self.after_run)
        box.addWidget(self.at_login)
        box.addWidget(self.status)
        self.on.toggled.connect(self._save)
        self.after_run.toggled.connect(self._save)
        self.at_login.toggled.connect(self._login_switched)
        self._enable()
        self._show_next()

    def chosen_times(self) -> dict[int, time]:
        return {
            i: time(e.time().hour(), e.time().minute())
            for i, (b, e) in enumerate(zip(self.days, self.times, strict=True))
            if b.isChecked()
        }

    def _save(self) -> None:
        self.ctx.update_settings(
            reminders_on=self.on.isChecked(),
            reminder_times=times_json(self.chosen_times()),
            remind_after_run=self.after_run.isChecked(),
        )
        if not self.on.isChecked() and autostart.is_enabled():
            self.at_login.setChecked(False)  # nothing to remind of: no helper at login
        self._enable()
        self._show_next()
        self.changed.emit()

    def _login_switched(self, on: bool) -> None:
        try:
            if on:
                autostart.enable()
            else:
                autostart.disable()
        except OSError as exc:
            self.at_login.blockSignals(True)
            self.at_login.setChecked(autostart.is_enabled())
            self.at_login.blockSignals(False)
            self.status.setText(
                self.tr("Could not change {0}: {1}").format(paths.autostart_file(), exc)
            )
            return
        self._show_next()
        self.changed.emit()

    def _enable(self) -> None:
        on = self.on.isChecked()
        for b, e in zip(self.days, self.times, strict=True):
            b.setEnabled(on)
            e.setEnabled(on and b.isChecked())
        self.after_run.setEnabled(on)
        self.at_login.setEnabled(on)

    def _show_next(self) -> None:
        if not self.on.isChecked():
            self.status.setText(self.tr("Reminders are off."))
            return
        due = next_due(self.chosen_times(), self.ctx.now())
        when = f"{due:%A %H:%M}" if due else self.tr("no day chosen")
        where = (
            self.tr("even while backcoach is closed")
            if autostart.is_enabled()
            else self.tr("while backcoach is open")
        )
        self.status.setText(self.tr("Next reminder: {0}, {1}.").format(when, where))
