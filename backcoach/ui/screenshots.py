"""``backcoach --screenshot DIR``: every page of the window, and the safety dialogs, as PNG.

Rendered offscreen with realistic sample data in a temporary data folder (nothing of
the runner's is read or written): six weeks of history with pain easing off, and a
session stopped mid-hold on a stepped clock. For the README and for reviewing the look.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from backcoach import paths
from backcoach.core.history_sample import SampleSpec, write_sample_history
from backcoach.runs.sample import RunSampleSpec, write_sample_runs

SIZE = (1280, 800)
# BACKCOACH_SCREENSHOT_SIZE=1366x768 renders at another window size (with QT_SCALE_FACTOR
# for a high-density screen), to check the layout where runners will see it.
SIZE_ENV = "BACKCOACH_SCREENSHOT_SIZE"
THEMES_ENV = "BACKCOACH_SCREENSHOT_THEMES"


def _size() -> tuple[int, int]:
    text = os.environ.get(SIZE_ENV, "")
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        return SIZE
    return (width, height)


TODAY = date(2026, 11, 21)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


SAMPLE_OWN = """\
id = "sams-after-run-hips"
name = "Sam's after-run hips"
purpose = "Three moves from my physio, after every run."
when = "after-run"
equipment = ["mat"]
rest_between_exercises_s = 15

[[items]]
exercise = "clamshell"

[[items]]
exercise = "figure-four-stretch"
hold_s = 40

[[items]]
exercise = "glute-bridge"
reps = 12

[[exercise]]
id = "clamshell"
name = "Clamshell"
summary = "Knees together, open the top knee like a shell."
position = "Lying on your side, knees bent"
instructions = ["Lie on your side, knees bent.", "Keep the feet together.", "Open the top knee."]
equipment = ["mat"]
per_side = true

[exercise.dosage]
mode = "hold"
hold_s = 20
sets = 2
"""


def render_all(
    folder: str, themes: tuple[str, ...] = ("light", "dark"), size: tuple[int, int] | None = None
) -> int:
    """Save a PNG of every page and dialog state in ``folder``, the window at ``size``
    (logical pixels; the PNGs are that times the scale factor)."""
    if os.environ.get(SIZE_ENV):
        size = _size()
    if os.environ.get(THEMES_ENV):  # e.g. "light": one theme, half the time
        themes = tuple(t for t in os.environ[THEMES_ENV].split(",") if t in ("light", "dark"))
    size = size or SIZE
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for mode in themes:  # each theme its own sample data: the shots change what they show
        with sample_window(mode, size) as (w, clock):
            from backcoach.ui.screenshot_scenes import walk

            suffix = "" if mode == "light" else f"-{mode}"
            walk(w, clock, TODAY, _saver(w, size, out, suffix, written))
    for path in written:
        print(path)
    return 0


def _saver(
    w: QWidget, size: tuple[int, int], out: Path, suffix: str, written: list[Path]
) -> Callable[..., None]:
    def shot(name: str, widget: QWidget | None = None) -> None:
        if widget is None:  # the window at the size asked for, unless a page won't allow it
            w.resize(*size)
        settle()
        path = out / f"{name}{suffix}.png"
        (widget or w).grab().save(str(path))
        written.append(path)

    return shot


def settle() -> None:
    # Layout requests post more layout requests (wrapped labels); let them settle.
    for _ in range(3):
        QApplication.processEvents()


@contextmanager
def sample_window(mode: str, size: tuple[int, int] = SIZE) -> Iterator[tuple[Any, _Clock]]:
    """The real window in ``mode``'s theme on a temporary data folder with the sample
    history, runs and a routine of the runner's own; sized ``size`` and shown."""
    from backcoach.app import build_context
    from backcoach.ui import theme
    from backcoach.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="backcoach-screenshots-") as tmp:
        paths.set_data_dir(tmp)
        spec = SampleSpec(days=42, today=TODAY, active_share=0.6)
        write_sample_history(paths.history_db(), spec)
        write_sample_runs(
            paths.history_db(), RunSampleSpec(days=200, today=TODAY, jump_weeks_ago=0)
        )
        # A routine of the runner's own (imported, with an exercise that has no picture).
        _import_sample(Path(tmp))
        theme.apply_theme(mode)
        ctx = build_context()
        clock = _Clock()
        ctx.clock, ctx.autotick, ctx.today = clock, False, lambda: TODAY
        ctx.now = lambda: datetime.combine(TODAY, time(17, 30)).astimezone()
        w = MainWindow(ctx)
        w.move(w.screen().availableGeometry().topLeft())
        w.resize(*size)
        w.show()
        try:
            yield w, clock
        finally:
            w.flow.shutdown()
            w.close()
            if ctx.history is not None:
                ctx.history.close()
            paths.set_data_dir(None)


def _import_sample(data: Path) -> None:
    from backcoach import content
    from backcoach.core.routine_file import check_routine_file
    from backcoach.core.routine_import import apply_import, plan_import

    sample = data / "sample-from-physio.toml"
    sample.write_text(SAMPLE_OWN, encoding="utf-8")
    catalog = content.load()
    apply_import(plan_import(check_routine_file(sample, catalog), catalog, data, None))
