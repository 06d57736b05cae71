"""Countdown accuracy and drift on the real clock.

A routine of about a minute runs in real time, once through the Qt driver (with the
session page on screen, offscreen) and once through the terminal runner, side by
side. Every segment start and every cue is compared with its planned time. The
baseline is physical: the timer's own resolution, measured in the same process.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, child_env, python

ROUTINE = """
id = "bench-minute"
name = "Benchmark minute"
purpose = "About a minute of holds and reps, for timing."
equipment = ["mat"]
sources = ["001_f99d85ccd3986074.txt"]

[[items]]
exercise = "plank"
hold_s = 15
sets = 2
rest_s = 5

[[items]]
exercise = "glute-bridge"
reps = 2
"""


def _plan(data_dir: Path):  # type: ignore[no-untyped-def]
    from backcoach import content, paths
    from backcoach.core.plan import build_plan

    (data_dir / "routines").mkdir(parents=True, exist_ok=True)
    (data_dir / "routines" / "bench-minute.toml").write_text(ROUTINE, encoding="utf-8")
    paths.set_data_dir(data_dir)
    catalog = content.load()
    return build_plan(catalog.routine("bench-minute"), catalog)


def _errors(plan, t0: float, seen: list[tuple[float, object]]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from backcoach.core.effects import CueDue, SegmentStarted, SessionEnded

    boundary, cue = [], []
    end_err = None
    for at, e in seen:
        if isinstance(e, SegmentStarted):
            boundary.append(at - (t0 + e.segment.start_s))
        elif isinstance(e, CueDue):
            planned = t0 + plan.segments[e.segment_index].start_s + e.cue.offset_s
            cue.append(at - planned)
        elif isinstance(e, SessionEnded):
            end_err = at - (t0 + plan.total_s)
    errs = [abs(x) for x in boundary + cue]
    half = len(boundary) // 2
    return {
        "planned_s": plan.total_s,
        "events": len(errs),
        "worst_ms": max(errs) * 1000,
        "median_ms": statistics.median(errs) * 1000,
        "end_ms": (end_err or 0.0) * 1000,
        # Drift: do late boundaries run later than early ones?
        "drift_ms": (statistics.mean(boundary[half:]) - statistics.mean(boundary[:half])) * 1000,
    }


def child_qt(data_dir: Path) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from backcoach import content
    from backcoach.app import create_application
    from backcoach.ui.pages.session_page import SessionPage
    from backcoach.ui.session_driver import SessionDriver

    app = create_application()
    plan = _plan(data_dir)
    driver = SessionDriver(plan)
    seen: list[tuple[float, object]] = []
    # Connected before the page, so the time is when the driver emits, not after painting.
    driver.effects.connect(lambda effects: seen.extend((time.monotonic(), e) for e in effects))
    page = SessionPage(content.load())
    page.attach(driver)
    page.resize(1280, 800)
    page.show()
    loop = QEventLoop()
    driver.ended.connect(lambda _e: loop.quit())
    QTimer.singleShot(0, driver.start)
    loop.exec()
    t0 = driver.coach.machine.started_at
    result = _errors(plan, t0, seen)
    result["timer_resolution_ms"] = _timer_resolution_ms(app)
    QApplication.processEvents()
    return result


def _timer_resolution_ms(app) -> float:  # type: ignore[no-untyped-def]
    """How late a precise 10 ms QTimer fires on this machine: the physical floor."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    lateness = []
    for _ in range(50):
        loop = QEventLoop()
        t = QTimer()
        t.setSingleShot(True)
        t.setTimerType(Qt.TimerType.PreciseTimer)
        start = time.monotonic()
        t.timeout.connect(
            lambda s=start, lp=loop: (lateness.append(time.monotonic() - s - 0.010), lp.quit())
        )
        t.start(10)
        loop.exec()
    return max(0.0, statistics.median(lateness)) * 1000


def child_terminal(data_dir: Path) -> dict[str, object]:
    import io

    from backcoach.commands.run import TerminalRunner

    plan = _plan(data_dir)
    runner = TerminalRunner(plan, 1.0, None, None, io.StringIO())
    seen: list[tuple[float, object]] = []
    previous = runner.coach._on_effects
    runner.coach._on_effects = lambda effects: (
        seen.extend((time.monotonic(), e) for e in effects),
        previous(effects) if previous else None,
    )
    runner.run()
    return _errors(plan, runner.coach.machine.started_at, seen)


def run(quick: bool = False) -> list[Row]:
    procs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ("qt", "terminal"):
            procs[mode] = subprocess.Popen(
                [python(), "-m", "benchmarks.timing", mode, str(Path(tmp) / mode)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=child_env(),
            )
        results = {}
        for mode, p in procs.items():
            out, err = p.communicate(timeout=240)
            if p.returncode != 0:
                raise RuntimeError(f"timing {mode} failed: {err[-2000:]}")
            results[mode] = json.loads(out.strip().splitlines()[-1])
    qt, term = results["qt"], results["terminal"]
    res = qt["timer_resolution_ms"]
    return [
        Row(
            "countdown accuracy, Qt driver: worst error",
            qt["worst_ms"],
            res,
            "ms",
            "≤ 15 ms",
            qt["worst_ms"] <= 15,
            f"{qt['events']} boundaries and cues over {qt['planned_s']:.0f} s; median "
            f"{qt['median_ms']:.2f} ms; drift {qt['drift_ms']:+.2f} ms; baseline = timer lateness",
        ),
        Row(
            "session end vs plan, terminal runner (--speed 1)",
            abs(term["end_ms"]),
            None,
            "ms",
            "≤ 20 ms",
            abs(term["end_ms"]) <= 20,
            f"worst cue/boundary error {term['worst_ms']:.2f} ms; drift {term['drift_ms']:+.2f} ms",
        ),
    ]


if __name__ == "__main__":
    mode, data = sys.argv[1], Path(sys.argv[2])
    result = child_qt(data) if mode == "qt" else child_terminal(data)
    print(json.dumps(result))
