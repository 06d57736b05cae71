"""The Qt half of ``backcoach --self-test``: exercise pictures and the main window.

Both run on whatever platform plugin Qt picked (the self-test chooses ``offscreen``
when there is no display), so a frozen build proves its platform plugins load.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from backcoach.core.catalog import Catalog
from backcoach.selftest import Result, fail, ok
from backcoach.ui.svg_image import svg_image

THUMB_W, THUMB_H = 160, 120
MIN_INK = 0.005  # share of a thumbnail the figure must cover to count as drawn


def _app() -> QApplication:
    from backcoach.app import create_application

    app: QApplication = create_application()
    return app


def painted_share(image: QImage) -> float:
    """The share of a transparent ARGB32 image's pixels that got painted."""
    # Format_ARGB32 is 0xAARRGGBB in native order: on little-endian machines alpha is
    # every fourth byte from the fourth; count by value to stay endian-proof.
    painted = sum(1 for p in image.constBits().cast("I") if p >> 24)
    return painted / (image.width() * image.height())


def ink_share(renderer: QSvgRenderer) -> float:
    """Render into a transparent thumbnail; the share of pixels that got painted."""
    return painted_share(svg_image(renderer, THUMB_W, THUMB_H))


def _svg_problem(path: Path) -> str | None:
    if not path.is_file():
        return f"{path} is missing"
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return f"{path} is not a valid SVG"
    if ink_share(renderer) < MIN_INK:
        return f"{path} renders blank"
    return None


def check_images(catalog: Catalog, root: Path) -> Result:
    """Every exercise's picture, and every other SVG shipped beside them, renders."""
    _app()
    wanted = {root / "images" / f"{ex_id}.svg" for ex_id in catalog.exercises}
    shipped = set((root / "images").glob("*.svg"))
    problems = [p for p in (_svg_problem(path) for path in sorted(wanted | shipped)) if p]
    if problems:
        shown = "; ".join(problems[:3])
        more = f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        return fail("images", f"{len(problems)} of {len(wanted | shipped)} pictures: {shown}{more}")
    return ok(
        "images",
        f"{len(wanted)} exercise pictures render ({len(wanted | shipped)} SVG files checked)",
    )


def check_figures(catalog: Catalog) -> Result:
    """Every exercise's pose data loads and paints: the figures the window animates."""
    from PySide6.QtCore import QSize

    from backcoach.ui.widgets.figure_view import figure_image

    app = _app()
    problems = []
    for ex_id in sorted(catalog.exercises):
        try:
            image = figure_image(ex_id, QSize(THUMB_W, THUMB_H), app.palette())
        except Exception as exc:  # a broken pose file is a failed check, not a crash
            problems.append(f"{ex_id}: {exc}")
            continue
        if painted_share(image) < MIN_INK:
            problems.append(f"{ex_id} paints blank")
    if problems:
        return fail("figures", f"{len(problems)} exercises: {'; '.join(problems[:3])}")
    return ok("figures", f"{len(catalog.exercises)} posed figures paint from assets/poses")


def check_window() -> Result:
    """Build the real main window (on the self-test's scratch data folder), paint it once."""
    from backcoach.app import build_context
    from backcoach.ui.main_window import MainWindow

    app = _app()
    window = None
    ctx = None
    try:
        ctx = build_context()
        window = MainWindow(ctx)
        # Laid out and painted like a shown window, but never mapped on the runner's screen.
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        window.resize(1200, 780)
        window.show()
        app.processEvents()
        platform = QGuiApplication.platformName()
        # Pages are made when first opened: open every one, so each is built and painted.
        for name in window.stack.names():
            page = window.stack.page(name)
            window.stack.setCurrentWidget(page)
            shot = window.grab().toImage()
            name = type(page).__name__
            if shot.isNull() or shot.width() < 600:
                return fail("window", f"{name} did not paint on '{platform}'")
            if _uniform(shot):
                return fail("window", f"{name} painted as one flat colour on '{platform}'")
        pages = window.stack.count()
        return ok(
            "window",
            f"main window with {pages} pages painted {shot.width()}×{shot.height()} "
            f"on '{platform}' (Qt {qVersion()})",
        )
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            app.processEvents()
        history = getattr(ctx, "history", None)
        if history is not None and hasattr(history, "close"):
            history.close()


def _uniform(image: QImage) -> bool:
    first = image.pixel(0, 0)
    step = max(1, image.width() // 40)
    return all(
        image.pixel(x, y) == first
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    )


def check_notifications() -> Result:
    """Reminders need a D-Bus uint32, which PySide6 cannot make by itself (see
    ``ui/desktop/dbus_uint``): the C++ operator it calls must be found in this build."""
    import sys

    if not sys.platform.startswith("linux"):
        return ok("notifications", "through the tray icon's messages (no D-Bus here)")
    from backcoach.ui.desktop.dbus_uint import uint32

    signature = uint32(7).currentSignature()
    if signature != "u":
        return fail("notifications", f"a uint32 for D-Bus came out as {signature!r}, not 'u'")
    return ok("notifications", "D-Bus uint32 arguments for org.freedesktop.Notifications")
