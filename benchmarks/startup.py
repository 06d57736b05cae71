"""Start-up and memory of the window, against a bare PySide6 window in the same run.

Each program is launched with BACKCOACH_EXIT_AFTER_FIRST_PAINT=1, prints the moment its
window's first frame is painted and exits; both run offscreen, alternately, on a fresh
data folder each time, and the medians are compared. Memory is the process's peak RSS.
The baseline is packaging/pyinstaller/bare_window.py (one QLabel), run from source.
The picture cache (the platform's cache folder) is the run's own and is filled by the
first, discarded round, as a runner's first start fills theirs: the figures are a
start after the first. What was measured, step by step, and what was done about it:
benchmarks/STARTUP.md.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from benchmarks.common import REPO, Row, first_paint, python

START_TARGET = 1.5
MEMORY_TARGET = 1.4


def run(quick: bool = False) -> list[Row]:
    runs = 5 if quick else 11
    commands = {
        "app": [python(), "-m", "backcoach"],
        "bare": [python(), str(REPO / "packaging" / "pyinstaller" / "bare_window.py")],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, list[float]] = {k: [] for k in commands}
    with tempfile.TemporaryDirectory(prefix="backcoach-startup-") as tmp:
        for i in range(runs + 1):
            for name, argv in commands.items():
                t, mb = first_paint(argv, Path(tmp) / f"{name}-{i}", cache=Path(tmp) / "cache")
                if i:  # the first round only warms the disk cache
                    times[name].append(t)
                    rss[name].append(mb)
    t_app, t_bare = statistics.median(times["app"]), statistics.median(times["bare"])
    m_app, m_bare = statistics.median(rss["app"]), statistics.median(rss["bare"])
    return [
        Row(
            "start-up to first painted main window",
            t_app * 1000,
            t_bare * 1000,
            "ms",
            f"≤ {START_TARGET}× bare",
            t_app / t_bare <= START_TARGET,
            f"median of {runs} launches each, offscreen, from source; "
            f"range {min(times['app']) * 1000:.0f}–{max(times['app']) * 1000:.0f} ms",
        ),
        Row(
            "memory after the main window is shown (peak RSS)",
            m_app,
            m_bare,
            "MB",
            f"≤ {MEMORY_TARGET}× bare",
            m_app / m_bare <= MEMORY_TARGET,
            "the app's own process; the two speech workers are separate processes",
        ),
    ]
