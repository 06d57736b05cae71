"""The benchmark's baseline: the least a PySide6 app can be, one window with one label.

benchmarks/bundle.py freezes it with bare_window.spec (the same trimming as backcoach)
and times it to its first paint exactly as it times backcoach: with
BACKCOACH_EXIT_AFTER_FIRST_PAINT=1 it prints {"first_paint": time.time()} and exits.
"""

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


def report() -> None:
    print(json.dumps({"first_paint": time.time()}), flush=True)
    QApplication.exit(0)


class FirstPaint(QObject):
    """As backcoach's probe: reports from the loop once the first frame is painted."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = QLabel("backcoach")
    label.resize(1200, 780)
    if os.environ.get("BACKCOACH_EXIT_AFTER_FIRST_PAINT") == "1":
        probe = FirstPaint(label)
        label.installEventFilter(probe)
    label.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
