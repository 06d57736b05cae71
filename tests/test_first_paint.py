"""BACKCOACH_EXIT_AFTER_FIRST_PAINT=1: the real app, started as a runner starts it, says
when its window first painted and exits, even when a notice dialog is up at start."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


def _answers(name: str) -> bool:
    """Whether a window's socket of that name takes a connection."""
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    connected = bool(sock.waitForConnected(2000))
    sock.abort()
    return connected


def test_what_the_first_paint_does_not_need_comes_right_after_it(
    qtbot, data_dir, monkeypatch
) -> None:
    """History, the library's banner, the socket a second launch knocks on, the media
    controls, the welcome and the garbage collector wait for the first paint; the
    library itself is on screen before any of them."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from backcoach import app as app_module
    from backcoach.ui.desktop.single_instance import SingleInstance
    from backcoach.ui.first_paint import when_painted
    from backcoach.ui.main_window import MainWindow

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, _t: told.append(title))
    monkeypatch.setattr(app_module, "attach_desktop", lambda window: told.append("desktop"))
    monkeypatch.setattr(app_module, "SPEECH_DELAY_MS", 10**9)  # no speech workers here
    instance = SingleInstance(data_dir)
    app_module.pause_gc()
    try:
        assert instance.start() == "owner"
        ctx = app_module.build_context(with_history=False)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert ctx.history is None and window.library.cards  # the library needs no history
        assert not _answers(instance.name)  # nobody is told "come forward" yet
        assert not gc.isenabled()
        desktop = app_module._Desktop(ctx, instance)
        app = QApplication.instance()
        when_painted(window, lambda: app_module.after_first_paint(window, ctx, desktop, app))
        window.show()
        qtbot.waitUntil(lambda: ctx.history is not None)
        assert told == ["desktop", "Welcome to backcoach"]
        assert ctx.settings.welcomed
        assert gc.isenabled()
        assert _answers(instance.name)
    finally:
        gc.enable()
        gc.unfreeze()  # this test process's objects go back to the collector
        instance.close()
    ctx.history.close()


def _run_python(code: str, home: Path) -> str:
    env = {**os.environ, "HOME": str(home), paths.DATA_DIR_ENV: str(home / "data")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
        timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout


QT_LOADED = (
    "print('QT' if any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules) else 'NOQT')"
)


@pytest.mark.parametrize("argv", [["--version"], ["routines"], ["plan", "glute-check"]])
def test_the_light_commands_load_no_qt(argv: list[str], tmp_path: Path) -> None:
    code = (
        "import sys\nfrom backcoach.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n{QT_LOADED}\n"
    )
    assert _run_python(code, tmp_path).splitlines()[-1] == "NOQT"


def test_no_arguments_is_the_window_without_building_the_parser(tmp_path: Path) -> None:
    """The menu's launch (no arguments) skips argparse and the sub-commands' modules,
    and gets exactly what the parser would have made of no arguments."""
    from backcoach.cli import WINDOW, build_parser, parse

    assert vars(build_parser().parse_args([])) == WINDOW
    assert vars(parse([])) == WINDOW
    code = (
        "import sys\nfrom backcoach.cli import parse\nparse([])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('argparse', 'backcoach.commands.'))))"
    )
    assert _run_python(code, tmp_path).splitlines()[-1] == str(["backcoach.commands.errors"])


def test_a_second_launch_is_answered_once_the_first_window_is_up(qtbot, tmp_path: Path) -> None:
    """The first window listens after its first paint; a second launch in the meantime
    waits for it, then brings it forward instead of opening a copy."""
    from backcoach.ui.desktop.single_instance import server_name

    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"welcomed": true, "muted": true}', encoding="utf-8")
    sockets = tmp_path / "sockets"  # QLocalServer puts its socket in TMPDIR
    sockets.mkdir()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "TMPDIR": str(sockets),
        paths.DATA_DIR_ENV: str(data),
        "QT_QPA_PLATFORM": "offscreen",
        "BACKCOACH_SPEECH": "off",
    }
    env.pop("BACKCOACH_EXIT_AFTER_FIRST_PAINT", None)
    command = [sys.executable, "-m", "backcoach"]
    first = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        from backcoach.core.folder_lock import read_owner

        def owned() -> bool:
            assert first.poll() is None
            owner = read_owner(data)
            return owner is not None and owner.pid == first.pid

        # The first owns the folder first; its socket comes once its window painted.
        qtbot.waitUntil(owned, timeout=60_000)
        second = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert second.stdout == "backcoach is already open; its window was brought forward.\n"
        assert (sockets / server_name(data)).exists()
        assert first.poll() is None
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_the_log_file_and_its_module_wait_for_the_first_record(tmp_path: Path) -> None:
    code = (
        "import logging, sys\nfrom backcoach.logs import MAX_BYTES, setup_logging\n"
        "path = setup_logging()\nprint('logging.handlers' in sys.modules)\n"
        "for i in range(MAX_BYTES // 50):\n"
        "    logging.getLogger('backcoach.test').info('record %06d ' + 'x' * 20, i)\n"
        "print('logging.handlers' in sys.modules)\n"
        "print(sorted(p.name for p in path.parent.iterdir()))\n"
    )
    lines = _run_python(code, tmp_path).splitlines()
    assert lines[:2] == ["False", "True"]
    # The stand-in hands every record to the real rotating file: it rotated.
    assert lines[2] == str(["backcoach.log", "backcoach.log.1"])


def test_the_window_s_own_application_is_fusion_whatever_the_desktop_asks(
    tmp_path: Path,
) -> None:
    """Named on Qt's command line rather than set after (which wraps a QStyle in Python
    before the first frame): still Fusion, even with the desktop's override set."""
    code = (
        "import sys\nfrom backcoach.app import create_application\napp = create_application()\n"
        "print(app.style().name(), app.arguments()[1:])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
        timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["fusion", "[]"]


READ_BEFORE_QT = (
    "import sys\nfrom backcoach.app import _read_before_qt\nctx = _read_before_qt()\n"
    "print('PySide6' in sys.modules, None if ctx is None else len(ctx.catalog.routines))\n"
)


def test_the_owner_reads_catalogue_and_settings_before_qt_is_loaded(tmp_path: Path) -> None:
    from backcoach.core.catalog import load_catalog
    from backcoach.core.folder_lock import read_owner
    from tests.conftest import ASSETS

    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"theme": "no such theme"}', encoding="utf-8")
    out = _run_python(READ_BEFORE_QT, tmp_path).split()
    assert out == ["False", str(len(load_catalog(ASSETS).routines))]
    owner = read_owner(data)
    assert owner is not None and owner.role == "window"  # claimed before reading
    # The owner checks the settings: the file that failed is kept aside, fixed in place.
    assert len(list(data.iterdir())) > 2
    assert "no such theme" not in (data / "settings.json").read_text(encoding="utf-8")


def test_a_launch_that_cannot_own_the_folder_reads_nothing_before_qt(tmp_path: Path) -> None:
    from backcoach.core.folder_lock import LOCK_NAME, claim

    data = tmp_path / "data"
    data.mkdir()
    settings = data / "settings.json"
    settings.write_text('{"theme": "no such theme"}', encoding="utf-8")  # fails its checks
    claim(data, "run")  # this test process owns it, as a terminal session would
    assert _run_python(READ_BEFORE_QT, tmp_path).split() == ["False", "None"]
    # Not the owner, so the settings were not checked and kept aside.
    assert settings.read_text(encoding="utf-8") == '{"theme": "no such theme"}'
    assert sorted(p.name for p in data.iterdir()) == [LOCK_NAME, "settings.json"]
