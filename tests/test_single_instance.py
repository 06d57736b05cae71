"""A second launch of the window brings the first one forward instead of opening a copy.

Real processes on a real X server with a real window manager (openbox, started here):
the first window is minimised, a second ``backcoach`` is launched on the same data
folder, and the window manager must then show the first window un-minimised and active.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.window_manager import window_manager, x  # noqa: F401 (a fixture)

pytestmark = pytest.mark.xvfb

_x = x


def _window_of(pid: int) -> str:
    """The process's visible top-level window named backcoach (decimal id), or ""."""
    found = _x("xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "^backcoach$")
    return found.split()[0] if found else ""


def _framed(wid: str) -> bool:
    """The window manager has taken the window on (and can minimise it)."""
    return "=" in _x("xprop", "-id", wid, "_NET_FRAME_EXTENTS")


def _hidden(wid: str) -> bool:
    return "_NET_WM_STATE_HIDDEN" in _x("xprop", "-id", wid, "_NET_WM_STATE")


def _active() -> str:
    return _x("xdotool", "getactivewindow")


def test_a_second_launch_raises_the_first_window(qtbot, window_manager, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"welcomed": true, "muted": true}', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    command = [sys.executable, "-m", "backcoach", "--data-dir", str(data)]
    first = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        found: list[str] = []

        def framed_window() -> bool:
            # Looked up afresh each time: the window may unmap, or be made again, while
            # the window manager takes it on (seen on a loaded machine).
            wid = _window_of(first.pid)
            found.append(wid if wid and _framed(wid) else "")
            return bool(found[-1])

        qtbot.waitUntil(framed_window, timeout=40_000)
        wid = found[-1]
        _x("xdotool", "windowminimize", "--sync", wid)
        qtbot.waitUntil(lambda: _hidden(wid), timeout=10_000)
        assert _active() != wid

        second = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60
        )

        assert second.returncode == 0, second.stderr
        assert second.stdout == "backcoach is already open; its window was brought forward.\n"
        qtbot.waitUntil(lambda: not _hidden(wid), timeout=10_000)
        qtbot.waitUntil(lambda: _active() == wid, timeout=10_000)
        assert first.poll() is None  # the first window carries on
        # ... and a terminal session on the same folder is refused while it is open.
        run = subprocess.run(
            [*command, "run", "glute-check", "--mute"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert run.returncode == 2
        assert run.stderr.startswith(f"backcoach: the backcoach window (process {first.pid}, ")
    finally:
        first.terminate()
        first.wait(timeout=30)
