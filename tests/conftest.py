"""Shared fixtures. Every test runs with its data folder, home and XDG folders in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Offscreen, Qt's virtual screen is 800×800; give it a laptop's 1920×1080 so windows
# are laid out (and full screen measured) as a runner would see them.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    screen = Path(__file__).resolve().parent / "offscreen-screen.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
ASSETS = REPO / "assets"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may touch the real home folder: point every user folder at tmp_path."""
    from backcoach import paths

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in [
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ]:
        monkeypatch.setenv(var, str(home / sub))
    data = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)


@pytest.fixture
def data_dir(_isolated_home: Path) -> Path:
    return _isolated_home


@pytest.fixture(scope="session")
def catalog():
    from backcoach.core.catalog import load_catalog

    return load_catalog(ASSETS)


@pytest.fixture
def window(qtbot, data_dir, monkeypatch):
    """The real main window on tmp_path; "Before you start" answered: no red flags, pain 3."""
    from PySide6.QtWidgets import QDialog

    from backcoach.ui.dialogs.before_start import BeforeStartDialog
    from backcoach.ui.main_window import MainWindow
    from tests.window_helpers import make_context

    ctx = make_context(data_dir)

    def accept_with_pain_3(dialog: BeforeStartDialog) -> int:
        dialog.pain.setValue(3)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BeforeStartDialog, "exec", accept_with_pain_3)
    w = MainWindow(ctx)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    # Stop any live session first: closing a window mid-session asks "Stop?" (modal).
    w.flow.shutdown()
    w.close()
    w.deleteLater()
    ctx.history.close()


@pytest.fixture(scope="session")
def run_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The generated run files (tests/fixtures/make_runs.py), made once per test run."""
    from tests.fixtures.make_runs import make_all

    return make_all(tmp_path_factory.mktemp("run-files"))
