"""Logging into a rotating file in the user log folder (mentioned in error dialogs)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from backcoach import paths

LOG_NAME = "backcoach.log"


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


class _FolderMakingHandler(logging.handlers.RotatingFileHandler):
    """Opens its file, and makes its folder, at the first record rather than at start:
    a command that only reads and has nothing to report leaves no log folder behind."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # a read-only or full log folder must not stop the app or fill stderr
        super().handleError(record)


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
        handler = _FolderMakingHandler(
            path, maxBytes=512_000, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        return None  # a read-only data folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._backcoach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
