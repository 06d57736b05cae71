"""Which cue gets the voice: pure logic, an injected clock, shared by every backend.

The rules, in the runner's terms:

- A cue that is already later than its slack (``Cue.slack_s``) is dropped, never
  queued: a "2" said a second after the 2 is worse than silence.
- A cue of higher priority (``Cue.priority``) cuts the one playing short: a countdown may
  interrupt an encouragement, never the other way round.
- A cue of equal or lower priority waits its turn (higher priority first, then in the
  order offered) and is dropped if it has gone stale by the time the voice is free.
- The closing line clears the queue: whatever still waits belongs to a part of the
  session that is over, and the runner should hear the closing line next, whole.
- ``stop()`` (stop, pause, skip) silences at once and forgets everything queued.
- Muted: every cue is dropped (the captions still show it).

The policy decides; the backend acts on the returned actions and reports back when an
utterance starts and finishes.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from backcoach.core.cues import Cue, CueKind

Clock = Callable[[], float]


@dataclass(eq=False)
class Utterance:
    cue: Cue
    due: float
    seq: int
    offered_at: float
    started_at: float | None = None

    @property
    def priority(self) -> int:
        return self.cue.priority

    def late_at(self, now: float) -> float:
        return now - self.due

    def stale_at(self, now: float) -> bool:
        return self.late_at(now) > self.cue.slack_s


@dataclass(frozen=True)
class Speak:
    """Start saying ``utt`` (the voice is free)."""

    utt: Utterance


@dataclass(frozen=True)
class Cut:
    """Silence ``utt`` now; it finishes incomplete."""

    utt: Utterance
    reason: str  # "interrupted", "stopped", "muted", "closed", "unavailable"


@dataclass(frozen=True)
class Drop:
    """``utt`` will never be said."""

    utt: Utterance
    reason: str  # "stale", "muted", "stopped", "unavailable", "closed"


Action = Speak | Cut | Drop


@dataclass
class LatencyLog:
    """Due → started for every utterance that started, in seconds."""

    samples: list[tuple[Cue, float]] = field(default_factory=list)

    def add(self, cue: Cue, latency: float) -> None:
        self.samples.append((cue, latency))

    def values(self) -> list[float]:
        return [latency for _, latency in self.samples]


class CuePolicy:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._seq = itertools.count(1)
        self._queue: list[tuple[int, int, Utterance]] = []  # (-priority, seq, utt)
        self.current: Utterance | None = None
        self.muted = False
        self.latency = LatencyLog()

    def offer(self, cue: Cue, due: float) -> list[Action]:
        now = self._clock()
        utt = Utterance(cue, due, next(self._seq), now)
        if self.muted:
            return [Drop(utt, "muted")]
        if utt.stale_at(now):
            return [Drop(utt, "stale")]
        dropped: list[Action] = []
        if cue.kind == CueKind.CLOSING:
            dropped = [Drop(old, "stale") for _, _, old in sorted(self._queue)]
            self._queue.clear()
        if self.current is None:
            self.current = utt
            return [*dropped, Speak(utt)]
        if dropped:
            heapq.heappush(self._queue, (-utt.priority, utt.seq, utt))
            return dropped
        if utt.priority > self.current.priority:
            old, self.current = self.current, utt
            return [Cut(old, "interrupted"), Speak(utt)]
        heapq.heappush(self._queue, (-utt.priority, utt.seq, utt))
        return []

    def started(self, seq: int, at: float) -> float | None:
        """The backend heard ``seq`` start at ``at``; returns its latency (None if stale)."""
        utt = self.current
        if utt is None or utt.seq != seq or utt.started_at is not None:
            return None
        utt.started_at = at
        latency = at - utt.due
        self.latency.add(utt.cue, latency)
        return latency

    def finished(self, seq: int) -> tuple[Utterance | None, list[Action]]:
        """``seq`` ended by itself; returns it (None if no longer current) and what next."""
        utt = self.current
        if utt is None or utt.seq != seq:
            return None, []
        self.current = None
        return utt, self._next()

    def abandon(self, seq: int, reason: str) -> list[Action]:
        """The backend could not start ``seq`` (e.g. stale before a worker was ready)."""
        utt = self.current
        if utt is None or utt.seq != seq:
            return []
        self.current = None
        return [Drop(utt, reason), *self._next()]

    def stop(self, reason: str = "stopped") -> list[Action]:
        actions: list[Action] = [Drop(utt, reason) for _, _, utt in sorted(self._queue)]
        self._queue.clear()
        if self.current is not None:
            actions.insert(0, Cut(self.current, reason))
            self.current = None
        return actions

    def set_muted(self, muted: bool) -> list[Action]:
        self.muted = muted
        return self.stop("muted") if muted else []

    def is_stale(self, utt: Utterance) -> bool:
        return utt.stale_at(self._clock())

    @property
    def queued(self) -> list[Cue]:
        return [utt.cue for _, _, utt in sorted(self._queue)]

    def _next(self) -> list[Action]:
        now = self._clock()
        actions: list[Action] = []
        while self._queue:
            _, _, utt = heapq.heappop(self._queue)
            if utt.stale_at(now):
                actions.append(Drop(utt, "stale"))
                continue
            self.current = utt
            actions.append(Speak(utt))
            break
        return actions
