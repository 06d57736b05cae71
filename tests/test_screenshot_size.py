"""``backcoach --screenshot DIR --size WxH``: the window at that logical size on a screen
that holds it, every PNG no larger than the window (times QT_SCALE_FACTOR)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from backcoach.ui.screenshot_screen import offscreen_config, parse_size

REPO = Path(__file__).resolve().parent.parent
PAGES = ["library", "routine", "history", "runs", "settings", "why", "summary"]
SESSION = ["session-get-ready", "session-hold", "session-reps", "session-rest", "session-switch"]
# The session page's own fit is the session screen's work (tested with it); its shots are
# made here all the same, the longest exercise name of each segment kind.
EXEMPT_PREFIXES: tuple[str, ...] = ()


def test_sizes_parse_and_the_screen_is_the_window_times_the_scale() -> None:
    assert parse_size("1366x768") == (1366, 768) and parse_size(" 1280 × 800 ") == (1280, 800)
    screen = offscreen_config([(1280, 800)], 2.0)["screens"][0]  # type: ignore[index]
    assert (screen["width"], screen["height"]) == (2560, 1600)


def test_screenshots_at_a_size_and_scale_are_that_big(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(QT_SCALE_FACTOR="2", BACKCOACH_SCREENSHOT_THEMES="light")
    shots = tmp_path / "shots"
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--screenshot", str(shots), "--size", "1280x800"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    written = sorted(shots.glob("*.png"))
    assert {p.stem for p in written} >= set(PAGES + SESSION)
    for path in (p for p in written if not p.stem.startswith(EXEMPT_PREFIXES)):
        image = QImage(str(path))
        assert image.width() <= 2560 and image.height() <= 1600, path.name
        if path.stem in PAGES:
            assert (image.width(), image.height()) == (2560, 1600), path.name


def test_size_without_screenshot_is_refused(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--size", "1280x800"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2 and "--size goes with --screenshot" in out.stderr
