"""Real audio: aplay through the ALSA pulse plugin into a private PulseAudio null sink.

The null sink consumes audio at the real rate, like a sound card; ``logged_aplay``
puts a logging wrapper in front of the real aplay (tests/bin/aplay) so each play's
start, end and size can be checked. See tests/audio_server.py.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backcoach.core.cues import Cue, CueKind
from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker
from backcoach.speech.sinks import PIPE_BYTES
from backcoach.speech.wavfile import save_wav
from tests.audio_server import PlayLog, alive, logged_aplay, pulse_server, real_audio  # noqa: F401
from tests.conftest import REPO
from tests.speech_helpers import WAIT_S, Events, _group_members, no_leaks  # noqa: F401

pytestmark = [
    pytest.mark.speech,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ALSA and PulseAudio"),
]

LONG = Cue(0.0, "Lovely work. Keep your breathing slow and easy, and let your ribs soften.",
           CueKind.ENCOURAGE)  # fmt: skip
THREE = Cue(0.0, "3", CueKind.COUNTDOWN)
SWITCH = Cue(0.0, "Switch sides: right side.", CueKind.SWITCH)
CLOSING = "That's the session done. Well done. Notice how your back feels now."
SHORT_ROUTINE = """\
id = "short-check"
name = "Short knee lift check"
purpose = "Two knee lifts a side: the real-audio test's routine."
when = "any"
rest_between_exercises_s = 0
ours = ["rest_between_exercises_s", "items[0].reps"]
equipment = ["mat"]
sources = ["004_95edb248a2beb166.txt"]

[[items]]
exercise = "prone-knee-lift-check"
reps = 2
"""


def _backcoach(data: Path, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(data), *argv],
        cwd=REPO, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _planned(data: Path) -> list[tuple[float, str]]:
    out = _backcoach(data, "plan", "short-check", "--prepare", "3", "--json")
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    return [(c["at_s"], c["text"]) for s in plan["segments"] for c in s["cues"]]


@pytest.mark.usefixtures("no_leaks")
def test_a_real_run_at_speed_1_plays_every_cue_once_whole_and_the_closing_line_to_its_end(
    logged_aplay: PlayLog, data_dir: Path
) -> None:
    (data_dir / "routines").mkdir(parents=True)
    (data_dir / "routines" / "short-check.toml").write_text(SHORT_ROUTINE)
    planned = _planned(data_dir)
    assert planned[-1][1] == CLOSING
    closing_s = save_wav(CLOSING, data_dir / "closing.wav")  # the same engine and shaping
    logged_aplay.path.unlink(missing_ok=True)  # save_wav plays nothing; start clean
    out = _backcoach(data_dir, "run", "short-check", "--speed", "1", "--prepare", "3",
                     "--pain-before", "4", "--pain-after", "2")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "the warning signs are not checked" in out.stderr

    plays = logged_aplay.plays()[1:] if _is_probe(logged_aplay.plays()[0]) else logged_aplay.plays()
    assert len(plays) == len(planned), (planned, plays)  # every planned cue, once
    for play in plays:
        assert play.get("rc") == 0 and "end_t" in play, f"cut short or failed: {play}"
    for a, b in itertools.pairwise(plays):
        assert b["first_t"] >= a["end_t"], f"two cues overlap: {a} {b}"  # one voice at a time

    log = (data_dir / "logs" / "backcoach.log").read_text()
    t0 = float(re.findall(r"session started at monotonic ([\d.]+)", log)[-1])
    late = [play["first_t"] - (t0 + at) for (at, _), play in zip(planned, plays, strict=True)]
    median, worst = statistics.median(late), max(late)
    print(f"\nreal audio, {len(plays)} cues: due → played median {median * 1e3:.0f} ms, "
          f"worst {worst * 1e3:.0f} ms")  # fmt: skip
    assert min(late) > -0.05 and median < 0.15 and worst < 0.4  # 0.4 s: a countdown's slack

    closing = plays[-1]  # every sample of the closing line went through and was played out
    expected = max(round(closing_s * 22050) * 2, 2 * PIPE_BYTES + 1024)
    assert closing["bytes"] == expected
    assert closing["end_t"] - closing["first_t"] >= closing_s - 0.05

    history = json.loads(_backcoach(data_dir, "history", "--json").stdout)
    (session,) = history["sessions"]
    assert (session["pain_before"], session["pain_after"], session["status"]) == (4, 2, "completed")
    assert {"kind": "red-flags", "value": "not-asked"}.items() <= session["events"][0].items()


def _is_probe(play: dict) -> bool:
    """The device check plays a moment of silence, 2 pipes and a chunk, then is killed."""
    return "end_t" not in play


@pytest.mark.usefixtures("no_leaks")
def test_sigkill_of_a_speaking_worker_silences_its_player_and_the_next_cue_is_on_time(
    real_audio,
) -> None:
    with Pyttsx3Speaker(sink="auto") as sp:
        events = Events(sp)
        assert sp.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)
        assert sp.audible, sp.notices()
        sp.say(LONG, time.monotonic())
        events.wait("started", LONG.text)
        worker = next(e[2] for e in sp.stats.trace if e[:2] == ("started", LONG.text))
        (spare,) = [pid for pid in sp.ready_pids if pid != worker]
        players = [pid for pid, _, _, cmd in _group_members(worker) if "aplay" in cmd]
        assert players and all(alive(p) for p in players), "aplay is playing the long line"
        os.kill(worker, signal.SIGKILL)
        killed = time.monotonic()
        while any(alive(p) for p in players) and time.monotonic() - killed < 1.0:
            pass  # polling the player's state, no sleep: we are timing it
        gone_s = time.monotonic() - killed
        print(f"\nplayer gone {gone_s * 1e3:.1f} ms after SIGKILL of its worker")
        assert gone_s <= 0.3, f"aplay still sounding {gone_s:.3f} s after its worker died"
        assert events.wait("finished", LONG.text)[2] is False
        due = time.monotonic()
        sp.say(THREE, due)
        latency = events.wait("started", THREE.text)[2]
        assert next(e[2] for e in sp.stats.trace if e[:2] == ("started", "3")) == spare
        assert latency <= THREE.slack_s, f"the next cue started {latency:.3f} s late"
        events.wait("finished", THREE.text)


@pytest.mark.usefixtures("no_leaks")
def test_a_hung_player_is_killed_and_the_cue_played_by_the_spare_with_no_false_start(
    logged_aplay: PlayLog, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("APLAY_HANG_ONCE", str(tmp_path / "hung-once"))  # the first play
    with Pyttsx3Speaker(sink="device") as sp:  # no device check: it would be the first play
        events = Events(sp)
        assert sp.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)
        due = time.monotonic()
        sp.say(SWITCH, due)
        latency = events.wait("started", SWITCH.text)[2]
        assert events.wait("finished", SWITCH.text)[2] is True
        assert 0.9 <= latency <= 2.0, "found hung within a second or two, then handed on"
        for n in ("3", "2", "1"):
            cue = Cue(0.0, n, CueKind.COUNTDOWN)
            sp.say(cue, time.monotonic())
            events.wait("finished", cue.text)
        hung = [e for e in logged_aplay.entries() if e.get("hung")]
        assert len(hung) == 1 and not alive(hung[0]["pid"])
        played = [p for p in logged_aplay.plays() if "end_t" in p]
        started = events.of("started")
        assert [e[1] for e in started] == [SWITCH.text, "3", "2", "1"]
        assert len(played) == len(started)  # nothing reported started that was not played
        assert sp.stats.stalls == 1 and sp.stats.crashes == 0 and sp.stats.handed_over == 1
        assert len(events.of("notice")) <= 1 and sp.available and sp.audible


@pytest.mark.usefixtures("no_leaks")
def test_the_device_is_checked_once_per_program_start(logged_aplay: PlayLog) -> None:
    for _ in range(2):
        with Pyttsx3Speaker(sink="auto") as sp:
            assert sp.wait_until(lambda s: len(s.ready_pids) == 2, WAIT_S)
            assert sp.audible
    spawns = [e for e in logged_aplay.entries() if "spawn_t" in e]
    assert len(spawns) == 1  # two speakers, four workers: one check


@pytest.mark.usefixtures("no_leaks")
def test_a_device_that_does_not_answer_is_given_up_quickly_with_one_notice(
    logged_aplay: PlayLog, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("APLAY_HANG_ONCE", str(tmp_path / "hung-once"))
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent-but-a-new-key-for-the-check")
    t0 = time.monotonic()
    with Pyttsx3Speaker(sink="auto") as sp:
        events = Events(sp)
        assert sp.wait_ready(WAIT_S)
        assert time.monotonic() - t0 < 5.0
        (notice,) = [e[1] for e in events.of("notice")]
        assert "did not answer" in notice
        assert not sp.audible and sp.available
