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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402

from backcoach import paths  # noqa: E402
from backcoach.core.catalog import TempoPhase, load_catalog  # noqa: E402
from backcoach.figures.build import pose_files  # noqa: E402
from backcoach.figures.figure import figure_for  # noqa: E402
from backcoach.figures.motion import Motion  # noqa: E402
from backcoach.figures.render import animation_frame, frame_scene  # noqa: E402
from backcoach.figures.style import LIGHT  # noqa: E402
from backcoach.ui.figure_painter import paint_scene  # noqa: E402

TARGET_MS = 4.0


def tempo_for(exercise_id: str, keyframes: dict[str, dict[str, float]], catalog) -> tuple[tuple[TempoPhase, ...], str]:  # type: ignore[no-untyped-def]
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
    _app = QGuiApplication.instance() or QGuiApplication([])
    catalog = load_catalog(paths.asset_root())
    width, height = args.size, args.size * 3 // 4
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRectF(0, 0, width, height)
    run_medians: list[float] = []
    worst_all = 0.0
    print(f"{'exercise':32} {'median ms':>10} {'worst ms':>9}")
    per_run: list[list[float]] = [[] for _ in range(args.runs)]
    for path in pose_files(paths.asset_root()):
        fig = figure_for(path.stem)
        tempo, mode = tempo_for(path.stem, fig.keyframes, catalog)
        motion = Motion(fig, tempo, mode)
        bounds = animation_frame(fig)
        times: list[float] = []
        for run in range(args.runs):
            for i in range(args.frames):
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
                per_run[run].append(ms)
        worst_all = max(worst_all, max(times))
        print(f"{path.stem:32} {statistics.median(times):10.2f} {max(times):9.2f}")
    run_medians = [statistics.median(r) for r in per_run]
    median = statistics.median(run_medians)
    print(f"\nall exercises, {args.size}x{height}: median {median:.2f} ms (runs: "
          + ", ".join(f"{m:.2f}" for m in run_medians)
          + f"), worst {worst_all:.2f} ms")
    print(f"target {TARGET_MS:.1f} ms; ratio median/target = {median / TARGET_MS:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
