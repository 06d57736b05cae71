"""Reminders over a real private D-Bus session with a stand-in notification server: one
at its time on a stepped clock, and its click opens the routine in the real window."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from backcoach import paths
from backcoach.ui.desktop import autostart
from backcoach.ui.desktop.notifications import Notifier
from backcoach.ui.desktop.presence import Presence
from tests.dbus_helpers import private_bus, read_line

TZ = timezone(timedelta(hours=1))
SATURDAY = datetime(2026, 11, 21, 18, 0, tzinfo=TZ)  # the window tests' TODAY


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class Notifications:
    """The stand-in notification server (tests/notifications_service.py) on a private bus:
    ``line()`` is what it saw, ``tell("click 1")`` plays the runner clicking."""

    def __init__(self, address: str) -> None:
        import os

        from tests.conftest import REPO

        self.address = address
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "notifications_service.py"), address],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )  # fmt: skip

    def line(self) -> str:
        return read_line(self.proc)

    def tell(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def bus():
    with private_bus() as daemon:
        service = Notifications(daemon.address)
        try:
            assert service.line() == "ready"
            yield service
        finally:
            service.stop()


@pytest.fixture
def presence(qtbot, window, bus):
    """The presence as a normal start has it, beside the real window, on the private bus."""
    from backcoach.ui.main_window import MainWindow

    ctx = window.ctx
    ctx.update_settings(
        reminders_on=True,
        reminder_times={"sat": "18:30", "mon": "07:15"},
        weekly_plan={"stability-ball-circuit": {"rule": "weekly", "times": 2}},
    )
    clock = Clock(SATURDAY.replace(hour=18, minute=29, second=30))
    made: list[MainWindow] = []

    def make_window() -> MainWindow:
        made.append(MainWindow(ctx))
        return made[-1]

    p = Presence(ctx, make_window, notifier=Notifier(bus_address=bus.address), now=clock)
    p.clock = clock  # type: ignore[attr-defined]
    p.reminders.start()
    yield p
    p.shutdown()
    import shiboken6

    for w in made:
        if not shiboken6.isValid(w):
            continue  # closed, and deleted by the presence
        w.flow.shutdown()
        w.close()
        w.deleteLater()


def test_notify_speaks_the_specifications_types(qapp, bus) -> None:
    notifier = Notifier(bus_address=bus.address)
    assert notifier.notify("Today: Plank", "Twice a week", "stability-ball-circuit", "Start")
    assert bus.line() == (
        "Notify 1 susssasa{sv}i app=backcoach icon=io.github.backcoach.BackCoach "
        "summary='Today: Plank' body='Twice a week' actions=['default', 'Start', 'open', 'Start'] "
        "desktop-entry=io.github.backcoach.BackCoach"
    )
    notifier.close()


def test_a_reminder_at_its_time_and_its_click_opens_the_routine(qtbot, presence, bus) -> None:
    clock = presence.clock
    assert presence.reminders.check() is None  # 18:29:30: not yet
    clock.now += timedelta(seconds=40)  # 18:30:10
    reminder = presence.reminders.check()
    assert reminder is not None and reminder.routine_id == "stability-ball-circuit"
    line = bus.line()
    assert line.startswith("Notify 1 susssasa{sv}i app=backcoach")
    assert "summary='Today: Stability-ball strength circuit'" in line
    assert "body='Stability-ball strength circuit (Twice a week · 0 of 2 this week)'" in line
    assert "actions=['default', 'Start Stability-ball strength circuit'," in line
    assert presence.reminders.check() is None  # given once

    bus.tell("click 1")  # the runner clicks the notification
    qtbot.waitUntil(lambda: presence.window is not None, timeout=5000)
    w = presence.window
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.routine_page, timeout=5000)
    assert w.routine_page.routine.id == "stability-ball-circuit"
    assert w.isVisible()


def test_the_open_button_opens_it_too_and_other_apps_clicks_are_ignored(
    qtbot, presence, bus
) -> None:
    bus.tell("click 7")  # some other program's notification
    assert bus.line() == "clicked 7"
    presence.clock.now = SATURDAY.replace(hour=18, minute=30, second=5)
    presence.reminders.check()
    assert bus.line().startswith("Notify 1 ")
    bus.tell("click 1 open")
    qtbot.waitUntil(lambda: presence.window is not None, timeout=5000)
    assert presence.window.routine_page.routine.id == "stability-ball-circuit"


def test_the_timer_gives_the_reminder_without_being_called(qtbot, presence, bus) -> None:
    presence.reminders._timer.setInterval(20)  # the real timer, ticking fast
    presence.clock.now = SATURDAY.replace(hour=18, minute=31)
    with qtbot.waitSignal(presence.reminders.reminded, timeout=5000):
        pass
    assert bus.line().startswith("Notify 1 ")


def test_no_reminder_when_off_or_when_the_plan_is_done_for_today(qtbot, presence, bus) -> None:
    ctx = presence.ctx
    ctx.update_settings(reminders_on=False)
    presence.apply_settings()
    assert not presence.reminders.running
    presence.clock.now = SATURDAY.replace(hour=18, minute=30, second=5)
    assert presence.reminders.check() is None
    ctx.update_settings(reminders_on=True)
    presence.apply_settings()
    from tests.history_helpers import add_session

    for day in (17, 19):  # the circuit twice this week already
        add_session(
            ctx.history,
            datetime(2026, 11, day, 8, 0, tzinfo=TZ),
            routine=("stability-ball-circuit", "Circuit"),
        )
    presence.clock.now = SATURDAY.replace(hour=18, minute=31)
    assert presence.reminders.check() is None  # nothing left in the plan for today


def test_a_reminder_hours_late_is_dropped(qtbot, presence) -> None:
    presence.clock.now = SATURDAY.replace(hour=21, minute=0)  # asleep since before 18:30
    assert presence.reminders.check() is None


def test_after_a_run_is_imported(qtbot, presence, bus) -> None:
    ctx = presence.ctx
    ctx.update_settings(weekly_plan={"post-run-cooldown": {"rule": "after-run"}}, reminder_times={})
    reminder = presence.reminders.run_imported(presence.clock.now - timedelta(hours=1))
    assert reminder is not None and reminder.routine_id == "post-run-cooldown"
    assert "summary='Nice run'" in bus.line()
    assert presence.reminders.run_imported(presence.clock.now - timedelta(days=3)) is None
    # The hook the runs side uses: the window's signal, after an import.
    window = presence.open()
    ctx.update_settings(weekly_plan={"extra-stretches": {"rule": "after-run"}})
    with qtbot.waitSignal(presence.reminders.reminded, timeout=2000) as given:
        window.runImported.emit(presence.clock.now)
    assert given.args[0].routine_id == "extra-stretches"
    assert "summary='Nice run'" in bus.line()


def test_no_session_bus_is_not_an_error(qapp) -> None:
    notifier = Notifier(bus_address="unix:path=/nonexistent/bus")
    assert not notifier.notify("x", "y", "")


def test_closing_the_window_quits_unless_reminders_stay(qtbot, presence) -> None:
    w = presence.open()
    with qtbot.waitSignal(presence.quitRequested, timeout=2000):
        w.close()  # reminders on, but no login entry: backcoach ends with its window
    w = presence.open()
    autostart.enable()
    with qtbot.assertNotEmitted(presence.quitRequested):
        w.close()
    assert presence.window is None  # the presence stays, the window is gone
    again = presence.open("post-run-cooldown")
    assert again is not w and again.routine_page.routine.id == "post-run-cooldown"


# ----- the login entry --------------------------------------------------------------
def test_the_autostart_file_is_created_and_removed(data_dir) -> None:
    path = paths.autostart_file()
    assert path.parent.parent == paths.Path.home() / ".config"
    assert path.name == "io.github.backcoach.BackCoach.desktop"
    assert not autostart.is_enabled()
    autostart.enable()
    assert autostart.is_enabled()
    text = path.read_text(encoding="utf-8")
    assert "Exec=" in text and "--background" in text
    assert f"--data-dir {data_dir}" in text  # the tests' data folder goes with it
    subprocess.run(["desktop-file-validate", str(path)], check=True)
    assert autostart.disable()
    assert not path.exists() and not autostart.disable()


GI_READ_BACK = """
import sys
import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
info = Gio.DesktopAppInfo.new_from_filename(sys.argv[1])
argv = GLib.shell_parse_argv(info.get_commandline())[1]
# The launcher's last step: field codes, of which ours has only the literal "%%".
print("\\0".join(a.replace("%%", "%") for a in argv))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["-m", "backcoach", "--background"],
        ["--data-dir", '/home/r/my "data" $HOME `x` \\ 100% ~', "--background"],
    ],
)  # fmt: skip
def test_the_exec_line_reads_back_as_the_same_command(tmp_path, data_dir, args) -> None:
    """The desktop's own reader (GLib, as GNOME's session uses) gets our argv back."""
    program = tmp_path / "back coach" / "backcoach"  # GLib wants the program to exist
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    argv = [str(program), *args]
    path = autostart.enable(argv)
    subprocess.run(["desktop-file-validate", str(path)], check=True)
    system_python = "/usr/bin/python3"
    out = subprocess.run(
        [system_python, "-c", GI_READ_BACK, str(path)], capture_output=True, text=True
    )
    if out.returncode != 0 and "No module named 'gi'" in out.stderr:
        pytest.skip("the system python has no GObject introspection")
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip("\n").split("\0") == argv


def test_started_at_login_with_reminders_off_it_ends_at_once(data_dir) -> None:
    """The login entry left behind (reminders since turned off) costs nothing."""
    import os

    from tests.conftest import REPO

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    done = subprocess.run(
        [sys.executable, "-m", "backcoach", "--background"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    log = (data_dir / "logs" / "backcoach.log").read_text(encoding="utf-8")
    assert "started at login, but reminders are off" in log


def test_a_run_imported_in_the_window_reminds_of_the_after_run_routine(
    qtbot, presence, bus, tmp_path
) -> None:
    """The runs side's hook, for real: a FIT file of this morning through the window's
    importer, then the notification for the plan's after-run routine, and its click."""
    from tests.fixtures.make_runs import Spec, fit_bytes, loop_route

    ctx = presence.ctx
    ctx.update_settings(weekly_plan={"post-run-cooldown": {"rule": "after-run"}})
    window = presence.open()
    start = presence.clock.now - timedelta(hours=2)  # the run this morning, on the fake clock
    fit = tmp_path / "morning.fit"
    fit.write_bytes(fit_bytes(Spec(start, loop_route(start, km=6.0, every_s=5))))
    importer = window.runs_side.importer
    with qtbot.waitSignal(presence.reminders.reminded, timeout=20_000) as given:
        importer.import_paths([str(fit)], "files")
    assert given.args[0].routine_id == "post-run-cooldown"
    assert "summary='Nice run'" in bus.line()
    bus.tell("click 1")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.routine_page, timeout=5000)
    assert window.routine_page.routine.id == "post-run-cooldown"
