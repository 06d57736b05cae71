"""Logging into a rotating file in the user log folder (mentioned in error dialogs)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from backcoach import paths

LOG_NAME = "backcoach.log"


def log_file(create: bool = True) -> Path:
    return paths.log_dir(create) / LOG_NAME


class _LazyFileHandler(logging.handlers.RotatingFileHandler):
    """Makes its folder and file at the first record, not before."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        # A read-only or full data folder must not stop the app, nor fill the terminal.
        logging.getLogger("backcoach").removeHandler(self)


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send backcoach's log records to a rotating file; returns its path (or None)."""
    root = logging.getLogger("backcoach")
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_backcoach", False):
            root.removeHandler(handler)
            handler.close()
    try:
        path = log_file(create=False)
        # delay: the file is made at the first record, so a reader that has nothing to
        # log (``history --json``) leaves the data folder as it found it.
        handler = _LazyFileHandler(
            path, maxBytes=512_000, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        return None  # a read-only data folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._backcoach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
