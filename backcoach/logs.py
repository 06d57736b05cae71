"""Logging into a rotating file in the user log folder (mentioned in error dialogs)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from backcoach import paths

LOG_NAME = "backcoach.log"
MAX_BYTES = 512_000
BACKUPS = 3


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


class _LogFile(logging.Handler):
    """The rotating log file, made (with its folder) at the first record rather than at
    start: a command that only reads and has nothing to report leaves no log folder
    behind, and a start with nothing to report does not load ``logging.handlers``."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path)
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            self._file = _rotating_file(Path(self.baseFilename))
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def _rotating_file(path: Path) -> logging.Handler:
    import logging.handlers

    class FolderMakingFile(logging.handlers.RotatingFileHandler):
        def _open(self):  # type: ignore[no-untyped-def]
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
            return super()._open()

        def handleError(self, record: logging.LogRecord) -> None:
            if isinstance(sys.exc_info()[1], OSError):
                return  # a read-only or full log folder must not stop the app or fill stderr
            super().handleError(record)

    return FolderMakingFile(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )


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
    except OSError:
        return None  # a read-only data folder must not stop the app
    handler: Any = _LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._backcoach = True
    root.addHandler(handler)
    return path
