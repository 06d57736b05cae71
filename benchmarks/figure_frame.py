"""How long one animation frame takes at 600 px: pose interpolation, placement, scene
building and QPainter fills into a QImage. Target: under 4 ms per frame.

    PYTHONPATH=. python benchmarks/figure_frame.py [--frames 120] [--runs 3] [--size 600]

Prints, per exercise, the median and worst frame over every run, then the overall median
(the median of the per-run medians) and worst, and the ratio to the 4 ms target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

from backcoach import paths
from backcoach.core.catalog import TempoPhase, load_catalog
from backcoach.figures.build import pose_files
from backcoach.figures.figure import figure_for
from backcoach.figures.motion import Motion
from backcoach.figures.render import animation_frame, frame_scene
from backcoach.figures.style import LIGHT
from backcoach.ui.figure_painter import paint_scene
from benchmarks.common import Row

TARGET_MS = 4.0


def tempo_for(
    exercise_id: str, keyframes: dict[str, dict[str, float]], catalog
) -> tuple[tuple[TempoPhase, ...], str]:  # type: ignore[no-untyped-def]
    ex = catalog.exercises.get(exercise_id)
    if ex is not None and ex.dosage.tempo:
        return ex.dosage.tempo, ex.dosage.mode
    moving = [name for name in keyframes if name not in ("start", "hold")]
    if not moving:
        return (), "hold"
    return tuple(TempoPhase(name, 2.0, "") for name in moving), "reps"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=600)
    args = parser.parse_args()
    result = measure(args.frames, args.runs, args.size, verbose=True)
    print(f"target {TARGET_MS:.1f} ms; ratio median/target = {result['median'] / TARGET_MS:.2f}")
    return 0


def run(quick: bool = False) -> list[Row]:
    r = measure(frames=60 if quick else 120, runs=3, size=600, verbose=False)
    return [
        Row(
            "animation frame at 600 px (median)",
            r["median"],
            None,
            "ms",
            f"≤ {TARGET_MS:g} ms",
            r["median"] <= TARGET_MS,
            f"24 exercises × {r['frames']} frames × 3 runs; p95 {r['p95']:.2f} ms, "
            f"p99 {r['p99']:.2f} ms, worst {r['worst']:.2f} ms; slowest: {r['slowest']}",
        )
    ]


def measure(frames: int, runs: int, size: int, verbose: bool) -> dict[str, Any]:
    """Time ``frames`` animation frames of every exercise, ``runs`` times over."""
    out = print if verbose else (lambda *a, **k: None)
    _app = QGuiApplication.instance() or QGuiApplication([])
    catalog = load_catalog(paths.asset_root())
    width, height = size, size * 3 // 4
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRectF(0, 0, width, height)
    run_medians: list[float] = []
    worst_all = 0.0
    out(f"{'exercise':32} {'median ms':>10} {'p95 ms':>7} {'worst ms':>9}")
    per_run: list[list[float]] = [[] for _ in range(runs)]
    per_exercise: dict[str, float] = {}
    for path in pose_files(paths.asset_root()):
        fig = figure_for(path.stem)
        tempo, mode = tempo_for(path.stem, fig.keyframes, catalog)
        motion = Motion(fig, tempo, mode)
        bounds = animation_frame(fig)
        times: list[float] = []
        for run_no in range(runs):
            for i in range(frames):
                t = i / 30.0
                image.fill(QColor(LIGHT.background))
                start = time.perf_counter()
                frame = motion.frame(t)
                scene = frame_scene(fig, frame.body, frame.pose, frame.breath, bounds)
                painter = QPainter(image)
                paint_scene(painter, scene, rect, LIGHT)
                painter.end()
                ms = (time.perf_counter() - start) * 1000
                times.append(ms)
                per_run[run_no].append(ms)
        worst_all = max(worst_all, max(times))
        p95 = statistics.quantiles(times, n=20)[-1]
        per_exercise[path.stem] = statistics.median(times)
        out(f"{path.stem:32} {statistics.median(times):10.2f} {p95:7.2f} {max(times):9.2f}")
    run_medians = [statistics.median(r) for r in per_run]
    median = statistics.median(run_medians)
    every = [t for r in per_run for t in r]
    p95_all = statistics.quantiles(every, n=20)[-1]
    p99_all = statistics.quantiles(every, n=100)[-1]
    out(
        f"\nall exercises, {size}x{height}: median {median:.2f} ms (runs: "
        + ", ".join(f"{m:.2f}" for m in run_medians)
        + f"), p95 {p95_all:.2f} ms, p99 {p99_all:.2f} ms, worst {worst_all:.2f} ms"
    )
    slow = sorted(per_exercise.items(), key=lambda kv: kv[1], reverse=True)[:2]
    return {
        "median": median,
        "p95": p95_all,
        "p99": p99_all,
        "worst": worst_all,
        "frames": frames,
        "slowest": ", ".join(f"{k} {v:.2f} ms" for k, v in slow),
    }


if __name__ == "__main__":
    sys.exit(main())
