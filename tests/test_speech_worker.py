"""The pyttsx3/espeak-ng backend with REAL worker processes and the real engine.

No sound card is needed: ``sink="null"`` makes the worker consume the synthesised
samples at the real playback rate, so utterances take their real time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcoach.core.cues import Cue, CueKind, estimate_speech_s
from backcoach.core.settings import Settings
from backcoach.speech.factory import apply_settings
from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker, Watchdog
from backcoach.speech.wavfile import save_wav
from backcoach.speech.worker import TEST_OPS_ENV
from tests.speech_helpers import WAIT_S, Events, analyse_wav, no_leaks  # noqa: F401

pytestmark = [pytest.mark.speech, pytest.mark.usefixtures("no_leaks")]

LONG_TEXT = "Lovely work. Keep your breathing slow and easy, and let your ribs soften."
LONG = Cue(0.0, LONG_TEXT, CueKind.ENCOURAGE)
THREE = Cue(0.0, "3", CueKind.COUNTDOWN)
SWITCH = Cue(0.0, "Switch sides", CueKind.SWITCH)
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="uses Linux library paths")


@pytest.fixture
def speaker():
    sp = Pyttsx3Speaker(sink="null")
    yield sp
    sp.close()


def _started_pid(sp: Pyttsx3Speaker, text: str) -> int:
    return next(e[2] for e in sp.stats.trace if e[0] == "started" and e[1] == text)


def test_a_real_cue_written_to_wav_is_speech(tmp_path: Path) -> None:
    path = tmp_path / "switch.wav"
    audio_s = save_wav("Switch sides", path)
    stats = analyse_wav(path)
    expected = estimate_speech_s("Switch sides")
    assert stats.rate == 22050
    assert stats.seconds == pytest.approx(audio_s, abs=0.01)
    assert 0.5 * expected <= stats.seconds <= 2.0 * expected
    assert stats.voiced >= 0.6  # mostly sound, not a silent file
    assert stats.rms >= 1000  # about -30 dBFS or louder
    # Voice, not hiss or hum: white noise crosses zero ~11,000 times a second here.
    assert 300 <= stats.zero_crossings_per_s <= 8000
    short = tmp_path / "go.wav"
    save_wav("Go", short)
    assert analyse_wav(short).seconds < stats.seconds


def test_utterances_take_their_real_time_in_the_null_sink(speaker) -> None:
    events = Events(speaker)
    assert speaker.wait_ready(WAIT_S)
    due = time.monotonic()
    speaker.say(SWITCH, due)
    latency = events.wait("started", SWITCH.text)[2]
    finished = events.wait("finished", SWITCH.text)
    assert finished[2] is True
    audio_s = next(e[3] for e in speaker.stats.trace if e[0] == "started")
    assert audio_s > 0.5
    # Played out, not dumped: it ends no sooner than its audio after it started.
    assert finished[-1] >= due + latency + 0.95 * audio_s
    assert speaker.audible is False and speaker.available


def _speaking_long_line(speaker: Pyttsx3Speaker) -> tuple[Events, int]:
    """Both workers warm, the long line playing; returns the events and its worker."""
    events = Events(speaker)
    assert speaker.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)
    speaker.say(LONG, time.monotonic())
    events.wait("started", LONG.text)
    return events, _started_pid(speaker, LONG.text)


def test_a_worker_killed_mid_utterance_is_replaced_and_the_next_cue_spoken(speaker) -> None:
    events, victim = _speaking_long_line(speaker)
    os.kill(victim, signal.SIGKILL)
    assert events.wait("finished", LONG.text)[2] is False
    speaker.say(SWITCH, time.monotonic())
    events.wait("started", SWITCH.text)
    assert _started_pid(speaker, SWITCH.text) != victim
    assert speaker.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)  # restarted
    assert victim not in speaker.worker_pids
    assert speaker.stats.crashes == 1 and speaker.stats.spawned == 3


def test_an_interrupting_countdown_goes_to_the_warm_spare(speaker) -> None:
    events, speaking = _speaking_long_line(speaker)
    (spare,) = [pid for pid in speaker.ready_pids if pid != speaking]
    speaker.say(THREE, time.monotonic())
    events.wait("started", THREE.text)
    assert _started_pid(speaker, THREE.text) == spare  # no wait for a new process
    order = [e[:2] for e in events.log if e[0] in ("started", "finished")]
    assert order.index(("finished", LONG.text)) < order.index(("started", THREE.text))
    assert events.wait("finished", LONG.text)[2] is False
    assert speaker.stats.kills == 1 and speaker.stats.crashes == 0
    assert events.wait("finished", THREE.text)[2] is True


@contextlib.contextmanager
def _next_worker_hung(monkeypatch) -> Iterator[tuple[Pyttsx3Speaker, Events, Any]]:
    """Both workers warm, then the one the next cue goes to wedged like a stuck engine."""
    monkeypatch.setenv(TEST_OPS_ENV, "1")
    wd = Watchdog(start_s=1.0, ping_every_s=600.0, backoff_s=0.05)
    with Pyttsx3Speaker(sink="null", watchdog=wd) as sp:
        events = Events(sp)
        assert sp.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)
        hung = sp._idle_slot()
        assert hung is not None
        hung.proc.send({"op": "hang"})
        yield sp, events, hung


def test_a_worker_hung_before_speaking_is_caught_and_its_cue_handed_to_the_spare(
    monkeypatch,
) -> None:
    with _next_worker_hung(monkeypatch) as (sp, events, hung):
        sp.say(SWITCH, time.monotonic())  # 3 s of slack: still worth saying after 1 s
        latency = events.wait("started", SWITCH.text)[2]
        assert 1.0 <= latency < SWITCH.slack_s
        assert _started_pid(sp, SWITCH.text) != hung.proc.pid
        assert events.wait("finished", SWITCH.text)[2] is True
        assert sp.stats.hangs == 1 and sp.stats.handed_over == 1
        assert hung.proc.pid not in sp.worker_pids
        sp.say(THREE, time.monotonic())
        events.wait("started", THREE.text)
        assert sp.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)


def test_a_countdown_stale_by_the_time_its_worker_is_found_hung_is_dropped(
    monkeypatch,
) -> None:
    with _next_worker_hung(monkeypatch) as (sp, events, _hung):
        sp.say(THREE, time.monotonic())  # 0.4 s of slack: a late "3" is worse than none
        assert events.wait("dropped", THREE.text)[2] == "stale"
        assert events.of("started") == []  # never reported as heard


def test_an_idle_worker_that_stops_answering_is_replaced(monkeypatch) -> None:
    monkeypatch.setenv(TEST_OPS_ENV, "1")
    wd = Watchdog(ping_every_s=0.2, pong_s=1.5, backoff_s=0.05)
    with Pyttsx3Speaker(sink="null", watchdog=wd) as sp:
        assert sp.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)
        hung = sp.ready_pids[0]
        sp._slots[0].proc.send({"op": "hang"})
        assert sp.wait_until(lambda s: s.stats.hangs == 1, WAIT_S)
        assert sp.wait_until(lambda s: len(s.ready_pids) == 2 and hung not in s.ready_pids, WAIT_S)


@linux_only
def test_without_espeak_ng_the_session_goes_on_with_captions_and_one_notice(
    tmp_path: Path,
    monkeypatch,
) -> None:
    fake_lib = tmp_path / "lib"
    fake_lib.mkdir()
    (fake_lib / "libespeak-ng.so.1").write_text("not a library")  # found first, fails to load
    monkeypatch.setenv("LD_LIBRARY_PATH", str(fake_lib))
    with Pyttsx3Speaker(sink="null") as sp:
        events = Events(sp)
        assert sp.wait_ready(WAIT_S) is False
        for n in (3, 2, 1):
            sp.say(Cue(0.0, str(n), CueKind.COUNTDOWN), time.monotonic())
        events.wait("dropped", "1")  # reports may come from the speaker's own thread
        dropped = [e[1:3] for e in events.of("dropped")]
        assert dropped == [(str(n), "unavailable") for n in (3, 2, 1)]
        (notice,) = events.of("notice")
        assert "espeak-ng is not installed" in notice[1]
        assert "sudo apt-get install espeak-ng alsa-utils" in notice[1]
        assert not sp.available and sp.stats.spawned <= 2 and sp.worker_pids == []


@linux_only
def test_no_sound_device_is_told_once_and_cues_keep_their_timing(
    tmp_path: Path,
    monkeypatch,
) -> None:
    empty = tmp_path / "asound.conf"
    empty.write_text("")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(empty))  # no PCM devices, on any machine
    with Pyttsx3Speaker(sink="auto") as sp:
        events = Events(sp)
        assert sp.wait_ready(WAIT_S)
        for cue in (SWITCH, THREE):
            sp.say(cue, time.monotonic())
            events.wait("finished", cue.text)
        (notice,) = events.of("notice")
        assert "no sound output was found" in notice[1]
        assert sp.available and not sp.audible


def test_missing_aplay_is_told_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to run there
    with Pyttsx3Speaker(sink="auto") as sp:
        events = Events(sp)
        assert sp.wait_ready(WAIT_S)
        sp.say(THREE, time.monotonic())
        events.wait("finished", THREE.text)
        (notice,) = events.of("notice")
        assert "aplay" in notice[1] and "alsa-utils" in notice[1]


def test_a_worker_that_keeps_crashing_is_given_up_on() -> None:
    wd = Watchdog(backoff_s=0.02, max_crashes=4)
    crasher = [sys.executable, "-c", "raise SystemExit(1)"]
    with Pyttsx3Speaker(sink="null", watchdog=wd, command=crasher) as sp:
        events = Events(sp)
        notice = events.wait("notice")
        assert "kept stopping" in notice[1]
        assert sp.wait_until(lambda s: not s.worker_pids, WAIT_S)
        assert not sp.available
        assert 4 <= sp.stats.spawned <= 5  # backed off, then stopped trying
        sp.say(THREE, time.monotonic())
        assert events.wait("dropped", THREE.text)[2] == "unavailable"
    assert sp.stats.spawned <= 5


def test_voices_are_listed_and_settings_reach_the_engine(speaker) -> None:
    events = Events(speaker)
    assert speaker.wait_ready(WAIT_S)
    names = dict(speaker.voices())
    assert names["gmw/en"] == "English (Great Britain)" and len(names) > 10
    lengths = {}
    for wpm in (110, 300):
        apply_settings(speaker, Settings(voice="English (America)", rate_wpm=wpm, volume=0.8))
        cue = Cue(0.0, f"Switch sides at {wpm}", CueKind.SWITCH)
        speaker.say(cue, time.monotonic())
        events.wait("finished", cue.text)
        lengths[wpm] = next(e[3] for e in speaker.stats.trace if e[:2] == ("started", cue.text))
    assert lengths[110] > 1.8 * lengths[300]
    assert (speaker.rate, speaker.volume, speaker.voice) == (300, 0.8, "English (America)")


def test_test_voice_says_the_sample_line(speaker) -> None:
    events = Events(speaker)
    assert speaker.wait_ready(WAIT_S)
    cue = speaker.test_voice()
    assert events.wait("finished", cue.text)[2] is True
