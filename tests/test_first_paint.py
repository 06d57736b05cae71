"""BACKCOACH_EXIT_AFTER_FIRST_PAINT=1: the real app, started as a runner starts it, says
when its window first painted and exits, even when a notice dialog is up at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from backcoach import paths
from tests.conftest import REPO


def start_app(home: Path) -> tuple[float, subprocess.CompletedProcess[str], float]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        paths.DATA_DIR_ENV: str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "BACKCOACH_EXIT_AFTER_FIRST_PAINT": "1",
        "BACKCOACH_SPEECH": "off",
    }
    before = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "backcoach"], capture_output=True, text=True, env=env,
        cwd=REPO, timeout=60,
    )  # fmt: skip
    return before, out, time.time()


def first_paint(out: subprocess.CompletedProcess[str]) -> float:
    lines = [json.loads(ln) for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert len(lines) == 1, out.stdout
    return float(lines[0]["first_paint"])


def test_prints_the_moment_of_the_first_paint_and_exits(tmp_path: Path) -> None:
    before, out, after = start_app(tmp_path)
    assert out.returncode == 0, out.stderr
    assert before < first_paint(out) < after


def test_exits_when_the_window_paints_under_a_start_up_notice(tmp_path: Path) -> None:
    # A broken routine of the runner's own makes the window open with a notice dialog.
    routines = tmp_path / "data" / "routines"
    routines.mkdir(parents=True)
    (routines / "mine.toml").write_text('id = "mine"\nname = \n', encoding="utf-8")
    before, out, after = start_app(tmp_path)
    assert out.returncode == 0, out.stderr
    assert before < first_paint(out) < after


def test_what_the_first_paint_does_not_need_comes_right_after_it(
    qtbot, data_dir, monkeypatch
) -> None:
    """History, the library's banner, the media controls and the welcome wait for the
    first paint; the library itself is on screen before any of them."""
    from PySide6.QtWidgets import QMessageBox

    from backcoach import app as app_module
    from backcoach.ui.first_paint import when_painted
    from backcoach.ui.main_window import MainWindow

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _t: told.append(title))
    monkeypatch.setattr(app_module, "attach_desktop", lambda window: told.append("desktop"))
    monkeypatch.setattr(app_module, "SPEECH_DELAY_MS", 10**9)  # no speech workers here
    ctx = app_module.build_context(with_history=False)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert ctx.history is None and window.library.cards  # the library needs no history
    from PySide6.QtWidgets import QApplication

    desktop = app_module._Desktop(ctx)
    app = QApplication.instance()
    when_painted(window, lambda: app_module.after_first_paint(window, ctx, desktop, app))
    window.show()
    qtbot.waitUntil(lambda: ctx.history is not None)
    assert told == ["desktop", "Welcome to backcoach"]
    assert ctx.settings.welcomed
    ctx.history.close()
