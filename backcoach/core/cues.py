"""What a spoken cue is, how urgent it is, and how long it takes to say.

Shared by the plan (which schedules cues), the session machine (which fires them)
and the speech layer (which decides what to drop or interrupt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class CueKind(StrEnum):
    ANNOUNCE = "announce"  # exercise name and side, said while getting ready
    INSTRUCTION = "instruction"  # a short set-up line
    COUNTDOWN = "countdown"  # "3", "2", "1"
    GO = "go"
    TEMPO = "tempo"  # a phase of a rep: "lift", "hold, 2, 3", "lower"
    REP = "rep"  # the rep number, "last one"
    HALFWAY = "halfway"
    REMAINING = "remaining"  # "10 seconds left"
    SWITCH = "switch"  # "switch sides"
    REST = "rest"
    NEXT_UP = "next-up"
    ENCOURAGE = "encouragement"
    CLOSING = "closing"
    NOTICE = "notice"  # the app talking about itself: "paused", "session saved"


# Higher numbers may cut lower ones short, never the other way round.
PRIORITY: dict[CueKind, int] = {
    CueKind.COUNTDOWN: 3,
    CueKind.GO: 3,
    CueKind.TEMPO: 3,
    CueKind.REP: 3,
    CueKind.SWITCH: 2,
    CueKind.HALFWAY: 2,
    CueKind.REMAINING: 2,
    CueKind.REST: 2,
    CueKind.ANNOUNCE: 2,
    CueKind.NOTICE: 2,
    CueKind.NEXT_UP: 1,
    CueKind.INSTRUCTION: 1,
    CueKind.CLOSING: 1,
    CueKind.ENCOURAGE: 0,
}

# How late (seconds) a cue may start before it is no longer worth saying.
# A countdown number said a second late is wrong, a "next up" is still useful.
SLACK_S: dict[CueKind, float] = {
    CueKind.COUNTDOWN: 0.4,
    CueKind.GO: 0.6,
    CueKind.TEMPO: 0.6,
    CueKind.REP: 0.6,
    CueKind.SWITCH: 3.0,
    CueKind.HALFWAY: 2.0,
    CueKind.REMAINING: 1.5,
    CueKind.REST: 2.0,
    CueKind.ANNOUNCE: 3.0,
    CueKind.NOTICE: 5.0,
    CueKind.NEXT_UP: 5.0,
    CueKind.INSTRUCTION: 5.0,
    CueKind.CLOSING: 10.0,
    CueKind.ENCOURAGE: 2.0,
}

# A calm coaching pace; the speech backend is set to the same rate by default.
DEFAULT_WPM = 165
_PAUSE_S = 0.12  # each comma or full stop
_ONSET_S = 0.15  # engine start-up and leading silence


@dataclass(frozen=True, slots=True)
class Cue:
    """A line to say ``offset_s`` seconds after its segment starts."""

    offset_s: float
    text: str
    kind: CueKind

    @property
    def priority(self) -> int:
        return PRIORITY[self.kind]

    @property
    def slack_s(self) -> float:
        return SLACK_S[self.kind]

    def speech_s(self, wpm: int = DEFAULT_WPM) -> float:
        return estimate_speech_s(self.text, wpm)


_WORD = re.compile(r"[\w']+")


def word_count(text: str) -> int:
    """Words as a listener counts them: "Hold, 2, 3" is three."""
    return len(_WORD.findall(text))


def estimate_speech_s(text: str, wpm: int = DEFAULT_WPM) -> float:
    """Seconds needed to say ``text`` at ``wpm`` words a minute (a safe estimate)."""
    words = word_count(text)
    pauses = sum(text.count(p) for p in ",.;:!?")
    return _ONSET_S + words * 60.0 / wpm + pauses * _PAUSE_S
