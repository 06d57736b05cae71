"""Pace and shape of each cue, and the pyttsx3 behaviour the engine relies on.

Real synthesis through pyttsx3's public API in a real worker (``save_wav``), then
measured: words a minute over the voiced part, and the silences around it.
"""

from __future__ import annotations

import array
import importlib.metadata
import threading
import time
import wave
from pathlib import Path

import pytest

from backcoach.core.cues import DEFAULT_WPM
from backcoach.speech import clips
from backcoach.speech.status import SpeakerState, voice_status
from backcoach.speech.wavfile import save_wav
from tests.speech_helpers import no_leaks  # noqa: F401

SHORT = ["Go", "Lower", "And back", "Switch sides", "Hold, 2, 3", "Last one."]
LONG = "Lovely work. Keep your breathing slow and easy, and let your ribs soften."


def _pcm(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path)) as w:
        return w.readframes(w.getnframes()), w.getframerate()


@pytest.mark.speech
@pytest.mark.usefixtures("no_leaks")
def test_short_cues_are_never_faster_than_the_rate_and_long_ones_are_left_alone(
    tmp_path: Path,
) -> None:
    paces = {}
    for n, text in enumerate([*SHORT, LONG]):
        path = tmp_path / f"{n}.wav"
        save_wav(text, path, rate_wpm=DEFAULT_WPM)
        pcm, rate = _pcm(path)
        paces[text] = clips.words_per_minute(text, pcm, rate)
        start, end = clips.voiced_span(pcm, rate)
        assert start <= clips.LEAD_KEEP_S + 0.005, f"{text!r}: {start:.3f} s before the voice"
        assert len(pcm) / 2 / rate - end <= clips.TAIL_KEEP_S + 0.005
    print("\nwpm at", DEFAULT_WPM, {t: round(w) for t, w in paces.items()})
    for text in SHORT:
        assert 0.6 * DEFAULT_WPM <= paces[text] <= DEFAULT_WPM * clips.PACE_TOLERANCE, text
    assert paces[LONG] <= DEFAULT_WPM * clips.PACE_TOLERANCE


def test_the_pace_correction_is_one_step_and_only_slows() -> None:
    assert clips.slower_rate(165, 160.0, 165, 80) is None
    assert clips.slower_rate(165, 230.0, 165, 80) == int(165 * 165 / 230)
    assert clips.slower_rate(165, 2000.0, 165, 80) == 80  # never below the floor
    assert clips.slower_rate(81, 100.0, 80, 80) == 80


def test_trim_keeps_the_voice_and_a_little_silence_either_side() -> None:
    rate = 1000
    voice = array.array("h", [0] * 500 + [5000, -5000] * 100 + [0] * 400)
    pcm = voice.tobytes()
    assert clips.voiced_span(pcm, rate) == (0.5, 0.7)
    trimmed = clips.trim(pcm, rate)
    assert len(trimmed) // 2 == 200 + int(clips.LEAD_KEEP_S * rate) + int(clips.TAIL_KEEP_S * rate)
    assert clips.trim(bytes(100), rate) == bytes(100)  # silence stays as it is
    assert clips.words_per_minute("Go", pcm, rate) == pytest.approx(1 * 60 / 0.2)


@pytest.mark.speech
def test_pyttsx3_raises_finished_utterance_only_once_the_saved_file_is_whole(
    tmp_path: Path,
) -> None:
    """The one pyttsx3 behaviour engine.py relies on beyond its documented calls: its
    ``runAndWait()`` may return before a save is written (2.99's espeak driver does),
    and "finished-utterance" comes once it is. If a new pyttsx3 changes this, this
    test says so before a runner hears a clipped cue."""
    import pyttsx3

    assert importlib.metadata.version("pyttsx3") == "2.99"  # the version measured
    engine = pyttsx3.init()
    done = threading.Event()
    sizes: list[int] = []
    path = tmp_path / "long.wav"

    def finished(**_kw: object) -> None:
        sizes.append(path.stat().st_size if path.exists() else -1)
        done.set()

    engine.connect("finished-utterance", finished)
    t0 = time.monotonic()
    engine.save_to_file(" ".join([LONG] * 3), str(path))
    engine.runAndWait()
    assert done.wait(10.0), "no finished-utterance after save_to_file"
    assert time.monotonic() - t0 < 10.0
    with wave.open(str(path)) as w:
        seconds = w.getnframes() / w.getframerate()
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
    assert sizes == [path.stat().st_size] and seconds > 10  # whole when it was reported


@pytest.mark.parametrize(
    ("state", "kind", "text"),
    [
        (None, "off", "Voice off"),
        (SpeakerState(enabled=False), "off", "Voice off"),
        (SpeakerState(muted=True, ready=True, available=True, audible=True), "off", "Voice off"),
        (SpeakerState(available=True, audible=True), "starting", "Starting the voice…"),
        (SpeakerState(ready=True, available=True, audible=True), "ready", "Voice ready"),
        (
            SpeakerState(ready=True, available=True, audible=False, problems=("no-audio-device",)),
            "captions-no-device",
            "Captions only — no sound device",
        ),
        (
            SpeakerState(ready=True, available=True, audible=True, problems=("player-stuck",)),
            "captions-no-device",
            "Captions only — no sound device",
        ),
        (SpeakerState(problems=("no-espeak",)), "captions", "Captions only — no speech engine"),
        (
            SpeakerState(ready=True, problems=("crashing",)),
            "captions",
            "Captions only — the voice stopped working",
        ),
    ],
)
def test_voice_status_is_one_truthful_line(state, kind, text) -> None:
    status = voice_status(state)
    assert (status.kind, status.text) == (kind, text)
    assert status.voice_on == (kind == "ready")
