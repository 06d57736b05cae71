"""Builds the QApplication, the context and the main window. The entry into Qt."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from backcoach import __version__, paths

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> Any:
    from PySide6.QtWidgets import QApplication

    from backcoach.ui.formats import use_interface_locale
    from backcoach.ui.qt_messages import quiet_noise

    quiet_noise()
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("backcoach")
    app.setApplicationDisplayName("backcoach")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("backcoach")
    app.setDesktopFileName(paths.APP_ID)
    app.setStyle("Fusion")
    use_interface_locale()  # after QApplication, which set the C library's locale from LANG
    return app


def build_context(with_history: bool = True) -> Any:
    """The real context: catalogue, settings and history from the data folder.

    The speaker is attached to the window later (``MainWindow.attach_speaker``), once
    the window is on screen; its notices arrive through the window's SpeechBridge.
    ``with_history=False`` leaves the history for ``open_rest`` after the first paint.
    """
    from backcoach import content
    from backcoach.core.settings import load_settings
    from backcoach.settings_migration import migrate_settings
    from backcoach.ui.context import AppContext

    migrate_settings()
    notices: list[str] = []
    catalog = content.load()
    if catalog.errors:
        notices.append(
            f"{len(catalog.errors)} problem(s) in routine or exercise files; those files were "
            f"skipped. The first: {catalog.errors[0]}"
        )
    # The window owns the data folder: a settings file that fails its checks is kept
    # aside and the checked settings written in its place.
    loaded = load_settings(paths.settings_file(), keep_aside=True)
    notices.extend(loaded.notices)
    return AppContext(
        catalog=catalog,
        settings=loaded.settings,
        settings_path=paths.settings_file(),
        history=_open_history(notices.append) if with_history else None,
        notices=notices,
    )


def _open_history(report: Any) -> Any:
    from backcoach.session_setup import open_history  # SQLite: not before the first paint

    return open_history(report)


SPEECH_DELAY_MS = 300


def _speaker(settings: Any) -> Any:
    from backcoach.speech import create_speaker

    return create_speaker(settings)


def attach_desktop(window: Any, bus_address: str | None = None) -> Any:
    """Media keys and headset buttons over MPRIS (Linux desktops); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    from backcoach.ui.desktop.mpris import MprisService
    from backcoach.ui.desktop.session_remote import SessionRemote

    service = MprisService(SessionRemote(window), bus_address)
    service.register()
    return service


def run_app(screenshot_dir: str | None = None) -> int:
    """Start-up in two steps. Before the first paint: Qt, the catalogue, the settings,
    the theme and the library page, the only things that paint needs. After it, in
    ``after_first_paint``: the history (and the library's banner from it), the desktop's
    media controls, the speech workers, the first-run welcome and start-up notices.
    A new page or service goes in the second step unless the library cannot paint
    without it (benchmarks/startup.py measures the first)."""
    app = create_application()
    from backcoach.ui import theme

    if screenshot_dir:
        from backcoach.ui.screenshots import render_all

        return render_all(screenshot_dir)
    from backcoach.ui.desktop.single_instance import SingleInstance
    from backcoach.ui.first_paint import FirstPaintProbe, when_painted
    from backcoach.ui.main_window import MainWindow

    # The data folder has one owner: a second launch brings the first window forward.
    instance = SingleInstance(paths.data_dir())
    refused = _refuse_unless_owner(instance)
    if refused is not None:
        return refused
    ctx = build_context(with_history=False)
    theme.apply_theme(ctx.settings.theme)
    theme.follow_system_changes()
    window = MainWindow(ctx)
    instance.raiseRequested.connect(window.bring_forward)
    desktop: list[Any] = []
    when_painted(window, lambda: after_first_paint(window, ctx, desktop))
    if os.environ.get("BACKCOACH_EXIT_AFTER_FIRST_PAINT") == "1":  # start-up benchmark
        # Installed last, so it sees the paint first: it reports before the rest starts.
        FirstPaintProbe(window)
    window.show()
    try:
        return int(app.exec())
    finally:
        for service in desktop:
            if service is not None:
                service.close()
        if ctx.speaker is not None:
            ctx.speaker.close()
        instance.close()
        if ctx.history is not None:
            ctx.history.close()  # what could not be saved goes into a recovery file


def _refuse_unless_owner(instance: Any) -> int | None:
    """None when this launch owns the data folder and opens the window; else the exit
    code: 0 when the window already open came forward, 1 when another copy owns it."""
    from PySide6.QtWidgets import QMessageBox

    from backcoach.core.folder_lock import FolderInUse

    try:
        outcome = instance.start()
    except FolderInUse as busy:
        log.warning("not opening: %s", busy)
        text = str(busy)
        print(f"backcoach: {text}", file=sys.stderr)
        QMessageBox.warning(None, "backcoach", text[:1].upper() + text[1:] + ".")
        return 1
    if outcome == "forwarded":
        print("backcoach is already open; its window was brought forward.")
        return 0
    return None


def after_first_paint(window: Any, ctx: Any, desktop: list[Any]) -> None:
    """What the window needs once the runner can see it (see ``run_app``)."""
    from PySide6.QtCore import QTimer

    ctx.history = _open_history(ctx.notices.append)
    window.library.page_shown()  # the banner: pain that went up in recent sessions
    desktop.append(attach_desktop(window))
    # The speech workers start a little later still: two Python processes starting at
    # once would make the window stutter on a two-core laptop.
    QTimer.singleShot(SPEECH_DELAY_MS, lambda: window.attach_speaker(_speaker(ctx.settings)))
    window.welcome_if_first_run()
    window.show_notices()
