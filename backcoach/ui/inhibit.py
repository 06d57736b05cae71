"""Keep the screen awake while a session runs, and let it sleep again after.

Linux: org.freedesktop.ScreenSaver.Inhibit over D-Bus, on a connection of our own that
is closed to release it. Screen savers drop an inhibition when its caller leaves the
bus, and closing is the only release PySide6 can send: UnInhibit takes a uint32 cookie,
and PySide6 marshals every Python int as int32, which the method does not accept.
Windows: SetThreadExecutionState. macOS: a `caffeinate -d -w <pid>` child.
Anything that fails is logged and ignored: a sleepy screen must never stop a session.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class ScreenInhibitor:
    def __init__(self, app_name: str = "backcoach", bus_address: str | None = None) -> None:
        self.app_name = app_name
        self._address = bus_address  # None: the desktop's session bus
        self._connection_name = ""
        self.cookie: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._win = False

    @property
    def active(self) -> bool:
        return self.cookie is not None or self._proc is not None or self._win

    def inhibit(self, reason: str) -> bool:
        if self.active:
            return True
        try:
            if sys.platform.startswith("linux"):
                return self._dbus_inhibit(reason)
            if sys.platform == "win32":
                return self._windows(True)
            if sys.platform == "darwin":
                self._proc = subprocess.Popen(["caffeinate", "-d", "-w", str(os.getpid())])
                return True
        except Exception as exc:  # never let this stop a session
            log.warning("could not keep the screen awake: %s", exc)
        return False

    def release(self) -> None:
        try:
            if self._connection_name:
                from PySide6.QtDBus import QDBusConnection

                QDBusConnection.disconnectFromBus(self._connection_name)
            if self._proc is not None:
                self._proc.terminate()
                self._proc.wait(timeout=2)
            if self._win:
                self._windows(False)
        except Exception as exc:
            log.warning("could not release the screen: %s", exc)
        self.cookie, self._proc, self._win, self._connection_name = None, None, False, ""

    def _dbus_inhibit(self, reason: str) -> bool:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

        from backcoach.ui.desktop.bus import own_connection

        made = own_connection(self._address, "inhibit")
        if made is None:
            log.info("no D-Bus session bus: cannot ask the desktop to keep the screen on")
            return False
        conn, name = made
        reply = QDBusInterface(SERVICE, PATH, SERVICE, conn).call("Inhibit", self.app_name, reason)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("screen saver inhibit refused: %s", reply.errorMessage())
            QDBusConnection.disconnectFromBus(name)
            return False
        self._connection_name = name
        self.cookie = int(reply.arguments()[0])
        return True

    def _windows(self, on: bool) -> bool:
        import ctypes

        es_continuous, es_system, es_display = 0x80000000, 0x00000001, 0x00000002
        flags = es_continuous | (es_system | es_display if on else 0)
        ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]
        self._win = on
        return True
