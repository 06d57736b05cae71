"""From "Start" to "Save": the life of one session in the window.

Creates the SessionDriver with the speaker and the history store, keeps the screen
awake, confirms Stop, and fills the summary page when the session ends.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from backcoach import __version__
from backcoach.core.catalog import Routine
from backcoach.core.coach import SessionInfo
from backcoach.core.effects import SessionEnded, State
from backcoach.core.plan import PlanOptions, build_plan
from backcoach.ui.context import AppContext
from backcoach.ui.inhibit import ScreenInhibitor
from backcoach.ui.pages.session_page import SessionPage
from backcoach.ui.pages.summary_page import SummaryPage
from backcoach.ui.session_driver import SessionDriver

log = logging.getLogger(__name__)


class SessionFlow(QObject):
    started = Signal()
    finished = Signal()  # the session ended; the summary page is ready
    saved = Signal()

    def __init__(
        self,
        ctx: AppContext,
        session_page: SessionPage,
        summary_page: SummaryPage,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.page = session_page
        self.summary = summary_page
        self.window = window
        self.driver: SessionDriver | None = None
        self.routine: Routine | None = None
        self.options = PlanOptions()
        self.pain_before: int | None = None
        self.inhibitor = ScreenInhibitor()
        session_page.stopRequested.connect(self.request_stop)
        summary_page.saveRequested.connect(self.save_summary)

    @property
    def running(self) -> bool:
        return self.driver is not None and self.driver.state in (State.RUNNING, State.PAUSED)

    def start(
        self, routine: Routine, options: PlanOptions, voice: bool, pain_before: int | None
    ) -> None:
        self.routine, self.options, self.pain_before = routine, options, pain_before
        plan = build_plan(routine, self.ctx.catalog, options)
        speaker = self.ctx.speaker if voice and not self.ctx.settings.muted else None
        if self.driver is not None:
            self.driver.shutdown()
            self.driver.deleteLater()
        self.driver = SessionDriver(
            plan,
            speaker=speaker,
            history=self.ctx.history,
            info=SessionInfo(pain_before=pain_before, app_version=__version__),
            clock=self.ctx.clock,
            autotick=self.ctx.autotick,
            parent=self,
        )
        self.driver.ended.connect(self._ended)
        self.page.attach(self.driver)
        self.page.set_muted(speaker is None)
        self.inhibitor.inhibit("Following an exercise session")
        self.started.emit()
        self.driver.start()

    def request_stop(self) -> None:
        if not self.running or self.driver is None:
            return
        was_running = self.driver.state == State.RUNNING
        if was_running:
            self.driver.pause()
        answer = QMessageBox.question(
            self.window,
            self.tr("Stop the session?"),
            self.tr("Stop here? What you have done so far is kept in your history."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.driver.stop()
        elif was_running:
            self.driver.resume()

    def set_voice(self, on: bool) -> None:
        """Mute or unmute mid-session; captions carry on either way."""
        if self.driver is None:
            return
        speaker = self.ctx.speaker if on else None
        if not on and self.ctx.speaker is not None:
            self.ctx.speaker.stop()
        self.driver.coach.speaker = speaker
        self.page.set_muted(speaker is None)

    def shutdown(self) -> None:
        if self.driver is not None:
            if self.running:
                self.driver.stop()
            self.driver.shutdown()
        self.inhibitor.release()

    def _ended(self, ended: SessionEnded) -> None:
        self.inhibitor.release()
        assert self.driver is not None and self.routine is not None
        self.summary.show_session(
            self.routine.name,
            ended.status,
            ended.elapsed_s,
            self.driver.plan.total_s,
            self.driver.coach.records,
            self.pain_before,
        )
        if self.ctx.history is not None and not getattr(self.ctx.history, "saving", True):
            self.summary.mark_saved(
                self.tr("This session could not be saved: {0}").format(self.ctx.history.notice)
            )
        self.finished.emit()

    def save_summary(self, pain_after: int | None, note: str) -> None:
        sid = self.driver.coach.session_id if self.driver else None
        history = self.ctx.history
        if history is None or sid is None:
            self.summary.mark_saved(
                self.tr("History is not available, so this could not be saved.")
            )
            return
        history.save_summary(sid, pain_after, note)
        if getattr(history, "saving", True):
            self.summary.mark_saved(self.tr("Saved."))
            self.summary.save.setEnabled(False)
        else:
            self.summary.mark_saved(self.tr("Not saved: {0}").format(history.notice))
        self.saved.emit()
