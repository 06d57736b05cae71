"""Builds the QApplication, the context and the main window. The entry into Qt."""

from __future__ import annotations

import gc
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
    app = QApplication.instance()
    if app is None:
        # Fusion named on the command line, which Qt reads itself: setStyle() would hand
        # back the style to Python, and wrapping a QStyle makes its dozen enums first.
        args = argv if argv is not None else sys.argv[:1]
        app = QApplication([*args, "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setApplicationName("backcoach")
    app.setApplicationDisplayName("backcoach")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("backcoach")
    app.setDesktopFileName(paths.APP_ID)
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
    from backcoach.core.words import counted
    from backcoach.settings_migration import migrate_settings
    from backcoach.ui.context import AppContext

    migrate_settings()
    notices: list[str] = []
    catalog = content.load(keep_parsed=True)
    if catalog.errors:
        notices.append(
            f"{counted(len(catalog.errors), 'problem')} in routine or exercise files; those files were "
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


def pause_gc() -> None:
    """No cyclic garbage collection until the first frame: start-up makes a great many
    objects that live as long as the process (modules, classes, Qt's enums, the
    catalogue), and each full collection would walk them all again."""
    gc.disable()


def resume_gc() -> None:
    """Collect start-up's garbage once, then set what is left aside (``gc.freeze``: it
    lives as long as the process), so later collections walk only what came after."""
    if gc.isenabled():
        return
    gc.collect()
    gc.freeze()
    gc.enable()


def run_app(screenshot_dir: str | None = None, background: bool = False) -> int:
    """Start-up in two steps. Before the first paint: Qt, the catalogue, the settings,
    the theme and the library page, the only things that paint needs. After it, in
    ``after_first_paint``: the history (and the library's banner from it), the socket
    that answers a second launch, the desktop's media controls, the speech workers, the
    reminders, the first-run welcome and start-up notices. A new page or service goes in
    the second step unless the library cannot paint without it (benchmarks/startup.py
    measures the first). The cyclic garbage collector waits for the first paint, too.

    ``background`` (what the login entry runs): no window, only the reminders; the window
    is made when a reminder or the tray asks for it."""
    if not (screenshot_dir or background):
        pause_gc()
    try:
        return _run_app(screenshot_dir, background)
    finally:
        resume_gc()  # on every way out that never painted


def _read_before_qt() -> Any:
    """The window's context, read before PySide6 is loaded when this launch can claim
    the data folder at once (None when another copy owns it: then the second launch's
    path decides, with Qt). Before, because shiboken reads the source of every module
    imported after PySide6 (its ``__feature__`` check); the catalogue's and settings'
    modules are pure Python and spared that. Claimed first: reading the settings may
    write them (a file that fails its checks is kept aside), which only the owner may."""
    from backcoach.core.folder_lock import FolderInUse, claim

    try:
        claim(paths.data_dir(), "window")
    except FolderInUse:
        return None
    import backcoach.core.plan  # noqa: F401  (the library's minutes, pure Python too)

    return build_context(with_history=False)


def _run_app(screenshot_dir: str | None, background: bool) -> int:
    early = None if screenshot_dir or background else _read_before_qt()
    app = create_application()
    from backcoach.ui import theme

    if screenshot_dir:
        from backcoach.ui.screenshots import render_all

        return render_all(screenshot_dir)
    from backcoach.ui.desktop.single_instance import SingleInstance
    from backcoach.ui.first_paint import FirstPaintProbe, when_painted
    from backcoach.ui.main_window import MainWindow

    # The data folder has one owner: a second launch brings the first window forward.
    # Started at login while a window is already open, the presence just leaves: that
    # window gives the reminders.
    instance = SingleInstance(paths.data_dir())
    if background and _window_already_open(instance):
        return 0
    refused = _refuse_unless_owner(instance)
    if refused is not None:
        return refused
    # In the background no paint is waiting: the history opens at once.
    ctx = early or build_context(with_history=background)
    theme.apply_theme(ctx.settings.theme)
    theme.follow_system_changes()
    desktop = _Desktop(ctx, instance)
    instance.raiseRequested.connect(desktop.bring_forward)
    try:
        if background:
            instance.listen()
            presence = desktop.start_presence(app, lambda: MainWindow(ctx))
            if not presence.stays():
                log.info("started at login, but reminders are off: nothing to do")
                return 0
            return int(app.exec())
        window = desktop.window = MainWindow(ctx)
        when_painted(window, lambda: after_first_paint(window, ctx, desktop, app))
        if os.environ.get("BACKCOACH_EXIT_AFTER_FIRST_PAINT") == "1":  # start-up benchmark
            # Installed last, so it sees the paint first: it reports before the rest starts.
            FirstPaintProbe(window)
        window.show()
        return int(app.exec())
    finally:
        desktop.close()
        if ctx.speaker is not None:
            ctx.speaker.close()
        instance.close()
        if ctx.history is not None:
            ctx.history.close()  # what could not be saved goes into a recovery file


def _window_already_open(instance: Any) -> bool:
    """Whether a backcoach window answers on this data folder's socket (without asking
    it to come forward: nobody asked for a window at login)."""
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(instance.name)
    answered = bool(sock.waitForConnected(500))
    sock.abort()
    return answered


def _refuse_unless_owner(instance: Any) -> int | None:
    """None when this launch owns the data folder and opens the window; else the exit
    code: 0 when the window already open came forward, 1 when another copy owns it."""
    from backcoach.core.folder_lock import FolderInUse

    try:
        outcome = instance.start()
    except FolderInUse as busy:
        from PySide6.QtWidgets import QMessageBox

        log.warning("not opening: %s", busy)
        text = str(busy)
        print(f"backcoach: {text}", file=sys.stderr)
        QMessageBox.warning(None, "backcoach", text[:1].upper() + text[1:] + ".")
        return 1
    if outcome == "forwarded":
        print("backcoach is already open; its window was brought forward.")
        return 0
    return None


class _Desktop:
    """The services that go with a window (media controls, speech) and the presence that
    outlives it: a window the presence makes later gets them as the first one did."""

    def __init__(self, ctx: Any, instance: Any = None) -> None:
        self.ctx = ctx
        self.instance = instance  # the SingleInstance: it listens once the window is up
        self.mpris: Any = None
        self.presence: Any = None
        self.window: Any = None  # the first window, until the presence looks after it

    def bring_forward(self) -> None:
        """Another launch asked for the window: the presence's (made if need be), or the
        first one while the presence has not started yet."""
        if self.presence is not None:
            self.presence.open()
        elif self.window is not None:
            self.window.bring_forward()

    def window_shown(self, window: Any) -> None:
        from PySide6.QtCore import QTimer

        if self.mpris is not None:
            self.mpris.close()  # it served the window before this one
        self.mpris = attach_desktop(window)
        if self.ctx.speaker is None:
            # The speech workers start a little later still: two Python processes starting
            # at once would make the window stutter on a two-core laptop.
            QTimer.singleShot(
                SPEECH_DELAY_MS, lambda: window.attach_speaker(_speaker(self.ctx.settings))
            )

    def start_presence(self, app: Any, make_window: Any, window: Any = None) -> Any:
        from backcoach.ui.desktop.presence import Presence

        app.setQuitOnLastWindowClosed(False)  # the presence decides: it may stay for reminders
        self.presence = Presence(self.ctx, make_window)
        self.presence.quitRequested.connect(app.quit)
        self.presence.windowOpened.connect(self.window_shown)
        if window is not None:
            self.presence.adopt(window)
        return self.presence

    def close(self) -> None:
        if self.presence is not None:
            self.presence.shutdown()
        if self.mpris is not None:
            self.mpris.close()


def after_first_paint(window: Any, ctx: Any, desktop: _Desktop, app: Any) -> None:
    """What the window needs once the runner can see it (see ``run_app``)."""
    from PySide6.QtCore import QTimer

    from backcoach.ui.main_window import MainWindow

    resume_gc()
    if desktop.instance is not None:
        desktop.instance.listen()  # a second launch now brings this window forward
    ctx.history = _open_history(ctx.notices.append)
    window.library.page_shown()  # the banner and Today, now with the history behind them
    desktop.window_shown(window)
    # Reminders (and the tray) join with the speech workers, a moment later.
    QTimer.singleShot(
        SPEECH_DELAY_MS, lambda: desktop.start_presence(app, lambda: MainWindow(ctx), window)
    )
    window.welcome_if_first_run()
    window.show_notices()
