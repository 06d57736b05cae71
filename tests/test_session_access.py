"""A screen-reader runner can follow a session: labels expose their own text, what
changes is announced (the instruction, the rep, the side, what is next), the countdown
only at sensible moments and "paused" when paused, and button names follow their text.

The announcements are taken from the accessibility events themselves, as they go to
``QAccessible.updateAccessibility`` (the call Qt hands to AT-SPI).
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

from backcoach.core.plan import SegmentKind
from backcoach.ui import announce as announce_module
from tests.window_helpers import step


@pytest.fixture
def heard(monkeypatch) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(the widget's object name or class, the announced text), in order."""
    out: list[tuple[str, str]] = []
    real = QAccessible.updateAccessibility

    def record(event) -> None:  # type: ignore[no-untyped-def]
        if isinstance(event, QAccessibleAnnouncementEvent):
            obj = event.object()
            out.append((type(obj).__name__, event.message()))
        real(event)

    monkeypatch.setattr(announce_module.QAccessible, "updateAccessibility", record)
    return out


def _name(widget) -> str:  # type: ignore[no-untyped-def]
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def _start_tiny(w) -> None:  # type: ignore[no-untyped-def]
    w.open_routine("tiny")
    w.routine_page.start.click()


def test_labels_read_as_their_text_not_a_fixed_name(qtbot, window) -> None:
    w, page = window, window.session_page
    _start_tiny(w)
    step(w, 6.0)
    assert _name(page.caption) == page.caption.text() == "On your back, one knee in."
    assert _name(page.side_label) == page.side_label.text() == "◀  LEFT SIDE"
    assert _name(page.next_label) == "Next: right side"
    assert _name(page.title) == "Knee to chest"
    desc = QAccessible.queryAccessibleInterface(page.caption).text(QAccessible.Text.Description)
    assert desc == "Spoken cue"  # context as a description, not a name hiding the text


def test_changes_are_announced_and_the_countdown_only_at_sensible_moments(
    qtbot, window, heard
) -> None:
    w = window
    _start_tiny(w)
    step(w, 10.0 + 20.0)  # the get-ready, then the whole 20 s left hold
    said = [text for _, text in heard]
    assert "Get ready, Knee to chest, left side" in said
    assert "Work, Knee to chest, left side. 20 s hold" in said
    assert "On your back, one knee in." in said and "Go." in said
    ring = [text for who, text in heard if who == "CountdownRing"]
    # Get ready: 10, 3, 2, 1; the hold: 20, 10, 3, 2, 1. Never every second.
    assert ring == [
        "Get ready, 10 seconds left",
        "Get ready, 3 seconds left",
        "Get ready, 2 seconds left",
        "Get ready, 1 second left",
        "Work, 20 seconds left",
        "Work, 10 seconds left",
        "Work, 3 seconds left",
        "Work, 2 seconds left",
        "Work, 1 second left",
    ]
    assert "Next: right side" in said


def test_pausing_is_announced_and_the_ring_says_paused(qtbot, window, heard) -> None:
    w, page = window, window.session_page
    _start_tiny(w)
    step(w, 12.0)
    heard.clear()
    w.flow.driver.pause()
    said = [text for _, text in heard]
    assert "Paused, 18 seconds left" in said
    assert "Paused. Press Space to carry on." in said
    assert page.ring.accessibleDescription() == "Paused, 18 seconds left"
    w.ctx.clock.advance(30)
    w.flow.driver.tick()
    w.flow.driver.resume()
    assert [t for _, t in heard][-1] == "3"  # the lead-in's first number


def test_reps_are_announced_as_they_change(qtbot, window, heard) -> None:
    w = window
    _start_tiny(w)
    driver = w.flow.driver
    machine = driver.coach.machine
    while machine.segment.exercise_id != "single-leg-bridge":
        step(w, 0.5)
    heard.clear()  # in the bridge's get-ready: no rep yet
    while machine.segment.kind != SegmentKind.WORK:
        step(w, 0.1)
    step(w, machine.segment.duration_s - 0.1)
    reps = [text for who, text in heard if text.startswith("Rep ") and who == "ElidedLabel"]
    assert reps == ["Rep 1", "Rep 2"]


def test_button_names_follow_their_text(qtbot, window) -> None:
    w, page = window, window.session_page
    _start_tiny(w)
    step(w, 1.0)
    assert _name(page.pause_button) == "Pause"
    w.flow.driver.pause()
    assert page.pause_button.text() == "Resume" and _name(page.pause_button) == "Resume"
    page.muteToggled.emit()
    assert page.mute_button.text() == "Voice: off" and _name(page.mute_button) == "Voice: off"
    w.showFullScreen()
    qtbot.waitUntil(w.isFullScreen)
    assert _name(page.full_button) == "Leave full screen"
