"""A start-up probe for benchmarks: report the wall-clock moment of the first paint, then quit.

Set ``BACKCOACH_EXIT_AFTER_FIRST_PAINT=1`` and the app prints one JSON line,
``{"first_paint": <time.time()>}``, when its main window receives its first Paint event,
and exits 0. The benchmark notes ``time.time()`` just before it starts the process, so
the difference is the runner's wait from launch to a window on screen, whichever way
the program was installed (source, wheel or frozen bundle).
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

FIRST_PAINT_ENV = "BACKCOACH_EXIT_AFTER_FIRST_PAINT"


class FirstPaintProbe(QObject):
    """Installed on a window; at its first paint prints the time and ends the event loops."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.fired = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            # time.time(), not monotonic: the parent process compares it with its own clock.
            print(json.dumps({"first_paint": time.time()}), flush=True, file=sys.stdout)
            # exit() ends every running loop, including a modal notice dialog's; the caller
            # checks ``fired`` so it does not start the main loop after such a dialog.
            QCoreApplication.exit(0)
        return False
