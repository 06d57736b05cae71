"""espeak-ng through pyttsx3's ctypes binding, synchronous, on the worker's main thread.

Why not ``pyttsx3.init()`` + ``say()`` + ``runAndWait()`` here: with the pyttsx3 2.98
that this project's environment holds and espeak-ng 1.51, its espeak driver initialises
espeak-ng in asynchronous mode (callbacks on espeak's own thread, ``runAndWait``
returns before the audio is played) and writes each sentence's WAV *before* appending
the samples delivered in the same callback as the end-of-sentence event. Measured: "Go"
plays 0 s of audio, "3, 2, 1" plays the "3" and "2" late and never the "1", and the tail
of one cue leaks into the next. pyttsx3 2.99 fixes the audio but still plays on espeak's
thread. So the worker keeps pyttsx3's library loading (``pyttsx3.drivers._espeak``,
which raises RuntimeError when espeak-ng is missing) and drives it itself:
``espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS)`` makes ``Synth`` return only when every
sample has been delivered, on the calling thread; the samples go to a sink we own.
"""

from __future__ import annotations

import ctypes
import os
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from backcoach.speech.notices import SpeechProblem
from backcoach.speech.sinks import AplaySink, NullSink, SinkFailed, choose_sink

Tell = Callable[[str, str], None]  # (notice kind, detail)
Started = Callable[[float, float], None]  # (monotonic time, audio seconds)
BUFFER_MS = 200  # size of the chunks espeak hands us; any size works in synchronous mode


class EngineMissing(SpeechProblem):
    """The engine cannot run here (not installed, or would not start)."""


class EspeakEngine:
    name = "espeak-ng"

    def __init__(self, tell: Tell) -> None:
        try:
            from pyttsx3.drivers import _espeak  # type: ignore[import-untyped]
        except ImportError as exc:
            raise EngineMissing("no-pyttsx3", f"pyttsx3 is not installed ({exc})") from exc
        except (RuntimeError, OSError) as exc:  # pyttsx3 raises RuntimeError, ctypes OSError
            raise EngineMissing("no-espeak", str(exc)) from exc
        self._es: Any = _espeak
        rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS)
        if rate <= 0:
            raise EngineMissing("no-espeak", "espeak-ng is installed but would not start")
        self.sample_rate = int(rate)
        self._tell = tell
        self._chunks: list[bytes] = []
        _espeak.SetSynthCallback(self._on_synth)
        self._sink: AplaySink | NullSink = NullSink()

    @property
    def sink_name(self) -> str:
        return self._sink.name

    @property
    def audible(self) -> bool:
        return self._sink.audible

    def choose_sink(self, requested: str) -> SinkFailed | None:
        self._sink, failure = choose_sink(requested, self.sample_rate)
        return failure

    def configure(self, rate: int, volume: float, voice: str) -> str:
        """Apply settings; returns the voice actually in use."""
        es = self._es
        es.SetParameter(es.RATE, int(rate), 0)
        es.SetParameter(es.VOLUME, round(volume * 100), 0)
        if not voice or es.SetVoiceByName(voice.encode("utf-8")) != es.EE_OK:
            es.SetVoiceByName(b"en")
        current = es.GetCurrentVoice()
        return current.contents.name.decode("utf-8", "replace") if current else ""

    def voices(self) -> list[tuple[str, str]]:
        # espeak-ng's names already say the language and region ("English (America)"),
        # and SetVoiceByName takes the name, so it doubles as the id (as in pyttsx3).
        names = {v.name.decode("utf-8", "replace") for v in self._es.ListVoices(None)}
        return [(name, name) for name in sorted(names, key=str.casefold)]

    def synthesize(self, text: str) -> bytes:
        """Every sample for ``text`` (16-bit mono at ``sample_rate``)."""
        self._chunks = []
        rc = self._es.Synth(text.encode("utf-8"), flags=self._es.CHARS_UTF8)
        if rc != self._es.EE_OK:
            raise RuntimeError(f"espeak-ng refused the text (error {rc})")
        pcm = b"".join(self._chunks)
        self._chunks = []
        return pcm

    def speak(self, text: str, on_started: Started) -> float:
        """Synthesise, then play; blocks until played. Returns the audio length (s)."""
        pcm = self.synthesize(text)
        audio_s = len(pcm) / 2 / self.sample_rate
        started: list[float] = []

        def begin(t: float) -> None:
            started.append(t)
            on_started(t, audio_s)

        try:
            self._sink.play(pcm, self.sample_rate, begin)
        except SinkFailed as exc:
            # The device went away (or was never there): keep time with the null sink so
            # the session's pacing stays right, and tell the runner once.
            self._tell(exc.kind, exc.detail)
            self._sink = NullSink()
            self._sink.play(pcm, self.sample_rate, (lambda _t: None) if started else begin)
        return audio_s

    def save(self, text: str, path: Path) -> float:
        pcm = self.synthesize(text)
        write_wav(path, pcm, self.sample_rate)
        return len(pcm) / 2 / self.sample_rate

    def _on_synth(self, wav: Any, numsamples: int, events: Any) -> int:
        # Samples first: espeak sends the end-of-sentence event with the last samples.
        if wav and numsamples > 0:
            self._chunks.append(ctypes.string_at(wav, numsamples * 2))
        return 0


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    """Atomically: a reader never sees half a file, a failure leaves none."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".speech-", suffix=".wav", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh, wave.open(fh, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
