"""Speech: the window stays smooth while the voice speaks, and cues start on time.

(a) A Qt event loop with a 5 ms probe QTimer records its longest gap while the pyttsx3
    backend speaks a realistic stretch of a session through the SpeechBridge (an
    announcement, a countdown, tempo cues, an encouragement cut short by a countdown, a
    side switch). The baseline is the same loop in the same process, same run, with no
    speech.
(b) Cue due → utterance started: the moment ``say()`` is called to the worker's
    playback-start timestamp (same monotonic clock across processes), for every cue,
    and separately for the countdown that cuts the encouragement (served by the spare).
    Measured twice: with the session's lines prepared ahead (``prepare()``, as every
    session does) and with an empty cache (each cue synthesised through pyttsx3's
    public API when it falls due).
(c) Worker start (spawn → ready), against a bare ``python -c pass`` as the baseline.
(d) Pace per cue length and recovery through a real player: benchmarks/speech_recovery.py.

With no sound card the worker plays into the paced null sink (samples consumed at the
real playback rate), which is the default here; ``--sink device`` plays through aplay.

    PYTHONPATH=. python benchmarks/speech.py [--runs N] [--sink null|auto|device] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.common import Row, format_table

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROBE_MS = 5
# (seconds from the start, text, kind): the shape of a real bridge set and a switch.
SCRIPT: list[tuple[float, str, str]] = [
    (0.0, "Glute bridge, knees bent.", "announce"),
    (2.6, "3", "countdown"),
    (3.6, "2", "countdown"),
    (4.6, "1", "countdown"),
    (5.6, "Go", "go"),
    (6.2, "Lift", "tempo"),
    (8.2, "Hold, 2, 3", "tempo"),
    (11.2, "Lower", "tempo"),
    (12.6, "Nice and steady, keep breathing slowly", "encouragement"),
    (13.4, "3", "countdown"),  # cuts the encouragement short
    (14.4, "2", "countdown"),
    (15.4, "1", "countdown"),
    (16.4, "Switch sides", "switch"),
]
LENGTH_S = 18.0


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["bench-speech"])


def _probe_loop(seconds: float, schedule: list[tuple[float, Any]]) -> float:
    """Run the event loop for ``seconds`` with a 5 ms probe; returns its longest gap (s)."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    ticks: list[float] = []
    loop = QEventLoop()
    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(PROBE_MS)
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    timers = []
    for at, fn in [*schedule, (seconds, loop.quit)]:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(fn)
        timers.append((timer, int(at * 1000)))
    probe.start()
    for timer, ms in timers:
        timer.start(ms)
    loop.exec()
    probe.stop()
    return max(b - a for a, b in itertools.pairwise(ticks))


def _speaking_run(sink: str, prepared: bool = True) -> dict[str, Any]:
    from backcoach.core.cues import Cue, CueKind
    from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker
    from backcoach.ui.speech_bridge import SpeechBridge

    speaker = Pyttsx3Speaker(sink=sink)
    try:
        if not speaker.wait_until(lambda s: len(s.ready_pids) == 2, 30.0):
            raise RuntimeError(f"speech workers did not start: {speaker.notices()}")
        if prepared:
            speaker.prepare([text for _, text, _ in SCRIPT])
            speaker.wait_prepared(30.0)
        bridge = SpeechBridge(speaker)
        started: list[tuple[str, str, float]] = []
        finished: list[tuple[str, bool]] = []
        bridge.started.connect(lambda text, kind, lat: started.append((text, kind, lat)))
        bridge.finished.connect(lambda text, done: finished.append((text, done)))

        def cue_at(text: str, kind: str) -> Any:
            return lambda: bridge.say(Cue(0.0, text, CueKind(kind)), time.monotonic())

        gap = _probe_loop(LENGTH_S, [(at, cue_at(text, kind)) for at, text, kind in SCRIPT])
        bridge.detach()
    finally:
        speaker.close()
    kinds = [k for _, k, _ in started]
    cut_by = kinds.index("countdown", kinds.index("encouragement"))
    return {
        "gap_s": gap,
        "latencies": [lat for _, _, lat in started],
        "interrupt_s": started[cut_by][2],
        "started": len(started),
        "cut": [text for text, done in finished if not done],
        "audible": speaker.audible,
    }


def _boot_s(sink: str) -> tuple[float, float]:
    from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker

    t0 = time.monotonic()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.monotonic() - t0
    t0 = time.monotonic()
    with Pyttsx3Speaker(sink=sink, spare=False) as speaker:
        if not speaker.wait_ready(30.0):
            raise RuntimeError(f"speech worker did not start: {speaker.notices()}")
        boot = time.monotonic() - t0
    return boot, bare


def measure(runs: int, sink: str) -> dict[str, Any]:
    _app()
    base_gaps, gaps, medians, worsts, cuts, boots, bares = [], [], [], [], [], [], []
    details = []
    cold = _speaking_run(sink, prepared=False)["latencies"]
    for _ in range(runs):
        base_gaps.append(_probe_loop(LENGTH_S, []))
        run = _speaking_run(sink)
        details.append(run)
        gaps.append(run["gap_s"])
        medians.append(statistics.median(run["latencies"]))
        worsts.append(max(run["latencies"]))
        cuts.append(run["interrupt_s"])
        boot, bare = _boot_s(sink)
        boots.append(boot)
        bares.append(bare)
    med = statistics.median
    return {
        "runs": runs,
        "sink": sink,
        "audible": all(d["audible"] for d in details),
        "cues_started": [d["started"] for d in details],
        "cues_cut": [d["cut"] for d in details],
        "gap_ms": {"speaking": med(gaps) * 1e3, "baseline": med(base_gaps) * 1e3},
        "gap_ms_runs": {"speaking": _ms(gaps), "baseline": _ms(base_gaps)},
        "latency_ms": {"median": med(medians) * 1e3, "worst": max(worsts) * 1e3},
        "latency_ms_runs": {"median": _ms(medians), "worst": _ms(worsts)},
        "interrupt_ms": med(cuts) * 1e3,
        "cold_ms": {"median": med(cold) * 1e3, "worst": max(cold) * 1e3},
        "boot_ms": {"worker": med(boots) * 1e3, "bare_python": med(bares) * 1e3},
    }


def _ms(seconds: list[float]) -> list[float]:
    return [round(s * 1e3, 2) for s in seconds]


def rows(result: dict[str, Any]) -> list[Row]:
    gap, lat, boot = result["gap_ms"], result["latency_ms"], result["boot_ms"]
    how = f"5 ms probe; baseline: same loop without speech; sink={result['sink']}, " + (
        f"median of {result['runs']} runs"
    )
    return [
        Row("speech: UI loop longest gap while speaking", gap["speaking"], gap["baseline"], "ms",
            "< 16 ms", gap["speaking"] < 16, how),
        Row("speech: cue due → started, median", lat["median"], None, "ms", "≤ 50 ms",
            lat["median"] <= 50),
        Row("speech: cue due → started, worst", lat["worst"], None, "ms", "≤ 150 ms",
            lat["worst"] <= 150),
        Row("speech: cue due → started, synthesised on demand, median",
            result["cold_ms"]["median"], None, "ms", "informational", True,
            "empty cache: pyttsx3 save_to_file + runAndWait when the cue falls due"),
        Row("speech: cue due → started, synthesised on demand, worst",
            result["cold_ms"]["worst"], None, "ms", "informational", True),
        Row("speech: countdown cutting an encouragement", result["interrupt_ms"], None, "ms",
            "≤ 150 ms", result["interrupt_ms"] <= 150, "due → started, on the warm spare"),
        Row("speech: worker start, spawn → ready", boot["worker"], boot["bare_python"], "ms",
            "informational", True, "baseline: python -c pass"),
    ]  # fmt: skip


def run(quick: bool = False) -> list[Row]:
    """For ``python -m benchmarks``."""
    from benchmarks import speech_recovery

    sink = os.environ.get("BACKCOACH_SPEECH_SINK", "null")
    return rows(measure(1 if quick else 3, sink)) + speech_recovery.rows()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sink", choices=("null", "auto", "device"), default="null")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    from benchmarks import speech_recovery

    result = measure(args.runs, args.sink)
    print(format_table(rows(result) + speech_recovery.rows()))
    print(
        f"per run: gap {result['gap_ms_runs']}, latency {result['latency_ms_runs']}, "
        f"cues started {result['cues_started']}, cut {result['cues_cut']}"
    )
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
