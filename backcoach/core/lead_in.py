"""The "3, 2, 1" before time runs again after a pause (or after "This hurts").

A runner who presses Space on the mat needs a moment to get back into position; a
resume that starts the clock at once puts them mid-rep. The session machine holds the
segment's time still until the lead-in ends; this keeps the numbers and their times.
"""

from __future__ import annotations

from backcoach.core.cues import Cue, CueKind
from backcoach.core.effects import CueDropped, CueDue, Effect


class LeadIn:
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self.until: float | None = None  # clock time the lead-in ends; None: not counting
        self._cues: list[tuple[float, Cue]] = []

    @property
    def active(self) -> bool:
        return self.until is not None

    def begin(self, now: float, held: float) -> None:
        """Count from ``now``; ``held`` is where the segment stands (the cues' offset)."""
        if self.seconds <= 0:
            return
        self.until = now + self.seconds
        self._cues = [
            (now + k, Cue(held, str(self.seconds - k), CueKind.COUNTDOWN))
            for k in range(self.seconds)
        ]

    def end(self) -> None:
        self.until = None
        self._cues = []

    def next_due(self) -> float:
        assert self.until is not None
        return min([at for at, _ in self._cues] + [self.until])

    def due(self, now: float, segment_index: int) -> list[Effect]:
        """The numbers due by ``now``; one whose second has passed is dropped, not said."""
        out: list[Effect] = []
        while self._cues and self._cues[0][0] <= now + 1e-9:
            at, cue = self._cues.pop(0)
            late = now - at
            stale = late > cue.slack_s or (bool(self._cues) and self._cues[0][0] <= now)
            out.append(
                CueDropped(cue, segment_index, late) if stale else CueDue(cue, segment_index, at)
            )
        return out
