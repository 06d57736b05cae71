"""Desktop notifications that open a routine when clicked.

Linux: ``org.freedesktop.Notifications`` over QtDBus, on a connection of our own (so a
test can point it at a private bus). The notification carries a default action (a click
on its body) and an "Open" button; the server's ``ActionInvoked`` signal for one of ours
becomes ``activated(key)``. Elsewhere, or when no notification server answers,
``QSystemTrayIcon.showMessage`` with the click on the message. Failures are logged and
never raised: a missed reminder must not break the app.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from backcoach import paths
from backcoach.ui.desktop import bus
from backcoach.ui.desktop.dbus_uint import string_list, uint32

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CALL_TIMEOUT_MS = 3000  # a hung notification server must not freeze the window for long
EXPIRE_DEFAULT = -1


class Notifier(QObject):
    activated = Signal(str)  # the key given to notify(): the routine to open ("" = library)

    def __init__(
        self,
        bus_address: str | None = None,
        tray: QSystemTrayIcon | None = None,
        use_dbus: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        import sys

        self._address = bus_address  # None: the desktop's session bus
        self._use_dbus = sys.platform.startswith("linux") if use_dbus is None else use_dbus
        self._conn: Any = None
        self._connection_name = ""
        self._keys: dict[int, str] = {}  # server's notification id -> our key
        self.tray = tray
        self._tray_key = ""
        if tray is not None:
            tray.messageClicked.connect(lambda: self.activated.emit(self._tray_key))
        self.sent: list[tuple[str, str, str]] = []  # (title, body, how) for the log and tests

    # ----- sending -------------------------------------------------------------------
    def notify(self, title: str, body: str, key: str, action: str = "") -> bool:
        """Show a notification; True when the desktop took it."""
        if self._use_dbus and self._dbus_notify(title, body, key, action or self.tr("Open")):
            self.sent.append((title, body, "dbus"))
            return True
        if self.tray is not None and QSystemTrayIcon.supportsMessages() and self.tray.isVisible():
            self._tray_key = key
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information)
            self.sent.append((title, body, "tray"))
            return True
        log.info("no way to show a notification here: %s", title)
        return False

    def _dbus_notify(self, title: str, body: str, key: str, action: str) -> bool:
        from PySide6.QtDBus import QDBus, QDBusMessage

        conn = self._connection()
        if conn is None:
            return False
        msg = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Notify")
        msg.setArguments(
            [
                "backcoach",
                uint32(0),  # replaces nothing
                paths.APP_ID,  # the icon, by its installed name
                title,
                body,
                string_list(["default", action, "open", action]),
                {"desktop-entry": paths.APP_ID},
                EXPIRE_DEFAULT,
            ]
        )
        reply = conn.call(msg, QDBus.CallMode.Block, CALL_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("notification refused: %s", reply.errorMessage())
            return False
        self._keys[int(reply.arguments()[0])] = key
        return True

    # ----- the bus -------------------------------------------------------------------
    def _connection(self) -> Any:
        if self._conn is not None:
            return self._conn
        made = bus.own_connection(self._address, "notify")
        if made is None:
            self._use_dbus = False  # notifications go through the tray, if there is one
            return None
        conn, name = made
        # Any sender: the server's unique name is not known before the first call.
        for signal, slot in (
            ("ActionInvoked", "1_action(QDBusMessage)"),
            ("NotificationClosed", "1_closed(QDBusMessage)"),
        ):
            conn.connect("", PATH, SERVICE, signal, self, slot)
        self._conn, self._connection_name = conn, name
        return conn

    @Slot("QDBusMessage")
    def _action(self, message: Any) -> None:
        args = message.arguments()
        if len(args) == 2 and int(args[0]) in self._keys and args[1] in ("default", "open"):
            key = self._keys.pop(int(args[0]))
            log.info("notification clicked: %r", key)
            self.activated.emit(key)

    @Slot("QDBusMessage")
    def _closed(self, message: Any) -> None:
        args = message.arguments()
        if args:
            self._keys.pop(int(args[0]), None)

    def close(self) -> None:
        bus.close(self._connection_name)
        self._conn, self._connection_name = None, ""
