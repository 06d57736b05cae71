"""One scale factor of the layout matrix, in its own process (QT_SCALE_FACTOR is read
when QApplication starts): ``python -m tests.layout_matrix SCALE OUT.json``.

The offscreen platform gets one screen per size in SIZES (logical pixels, so the
physical screens are SCALE times bigger). The real window, on the screenshots' sample
data, walks every page and dialog state (``backcoach.ui.screenshot_scenes.walk``); at
each one the window is laid out filling each screen in turn, dialogs are shown on each
screen, and ``tests.layout_checks`` lists what is broken. OUT.json gets the problems
as ``[{"scene", "size", "problem"}]`` and the number of checks made.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SIZES = [(1024, 600), (1024, 768), (1280, 800), (1366, 768), (1600, 1000), (1600, 1200),
         (1920, 1080), (2560, 1600), (3840, 2160)]  # fmt: skip
SCALES = ("1", "1.25", "1.5", "2")


def main(scale: str, out: Path) -> int:
    os.environ["QT_SCALE_FACTOR"] = scale
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from backcoach.ui.screenshot_screen import use_offscreen_screens

    use_offscreen_screens(SIZES, out.parent)
    from backcoach.app import create_application

    app = create_application([])
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from backcoach.ui.screenshot_scenes import walk
    from backcoach.ui.screenshots import TODAY, sample_window, settle
    from tests.layout_checks import layout_problems

    found: list[dict[str, str]] = []
    scenes: list[str] = []
    checks = 0
    screens = app.screens()

    with sample_window("light", SIZES[0]) as (w, clock):

        def check(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
            nonlocal checks
            if widget is not None and not widget.isWindow():
                return  # a part of a page, checked with the page
            scenes.append(name)
            for screen in screens:
                area = screen.availableGeometry()
                if widget is None:
                    w.setGeometry(area)
                    top = w
                else:
                    widget.move(area.topLeft())
                    # On another screen now: let a dialog that fits itself to its screen refit.
                    QApplication.postEvent(widget, QEvent(QEvent.Type.LayoutRequest))
                    top = widget
                settle()
                checks += 1
                size = f"{area.width()}x{area.height()}"
                for problem in layout_problems(top, area.size()):
                    found.append({"scene": name, "size": size, "problem": problem})

        walk(w, clock, TODAY, check)
    out.write_text(
        json.dumps(
            {"scale": scale, "checks": checks, "scenes": scenes, "problems": found}, indent=1
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
