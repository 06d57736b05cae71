"""A Speaker whose decisions come from ``CuePolicy``; backends only start and cut sound.

A backend implements ``_start(utt)`` and ``_cut(utt)`` (both called with the lock held,
both must return at once) and reports back with ``_utterance_started``,
``_utterance_finished`` and ``_engine_lost``.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from typing import Any

from backcoach.core.cues import Cue
from backcoach.speech.base import Speaker
from backcoach.speech.policy import Action, Clock, CuePolicy, Cut, Drop, Speak, Utterance


class PolicySpeaker(Speaker):
    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self._clock = clock
        self._policy = CuePolicy(clock)
        self._available = True
        self._closed = False
        self._cond = threading.Condition(self._lock)  # notified whenever anything changes

    # -- Speaker ---------------------------------------------------------------------

    def say(self, cue: Cue, due: float) -> None:
        with self._lock:
            if self._closed or not self._available:
                reason = "closed" if self._closed else "unavailable"
                self._emit("dropped", cue, reason)
            else:
                self._apply(self._policy.offer(cue, due))
        self._deliver()

    def stop(self) -> None:
        with self._lock:
            self._apply(self._policy.stop("stopped"))
        self._deliver()

    def set_muted(self, muted: bool) -> None:
        with self._lock:
            self._muted = bool(muted)
            self._apply(self._policy.set_muted(self._muted))
        self._deliver()

    @property
    def available(self) -> bool:
        return self._available

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._apply(self._policy.stop("closed"))
            self._closed = True
        self._deliver()

    def drain(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(
                lambda: self._policy.current is None and not self._policy.queued, timeout
            )

    def latencies(self) -> list[float]:
        """Due → started, seconds, for every utterance that started so far."""
        with self._lock:
            return self._policy.latency.values()

    @property
    def current(self) -> Cue | None:
        utt = self._policy.current
        return utt.cue if utt else None

    @property
    def queued(self) -> list[Cue]:
        with self._lock:
            return self._policy.queued

    # -- for backends ----------------------------------------------------------------

    @abstractmethod
    def _start(self, utt: Utterance) -> None:
        """Begin saying ``utt``; report ``_utterance_started`` when it is heard."""

    @abstractmethod
    def _cut(self, utt: Utterance) -> None:
        """Silence ``utt`` now; it must not be reported as started or finished after."""

    def _emit(self, kind: str, *args: Any) -> None:
        super()._emit(kind, *args)
        self._cond.notify_all()

    def _apply(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, Speak):
                self._start(action.utt)
            elif isinstance(action, Cut):
                self._cut(action.utt)
                self._emit("finished", action.utt.cue, False)
            elif isinstance(action, Drop):
                self._emit("dropped", action.utt.cue, action.reason)

    # Each report has a ``_locked`` form for backends that already hold the lock; the
    # plain form takes the lock and then runs the callbacks after releasing it.

    def _utterance_started(self, seq: int, at: float) -> None:
        with self._lock:
            self._started_locked(seq, at)
        self._deliver()

    def _utterance_finished(self, seq: int, completed: bool) -> None:
        with self._lock:
            self._finished_locked(seq, completed)
        self._deliver()

    def _engine_lost(self, kind: str, text: str) -> None:
        with self._lock:
            self._lost_locked(kind, text)
        self._deliver()

    def _started_locked(self, seq: int, at: float) -> None:
        current = self._policy.current
        latency = self._policy.started(seq, at)
        if latency is not None and current is not None:
            self._emit("started", current.cue, latency)

    def _finished_locked(self, seq: int, completed: bool) -> None:
        utt, actions = self._policy.finished(seq)
        if utt is not None:
            self._emit("finished", utt.cue, completed)
            self._apply(actions)

    def _abandon_locked(self, seq: int, reason: str) -> None:
        self._apply(self._policy.abandon(seq, reason))

    def _lost_locked(self, kind: str, text: str) -> None:
        """No more speech this session: tell the runner once, drop everything."""
        self._available = False
        self._tell(kind, text)
        self._apply(self._policy.stop("unavailable"))
