"""Speech figures beyond the smooth-window run (benchmarks/speech.py calls these):

- pace: words a minute over the voiced part, per cue length, as the engine says them at
  the runner's rate (raw) and as backcoach plays them (paced, trimmed);
- recovery, through a real player (aplay → ALSA pulse plugin → a private PulseAudio
  null sink, as in the tests): SIGKILL of the speaking worker until its player is gone,
  and the next cue's due → started on the spare; a player that hangs until the cue is
  heard from the spare; the once-per-start device check.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Row

RATE = 165
BY_LENGTH = {
    "1 word": ["Go", "Lower", "Rest.", "3"],
    "2 words": ["And back", "Last one.", "Switch sides", "Lift it"],
    "3-5 words": ["Hold, 2, 3", "Squeeze and lift", "Switch sides: right side."],
    "6+ words": [
        "Keep your breathing slow and easy.",
        "That's the session done. Well done. Notice how your back feels now.",
    ],
}


def pace() -> dict[str, tuple[float, float]]:
    """{length: (raw wpm, paced wpm)}, medians, at RATE."""
    from backcoach.speech import clips
    from backcoach.speech.engine import Pyttsx3Engine

    with tempfile.TemporaryDirectory() as cache, contextlib.redirect_stdout(io.StringIO()):
        engine = Pyttsx3Engine(Path(cache))  # (pyttsx3 prints a line per save)
        engine.configure(RATE, 1.0, "")
        out = {}
        for length, texts in BY_LENGTH.items():
            raw, paced = [], []
            for text in texts:
                pcm, rate = engine._synthesize(text, RATE)
                raw.append(clips.words_per_minute(text, pcm, rate))
                clip = engine.clip(text)
                paced.append(clips.words_per_minute(text, clip.pcm, clip.rate))
            out[length] = (statistics.median(raw), statistics.median(paced))
    return out


def recovery() -> dict[str, Any] | None:
    """Real-player figures, or None when no private sound server can be started here."""
    import shutil

    if not shutil.which("pulseaudio"):
        return None
    from tests.audio_server import PulseServer

    server = PulseServer.start()
    saved = {k: os.environ.get(k) for k in server.env}
    os.environ.update(server.env)
    try:
        return _recovery()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        server.stop()


def _recovery() -> dict[str, Any]:
    from backcoach.core.cues import Cue, CueKind
    from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker
    from backcoach.speech.sinks import _probe
    from tests.audio_server import alive
    from tests.speech_helpers import Events, _group_members

    t0 = time.monotonic()
    assert _probe(2.0) is None, "the private sound server did not take audio"
    check_ms = (time.monotonic() - t0) * 1e3
    long = Cue(0.0, "Lovely work. Keep your breathing slow and easy, let your ribs soften.",
               CueKind.ENCOURAGE)  # fmt: skip
    three = Cue(0.0, "3", CueKind.COUNTDOWN)
    with Pyttsx3Speaker(sink="device") as sp:
        events = Events(sp)
        sp.wait_until(lambda s: len(s.ready_pids) == 2, 30)
        sp.prepare([long.text, three.text])
        sp.wait_prepared(30)
        sp.say(long, time.monotonic())
        events.wait("started", long.text)
        worker = next(e[2] for e in sp.stats.trace if e[:2] == ("started", long.text))
        players = [pid for pid, _, _, cmd in _group_members(worker) if "aplay" in cmd]
        os.kill(worker, signal.SIGKILL)
        killed = time.monotonic()
        while any(alive(p) for p in players) and time.monotonic() - killed < 2:
            pass
        gone_ms = (time.monotonic() - killed) * 1e3
        sp.say(three, time.monotonic())
        spare_ms = events.wait("started", three.text)[2] * 1e3
    return {"check_ms": check_ms, "player_gone_ms": gone_ms, "spare_ms": spare_ms,
            "hung_ms": _hung_player_ms()}  # fmt: skip


def _hung_player_ms() -> float:
    """A player that never takes audio: say → heard from the spare."""
    import shutil

    from backcoach.core.cues import Cue, CueKind
    from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker
    from tests.audio_server import BIN
    from tests.speech_helpers import Events

    switch = Cue(0.0, "Switch sides: right side.", CueKind.SWITCH)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
               "REAL_APLAY": shutil.which("aplay") or "aplay",
               "APLAY_LOG": f"{tmp}/aplay.jsonl", "APLAY_HANG_ONCE": f"{tmp}/hung"}  # fmt: skip
        with Pyttsx3Speaker(sink="device", env=env) as sp:
            events = Events(sp)
            sp.wait_until(lambda s: len(s.ready_pids) == 2, 30)
            sp.say(switch, time.monotonic())
            return float(events.wait("started", switch.text)[2]) * 1e3


def rows() -> list[Row]:
    out = [
        Row(f"speech: pace, {length} cues (raw → played)", paced, raw, "wpm",
            f"≤ {RATE * 1.04:.0f} wpm", paced <= RATE * 1.04,
            f"rate {RATE}; baseline: the engine's own pace at that rate")
        for length, (raw, paced) in pace().items()
    ]  # fmt: skip
    rec = recovery()
    if rec is None:
        return out
    how = "aplay → ALSA pulse plugin → private PulseAudio null sink"
    return [
        *out,
        Row("speech: sound-device check (once per start)", rec["check_ms"], None, "ms",
            "informational", True, how),
        Row("speech: SIGKILL of the speaking worker → player gone", rec["player_gone_ms"],
            None, "ms", "≤ 300 ms", rec["player_gone_ms"] <= 300, how),
        Row("speech: next cue after that, due → started on the spare", rec["spare_ms"], None,
            "ms", "≤ 150 ms", rec["spare_ms"] <= 150, how),
        Row("speech: hung player → cue heard from the spare", rec["hung_ms"], None, "ms",
            "≤ 2000 ms", rec["hung_ms"] <= 2000, "player hung before taking audio; 1 s stall limit"),
    ]  # fmt: skip
