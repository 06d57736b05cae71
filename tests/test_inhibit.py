"""The screen stays awake during a session: real D-Bus calls to stand-in desktop
services on a private bus (tests/desktop_services.py), the portal first, then the
freedesktop screen saver, then GNOME's session manager; released on every way out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from backcoach.ui.desktop.inhibit import ScreenInhibitor
from tests.conftest import REPO
from tests.dbus_helpers import private_bus, read_line
from tests.window_helpers import step

REASON = "Following an exercise session"
REQUEST = "/org/freedesktop/portal/desktop/request/1_1/backcoach"


def test_the_portal_comes_first_and_its_request_is_closed(qapp) -> None:
    with private_bus("portal", "screensaver", "gnome") as bus:
        inhibitor = ScreenInhibitor(bus_address=bus.address)
        assert inhibitor.inhibit(REASON)
        assert bus.next_event() == f"portal Inhibit '' flags=8 reason={REASON}"
        assert (inhibitor.backend, inhibitor.cookie) == ("portal", REQUEST)
        inhibitor.release()
        assert bus.next_event() == f"portal released {REQUEST}"
        assert not inhibitor.active


def test_without_the_portal_the_screensaver_is_asked(qapp) -> None:
    with private_bus("screensaver", "gnome") as bus:
        inhibitor = ScreenInhibitor(bus_address=bus.address)
        assert inhibitor.inhibit(REASON)
        assert bus.next_event() == f"screensaver Inhibit backcoach | {REASON} -> 42"
        assert (inhibitor.backend, inhibitor.cookie) == ("screensaver", 42)
        inhibitor.release()
        assert bus.next_event() == "screensaver released 42"


def test_a_portal_without_an_inhibit_backend_falls_through(qapp) -> None:
    with private_bus("portal-bare", "gnome") as bus:
        inhibitor = ScreenInhibitor(bus_address=bus.address)
        assert inhibitor.inhibit(REASON)
        assert bus.next_event() == (
            f"gnome Inhibit io.github.backcoach.BackCoach xid=0 flags=8 | {REASON} -> 7"
        )
        assert (inhibitor.backend, inhibitor.cookie) == ("gnome", 7)
        inhibitor.release()
        assert bus.next_event() == "gnome released 7"


def test_no_service_and_no_bus_are_not_errors(qapp) -> None:
    with private_bus() as bus:
        inhibitor = ScreenInhibitor(bus_address=bus.address)
        assert not inhibitor.inhibit("x") and not inhibitor.active
        inhibitor.release()
    inhibitor = ScreenInhibitor(bus_address="unix:path=/nonexistent/bus")
    assert not inhibitor.inhibit("x")
    assert not inhibitor.active


CHILD = """
import sys
from PySide6.QtCore import QCoreApplication
from backcoach.ui.desktop.inhibit import ScreenInhibitor
app = QCoreApplication([])
inhibitor = ScreenInhibitor(bus_address=sys.argv[1])
print("held" if inhibitor.inhibit("Following an exercise session") else "not held", flush=True)
app.exec()
"""


@pytest.mark.parametrize("service", ["portal", "screensaver", "gnome"])
def test_a_killed_app_leaves_nothing_inhibited(service: str) -> None:
    """The crash path: the connection the inhibition was made on closes with the process."""
    with private_bus(service) as bus:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, bus.address],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip
        try:
            assert read_line(child) == "held"
            assert bus.next_event().startswith(f"{service} Inhibit")
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            assert bus.next_event().endswith(": caller left the bus")
        finally:
            if child.poll() is None:
                child.kill()
            child.wait(timeout=10)
            assert child.stdout is not None
            child.stdout.close()


@pytest.fixture
def bus_with_screensaver():
    with private_bus("screensaver") as bus:
        yield bus


def start_tiny(window, bus) -> None:  # type: ignore[no-untyped-def]
    window.flow.inhibitor = ScreenInhibitor(bus_address=bus.address)
    window.open_routine("tiny")
    window.routine_page.start.click()
    assert bus.next_event().startswith("screensaver Inhibit backcoach")


def test_a_session_keeps_the_screen_awake_until_it_ends(window, bus_with_screensaver) -> None:
    start_tiny(window, bus_with_screensaver)
    step(window, 1000)  # to the end
    assert window.stack.currentWidget() is window.summary_page
    assert bus_with_screensaver.next_event() == "screensaver released 42"


def test_stopping_a_session_releases_the_screen(window, bus_with_screensaver, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    start_tiny(window, bus_with_screensaver)
    step(window, 3)
    window.flow.request_stop()
    assert bus_with_screensaver.next_event() == "screensaver released 42"


def test_closing_the_window_mid_session_releases_the_screen(
    window, bus_with_screensaver, monkeypatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    start_tiny(window, bus_with_screensaver)
    step(window, 3)
    window.close()
    assert bus_with_screensaver.next_event() == "screensaver released 42"
