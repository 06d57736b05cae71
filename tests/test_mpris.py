"""Media keys and headset buttons: the running window is an MPRIS player on a private
session bus, and real D-Bus clients (gdbus, dbus-send, in their own processes) drive
the session through it the way a desktop or a Bluetooth headset does."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtWidgets import QMessageBox

from backcoach.app import attach_desktop
from backcoach.core.effects import State
from tests.dbus_helpers import private_bus, read_line
from tests.window_helpers import step

NAME = "org.mpris.MediaPlayer2.backcoach"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"


@pytest.fixture
def player(window):
    """(window, bus address): the window's MPRIS service registered on a private bus."""
    with private_bus() as bus:
        service = attach_desktop(window, bus.address)
        assert service.bus_name == NAME
        yield window, bus.address
        service.close()


def client(qtbot, address: str, *args: str) -> str:
    """Run a D-Bus client in its own process while this one keeps serving; its output."""
    where = ["--address", address] if args[0] == "gdbus" else []  # after gdbus's command
    proc = subprocess.Popen(
        [*args[:2], *where, *args[2:]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return out


def call(qtbot, address: str, method: str, *args: str) -> str:
    return client(
        qtbot, address, "gdbus", "call", "--dest", NAME, "--object-path", PATH,
        "--method", method, *args,
    )  # fmt: skip


def get(qtbot, address: str, prop: str) -> str:
    return call(qtbot, address, "org.freedesktop.DBus.Properties.Get", PLAYER, prop).strip()


def start_tiny(window) -> None:  # type: ignore[no-untyped-def]
    window.open_routine("tiny")
    window.routine_page.start.click()
    assert window.flow.driver.state == State.RUNNING


def test_the_window_owns_an_mpris_name_with_both_interfaces(qtbot, player) -> None:
    _window, address = player
    names = client(
        qtbot, address, "dbus-send", f"--bus={address}", "--print-reply",
        "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames",
    )  # fmt: skip
    assert f'string "{NAME}"' in names
    xml = client(qtbot, address, "gdbus", "introspect", "--dest", NAME, "--object-path", PATH)
    assert "interface org.mpris.MediaPlayer2 {" in xml and f"interface {PLAYER} {{" in xml
    for line in ("readonly x Position", "readonly a{sv} Metadata", "readonly s PlaybackStatus",
                 "readonly s DesktopEntry = 'io.github.backcoach.BackCoach'", "PlayPause();",
                 "Next();", "Previous();", "Stop();"):  # fmt: skip
        assert line in xml, line
    assert get(qtbot, address, "PlaybackStatus") == "(<'Stopped'>,)"
    assert "/org/mpris/MediaPlayer2/TrackList/NoTrack" in get(qtbot, address, "Metadata")


def test_play_pause_over_dbus_pauses_and_resumes_the_session(qtbot, player) -> None:
    window, address = player
    start_tiny(window)
    assert get(qtbot, address, "PlaybackStatus") == "(<'Playing'>,)"
    call(qtbot, address, f"{PLAYER}.PlayPause")
    qtbot.waitUntil(lambda: window.flow.driver.state == State.PAUSED)
    assert get(qtbot, address, "PlaybackStatus") == "(<'Paused'>,)"
    call(qtbot, address, f"{PLAYER}.PlayPause")
    qtbot.waitUntil(lambda: window.flow.driver.state == State.RUNNING)
    assert get(qtbot, address, "PlaybackStatus") == "(<'Playing'>,)"
    # Play and Pause do only what they say.
    call(qtbot, address, f"{PLAYER}.Play")
    call(qtbot, address, f"{PLAYER}.Pause")
    qtbot.waitUntil(lambda: window.flow.driver.state == State.PAUSED)


def test_metadata_shows_the_routine_and_the_current_exercise(qtbot, player) -> None:
    window, address = player
    start_tiny(window)
    meta = get(qtbot, address, "Metadata")
    assert "'xesam:title': <'Get ready: Knee to chest · left side'>" in meta, meta
    assert "'xesam:album': <'Tiny test routine'>" in meta
    assert "'xesam:artist': <['Tiny test routine']>" in meta  # an as, as players expect
    assert "'mpris:trackid': <objectpath '/io/github/backcoach/BackCoach/segment/0'>" in meta
    assert "'mpris:artUrl': <'file://" in meta and "knee-to-chest.svg'>" in meta
    step(window, 12)  # past the get-ready
    meta = get(qtbot, address, "Metadata")
    assert "segment/1'" in meta and "hold" in meta


def test_next_skips_and_previous_goes_back(qtbot, player) -> None:
    window, address = player
    start_tiny(window)
    machine = window.flow.driver.coach.machine
    props = call(qtbot, address, "org.freedesktop.DBus.Properties.GetAll", PLAYER)
    assert "'CanGoPrevious': <false>" in props and "'CanGoNext': <true>" in props
    call(qtbot, address, f"{PLAYER}.Next")
    qtbot.waitUntil(lambda: machine.segment.index == 1)
    assert "<true>" in get(qtbot, address, "CanGoPrevious")
    call(qtbot, address, f"{PLAYER}.Next")
    qtbot.waitUntil(lambda: machine.segment.index == 2)
    call(qtbot, address, f"{PLAYER}.Previous")
    qtbot.waitUntil(lambda: machine.segment.index == 1)


def test_stop_asks_on_screen_first(qtbot, player, monkeypatch) -> None:
    window, address = player
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(parent, title, text, *rest):  # type: ignore[no-untyped-def]
        asked.append(title)
        assert window.flow.driver.state == State.PAUSED  # the session waits for the answer
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    start_tiny(window)
    call(qtbot, address, f"{PLAYER}.Stop")
    qtbot.waitUntil(lambda: asked == ["Stop the session?"])
    assert window.flow.driver.state == State.RUNNING  # "No": carries on
    answer[0] = QMessageBox.StandardButton.Yes
    call(qtbot, address, f"{PLAYER}.Stop")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary_page)
    assert window.flow.driver.state == State.STOPPED
    assert get(qtbot, address, "PlaybackStatus") == "(<'Stopped'>,)"


def test_playback_status_changes_are_signalled(qtbot, player) -> None:
    window, address = player
    monitor = subprocess.Popen(
        ["gdbus", "monitor", "--address", address, "--dest", NAME],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert read_line(monitor).startswith("Monitoring signals")
        assert read_line(monitor).startswith(f"The name {NAME} is owned by")
        start_tiny(window)
        started = read_line(monitor)
        assert "PropertiesChanged" in started and "'PlaybackStatus': <'Playing'>" in started
        assert "'xesam:album': <'Tiny test routine'>" in started
        window.flow.driver.pause()  # the window's own Space does this
        paused = read_line(monitor)
        assert paused.endswith(f"('{PLAYER}', {{'PlaybackStatus': <'Paused'>}}, @as [])"), paused
    finally:
        monitor.terminate()
        monitor.wait(timeout=10)
        assert monitor.stdout is not None
        monitor.stdout.close()


def test_buttons_wait_while_the_runner_answers_a_question(qtbot, player) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window, address = player
    start_tiny(window)
    box = QMessageBox(QMessageBox.Icon.Question, "This hurts", "Where?", parent=window)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    call(qtbot, address, f"{PLAYER}.PlayPause")
    call(qtbot, address, f"{PLAYER}.Next")
    QApplication.processEvents()
    assert window.flow.driver.state == State.RUNNING
    assert window.flow.driver.coach.machine.segment.index == 0
    box.close()


def test_buttons_with_no_session_do_nothing(qtbot, player) -> None:
    window, address = player
    call(qtbot, address, f"{PLAYER}.PlayPause")
    call(qtbot, address, f"{PLAYER}.Next")
    assert window._flow is None  # nothing was started or made


def test_a_second_copy_takes_an_instance_name(qtbot, window) -> None:
    with private_bus() as bus:
        first = attach_desktop(window, bus.address)
        second = attach_desktop(window, bus.address)
        try:
            assert first.bus_name == NAME
            assert second.bus_name.startswith(f"{NAME}.instance")
        finally:
            second.close()
            first.close()
