"""A real window manager (openbox) on the test's X server, and X property look-ups.

For tests marked xvfb that need what only a window manager does: framing, minimising,
full screen (``_NET_WM_STATE``).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

TOOLS = ("openbox", "xdotool", "xprop")


def x(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()


def wm_state(wid: int | str) -> str:
    """The window's ``_NET_WM_STATE`` as xprop prints it (as the window manager set it)."""
    return x("xprop", "-id", str(wid), "_NET_WM_STATE")


@pytest.fixture
def window_manager(qtbot):  # type: ignore[no-untyped-def]
    missing = [t for t in TOOLS if shutil.which(t) is None]
    assert not missing, f"scripts/system-deps test installs these: {missing}"
    assert os.environ.get("DISPLAY"), "run under xvfb-run"
    wm = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    qtbot.waitUntil(
        lambda: "window id #" in x("xprop", "-root", "_NET_SUPPORTING_WM_CHECK"), timeout=10_000
    )
    yield wm
    wm.terminate()
    wm.wait(timeout=10)
