"""pyttsx3's own engine (SAPI5 on Windows, NSSpeechSynthesizer on macOS) in the worker.

Used where espeak-ng is not the platform voice. One utterance at a time: ``say`` then
``runAndWait`` per cue, because queued ``say`` calls can speak only the last one. The
engine plays through the system itself, so there is no sink; "started" is pyttsx3's
``started-utterance`` notification (SAPI5 raises it when the audio stream starts).
NOT RUN on this project's Linux machines: written to pyttsx3's documented API and
kept small; see docs/speech.md.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from backcoach.speech.engine_espeak import EngineMissing, Started, Tell
from backcoach.speech.sinks import SinkFailed

log = logging.getLogger(__name__)


def _init_com() -> None:
    """SAPI5 is COM: a process's main thread must join an apartment before using it."""
    for module in ("pythoncom", "comtypes"):
        try:
            imported = __import__(module)
        except ImportError:
            continue
        imported.CoInitialize()
        return


class Pyttsx3Engine:
    name = "pyttsx3"
    sample_rate = 0
    sink_name = "system"
    audible = True

    def __init__(self, tell: Tell) -> None:
        _init_com()
        try:
            import pyttsx3  # type: ignore[import-untyped]

            self._engine: Any = pyttsx3.init()
        except (ImportError, RuntimeError, OSError) as exc:
            raise EngineMissing("no-engine", str(exc)) from exc
        self._tell = tell
        self._on_started: Started | None = None
        self._engine.connect("started-utterance", self._started)

    def choose_sink(self, requested: str) -> SinkFailed | None:
        if requested == "null":
            log.warning("the %s engine plays through the system; null sink ignored", self.name)
        return None

    def configure(self, rate: int, volume: float, voice: str) -> str:
        self._engine.setProperty("rate", int(rate))
        self._engine.setProperty("volume", float(volume))
        if voice:
            self._engine.setProperty("voice", voice)
        return str(voice)

    def voices(self) -> list[tuple[str, str]]:
        return [(str(v.id), str(v.name)) for v in self._engine.getProperty("voices")]

    def speak(self, text: str, on_started: Started) -> float:
        fired: list[float] = []

        def started(t: float, audio_s: float) -> None:
            fired.append(t)
            on_started(t, audio_s)

        self._on_started = started
        t0 = time.monotonic()
        self._engine.say(text)
        self._engine.runAndWait()
        if not fired:  # the driver stayed silent about it: the best we know is "at say"
            on_started(t0, 0.0)
        return time.monotonic() - (fired[0] if fired else t0)

    def save(self, text: str, path: Path) -> float:
        self._engine.save_to_file(text, str(path))
        self._engine.runAndWait()
        if not Path(path).exists():
            raise OSError(f"{self.name} did not write {path}")
        return 0.0

    def _started(self, **_kw: Any) -> None:
        if self._on_started is not None:
            self._on_started(time.monotonic(), 0.0)
