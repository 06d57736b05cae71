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
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.common import REPO, Row, child_env, first_paint, python

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
        counted = {} if quick else instructions(commands, Path(tmp))
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
        *_instruction_rows(counted),
    ]


def instructions(commands: dict[str, list[str]], tmp: Path) -> dict[str, int]:
    """Instructions each program runs to its first frame, counted by callgrind: the same
    count whatever else the machine is doing, so the ratios do not swing with the load
    as wall-clock times do. Empty when valgrind is not installed."""
    if shutil.which("valgrind") is None:
        return {}
    counted = {}
    for name, argv in commands.items():
        data = tmp / f"{name}-callgrind"
        data.mkdir()
        env = child_env(BACKCOACH_EXIT_AFTER_FIRST_PAINT="1", BACKCOACH_DATA_DIR=str(data))
        env["XDG_CACHE_HOME"] = str(tmp / "cache")  # warm, as the timed launches found it
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={data / 'out'}", *argv],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            timeout=600,
        )
        found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
        if out.returncode != 0 or found is None:
            raise RuntimeError(f"callgrind of {name} failed: {out.stderr[-1000:]}")
        counted[name] = int(found.group(1).replace(",", ""))
    return counted


def _instruction_rows(counted: dict[str, int]) -> list[Row]:
    if not counted:
        return []
    millions = {name: n / 1e6 for name, n in counted.items()}
    return [
        Row(
            f"instructions to the first frame: {label}",
            millions[name],
            millions["bare"],
            "M",
            f"≤ {START_TARGET}× bare",
            millions[name] / millions["bare"] <= START_TARGET,
            "callgrind, one launch each (the count does not depend on the load)",
        )
        for name, label in (("app", "backcoach"), ("floor", "Qt alone"))
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
        "frame_allowance": list(window_geometry.FRAME_ALLOWANCE),
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
