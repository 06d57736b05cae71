"""The countdown numerals read from three metres: a quarter of a full-screen window.

Offscreen only: full screen is the window manager's job, and the bare Xvfb used for
the xcb runs has none, so there the window keeps its size.
"""

from __future__ import annotations

from tests.window_helpers import step


def test_numerals_are_a_quarter_of_a_full_screen_window(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    w.showFullScreen()
    full = w.screen().geometry().height()
    qtbot.waitUntil(lambda: w.height() == full and w.session_page.ring.height() > 400)
    step(w, 12.0)  # a 20 s hold: two digits
    ring = w.session_page.ring
    assert ring.seconds_shown() >= 10
    assert ring.numeral_height() >= w.height() / 4
