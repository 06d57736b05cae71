"""The screen stays awake during a session: real D-Bus calls to a ScreenSaver service."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from backcoach.ui.inhibit import ScreenInhibitor
from tests.conftest import REPO
from tests.window_helpers import step


@pytest.fixture
def bus():
    """A private session bus with the stand-in ScreenSaver; yields (address, service)."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    address = daemon.stdout.readline().strip()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    service = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "screensaver_service.py"), address],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert service.stdout.readline().strip() == "ready"
        yield address, service
    finally:
        for proc in (service, daemon):
            proc.terminate()
            proc.wait(timeout=10)
            proc.stdout.close()


def test_inhibit_and_release_talk_to_the_screensaver(qapp, bus) -> None:
    address, service = bus
    inhibitor = ScreenInhibitor(bus_address=address)
    assert inhibitor.inhibit("Following an exercise session")
    assert service.stdout.readline().strip() == (
        "Inhibit backcoach | Following an exercise session -> 42"
    )
    assert inhibitor.cookie == 42
    inhibitor.release()
    assert service.stdout.readline().strip() == "Released 42"
    assert not inhibitor.active


def test_a_session_keeps_the_screen_awake_until_it_ends(qtbot, window, bus) -> None:
    address, service = bus
    window.flow.inhibitor = ScreenInhibitor(bus_address=address)
    window.open_routine("tiny")
    window.routine_page.start.click()
    assert service.stdout.readline().startswith("Inhibit backcoach")
    step(window, 1000)  # to the end
    assert window.stack.currentWidget() is window.summary_page
    assert service.stdout.readline().strip() == "Released 42"


def test_no_session_bus_is_not_an_error(qapp) -> None:
    inhibitor = ScreenInhibitor(bus_address="unix:path=/nonexistent/bus")
    assert not inhibitor.inhibit("x")
    assert not inhibitor.active
