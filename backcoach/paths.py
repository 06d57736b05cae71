"""Every path backcoach uses, in one place.

Assets (exercises, routines, images) ship read-only with the program and are found
the same way from a source checkout, an installed wheel and a frozen bundle.
User data (history, settings, user routines, logs) lives in the platform's user
data folder, unless ``--data-dir`` or ``BACKCOACH_DATA_DIR`` points elsewhere.
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


def data_dir(create: bool = True) -> Path:
    """Where history, settings and user routines live; created on first use.

    ``create=False`` for readers (``history``, ``routines``), which never create files.
    """
    if _data_dir_override is not None:
        path = _data_dir_override
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir(create: bool = True) -> Path:
    """Rotating log files; inside the data folder when it was overridden."""
    if _data_dir_override is not None or os.environ.get(DATA_DIR_ENV):
        path = data_dir(create) / "logs"
    else:
        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def history_db(create: bool = True) -> Path:
    return data_dir(create) / "history.sqlite3"


def settings_file() -> Path:
    return data_dir() / "settings.json"


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
