"""The part of backcoach that runs without its window: reminders, a tray icon, and the
window itself made when it is asked for.

In a normal start it runs beside the window and gives the reminders while the window is
open. Started at login (``backcoach --background``, from the autostart entry) it starts
with no window at all. Either way, when the reminders are on and the login entry is
there, closing the window leaves the presence running (in the tray where the desktop has
one), so today's reminder still comes; otherwise closing the window ends backcoach.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from backcoach import paths
from backcoach.ui.context import AppContext
from backcoach.ui.desktop import autostart
from backcoach.ui.desktop.notifications import Notifier
from backcoach.ui.desktop.reminder_service import ReminderService

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    return QIcon.fromTheme(paths.APP_ID, QIcon(str(paths.asset("icons", f"{paths.APP_ID}.svg"))))


class Presence(QObject):
    windowOpened = Signal(object)  # the MainWindow, each time one is made
    quitRequested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        make_window: Callable[[], Any],
        notifier: Notifier | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._make_window = make_window
        self.window: Any = None
        self.tray = self._make_tray()
        self.notifier = notifier or Notifier(tray=self.tray, parent=self)
        self.reminders = ReminderService(ctx, self.notifier, now=now, parent=self)
        self.reminders.openRequested.connect(self.open)
        self.apply_settings()

    # ----- the window ------------------------------------------------------------------
    def open(self, routine_id: str = "") -> Any:
        """Bring the window forward (making it if needed), on ``routine_id`` if given."""
        window = self.window
        if window is None:
            window = self.adopt(self._make_window())
            self.windowOpened.emit(window)
        window.bring_forward()
        # A live session is never interrupted by a reminder; without a routine to open,
        # the window stays on the page it was on.
        if routine_id and routine_id in self.ctx.catalog.routines and not window.session_live:
            window.open_routine(routine_id)
        return window

    def adopt(self, window: Any) -> Any:
        """Look after ``window`` (made here, or by a normal start before the presence)."""
        self.window = window
        window.closed.connect(self._window_closed)
        window.remindersChanged.connect(self.apply_settings)
        window.runImported.connect(self.reminders.run_imported)
        return window

    def stays(self) -> bool:
        """Whether backcoach keeps running with its window closed."""
        return self.ctx.settings.reminders_on and autostart.is_enabled()

    def _window_closed(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            window.deleteLater()
        if not self.stays():
            self.quitRequested.emit()
            return
        if self.tray is not None and self.tray.isVisible():
            self.notifier.notify(
                self.tr("backcoach is still here"),
                self.tr("Your reminders keep coming. Quit from the tray icon's menu."),
                "",
            )

    # ----- settings --------------------------------------------------------------------
    def apply_settings(self) -> None:
        """Reminders on or off, the tray icon shown while backcoach stays."""
        if self.ctx.settings.reminders_on:
            if not self.reminders.running:
                self.reminders.start()
        else:
            self.reminders.stop()
        if self.tray is not None:
            self.tray.setVisible(self.stays())

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None  # e.g. GNOME without an extension: notifications still come
        tray = QSystemTrayIcon(app_icon(), self)
        tray.setToolTip("backcoach")
        menu = QMenu()
        menu.addAction(self.tr("Open backcoach"), lambda: self.open())
        menu.addAction(self.tr("Quit"), self.quitRequested.emit)
        tray.setContextMenu(menu)
        self._menu = menu  # the tray does not own its menu
        tray.activated.connect(
            lambda reason: (
                self.open() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
            )
        )
        return tray

    def shutdown(self) -> None:
        self.reminders.stop()
        self.notifier.close()
        if self.tray is not None:
            self.tray.hide()


def quit_application() -> None:
    app = QApplication.instance()
    if app is not None:
        app.quit()
