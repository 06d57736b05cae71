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

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("backcoach")
    app.setApplicationDisplayName("backcoach")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("backcoach")
    app.setDesktopFileName(paths.APP_ID)
    app.setStyle("Fusion")
    return app


def build_context() -> Any:
    """The real context: catalogue, settings and history from the data folder.

    The speaker is attached to the window later (``MainWindow.attach_speaker``), once
    the window is on screen; its notices arrive through the window's SpeechBridge.
    """
    from backcoach import content
    from backcoach.core.settings import load_settings
    from backcoach.session_setup import open_history
    from backcoach.ui.context import AppContext

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
        history=open_history(notices.append),
        notices=notices,
    )


SPEECH_DELAY_MS = 300


def _speaker(settings: Any) -> Any:
    from backcoach.speech import create_speaker

    return create_speaker(settings)


def run_app(screenshot_dir: str | None = None) -> int:
    app = create_application()
    from PySide6.QtCore import QTimer

    from backcoach.ui import theme

    if screenshot_dir:
        from backcoach.ui.screenshots import render_all

        return render_all(screenshot_dir)
    from backcoach.ui.desktop.single_instance import SingleInstance
    from backcoach.ui.main_window import MainWindow

    instance = SingleInstance(paths.data_dir())
    refused = _refuse_unless_owner(instance)
    if refused is not None:
        return refused
    ctx = build_context()
    theme.apply_theme(ctx.settings.theme)
    theme.follow_system_changes()
    window = MainWindow(ctx)
    instance.raiseRequested.connect(window.bring_forward)
    probe = None
    if os.environ.get("BACKCOACH_EXIT_AFTER_FIRST_PAINT") == "1":  # start-up benchmark
        from backcoach.ui.first_paint import FirstPaintProbe

        probe = FirstPaintProbe(window)
    window.show()
    # The speech workers start once the window is up: two Python processes starting
    # alongside would slow the first paint on a two-core laptop.
    QTimer.singleShot(SPEECH_DELAY_MS, lambda: window.attach_speaker(_speaker(ctx.settings)))
    try:
        window.welcome_if_first_run()
        window.show_notices()
        if probe is not None and probe.fired:
            return 0  # painted under a notice dialog; exec() would wait for ever
        return int(app.exec())
    finally:
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
