"""The Speaker interface every speech backend implements.

A speaker says cues; it never blocks its caller. What it reports goes to plain Python
callbacks (the terminal ``backcoach run`` has no Qt), registered with ``listen()``:

- ``started(cue, latency_s)``: the utterance became audible (see each backend for the
  exact moment); ``latency_s`` is that moment minus the ``due`` time given to ``say()``.
- ``finished(cue, completed)``: ``completed`` is False when it was cut short.
- ``dropped(cue, reason)``: never spoken (``stale``, ``muted``, ``stopped``,
  ``unavailable``, ``closed``).
- ``notice(text)``: a sentence for the runner, each kind told once per speaker.
- ``ready()``: the engine is up and ``voices()`` is filled (once; real backends only).

Callbacks may run on any thread, one at a time, never while the speaker holds its lock,
so a callback may call back into the speaker. Qt code wraps the speaker in
``backcoach.ui.speech_bridge.SpeechBridge`` to get signals on the GUI thread.
Captions are not the speaker's job: the UI shows every cue whatever happens here.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Self

from backcoach.core.cues import Cue, CueKind
from backcoach.core.settings import Settings
from backcoach.speech.status import SpeakerState

log = logging.getLogger(__name__)

StartedFn = Callable[[Cue, float], None]
FinishedFn = Callable[[Cue, bool], None]
DroppedFn = Callable[[Cue, str], None]
NoticeFn = Callable[[str], None]
ReadyFn = Callable[[], None]

MIN_WPM, MAX_WPM = 80, 400  # espeak-ng's usable range; beyond it words smear or clip
SAMPLE_CUE = Cue(0.0, "This is your coach. Three, two, one, go.", CueKind.NOTICE)


@dataclass
class _Listener:
    started: StartedFn | None
    finished: FinishedFn | None
    dropped: DroppedFn | None
    notice: NoticeFn | None
    ready: ReadyFn | None


class Subscription:
    """Returned by ``Speaker.listen``; ``cancel()`` stops the callbacks."""

    def __init__(self, speaker: Speaker, listener: _Listener) -> None:
        self._speaker = speaker
        self._listener = listener

    def cancel(self) -> None:
        self._speaker._remove_listener(self._listener)


class Speaker(ABC):
    """Says cues without blocking; see the module docstring for the callbacks."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._listeners: list[_Listener] = []
        self._events: deque[tuple[str, tuple[Any, ...], tuple[_Listener, ...]]] = deque()
        self._delivering = False
        self._notices: dict[str, str] = {}  # kind -> text, each told once
        self._is_ready = False
        self._voice = ""
        self._rate = 165
        self._volume = 1.0
        self._muted = False

    # -- the interface -------------------------------------------------------------

    @abstractmethod
    def say(self, cue: Cue, due: float) -> None:
        """Speak ``cue``; ``due`` is the ``time.monotonic()`` moment it fell due."""

    @abstractmethod
    def stop(self) -> None:
        """Silence now and drop anything queued (stop, pause, skip)."""

    @property
    @abstractmethod
    def available(self) -> bool:
        """True while cues are being synthesised; False means captions only."""

    @property
    def audible(self) -> bool:
        """True when speech reaches a sound device (False for a null sink)."""
        return self.available

    def voices(self) -> list[tuple[str, str]]:
        """Installed voices as (id, name); empty when unknown or unavailable."""
        return []

    def set_voice(self, voice_id: str) -> None:
        with self._lock:
            self._voice = voice_id
        self._settings_changed()

    def set_rate(self, wpm: int) -> None:
        clamped = max(MIN_WPM, min(MAX_WPM, int(wpm)))
        if clamped != wpm:
            log.info("speech rate %s wpm out of range, using %s", wpm, clamped)
        with self._lock:
            self._rate = clamped
        self._settings_changed()

    def set_volume(self, volume: float) -> None:
        value = float(volume)
        clamped = max(0.0, min(1.0, value)) if value == value else 1.0  # NaN -> full
        with self._lock:
            self._volume = clamped
        self._settings_changed()

    def set_muted(self, muted: bool) -> None:
        with self._lock:
            self._muted = bool(muted)

    @property
    def muted(self) -> bool:
        return self._muted

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    @property
    def voice(self) -> str:
        return self._voice

    def apply_settings(self, settings: Settings) -> None:
        """Voice, rate, volume and mute from the runner's settings."""
        self.set_voice(settings.voice)
        self.set_rate(settings.rate_wpm)
        self.set_volume(settings.volume)
        self.set_muted(settings.muted)

    def test_voice(self) -> Cue:
        """Cut whatever is playing and say a sample line; returns it for the caption."""
        import time

        self.stop()
        self.say(SAMPLE_CUE, time.monotonic())
        return SAMPLE_CUE

    def prepare(self, texts: Sequence[str]) -> None:  # noqa: B027 (optional hook)
        """A session is about to say these lines: get them ready ahead of time, and try
        speech again if it was given up during an earlier session."""

    def wait_ready(self, timeout: float) -> bool:
        """Block until cues can be spoken (True) or never will be (False)."""
        return self.available

    def wait_prepared(self, timeout: float) -> bool:
        """Block until the lines given to ``prepare()`` are ready to be said at once."""
        return True

    def drain(self, timeout: float) -> bool:
        """Block until nothing is playing or waiting, at most ``timeout`` s; True if so."""
        return True

    def state(self) -> SpeakerState:
        """A snapshot for ``speech.status.voice_status``."""
        with self._lock:
            return SpeakerState(
                enabled=True,
                muted=self._muted,
                ready=self._is_ready,
                available=self.available,
                audible=self.audible,
                problems=tuple(self._notices),
            )

    def close(self) -> None:  # noqa: B027 (optional: speakers without workers)
        """Silence and end any worker; the speaker says nothing afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- callbacks -------------------------------------------------------------------

    def listen(
        self,
        *,
        started: StartedFn | None = None,
        finished: FinishedFn | None = None,
        dropped: DroppedFn | None = None,
        notice: NoticeFn | None = None,
        ready: ReadyFn | None = None,
    ) -> Subscription:
        """Register callbacks. Notices and ready, if already told, are replayed to a
        late listener."""
        listener = _Listener(started, finished, dropped, notice, ready)
        with self._lock:
            self._listeners.append(listener)
            for text in self._notices.values():
                self._events.append(("notice", (text,), (listener,)))
            if self._is_ready:
                self._events.append(("ready", (), (listener,)))
        self._deliver()
        return Subscription(self, listener)

    def _remove_listener(self, listener: _Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def notices(self) -> list[str]:
        """Every notice told so far, oldest first."""
        with self._lock:
            return list(self._notices.values())

    def notice_kinds(self) -> list[str]:
        """The kinds of those notices ("no-espeak", "no-audio-device", ...)."""
        with self._lock:
            return list(self._notices)

    # -- for backends ----------------------------------------------------------------

    def _settings_changed(self) -> None:  # noqa: B027 (optional hook)
        """Voice, rate or volume changed; backends push them to their engine."""

    def _emit(self, kind: str, *args: Any) -> None:
        """Queue a callback; call with the lock held, then ``_deliver()`` after release."""
        # Addressed to today's listeners: one that joins before delivery gets the
        # notices replayed by listen() instead, so nobody hears anything twice.
        self._events.append((kind, args, tuple(self._listeners)))

    def _tell(self, kind: str, text: str) -> bool:
        """Queue a notice unless this kind was told before; True when queued."""
        if kind in self._notices:
            return False
        self._notices[kind] = text
        log.warning("speech notice (%s): %s", kind, text)
        self._emit("notice", text)
        return True

    def _forget_notice(self, kind: str) -> None:
        """Let ``kind`` be told again (speech is being tried again)."""
        self._notices.pop(kind, None)

    def _announce_ready(self) -> None:
        """Call with the lock held when the engine first works."""
        if not self._is_ready:
            self._is_ready = True
            self._emit("ready")

    def _deliver(self) -> None:
        """Run queued callbacks outside the lock, one thread at a time, in order."""
        while True:
            with self._lock:
                if self._delivering or not self._events:
                    return
                self._delivering = True
                batch = list(self._events)
                self._events.clear()
                listeners = list(self._listeners)
            try:
                for kind, args, addressees in batch:
                    for listener in addressees:
                        if listener not in listeners:  # cancelled meanwhile
                            continue
                        fn = getattr(listener, kind)
                        if fn is not None:
                            _call(fn, *args)
            finally:
                with self._lock:
                    self._delivering = False


def _call(fn: Callable[..., None], *args: Any) -> None:
    try:
        fn(*args)
    except Exception:  # a broken listener must not silence the coach
        log.exception("speech listener %r failed", fn)
