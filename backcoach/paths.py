"""Every path backcoach uses, in one place.

Assets (exercises, routines, images) ship read-only with the program and are found
the same way from a source checkout, an installed wheel and a frozen bundle.
User data (history, user routines) lives in the platform's user data folder, settings
in its config folder and logs in its state folder, unless ``--data-dir`` or
``BACKCOACH_DATA_DIR`` points elsewhere: then all of it lives in that one folder.

Nothing here creates a folder. Whoever writes creates what it writes into (the history
store, ``save_settings``, the log handler at its first record), so commands that only
read (``--version``, ``routines``, ``plan``, ``history``) leave no trace on disk.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "backcoach"
APP_ID = "io.github.backcoach.BackCoach"
DATA_DIR_ENV = "BACKCOACH_DATA_DIR"
# Points the program at another copy of the assets: `--self-test` of a copy with a
# deliberately broken routine, or trying edited images without rebuilding a bundle.
ASSET_ROOT_ENV = "BACKCOACH_ASSET_ROOT"

SETTINGS_NAME = "settings.json"

_PACKAGE_DIR = Path(__file__).resolve().parent
_data_dir_override: Path | None = None


def asset_root() -> Path:
    """The folder holding ``exercises/``, ``routines/`` and ``images/``."""
    override = os.environ.get(ASSET_ROOT_ENV)
    if override:
        return Path(override).expanduser().resolve()
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller unpacks data next to the executable
        return Path(frozen_root) / "assets"
    installed = _PACKAGE_DIR / "assets"  # wheel: force-included into the package
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "assets"  # source checkout or editable install


def asset(*parts: str) -> Path:
    """A file under the asset root; refuses paths that climb out of it."""
    root = asset_root()
    path = root.joinpath(*parts).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"asset path leaves the asset folder: {'/'.join(parts)}")
    return path


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` for history, settings and logs (``--data-dir``)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def _override() -> Path | None:
    if _data_dir_override is not None:
        return _data_dir_override
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    return None


def data_dir() -> Path:
    """Where history and user routines live (not created here)."""
    return _override() or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where settings live: the platform's config folder, or the overridden data folder."""
    return _override() or Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir_chosen() -> bool:
    """True when ``--data-dir`` or ``BACKCOACH_DATA_DIR`` moved the data folder."""
    return _override() is not None


def autostart_file() -> Path:
    """The XDG autostart entry that starts the reminder presence at login."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{APP_ID}.desktop"


def log_dir() -> Path:
    """Rotating log files; inside the data folder when it was overridden."""
    override = _override()
    if override is not None:
        return override / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Things made again when missing (pictures rendered for the cards); not created here."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def history_db() -> Path:
    return data_dir() / "history.sqlite3"


def legacy_settings_file() -> Path | None:
    """Where settings lived before 0.2 (the data folder), when that is another place."""
    old = data_dir() / SETTINGS_NAME
    return None if old.parent == config_dir() else old


def settings_file() -> Path:
    """The settings file in use: the config folder's, or the old one until it is moved.

    ``backcoach.settings_migration.migrate_settings()`` moves it once, at the window's
    start; until then readers keep finding the runner's settings where they were.
    """
    new = config_dir() / SETTINGS_NAME
    old = legacy_settings_file()
    if old is not None and not new.exists() and old.exists():
        return old
    return new


def user_routines_dir() -> Path:
    return data_dir() / "routines"


def user_exercises_dir() -> Path:
    return data_dir() / "exercises"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def self_command() -> list[str]:
    """The argv that starts this same program again (for worker processes)."""
    if is_frozen():
        return [sys.executable]
    return [sys.executable, "-m", "backcoach"]
