"""pyttsx3's public API, the same on every OS: each cue becomes a WAV file, played by
the worker's own sink (backcoach/speech/sinks.py).

    engine = pyttsx3.init()
    engine.save_to_file(text, path); engine.runAndWait()
    ... and wait for the documented "finished-utterance" callback

The callback matters: with pyttsx3 2.99's espeak driver, ``runAndWait()`` returns
about 10 ms after synthesis *starts* (its loop ends before espeak-ng's thread has
written the file; measured: a long cue's file was not there yet on return), and the
driver raises "finished-utterance" once the file is written. Windows' SAPI5 driver
writes the file synchronously inside ``runAndWait()`` and raises nothing for a save,
so there the return is the signal. See docs/speech.md for what was measured.

Clips are kept in a cache folder shared by the workers, keyed by everything that
changes the sound, so a cue synthesised ahead of time (``prepare``) or once before is
played without synthesis. Each clip is paced (never faster than the runner's rate,
measured on the voiced part) and its engine-added silences trimmed.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any

from backcoach.speech import clips
from backcoach.speech.base import MIN_WPM
from backcoach.speech.notices import SpeechProblem
from backcoach.speech.sinks import Clip

log = logging.getLogger(__name__)

SYNTH_TIMEOUT_S = 10.0  # a save that has not finished by then counts as failed
SYNTH_TRIES = 4
PROPERTY_SETTLE_S = 0.03  # see _set
SETTLE_S = 0.03  # after a save the driver may report once more within a millisecond or two
PACE_VERSION = 1  # bump when the shaping changes, so old cached clips are not used


class EngineMissing(SpeechProblem):
    """The engine cannot run here (not installed, or would not start)."""


def _init_com() -> None:
    """SAPI5 is COM: a process's main thread must join an apartment before using it."""
    for module in ("pythoncom", "comtypes"):
        try:
            imported = __import__(module)
        except ImportError:
            continue
        imported.CoInitialize()
        return


def pyttsx3_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyttsx3")
    except PackageNotFoundError:
        return "unknown"


class Pyttsx3Engine:
    name = "pyttsx3"

    def __init__(self, cache_dir: Path | None = None) -> None:
        if sys.platform == "win32":
            _init_com()
        try:
            import pyttsx3  # type: ignore[import-untyped]
        except ImportError as exc:
            raise EngineMissing("no-pyttsx3", f"pyttsx3 is not installed ({exc})") from exc
        try:
            self._engine: Any = pyttsx3.init()
        except (RuntimeError, OSError, ImportError) as exc:
            # pyttsx3's espeak driver raises RuntimeError when espeak-ng is missing.
            kind = "no-espeak" if sys.platform not in ("win32", "darwin") else "no-engine"
            raise EngineMissing(kind, f"{type(exc).__name__}: {exc}") from exc
        self.version = pyttsx3_version()
        self._done = threading.Event()
        self._completed = False
        self._engine.connect("finished-utterance", self._finished)
        self._voices = [(str(v.id), str(v.name)) for v in self._engine.getProperty("voices")]
        self._voice_id = str(self._engine.getProperty("voice") or "")
        self._rate, self._volume = 165, 1.0
        self._memo: dict[str, Clip] = {}
        self._applied: dict[str, Any] = {}  # properties as last set on the engine
        if cache_dir is None:
            cache_dir = Path(tempfile.mkdtemp(prefix="backcoach-voice-"))
            atexit.register(shutil.rmtree, cache_dir, True)
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)

    # -- settings ----------------------------------------------------------------------

    def configure(self, rate: int, volume: float, voice: str) -> str:
        """Apply settings; returns the name of the voice in use."""
        self._rate, self._volume = int(rate), float(volume)
        self._set("volume", self._volume)
        wanted = self._voice_id_for(voice)
        if wanted and wanted != self._voice_id:
            try:
                self._set("voice", wanted)
                self._voice_id = wanted
            except (ValueError, KeyError, OSError) as exc:
                log.info("voice %r not usable (%s); keeping %r", voice, exc, self._voice_id)
        return dict(self._voices).get(self._voice_id, self._voice_id)

    def _voice_id_for(self, voice: str) -> str:
        """Settings may hold a voice's id or, from older versions, its name."""
        for vid, name in self._voices:
            if voice in (vid, name):
                return vid
        return ""

    def voices(self) -> list[tuple[str, str]]:
        return list(self._voices)

    # -- clips ---------------------------------------------------------------------------

    def clip(self, text: str) -> Clip:
        """The cue's audio: from memory, from the shared cache, or synthesised now."""
        key = self._key(text)
        clip = self._memo.get(key)
        if clip is not None:
            return clip
        path = self.cache_dir / f"{key}.wav"
        try:
            clip = _load(path, synthesised_now=False)
        except (OSError, EOFError, wave.Error):
            clip = self._make(text, path)
        self._memo[key] = clip
        return clip

    def has_clip(self, text: str) -> bool:
        key = self._key(text)
        return key in self._memo or (self.cache_dir / f"{key}.wav").exists()

    def save(self, text: str, path: Path) -> float:
        clip = self.clip(text)
        _write_wav(Path(path), clip.pcm, clip.rate)
        return clip.seconds

    def _key(self, text: str) -> str:
        parts = [self.version, PACE_VERSION, self._voice_id, self._rate, self._volume, text]
        return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:32]

    def _make(self, text: str, path: Path) -> Clip:
        pcm, rate = self._synthesize(text, self._rate)
        wpm = clips.words_per_minute(text, pcm, rate)
        slower = clips.slower_rate(self._rate, wpm, self._rate, MIN_WPM)
        for _attempt in range(SYNTH_TRIES if slower is not None else 0):
            # The driver can drop a rate change (see _synthesize): keep the slower result.
            again, got = self._synthesize(text, slower or self._rate)
            paced = clips.words_per_minute(text, again, got)
            if paced < wpm * 0.97:
                pcm, rate, wpm = again, got, paced
                break
            self._settle()
        pcm = clips.trim(pcm, rate)
        _write_wav(path, pcm, rate)
        return Clip(pcm, rate, path, wpm=wpm, synthesised_now=True)

    def _set(self, name: str, value: Any) -> None:
        """Change an engine property, only when it changes, and give it time to land.

        With 2.99's espeak driver a property reaches espeak-ng asynchronously; a save
        started meanwhile finds espeak-ng "playing", and the driver's ``runAndWait``
        then cancels it (and the property change with it). Measured: the second save
        of a new engine failed that way in about one process in four; with the pause,
        none in 200 (see docs/speech.md). Results are checked all the same."""
        if self._applied.get(name) == value:
            return
        self._engine.setProperty(name, value)
        self._applied[name] = value
        time.sleep(PROPERTY_SETTLE_S)

    def _finished(self, completed: bool = True, **_kw: Any) -> None:
        self._completed = bool(completed)
        self._done.set()

    def _settle(self, quiet_s: float = 0.1, limit_s: float = 2.0) -> None:
        """Wait until the engine has reported nothing for ``quiet_s``."""
        for _ in range(int(limit_s / quiet_s)):
            if not self._done.wait(quiet_s):
                return
            self._done.clear()

    def _synthesize(self, text: str, rate: int) -> tuple[bytes, int]:
        """``save_to_file`` + ``runAndWait`` into a private file; its samples and rate.

        Each result is checked and a bad one made again once the engine has gone quiet:
        measured with 2.99's espeak driver, the second save of a new engine sometimes
        gets a late "finished" left over from the first (an empty file, reported
        complete) and is then cancelled by the driver (reported incomplete), about one
        process in four."""
        fd, name = tempfile.mkstemp(prefix=".synth-", suffix=".wav", dir=self.cache_dir)
        os.close(fd)
        tmp = Path(name)
        try:
            for _attempt in range(SYNTH_TRIES):
                tmp.unlink(missing_ok=True)  # the engine creates it; empty would look done
                self._set("rate", rate)
                self._done.clear()
                self._completed = False
                self._engine.save_to_file(text, str(tmp))
                self._engine.runAndWait()
                if sys.platform == "win32":  # SAPI5 saves synchronously, says nothing
                    self._completed = tmp.exists()
                elif not self._done.wait(SYNTH_TIMEOUT_S):
                    raise RuntimeError(f"the engine did not finish {text!r}")
                if self._completed:
                    if sys.platform == "darwin":
                        _to_wav(tmp)
                    with contextlib.suppress(OSError, EOFError, wave.Error, RuntimeError):
                        pcm, got = _read_pcm(tmp)
                        if clips.voiced_span(pcm, got)[1] > 0:
                            self._settle(SETTLE_S)  # let a late report pass before the next
                            return pcm, got
                log.info("the engine's save of %r was empty or cancelled; again", text)
                self._settle()
            raise RuntimeError(f"the engine kept failing to synthesise {text!r}")
        finally:
            tmp.unlink(missing_ok=True)


def _to_wav(path: Path) -> None:
    """macOS's synthesiser writes AIFF whatever the name; make it 16-bit mono WAV."""
    import subprocess

    out = path.with_suffix(".conv.wav")
    subprocess.run(
        ["afconvert", "-f", "WAVE", "-d", "LEI16", "-c", "1", str(path), str(out)],
        check=True,
        capture_output=True,
    )
    os.replace(out, path)


def _read_pcm(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path), "rb") as w:
        if (w.getnchannels(), w.getsampwidth()) != (1, 2):
            raise RuntimeError(
                f"expected 16-bit mono from the engine, got {w.getnchannels()} channels "
                f"of {8 * w.getsampwidth()} bits"
            )
        return w.readframes(w.getnframes()), w.getframerate()


def _load(path: Path, *, synthesised_now: bool) -> Clip:
    pcm, rate = _read_pcm(path)
    return Clip(pcm, rate, path, synthesised_now=synthesised_now)


def _write_wav(path: Path, pcm: bytes, rate: int) -> None:
    """Atomically: a reader (the other worker) never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=".clip-", suffix=".wav", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh, wave.open(fh, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
