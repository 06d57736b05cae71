"""What the session machine tells the outside world. Plain data; the UI and the
terminal runner render these, the history store saves the records."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from backcoach.core.cues import Cue
from backcoach.core.plan import Segment
from backcoach.core.records import SegmentRecord, SessionStatus


class State(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class Event(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"
    BACK = "back"
    STOP = "stop"
    HURT = "hurt"
    TICK = "tick"


@dataclass(frozen=True, slots=True)
class SegmentStarted:
    segment: Segment
    total: int  # number of segments in the plan


@dataclass(frozen=True, slots=True)
class CueDue:
    cue: Cue
    segment_index: int
    due: float  # the clock time it fell due; ``now - due`` is how late the tick was


@dataclass(frozen=True, slots=True)
class CueDropped:
    """A cue whose moment passed while the machine was not ticking (never said)."""

    cue: Cue
    segment_index: int
    late_s: float


@dataclass(frozen=True, slots=True)
class Progress:
    segment_index: int
    elapsed_s: float  # into the segment
    remaining_s: float  # never negative
    rep: int  # 1-based rep (or cycle) number; 0 outside tempo work
    phase: str  # current tempo phase name; "" outside tempo work
    session_elapsed_s: float  # active time, pauses excluded
    session_remaining_s: float  # planned time still to go
    lead_in_s: float = 0.0  # after a resume: seconds of "3, 2, 1" left before time runs


@dataclass(frozen=True, slots=True)
class SegmentCompleted:
    record: SegmentRecord


@dataclass(frozen=True, slots=True)
class StateChanged:
    old: State
    new: State
    reason: str  # "start", "pause", "resume", "hurt", "suspend", "stop", "finish"


@dataclass(frozen=True, slots=True)
class AutoPaused:
    """Ticks stopped for far longer than they should (laptop suspended, machine stalled)."""

    gap_s: float


@dataclass(frozen=True, slots=True)
class HurtReported:
    exercise_id: str
    exercise_name: str
    side: str
    segment_index: int
    elapsed_s: float  # session time


@dataclass(frozen=True, slots=True)
class SessionEnded:
    status: SessionStatus
    elapsed_s: float  # active time


Effect = (
    SegmentStarted
    | CueDue
    | CueDropped
    | Progress
    | SegmentCompleted
    | StateChanged
    | AutoPaused
    | HurtReported
    | SessionEnded
)


class IllegalEvent(Exception):
    """An event that makes no sense in the current state (e.g. resume while running)."""

    def __init__(self, event: Event, state: State, why: str) -> None:
        super().__init__(f"cannot {event.value} while {state.value}: {why}")
        self.event = event
        self.state = state
