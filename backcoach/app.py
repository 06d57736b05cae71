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


def build_context() -> Any:
    """The real context: catalogue, settings and history from the data folder.

    The speaker is attached to the window later (``MainWindow.attach_speaker``), once
    the window is on screen; its notices arrive through the window's SpeechBridge.
    """
    from backcoach import content
    from backcoach.core.settings import load_settings
    from backcoach.session_setup import open_history
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
    loaded = load_settings(paths.settings_file())
    if loaded.notice:
        notices.append(loaded.notice)
    return AppContext(
        catalog=catalog,
        settings=loaded.settings,
        settings_path=paths.settings_file(),
        history=open_history(notices.append),
        notices=notices,
    )


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
    app = create_application()
    from PySide6.QtCore import QTimer

    from backcoach.ui import theme

    if screenshot_dir:
        from backcoach.ui.screenshots import render_all

        return render_all(screenshot_dir)
    from backcoach.ui.main_window import MainWindow

    ctx = build_context()
    theme.apply_theme(ctx.settings.theme)
    theme.follow_system_changes()
    window = MainWindow(ctx)
    probe = None
    if os.environ.get("BACKCOACH_EXIT_AFTER_FIRST_PAINT") == "1":  # start-up benchmark
        from backcoach.ui.first_paint import FirstPaintProbe

        probe = FirstPaintProbe(window)
    window.show()
    # The speech workers start once the window is up: two Python processes starting
    # alongside would slow the first paint on a two-core laptop. The desktop's media
    # controls are not needed for the first paint either.
    desktop: list[Any] = []
    QTimer.singleShot(SPEECH_DELAY_MS, lambda: window.attach_speaker(_speaker(ctx.settings)))
    QTimer.singleShot(0, lambda: desktop.append(attach_desktop(window)))
    try:
        window.welcome_if_first_run()
        window.show_notices()
        if probe is not None and probe.fired:
            return 0  # painted under a notice dialog; exec() would wait for ever
        return int(app.exec())
    finally:
        for service in desktop:
            if service is not None:
                service.close()
        if ctx.speaker is not None:
            ctx.speaker.close()
