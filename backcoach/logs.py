"""Logging into a rotating file in the user log folder (mentioned in error dialogs)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from backcoach import paths

LOG_NAME = "backcoach.log"


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send backcoach's log records to a rotating file; returns its path (or None)."""
    root = logging.getLogger("backcoach")
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_backcoach", False):
            root.removeHandler(handler)
            handler.close()
    try:
        path = log_file()
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=512_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None  # a read-only data folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._backcoach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
