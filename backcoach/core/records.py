"""What a session leaves behind: one record per exercise segment, plus events.

Produced by the session machine, written by the history store, shown by the
summary and history pages. Plain data, no behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SessionStatus(StrEnum):
    RUNNING = "running"  # open; a crash leaves it like this until the next start-up
    COMPLETED = "completed"
    STOPPED = "stopped"  # the runner ended it early
    INTERRUPTED = "interrupted"  # found open after a crash or power loss


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    """One finished (or skipped) work segment: a set of an exercise on one side."""

    index: int  # position of the segment in the plan
    exercise_id: str
    exercise_name: str
    variant: str  # "" for the standard form
    side: str  # "left", "right" or "none"
    set_no: int  # 1-based
    round_no: int  # 1-based
    planned_s: float
    done_s: float
    planned_reps: int | None = None
    done_reps: int | None = None
    skipped: bool = False
    hurt: bool = False
    item_index: int = -1  # the exercise's place in the routine; -1 when not known

    @property
    def complete(self) -> bool:
        """Done in full: not skipped and not cut short by a stop."""
        return not self.skipped and self.done_s >= self.planned_s - 1e-6


@dataclass(frozen=True, slots=True)
class SessionEvent:
    """Something the runner said or did that is worth keeping: a hurt, a choice, an answer."""

    kind: str  # "hurt", "hurt-choice", "check-answer", "variant", "auto-pause"
    exercise_id: str = ""
    side: str = ""
    value: str = ""  # e.g. "easier", "skip", "end", "lower-back", "glutes"
    at_s: float = 0.0  # seconds since the session started
