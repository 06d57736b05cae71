"""Where backcoach keeps things: history in the data folder, settings in the config
folder (moved there once from the data folder), logs in the state folder; and commands
that only read leave nothing behind on disk."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach import paths
from backcoach.settings_migration import migrate_settings
from tests.conftest import REPO

READ_ONLY = [
    ["--version"],
    ["--help"],
    ["routines"],
    ["routines", "--json"],
    ["plan", "strengthen-and-mobilise"],
    ["plan", "glute-check", "--json"],
    ["history"],
    ["history", "--json"],
    ["history", "--csv"],
]


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("argv", READ_ONLY, ids=" ".join)
def test_a_command_that_only_reads_creates_no_folder(tmp_path: Path, argv: list[str]) -> None:
    home = tmp_path / "fresh-home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.pop(paths.DATA_DIR_ENV, None)
    env["HOME"] = str(home)
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", *argv],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert everything_under(home) == []


@pytest.fixture
def platform_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The platform's own folders (XDG, under the test's home), no --data-dir."""
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    return tmp_path / "home"


def test_settings_live_in_the_config_folder(platform_folders: Path) -> None:
    assert paths.config_dir() == platform_folders / ".config" / "backcoach"
    assert paths.settings_file() == paths.config_dir() / "settings.json"
    assert paths.history_db() == platform_folders / ".local/share/backcoach/history.sqlite3"
    assert paths.log_dir() == platform_folders / ".local/state/backcoach/log"
    assert paths.legacy_settings_file() == platform_folders / ".local/share/backcoach/settings.json"


def test_a_data_dir_override_keeps_everything_in_it(tmp_path: Path) -> None:
    paths.set_data_dir(tmp_path / "mine")
    mine = (tmp_path / "mine").resolve()
    assert paths.settings_file() == mine / "settings.json"
    assert paths.legacy_settings_file() is None
    assert paths.log_dir() == mine / "logs"
    assert not migrate_settings()


def test_old_settings_are_moved_once_and_read_until_then(platform_folders: Path) -> None:
    old = paths.data_dir() / "settings.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"rate_wpm": 140, "theme": "dark"}), encoding="utf-8")
    # Readers before the move still find the runner's settings.
    assert paths.settings_file() == old
    assert migrate_settings()
    new = paths.config_dir() / "settings.json"
    assert paths.settings_file() == new and not old.exists()
    assert json.loads(new.read_text(encoding="utf-8")) == {"rate_wpm": 140, "theme": "dark"}
    # Once: an old file appearing again (an older version run) does not replace the new.
    old.write_text(json.dumps({"rate_wpm": 200}), encoding="utf-8")
    assert not migrate_settings()
    assert json.loads(new.read_text(encoding="utf-8"))["rate_wpm"] == 140
    assert paths.settings_file() == new


def test_the_window_moves_old_settings_and_saves_in_the_config_folder(
    platform_folders: Path, qapp
) -> None:
    from backcoach.app import build_context

    old = paths.data_dir() / "settings.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"prepare_s": 15.0}), encoding="utf-8")
    ctx = build_context()
    try:
        assert ctx.settings.prepare_s == 15.0
        assert ctx.settings_path == paths.config_dir() / "settings.json"
        assert ctx.update_settings(muted=True)
        saved = json.loads(ctx.settings_path.read_text(encoding="utf-8"))
        assert saved["muted"] is True and saved["prepare_s"] == 15.0
        assert not old.exists()
    finally:
        ctx.history.close()


def test_a_failed_move_keeps_the_old_file_in_use(
    platform_folders: Path, caplog: pytest.LogCaptureFixture
) -> None:
    old = paths.data_dir() / "settings.json"
    old.parent.mkdir(parents=True)
    old.write_text("{}", encoding="utf-8")
    paths.config_dir().parent.mkdir(parents=True)
    paths.config_dir().write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING, logger="backcoach"):
        assert not migrate_settings()
    assert "could not move settings" in caplog.text
    assert old.exists() and paths.settings_file() == old


def test_the_log_folder_is_made_at_the_first_record(platform_folders: Path) -> None:
    from backcoach.logs import setup_logging

    path = setup_logging()
    assert path is not None and not path.parent.exists()
    logging.getLogger("backcoach.test").info("something worth keeping")
    assert "something worth keeping" in path.read_text(encoding="utf-8")
    for handler in logging.getLogger("backcoach").handlers:
        handler.close()
