"""From "Start" to "Save": the life of one session in the window.

Creates the SessionDriver with the speaker and the history store, keeps the screen
awake, confirms Stop, and fills the summary page when the session ends.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from backcoach import __version__
from backcoach.core.catalog import Check, Routine
from backcoach.core.check_due import CheckDue
from backcoach.core.coach import SessionInfo
from backcoach.core.effects import Effect, SegmentCompleted, SessionEnded, State
from backcoach.core.history_saver import SaveState
from backcoach.core.plan import PlanOptions, build_plan
from backcoach.core.progression import Proposal, RoutineLevels
from backcoach.core.safety import pain_advice
from backcoach.speech.status import voice_status
from backcoach.ui.context import AppContext
from backcoach.ui.desktop.inhibit import ScreenInhibitor
from backcoach.ui.dialogs.before_start import BeforeStartDialog
from backcoach.ui.dialogs.check import CheckDialog
from backcoach.ui.dialogs.hurt import HurtDialog
from backcoach.ui.pages.session_page import SessionPage
from backcoach.ui.pages.summary_page import SummaryPage
from backcoach.ui.save_status import SaveStatusBridge
from backcoach.ui.session_driver import SessionDriver

# A session within this long of a run's end is taken to follow it (the runner can change it).
RUN_LINK_WINDOW = timedelta(hours=6)

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
        self.check_answers: list[tuple[str, str]] = []  # (exercise id, answer id) this session
        self._check_due = CheckDue()
        self._save_status: SaveStatusBridge | None = None  # watching the history's saving
        session_page.stopRequested.connect(self.request_stop)
        session_page.hurtRequested.connect(self.hurt)
        summary_page.saveRequested.connect(self.save_summary)
        summary_page.proposal.answered.connect(self.answer_levels)
        self.levels: tuple[RoutineLevels, Proposal] | None = None  # what the summary proposed
        summary_page.runLinked.connect(self._link_run)

    def _watch_saving(self, history: object) -> SaveStatusBridge | None:
        if not hasattr(history, "watch"):
            return None
        bridge = SaveStatusBridge(history, self)
        bridge.changed.connect(self._saving_changed)
        return bridge

    def _saving_changed(self, state: SaveState) -> None:
        """Saving failed or works again: say so on the page the runner is looking at."""
        self.page.set_save_warning(state.message, failing=not state.saving)
        if not self.running and self.driver is not None:
            if state.saving:
                self.summary.mark_saved(self.tr("Saved: all of this session is in your history."))
            else:
                self.summary.mark_saved(self.tr("Not saved yet. {0}").format(state.message))

    @property
    def running(self) -> bool:
        return self.driver is not None and self.driver.state in (State.RUNNING, State.PAUSED)

    def begin(self, routine: Routine, options: PlanOptions, voice: bool) -> bool:
        """The red-flag check and pain now, then the session; False if it did not start."""
        today = self.ctx.today()
        dialog = BeforeStartDialog(self.ctx.settings.red_flags_cleared_on, today, self.window)
        if dialog.exec() != BeforeStartDialog.DialogCode.Accepted or not dialog.can_start():
            return False
        changes = {"red_flags_checked_on": today.isoformat()}
        if dialog.cleared_now:
            changes["red_flags_cleared_on"] = today.isoformat()
        self.ctx.update_settings(**changes)
        self.start(routine, options, voice, dialog.pain_before())
        return True

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
            info=SessionInfo(pain_before, __version__, started_at=self.ctx.now()),
            clock=self.ctx.clock,
            autotick=self.ctx.autotick,
            parent=self,
        )
        self.driver.ended.connect(self._ended)
        # The page first: it shows where the session now is before a question is asked.
        self.page.attach(self.driver)
        self.driver.effects.connect(self._watch)
        self.check_answers = []
        self._check_due = CheckDue()
        if self._save_status is None:  # the history opens after the window's first paint
            self._save_status = self._watch_saving(self.ctx.history)
        state = getattr(self.ctx.history, "save_state", None)
        self.page.set_save_warning("" if state is None or state.saving else state.message)
        self.show_voice()
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
        self.show_voice()

    def show_voice(self) -> None:
        """The session page's voice button, from the speaker this session uses."""
        speaker = self.driver.coach.speaker if self.driver is not None else None
        self.page.set_voice(voice_status(speaker.state() if speaker is not None else None))

    def hurt(self) -> None:
        """Pause, record what hurts, and let the runner choose what happens next."""
        if not self.running or self.driver is None or self.routine is None:
            return
        self.driver.hurt()
        seg = self.driver.coach.machine.hurt_segment()
        ex = self.ctx.catalog.exercises.get(seg.exercise_id)
        easier = ex.easier() if ex is not None else None
        if easier is not None and seg.variant == easier.id:
            easier = None  # already on the easier form
        dialog = HurtDialog(seg.exercise_name, seg.side, easier.name if easier else "", self.window)
        dialog.exec()
        choice = dialog.choice
        self.driver.coach.note("hurt-choice", choice, seg.exercise_id, seg.side)
        if choice == "easier" and easier is not None and ex is not None:
            variants = {**self.options.variants, ex.id: easier.id}
            self.options = replace(self.options, variants=variants)
            self.driver.replace_plan(build_plan(self.routine, self.ctx.catalog, self.options))
            self.page.set_caption(
                self.tr("Switched to {0}. Press Space when you are in position.").format(
                    easier.name
                )
            )
        elif choice == "skip":
            self.driver.skip_exercise()
            self.driver.resume()
        elif choice == "end":
            self.driver.stop()
        else:
            self.driver.resume()

    def _watch(self, effects: list[Effect]) -> None:
        """Ask the exercise's question (the glute check) when it is due (core.check_due)."""
        assert self.driver is not None
        for e in effects:
            if isinstance(e, SegmentCompleted) and self._check_due.after(
                self.driver.plan, e.record
            ):
                ex = self.ctx.catalog.exercises.get(e.record.exercise_id)
                if ex is not None and ex.check is not None:
                    self._ask(ex.id, ex.check)

    def _ask(self, exercise_id: str, check: Check) -> None:
        assert self.driver is not None
        if self.driver.state == State.RUNNING:
            self.driver.pause()
        self.page.set_caption(self.tr("Paused for a question."))
        dialog = CheckDialog(check, self.window)
        dialog.exec()
        if dialog.answer is not None:
            self.driver.coach.note("check-answer", dialog.answer.id, exercise_id)
            self.check_answers.append((exercise_id, dialog.answer.id))
        if self.driver.state == State.PAUSED:
            self.driver.resume()

    def shutdown(self) -> None:
        if self._save_status is not None:
            self._save_status.detach()
            self._save_status = None
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
            len(self.driver.plan.work_segments),
            self.driver.coach.planned_work_s(),
        )
        if self.ctx.history is not None and not getattr(self.ctx.history, "saving", True):
            self.summary.mark_saved(
                self.tr("Not saved yet. {0}").format(self.ctx.history.save_state.message)
            )
        self._show_check_answers()
        self._offer_runs()
        self.finished.emit()

    def _offer_runs(self) -> None:
        """The runs of the day before the session; the latest that ended within a few
        hours of its start is taken as the one it followed (the runner can change it)."""
        runs, sid = self.ctx.runs, self.driver.coach.session_id if self.driver else None
        detail = self.ctx.history.session(sid) if sid is not None and self.ctx.history else None
        if runs is None or detail is None:
            self.summary.set_runs([], None)
            return
        started = detail.session.started_at
        recent = [
            r for r in runs.runs(since=started.date() - timedelta(days=1)) if r.start < started
        ]
        choices = [(r.id, f"{r.start:%a %H:%M}, {r.distance_m / 1000:.1f} km") for r in recent]
        follows = next((r.id for r in recent if started - r.end <= RUN_LINK_WINDOW), None)
        self.summary.set_runs(choices, follows)
        self._link_run(follows)

    def _link_run(self, run_id: int | None) -> None:
        sid = self.driver.coach.session_id if self.driver else None
        if self.ctx.runs is not None and sid is not None:
            self.ctx.runs.link_session(sid, run_id)

    def _show_check_answers(self) -> None:
        """The glute check's answer on the summary, with the routine it points to."""
        for exercise_id, answer_id in self.check_answers:
            ex = self.ctx.catalog.exercises.get(exercise_id)
            if ex is None or ex.check is None:
                continue
            answer = next((a for a in ex.check.answers if a.id == answer_id), None)
            if answer is None:
                continue
            routine = self.ctx.catalog.routines.get(answer.routine) if answer.routine else None
            self.summary.show_check(
                f"{ex.check.question} <b>{answer.label}</b>", answer.advice, routine
            )

    def save_summary(self, pain_after: int | None, note: str) -> None:
        sid = self.driver.coach.session_id if self.driver else None
        history = self.ctx.history
        if history is None or sid is None:
            self.summary.mark_saved(
                self.tr("History is not available, so this could not be saved.")
            )
            return
        history.save_summary(sid, pain_after, note)
        self.summary.show_advice(pain_advice(self.pain_before, pain_after))
        if getattr(history, "saving", True):
            self.summary.mark_saved(self.tr("Saved."))
            self.summary.save.setEnabled(False)
            self._propose_levels()
        else:
            self.summary.mark_saved(
                self.tr("Not saved yet. {0}").format(history.save_state.message)
            )
        self.saved.emit()

    def _propose_levels(self) -> None:
        """What this session suggests for next time, now that pain after is known."""
        if self.routine is None:
            return
        self.levels = self.ctx.levels().proposal(self.routine)
        box = self.summary.proposal
        box.show_proposal(self.levels[1])
        if box.checks:  # Save is done and disabled: the keyboard goes on to the suggestion
            next(iter(box.checks.values())).setFocus()

    def answer_levels(self, accepted: set[str]) -> None:
        if self.levels is None:
            return
        state, proposal = self.levels
        if not self.ctx.levels().confirm(state, proposal, accepted, self.ctx.now()):
            notice = getattr(self.ctx.history, "notice", "")
            self.summary.proposal.mark_answered(self.tr("Not saved: {0}").format(notice))
            return
        taken = [c for c in proposal.changes if c.slot in accepted]
        if taken:
            text = self.tr("Next time: {0}.").format("; ".join(c.describe() for c in taken))
        else:
            text = self.tr("Your levels stay as they are.")
        self.summary.proposal.mark_answered(text)
        self.levels = None
