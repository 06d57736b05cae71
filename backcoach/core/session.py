"""SessionMachine: walks a Plan with the runner. States × events → effects.

Time comes from an injected monotonic clock. Remaining time is always a deadline
minus now, never a count of ticks, so a slow or irregular tick rate cannot make the
session drift: each segment starts exactly where the previous one was due to end.
"""

from __future__ import annotations

from collections.abc import Callable

from backcoach.core.effects import (
    AutoPaused,
    CueDropped,
    CueDue,
    Effect,
    Event,
    HurtReported,
    IllegalEvent,
    Progress,
    SegmentCompleted,
    SegmentStarted,
    SessionEnded,
    State,
    StateChanged,
)
from backcoach.core.lead_in import LeadIn
from backcoach.core.plan import Plan, Segment, SegmentKind
from backcoach.core.records import SegmentRecord, SessionStatus

Clock = Callable[[], float]

BACK_GRACE_S = 3.0  # "back" this early in a segment goes to the previous exercise
LEAD_IN_S = 3  # after a pause, "3, 2, 1" before time runs again
SUSPEND_GAP_S = 2.0  # a tick gap this long means the machine was asleep

_R, _P = State.RUNNING, State.PAUSED
# The explicit transition table: (state, event) -> next state. Anything else is refused.
# Ticks are accepted in every state; they only do something while running.
TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.IDLE, Event.START): _R,
    (_R, Event.PAUSE): _P,
    (_R, Event.SKIP): _R,
    (_R, Event.BACK): _R,
    (_R, Event.HURT): _P,
    (_R, Event.STOP): State.STOPPED,
    (_P, Event.RESUME): _R,
    (_P, Event.SKIP): _P,
    (_P, Event.BACK): _P,
    (_P, Event.HURT): _P,
    (_P, Event.STOP): State.STOPPED,
}


class SessionMachine:
    def __init__(
        self,
        plan: Plan,
        clock: Clock,
        suspend_gap_s: float = SUSPEND_GAP_S,
        lead_in_s: int = LEAD_IN_S,
    ) -> None:
        if not plan.segments:
            raise ValueError("a plan needs at least one segment")
        self.plan = plan
        self._clock = clock
        self._suspend_gap_s = suspend_gap_s
        self.state = State.IDLE
        self._prev_state = State.IDLE
        self.started_at = 0.0  # clock reading when the session started
        self.index = 0
        self._seg_start = 0.0  # clock time the current segment (re)started
        self._paused_at = 0.0
        self._last_tick = 0.0
        self._next_cue = 0  # index into the current segment's cues
        self._hurt = False  # the current segment was reported as hurting
        self._active_s = 0.0  # session time banked before the current running stretch
        self._run_start = 0.0
        self._lead = LeadIn(lead_in_s)  # "3, 2, 1" after a resume

    # ----- queries -------------------------------------------------------------------
    @property
    def segment(self) -> Segment:
        return self.plan.segments[self.index]

    def elapsed(self, now: float | None = None) -> float:
        """Seconds into the current segment."""
        t = self._paused_at if self.state != State.RUNNING else (self._now(now))
        if self._lead.until is not None:
            t = max(t, self._lead.until)  # time stands still through "3, 2, 1"
        return max(0.0, min(t - self._seg_start, self.segment.duration_s))

    def session_elapsed(self, now: float | None = None) -> float:
        if self.state == State.RUNNING:
            return self._active_s + max(0.0, self._now(now) - self._run_start)
        return self._active_s

    def lead_in_left(self, now: float | None = None) -> float:
        """Seconds of the resume's "3, 2, 1" still to go (0 when time is running)."""
        if self._lead.until is None or self.state != _R:
            return 0.0
        return max(0.0, self._lead.until - self._now(now))

    def progress(self, now: float | None = None) -> Progress:
        """Where the session is now (what every tick reports), at any moment."""
        return self._progress(self._at(self._now(now)))

    def next_due(self) -> float | None:
        """Clock time of the next cue or segment end; None unless running.

        Drivers sleep until then (capped by their display refresh) instead of polling.
        """
        if self.state != _R:
            return None
        if self._lead.active:
            return self._lead.next_due()
        seg = self.segment
        deadline = self._seg_start + seg.duration_s
        if self._next_cue < len(seg.cues):
            return min(deadline, self._seg_start + seg.cues[self._next_cue].offset_s)
        return deadline

    def can(self, event: Event) -> bool:
        return event == Event.TICK or (self.state, event) in TRANSITIONS

    # ----- events --------------------------------------------------------------------
    def start(self) -> list[Effect]:
        now = self._enter(Event.START)
        self._run_start = self._last_tick = self.started_at = now
        self.state = _R
        out: list[Effect] = [StateChanged(State.IDLE, _R, "start")]
        out += self._begin(0, now)
        return out + self._advance(now)

    def pause(self, reason: str = "pause") -> list[Effect]:
        now = self._enter(Event.PAUSE)
        return self._do_pause(now, reason)

    def resume(self) -> list[Effect]:
        now = self._enter(Event.RESUME)
        # A short "3, 2, 1" first, spoken and shown; the segment's time runs after it.
        lead = max(0, self._lead.seconds) if self.segment.kind != SegmentKind.DONE else 0
        if lead:
            self._lead.begin(now, self.elapsed(now))
        self._seg_start += now + lead - self._paused_at
        self._last_tick = now
        self._run_start = now + lead
        self.state = _R
        out: list[Effect] = [StateChanged(_P, _R, "resume")]
        return out + self._lead.due(now, self.index) + [self._progress(now)]

    def skip(self) -> list[Effect]:
        now = self._enter(Event.SKIP)
        out = self._complete(self._at(now), skipped=True)
        return out + self._begin(self.index + 1, self._at(now)) + self._advance(now)

    def back(self) -> list[Effect]:
        now = self._enter(Event.BACK)
        target = self.index
        if self.elapsed(now) < BACK_GRACE_S:
            prev = [s.index for s in self.plan.segments[: self.index] if s.kind == SegmentKind.WORK]
            target = prev[-1] if prev else self.index
        return [*self._begin(target, self._at(now)), self._progress(now)]

    def hurt(self) -> list[Effect]:
        now = self._enter(Event.HURT)
        seg = self.hurt_segment()
        self._hurt = True
        out: list[Effect] = []
        if self.state == _R:
            out += self._do_pause(now, "hurt")
        out.append(
            HurtReported(
                seg.exercise_id, seg.exercise_name, seg.side, self.index, self.session_elapsed(now)
            )
        )
        return out

    def stop(self) -> list[Effect]:
        now = self._enter(Event.STOP)
        t = self._at(now)
        elapsed = self.session_elapsed(now)
        out: list[Effect] = []
        if self.segment.kind == SegmentKind.WORK and self.elapsed(now) > 0:
            out += self._complete(t, skipped=False)
        self._active_s, self.state = elapsed, State.STOPPED
        out += [StateChanged(self._prev_state, State.STOPPED, "stop")]
        return [*out, SessionEnded(SessionStatus.STOPPED, elapsed)]

    def tick(self, now: float | None = None) -> list[Effect]:
        """Advance to ``now``: fire what fell due, finish segments whose deadline passed."""
        t = self._now(now)
        if self.state != _R:
            return []
        gap = t - self._last_tick
        if gap > self._suspend_gap_s:
            # Time froze at the last tick we saw; nothing is skipped while asleep.
            self._cancel_lead_in(self._last_tick)
            out = self._do_pause(self._last_tick, "suspend")
            return [AutoPaused(gap), *out]
        self._last_tick = t
        if self._lead.until is not None:
            out = self._lead.due(t, self.index)
            if t < self._lead.until:
                return [*out, self._progress(t)]
            self._lead.end()
            return out + self._advance(t)
        return self._advance(t)

    def replace_plan(self, plan: Plan) -> list[Effect]:
        """Carry on with a re-built plan (e.g. an easier variant) from the same place.

        The current segment restarts in its new form; segments already done stay done.
        """
        key = self.segment.key
        # Same segment if it still exists; a variant done per side (side plank for plank)
        # has no "none" side, so fall back to its first side of the same set.
        match = next((s.index for s in plan.segments if s.key == key), None)
        if match is None:
            match = next((s.index for s in plan.segments if s.key[:4] == key[:4]), None)
        if match is None:
            raise ValueError("the new plan has no segment matching the current one")
        now = self._clock()
        if self.state == _R:
            self._cancel_lead_in(now)
        self.plan = plan
        return [*self._begin(match, self._at(now)), self._progress(now)]

    def skip_exercise(self) -> list[Effect]:
        """Skip what is left of the current exercise (every side and set) in this round."""
        seg = self.hurt_segment()
        item, round_no = seg.item_index, seg.round_no
        now = self._clock()
        if self.state == _R:
            self._cancel_lead_in(now)
        t = self._at(now)
        out: list[Effect] = []
        if self.segment.item_index == item:
            out += self._complete(t, skipped=True)
        last = self.index
        for s in self.plan.segments[self.index + 1 :]:
            if s.item_index != item or s.round_no != round_no or s.kind == SegmentKind.DONE:
                break
            if s.kind == SegmentKind.WORK:
                out.append(SegmentCompleted(self._record(s, 0.0, skipped=True, hurt=False)))
            last = s.index
        if self.segment.item_index != item:  # in the rest after it: nothing left to skip here
            return out
        return out + self._begin(last + 1, t) + self._advance(now)

    # ----- internals -----------------------------------------------------------------
    def _now(self, now: float | None) -> float:
        return self._clock() if now is None else now

    def _at(self, now: float) -> float:
        """The effective time of an event: while paused, time stands at the pause."""
        return now if self.state == _R else self._paused_at

    def _enter(self, event: Event) -> float:
        nxt = TRANSITIONS.get((self.state, event))
        if nxt is None:
            raise IllegalEvent(event, self.state, _why(self.state, event))
        self._prev_state = self.state
        now = self._clock()
        if self.state == _R:
            gap = now - self._last_tick
            if gap > self._suspend_gap_s:
                # Asleep since the last tick: as if paused, so no exercise time passes.
                self._seg_start += gap
                self._run_start += gap
            self._last_tick = now
            self._cancel_lead_in(now)
        return now

    def _cancel_lead_in(self, now: float) -> None:
        """Any event during "3, 2, 1" ends it: time runs from now, from where it stood."""
        if self._lead.until is not None and self._lead.until > now:
            self._seg_start -= self._lead.until - now
            self._run_start -= self._lead.until - now
        self._lead.end()

    def _do_pause(self, at: float, reason: str) -> list[Effect]:
        self._active_s += at - self._run_start
        self._paused_at = at
        self.state = _P
        return [StateChanged(_R, _P, reason), self._progress(at)]

    def _begin(self, index: int, at: float) -> list[Effect]:
        self.index = min(index, len(self.plan.segments) - 1)
        self._seg_start = at
        if self.state == _P:
            self._paused_at = at
        self._next_cue = 0
        self._hurt = False
        return [SegmentStarted(self.segment, len(self.plan.segments))]

    def _advance(self, now: float) -> list[Effect]:
        out: list[Effect] = []
        while self.state == _R:
            seg = self.segment
            deadline = self._seg_start + seg.duration_s
            out += self._fire_cues(min(now, deadline), now)
            if seg.kind == SegmentKind.DONE:
                self._active_s += deadline - self._run_start
                self._run_start = deadline
                self.state = State.FINISHED
                out += [StateChanged(_R, State.FINISHED, "finish")]
                return [*out, SessionEnded(SessionStatus.COMPLETED, self._active_s)]
            if now < deadline:
                break
            out += self._complete(deadline, skipped=False)
            out += self._begin(self.index + 1, deadline)  # exactly on time: no drift
        out.append(self._progress(now))
        return out

    def _fire_cues(self, upto: float, now: float) -> list[Effect]:
        """Cues due by ``upto``: said if still fresh, dropped if their moment has passed.

        Of several countdown or tempo cues due in one late tick only the newest can
        still be right, so the older ones are dropped rather than said in a burst.
        """
        cues = self.segment.cues
        due: list[tuple[int, float]] = []
        while (
            self._next_cue < len(cues) and self._seg_start + cues[self._next_cue].offset_s <= upto
        ):
            due.append((self._next_cue, self._seg_start + cues[self._next_cue].offset_s))
            self._next_cue += 1
        out: list[Effect] = []
        for n, (i, at) in enumerate(due):
            cue = cues[i]
            late = now - at
            superseded = any(cues[j].kind == cue.kind for j, _ in due[n + 1 :])
            if late > cue.slack_s or (superseded and cue.priority >= 3):
                out.append(CueDropped(cue, self.index, late))
            else:
                out.append(CueDue(cue, self.index, at))
        return out

    def _complete(self, at: float, skipped: bool) -> list[Effect]:
        seg = self.segment
        if seg.kind != SegmentKind.WORK:
            return []
        done = max(0.0, min(at - self._seg_start, seg.duration_s))
        return [SegmentCompleted(self._record(seg, done, skipped, self._hurt))]

    def _record(self, seg: Segment, done: float, skipped: bool, hurt: bool) -> SegmentRecord:
        done_reps = None
        if seg.mode == "reps" and seg.reps:
            rep_s = sum(p.seconds for p in seg.tempo) or 1.0
            done_reps = min(seg.reps, int(done / rep_s + 1e-6))
        return SegmentRecord(
            index=seg.index,
            exercise_id=seg.exercise_id,
            exercise_name=seg.exercise_name,
            variant=seg.variant,
            side=seg.side,
            set_no=seg.set_no,
            round_no=seg.round_no,
            planned_s=seg.duration_s,
            done_s=done,
            planned_reps=seg.reps,
            done_reps=done_reps,
            skipped=skipped,
            hurt=hurt,
            item_index=seg.item_index,
        )

    def _progress(self, now: float) -> Progress:
        seg = self.segment
        elapsed = self.elapsed(now)
        rep, phase = seg.phase_at(elapsed)
        return Progress(
            segment_index=self.index,
            elapsed_s=elapsed,
            remaining_s=max(0.0, seg.duration_s - elapsed),
            rep=rep,
            phase=phase,
            session_elapsed_s=self.session_elapsed(now),
            session_remaining_s=max(0.0, self.plan.total_s - seg.start_s - elapsed),
            lead_in_s=self.lead_in_left(now),
        )

    def hurt_segment(self) -> Segment:
        """What hurt: the current exercise, or in a rest, the one just done."""
        seg = self.segment
        if seg.kind in (SegmentKind.REST, SegmentKind.DONE):
            done = [s for s in self.plan.segments[: self.index] if s.kind == SegmentKind.WORK]
            if done:
                return done[-1]
        return seg


def _why(state: State, event: Event) -> str:
    if state in (State.FINISHED, State.STOPPED):
        return "the session has ended; start a new one"
    if state == State.IDLE:
        return "the session has not started yet"
    if event == Event.RESUME:
        return "it is already running"
    if event == Event.PAUSE:
        return "it is already paused"
    return "start the session first" if event != Event.START else "it has already started"
