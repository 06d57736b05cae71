"""The window's first paint: a hook for what start-up defers until then, and a probe.

``when_painted(window, callback)`` runs ``callback`` from the event loop once the window
has painted for the first time (app.run_app defers everything the first paint does not
need to it). The probe is for benchmarks: it reports the first paint's moment and quits.

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
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FIRST_PAINT_ENV = "BACKCOACH_EXIT_AFTER_FIRST_PAINT"
_reported = False


class _WhenPainted(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint and its children's, from the loop: never inside a paint.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        if not _reported:  # the benchmark's probe has ended the run at the first frame
            self._callback()


def when_painted(window: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` once, after ``window`` first paints."""
    _WhenPainted(window, callback)


class FirstPaintProbe(QObject):
    """Installed on a window; once its first frame is painted prints the time and quits.

    The report is made from the event loop after the window's first Paint event, so the
    whole frame (the window and every child in it: cards, pictures) is on screen by then;
    the bare window of the benchmark reports the same way.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.fired = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            QTimer.singleShot(0, report_and_quit)
        return False


def report_and_quit() -> None:
    global _reported
    _reported = True
    # time.time(), not monotonic: the parent process compares it with its own clock.
    print(json.dumps({"first_paint": time.time()}), flush=True, file=sys.stdout)
    # exit() ends every running loop, including a modal dialog's.
    QCoreApplication.exit(0)
