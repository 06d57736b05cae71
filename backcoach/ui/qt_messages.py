"""Qt's own messages, minus the one that is noise for us.

Qt's offscreen platform (the self-test, screenshots, CI) has no window manager to pass
size hints to and says "This plugin does not support propagateSizeHints()" for every
top-level window with a minimum or fixed size: eight times in a self-test, and in the
installer's output, where a runner would take it for a fault. That one line is
dropped; every other message goes to stderr as Qt would print it, and warnings and
worse into our log as well.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("backcoach.qt")

NOISE = ("This plugin does not support propagateSizeHints()",)
_installed = False


def _handler(kind: QtMsgType, context: Any, message: str) -> None:
    if message in NOISE:
        return
    print(message, file=sys.stderr, flush=True)
    if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        log.warning("Qt: %s", message)


def quiet_noise() -> None:
    """Install the filter once per process (before the first window is made)."""
    global _installed
    if not _installed:
        qInstallMessageHandler(_handler)
        _installed = True
