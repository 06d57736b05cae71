"""Start-up and memory of the window, against a bare PySide6 window in the same run.

Each program is launched with BACKCOACH_EXIT_AFTER_FIRST_PAINT=1, prints the moment its
window's first frame is painted and exits; both run offscreen, alternately, on a fresh
data folder each time, and the medians are compared. Memory is the process's peak RSS.
The baseline is packaging/pyinstaller/bare_window.py (one QLabel), run from source.
A third program, benchmarks/library_floor.py, builds the library's first frame (the
same widgets, texts and style sheet) in PySide6 alone, with no backcoach code: its ratio
to the bare window is what Qt charges for that frame, the floor under the target.
The picture cache (the platform's cache folder) is the run's own and is filled by the
first, discarded round, as a runner's first start fills theirs: the figures are a
start after the first. What was measured, step by step, and what was done about it:
benchmarks/STARTUP.md.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from benchmarks.common import REPO, Row, first_paint, python

START_TARGET = 1.5
MEMORY_TARGET = 1.4


def run(quick: bool = False) -> list[Row]:
    runs = 5 if quick else 11
    with tempfile.TemporaryDirectory(prefix="backcoach-startup-") as tmp:
        shape = Path(tmp) / "library-shape.json"
        shape.write_text(json.dumps(library_shape()), encoding="utf-8")
        commands = {
            "app": [python(), "-m", "backcoach"],
            "bare": [python(), str(REPO / "packaging" / "pyinstaller" / "bare_window.py")],
            "floor": [python(), str(REPO / "benchmarks" / "library_floor.py"), str(shape)],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        rss: dict[str, list[float]] = {k: [] for k in commands}
        for i in range(runs + 1):
            for name, argv in commands.items():
                t, mb = first_paint(argv, Path(tmp) / f"{name}-{i}", cache=Path(tmp) / "cache")
                if i:  # the first round only warms the disk cache
                    times[name].append(t)
                    rss[name].append(mb)
    t_app, t_bare = statistics.median(times["app"]), statistics.median(times["bare"])
    t_floor = statistics.median(times["floor"])
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
        Row(
            "Qt alone: the library's first frame, no app code",
            t_floor * 1000,
            t_bare * 1000,
            "ms",
            f"≤ {START_TARGET}× bare",
            t_floor / t_bare <= START_TARGET,
            "benchmarks/library_floor.py: the same widgets, texts and style sheet in plain "
            f"PySide6; the app is {t_app / t_floor:.2f}× this floor; "
            f"range {min(times['floor']) * 1000:.0f}–{max(times['floor']) * 1000:.0f} ms",
        ),
    ]


def library_shape() -> dict[str, object]:
    """What the library's first frame shows, from the real catalogue, words and sheet."""
    from backcoach import content
    from backcoach.core.catalog import EQUIPMENT, WHEN_LABELS
    from backcoach.core.plan import build_plan
    from backcoach.core.safety import DISCLAIMER
    from backcoach.ui import theme, window_geometry
    from backcoach.ui.pages.library_page import TIME_CHOICES

    catalog = content.load()
    cards = []
    for routine in sorted(catalog.routines.values(), key=lambda r: r.name):
        minutes = build_plan(routine, catalog, with_cues=False).total_s / 60
        needs = ", ".join(EQUIPMENT[e] for e in routine.equipment) or "No equipment"
        when = WHEN_LABELS.get(routine.when, "")
        cards.append(
            {
                "name": routine.name,
                "purpose": routine.purpose,
                "facts": f"<b>{round(minutes)} min</b> · {when} · {needs}",
                "pictures": min(3, len({item.exercise for item in routine.items})),
            }
        )
    return {
        "size": list(window_geometry.DEFAULT_SIZE),
        "sheet": theme.stylesheet(),
        "rail": ["Routines", "History", "Runs", "Why it hurts", "Settings", "About"],
        "title": "Routines",
        "buttons": ["New routine", "Open routine file…"],
        "disclaimer": DISCLAIMER,
        "today": "Today: nothing planned. Plan your week…",
        "equipment": list(EQUIPMENT.values()),
        "times": [label for _, label in TIME_CHOICES],
        "cards": cards,
    }
