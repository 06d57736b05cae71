"""The Qt side of a session: a precise timer that ticks the Coach, and signals.

All decisions live in ``backcoach.core``; this class only turns timer ticks and
button presses into Coach calls and re-emits the resulting effects. The timer is
re-armed for the next cue or segment end (never later than one display frame), so
cues are due within a timer's resolution of their planned time.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from backcoach.core.coach import Coach, CueSink, HistoryWriter, SessionInfo
from backcoach.core.effects import Effect, IllegalEvent, SessionEnded, State
from backcoach.core.plan import Plan

log = logging.getLogger(__name__)

FRAME_MS = 33  # display refresh for the countdown ring and the figure


class SessionDriver(QObject):
    # object, not list: PySide would convert a list to a QVariantList element by element.
    effects = Signal(object)  # every batch of effects (a list), in order
    ended = Signal(object)  # the SessionEnded effect
    refused = Signal(str)  # an event the machine refused, with its reason

    def __init__(
        self,
        plan: Plan,
        speaker: CueSink | None = None,
        history: HistoryWriter | None = None,
        info: SessionInfo | None = None,
        clock: Callable[[], float] = time.monotonic,
        autotick: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.coach = Coach(plan, clock, speaker=speaker, history=history, info=info)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        self._autotick = autotick

    @property
    def state(self) -> State:
        return self.coach.state

    @property
    def plan(self) -> Plan:
        return self.coach.machine.plan

    def start(self) -> None:
        self._run(self.coach.start)

    def tick(self) -> None:
        self._run(self.coach.tick)

    def toggle_pause(self) -> None:
        if self.state == State.RUNNING:
            self._run(self.coach.pause)
        elif self.state == State.PAUSED:
            self._run(self.coach.resume)

    def pause(self) -> None:
        self._run(self.coach.pause)

    def resume(self) -> None:
        self._run(self.coach.resume)

    def skip(self) -> None:
        self._run(self.coach.skip)

    def back(self) -> None:
        self._run(self.coach.back)

    def hurt(self) -> None:
        self._run(self.coach.hurt)

    def stop(self) -> None:
        if self.state in (State.RUNNING, State.PAUSED):
            self._run(self.coach.stop)

    def skip_exercise(self) -> None:
        self._run(self.coach.skip_exercise)

    def replace_plan(self, plan: Plan) -> None:
        self._run(lambda: self.coach.replace_plan(plan))

    def shutdown(self) -> None:
        """Stop the timer for good (window closing)."""
        self._timer.stop()

    def _run(self, call: Callable[[], list[Effect]]) -> None:
        try:
            out = call()
        except IllegalEvent as exc:
            log.info("refused: %s", exc)
            self.refused.emit(str(exc))
            return
        if out:
            self.effects.emit(out)
        for e in out:
            if isinstance(e, SessionEnded):
                self.ended.emit(e)
        self._schedule()

    def _schedule(self) -> None:
        if self.state != State.RUNNING or not self._autotick:
            self._timer.stop()
            return
        due = self.coach.machine.next_due()
        wait_ms = FRAME_MS if due is None else (due - self.clock()) * 1000.0
        self._timer.start(math.ceil(min(max(wait_ms, 0.0), FRAME_MS)))
