"""The Coach: a SessionMachine plus what its effects mean outside it.

Cues go to a speaker, pauses and stops silence it, finished segments and events go
to the history as they happen. The terminal runner and the Qt driver both drive a
Coach, so the window and ``backcoach run`` behave and record the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from backcoach.core.cues import Cue
from backcoach.core.effects import (
    AutoPaused,
    CueDue,
    Effect,
    HurtReported,
    SegmentCompleted,
    SessionEnded,
    State,
    StateChanged,
)
from backcoach.core.plan import Plan
from backcoach.core.records import SegmentRecord, SessionEvent, SessionStatus
from backcoach.core.session import SUSPEND_GAP_S, Clock, SessionMachine

log = logging.getLogger(__name__)


class CueSink(Protocol):
    """Where cues are sent to be spoken (the speech layer's Speaker fits this)."""

    def say(self, cue: Cue, due: float) -> None: ...
    def stop(self) -> None: ...
    def prepare(self, texts: Sequence[str]) -> None:
        """The lines about to be said, so they can be got ready ahead of time."""


class HistoryWriter(Protocol):
    """The part of the history store a running session writes to."""

    def begin_session(
        self,
        routine_id: str,
        routine_name: str,
        planned_s: float,
        pain_before: int | None,
        app_version: str,
        started_at: datetime | None = None,
    ) -> int | None: ...
    def record_segment(self, session_id: int, rec: SegmentRecord) -> None: ...
    def record_event(self, session_id: int, ev: SessionEvent) -> None: ...
    def end_session(
        self, session_id: int, status: SessionStatus, *, planned_s: float | None = None
    ) -> None: ...


@dataclass
class SessionInfo:
    pain_before: int | None = None
    app_version: str = ""
    started_at: datetime | None = None  # wall-clock start; None: now (the window passes its clock)
    # Session seconds per real second (``run --speed``): a gap is recorded in real time.
    time_scale: float = 1.0


def _set_key(r: SegmentRecord) -> tuple[int, int, int, str]:
    return (r.item_index, r.round_no, r.set_no, r.side)


class Coach:
    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        speaker: CueSink | None = None,
        history: HistoryWriter | None = None,
        info: SessionInfo | None = None,
        on_effects: Callable[[list[Effect]], None] | None = None,
        suspend_gap_s: float = SUSPEND_GAP_S,
    ) -> None:
        self.machine = SessionMachine(plan, clock, suspend_gap_s)
        self.speaker = speaker
        self.history = history
        self.info = info or SessionInfo()
        self.session_id: int | None = None
        self.records: list[SegmentRecord] = []
        self.events: list[SessionEvent] = []
        self._on_effects = on_effects

    @property
    def state(self) -> State:
        return self.machine.state

    def start(self) -> list[Effect]:
        if self.history is not None:
            plan = self.machine.plan
            self.session_id = self.history.begin_session(
                plan.routine_id,
                plan.routine_name,
                plan.work_s,
                self.info.pain_before,
                self.info.app_version,
                self.info.started_at,
            )
        if self.speaker is not None:
            self.speaker.prepare(self.machine.plan.cue_texts())
        return self.handle(self.machine.start())

    def tick(self, now: float | None = None) -> list[Effect]:
        return self.handle(self.machine.tick(now))

    def pause(self) -> list[Effect]:
        return self.handle(self.machine.pause())

    def resume(self) -> list[Effect]:
        return self.handle(self.machine.resume())

    def skip(self) -> list[Effect]:
        return self.handle(self.machine.skip())

    def back(self) -> list[Effect]:
        return self.handle(self.machine.back())

    def stop(self) -> list[Effect]:
        return self.handle(self.machine.stop())

    def hurt(self) -> list[Effect]:
        return self.handle(self.machine.hurt())

    def skip_exercise(self) -> list[Effect]:
        return self.handle(self.machine.skip_exercise())

    def replace_plan(self, plan: Plan) -> list[Effect]:
        if self.speaker is not None:
            self.speaker.prepare(plan.cue_texts())
        return self.handle(self.machine.replace_plan(plan))

    def note(self, kind: str, value: str, exercise_id: str = "", side: str = "") -> None:
        """Keep something the runner chose or answered (a hurt choice, a check answer)."""
        self._event(SessionEvent(kind, exercise_id, side, value, self.machine.session_elapsed()))

    def handle(self, effects: list[Effect]) -> list[Effect]:
        for e in effects:
            if isinstance(e, CueDue):
                if self.speaker is not None:
                    self.speaker.say(e.cue, e.due)
            elif isinstance(e, StateChanged):
                if e.new != State.RUNNING and self.speaker is not None and e.reason != "finish":
                    self.speaker.stop()
            elif isinstance(e, SegmentCompleted):
                self.records.append(e.record)
                if self._writer is not None:
                    self._writer.record_segment(self._sid, e.record)
            elif isinstance(e, HurtReported):
                self._event(SessionEvent("hurt", e.exercise_id, e.side, "", e.elapsed_s))
            elif isinstance(e, AutoPaused):
                # When it happened in the session, and how long the computer really slept.
                real_gap = e.gap_s / self.info.time_scale
                at = self.machine.session_elapsed()
                self._event(SessionEvent("auto-pause", value=f"{real_gap:.1f}", at_s=at))
            elif isinstance(e, SessionEnded) and self._writer is not None:
                self._writer.end_session(self._sid, e.status, planned_s=self.planned_work_s())
        if self._on_effects is not None and effects:
            self._on_effects(effects)
        return effects

    def planned_work_s(self) -> float:
        """The exercise time this session was to have, on the same basis as the records'
        ``done_s``: each set's planned length once (the last record of a set done again
        after Back counts), plus every set of the plan not reached yet. After a switch
        to an easier variant, the sets done before it keep their own planned length."""
        planned = {_set_key(r): r.planned_s for r in self.records}
        machine = self.machine
        for seg in machine.plan.work_segments:
            if seg.index >= machine.index:
                planned.setdefault(
                    (seg.item_index, seg.round_no, seg.set_no, seg.side), seg.duration_s
                )
        return sum(planned.values())

    def done_work_s(self) -> float:
        return sum(r.done_s for r in self.records)

    @property
    def _writer(self) -> HistoryWriter | None:
        """The store, once the session has a row in it."""
        return self.history if self.session_id is not None else None

    @property
    def _sid(self) -> int:
        assert self.session_id is not None
        return self.session_id

    def _event(self, ev: SessionEvent) -> None:
        self.events.append(ev)
        if self._writer is not None:
            self._writer.record_event(self._sid, ev)
