"""The session page fits every window, at every scale factor, in every segment kind.

Screens from 1024×600 to 3840×2160 (16:9, 16:10, 4:3), full screen and windowed, at
QT_SCALE_FACTOR 1, 1.25, 1.5 and 2, in get-ready, reps, paused, the resume's lead-in,
switch, rests and a hold, with the catalogue's longest exercise name: nothing outside
the window, no text cut without elision (and then the full text in the tooltip and the
accessible name), the ring's lines apart, Pause, Stop and This hurts whole, and the page
never asking for more than the screen. The scale factor must be set before Qt starts,
so each factor runs in a process of its own (``tests/session_layout_run.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.session_layout_run import SCREENS
from tests.session_states import STATES

SCREEN_4K = REPO / "tests" / "offscreen-4k.json"


@pytest.mark.parametrize("scale", ["1", "1.25", "1.5", "2"])
def test_the_session_page_fits_every_screen_at_scale(scale: str) -> None:
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": scale,
        # A 4K offscreen screen holds every logical window size at every factor.
        "QT_QPA_PLATFORM": f"offscreen:configfile={SCREEN_4K}",
    }
    run = subprocess.run(
        [sys.executable, "-m", "tests.session_layout_run"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["checked"] == len(STATES) * len(SCREENS) * 2
    assert report["problems"] == {}
