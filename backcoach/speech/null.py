"""Captions only: a speaker that says nothing, for ``--mute``, tests and a lost engine."""

from __future__ import annotations

from dataclasses import replace

from backcoach.core.cues import Cue
from backcoach.speech.base import Speaker
from backcoach.speech.status import SpeakerState


class NullSpeaker(Speaker):
    """Drops every cue. With ``notice`` (and its ``kind``) the runner is told why, once."""

    def __init__(self, notice: str = "", kind: str = "captions-only") -> None:
        super().__init__()
        if notice:
            with self._lock:
                self._tell(kind, notice)

    @property
    def available(self) -> bool:
        return False

    def say(self, cue: Cue, due: float) -> None:
        with self._lock:
            self._emit("dropped", cue, "muted" if self._muted else "unavailable")
        self._deliver()

    def stop(self) -> None:
        pass

    def state(self) -> SpeakerState:
        return replace(super().state(), enabled=False)
