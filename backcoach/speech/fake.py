"""A recording speaker for tests: the real policy, a stepped clock, no sound.

Each utterance lasts ``cue.speech_s(rate)`` and starts ``start_delay_s`` after it is
given the voice. ``advance(dt)`` moves the clock, starting and finishing utterances at
their exact moments, so a test can say "2.5 s later" without sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backcoach.core.cues import Cue
from backcoach.speech.policy import Utterance
from backcoach.speech.policy_speaker import PolicySpeaker


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, dt: float) -> float:
        self.now += dt
        return self.now


@dataclass
class Record:
    said: list[tuple[str, float]] = field(default_factory=list)  # (text, started at)
    completed: list[str] = field(default_factory=list)
    interrupted: list[str] = field(default_factory=list)  # cut short (any reason)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)
    notices: list[str] = field(default_factory=list)

    @property
    def said_texts(self) -> list[str]:
        return [text for text, _ in self.said]


class RecordingSpeaker(PolicySpeaker):
    def __init__(self, clock: FakeClock, *, start_delay_s: float = 0.0) -> None:
        super().__init__(clock)
        self.clock = clock
        self.start_delay_s = start_delay_s
        self.record = Record()
        self._silent = False
        self._playing: Utterance | None = None
        self._starts_at = 0.0
        self._ends_at = 0.0
        self.listen(
            started=lambda cue, _lat: self.record.said.append((cue.text, self.clock.now)),
            finished=self._on_finished,
            dropped=lambda cue, why: self.record.dropped.append((cue.text, why)),
            notice=self.record.notices.append,
        )

    def _on_finished(self, cue: Cue, completed: bool) -> None:
        (self.record.completed if completed else self.record.interrupted).append(cue.text)

    def _start(self, utt: Utterance) -> None:
        self._playing = utt
        self._starts_at = self.clock.now + self.start_delay_s
        self._ends_at = self._starts_at + utt.cue.speech_s(self._rate)
        if self.start_delay_s <= 0:
            self._started_locked(utt.seq, self.clock.now)

    def _cut(self, utt: Utterance) -> None:
        if self._playing is utt:
            self._playing = None

    def advance(self, dt: float) -> None:
        """Move the clock by ``dt``, playing out every start and finish on the way."""
        target = self.clock.now + dt
        while True:
            with self._lock:
                utt = self._playing
                if utt is None:
                    break
                pending_start = utt.started_at is None
                when = self._starts_at if pending_start else self._ends_at
                if when > target:
                    break
                self.clock.now = max(self.clock.now, when)
                if pending_start:
                    self._started_locked(utt.seq, self.clock.now)
                else:
                    self._playing = None
                    self._finished_locked(utt.seq, True)
            self._deliver()
        self.clock.now = target

    @property
    def audible(self) -> bool:
        return self.available and not self._silent

    def lose_sound(self, kind: str, text: str) -> None:
        """Act as if there were no sound device: cues keep time, nobody hears them."""
        with self._lock:
            self._silent = True
            self._tell(kind, text)
        self._deliver()

    def lose_engine(self, kind: str, text: str) -> None:
        """Act as if the engine went away (missing, crashed for good)."""
        self._engine_lost(kind, text)
