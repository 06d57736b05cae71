"""One scale factor's session-page layout check, run in a process of its own.

``QT_SCALE_FACTOR`` takes effect only before the QApplication exists, so the test
runs this module once per factor (``python -m tests.session_layout_run``, the factor
in the environment) and reads the problems it prints as JSON. For every screen in
``SCREENS`` it measures the page full screen (the whole logical screen, no frame) and
windowed (less a title bar and a panel), in every state ``walk_states`` reaches.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import QRectF, QSize
from PySide6.QtWidgets import QApplication

# Physical screens: 16:9, 16:10 and 4:3, from a netbook to 4K.
SCREENS = [
    (1024, 600),
    (1024, 768),
    (1280, 800),
    (1366, 768),
    (1600, 1000),
    (1600, 1200),
    (1920, 1080),
    (1920, 1200),
    (2560, 1600),
    (3840, 2160),
]
TITLE_AND_PANEL = 72  # what a window manager takes from a windowed window's height


def window_sizes(scale: float) -> list[tuple[str, QSize, QSize]]:
    """(label, logical screen, window size) for every screen, full screen and windowed."""
    out = []
    for w, h in SCREENS:
        screen = QSize(int(w / scale), int(h / scale))
        out.append((f"{w}x{h}@{scale} full screen", screen, screen))
        windowed = QSize(screen.width(), screen.height() - TITLE_AND_PANEL)
        out.append((f"{w}x{h}@{scale} windowed", screen, windowed))
    return out


def page_problems(host, screen: QSize) -> list[str]:  # type: ignore[no-untyped-def]
    from tests.layout_checks import layout_problems

    page, window = host.page, host.window
    problems = layout_problems(window, screen)
    need = page.minimumSize().expandedTo(QSize(1, 1))
    if need.width() > screen.width() or need.height() > screen.height():
        problems.append(f"the page asks for {need.width()}x{need.height()}")
    inside = QRectF(window.rect())
    for b in page.buttons():
        where = QRectF(b.mapTo(window, b.rect().topLeft()), b.size().toSizeF())
        if not b.isVisible() or not inside.contains(where):
            problems.append(f"{b.text()!r} is not whole inside the window: {where}")
        if b.fontMetrics().horizontalAdvance(b.text()) > b.contentsRect().width():
            problems.append(f"{b.text()!r} does not show all of its text")
    ring = page.ring
    inks = ring.ink_rects()
    names = sorted(inks)
    for i, a in enumerate(names):
        if not QRectF(ring.rect()).contains(inks[a]):
            problems.append(f"ring {a} {ring.text()} outside the ring")
        for b in names[i + 1 :]:
            if inks[a].intersects(inks[b]):
                problems.append(f"ring {a} and {b} overlap: {ring.text()}")
    for label in (page.title, page.detail, page.next_label, page.rep_label):
        if label.elided():
            full = label.full_text()
            if label.toolTip() != full or label.accessibleName() != full:
                problems.append(f"elided {label.text()!r} hides {full!r} from tooltip or AT")
    return problems


def main() -> int:
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    app = QApplication(sys.argv[:1])
    from backcoach.ui import theme
    from tests.session_states import SessionHost, walk_states

    theme.apply_theme("light")
    sizes = window_sizes(scale)
    host = SessionHost((sizes[0][2].width(), sizes[0][2].height()))
    report: dict[str, list[str]] = {}
    checked = 0
    for state in walk_states(host):
        for label, screen, size in sizes:
            host.window.resize(size)
            for _ in range(3):  # a resize re-fits the type, which lays out again
                app.processEvents()
            if host.window.size() != size:
                report.setdefault(f"{state} {label}", []).append(
                    f"the window is {host.window.size()}, not {size}"
                )
            found = page_problems(host, screen)
            if found:
                report[f"{state} {label}"] = found
            checked += 1
    host.close()
    print(json.dumps({"checked": checked, "problems": report}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
