"""Reminders while backcoach runs (the window, or the small presence started at login).

Checks the clock every half minute (the clock is passed in, so tests step it) and, when a
chosen day and time has come, tells the desktop what the weekly plan says for today.
``run_imported`` is the hook for the runs side: after a run comes in, a reminder for the
plan's after-run routine. A click on a reminder asks for its routine (``openRequested``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from backcoach.core.reminders import Reminder, after_run_reminder, due_between, parse_times
from backcoach.ui.context import AppContext
from backcoach.ui.desktop.notifications import Notifier

log = logging.getLogger(__name__)

CHECK_MS = 30_000


class ReminderService(QObject):
    openRequested = Signal(str)  # routine id; "" for the library's "Today"
    reminded = Signal(object)  # the Reminder just given

    def __init__(
        self,
        ctx: AppContext,
        notifier: Notifier,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notifier = notifier
        self.now = now or ctx.now
        self._checked = self.now()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        notifier.activated.connect(self.openRequested)

    def start(self) -> None:
        self._checked = self.now()  # nothing from before we started
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def check(self) -> Reminder | None:
        """Give the reminder whose time came since the last check, if any."""
        now = self.now()
        since, self._checked = self._checked, now
        s = self.ctx.settings
        if not s.reminders_on or not due_between(parse_times(s.reminder_times), since, now):
            return None
        from backcoach.core.reminders import timed_reminder

        reminder = timed_reminder(self.ctx.plan().today(now.date()), self._names())
        if reminder is None:
            log.info("reminder at %s: nothing left in the plan for today", now)
            return None
        return self._give(reminder)

    def run_imported(self, when: datetime | None = None) -> Reminder | None:
        """The runs side calls this after importing a run (when = the run's start)."""
        s = self.ctx.settings
        if not (s.reminders_on and s.remind_after_run):
            return None
        day = (when or self.now()).date()
        if day != self.now().date():
            return None  # an old run coming in late: no reminder today for it
        after_run = [
            r.id
            for r in sorted(self.ctx.catalog.routines.values(), key=lambda r: r.name)
            if r.when == "after-run"
        ]
        reminder = after_run_reminder(self.ctx.plan().today(day), after_run, self._names())
        return self._give(reminder) if reminder is not None else None

    def _give(self, reminder: Reminder) -> Reminder:
        label = self.tr("Open")
        if reminder.routine_id:
            label = self.tr("Start {0}").format(self._names().get(reminder.routine_id, ""))
        self.notifier.notify(
            self.tr(reminder.title), self.tr(reminder.body), reminder.routine_id, label
        )
        self.reminded.emit(reminder)
        return reminder

    def _names(self) -> dict[str, str]:
        return {rid: r.name for rid, r in self.ctx.catalog.routines.items()}
