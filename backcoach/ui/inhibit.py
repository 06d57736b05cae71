"""Keep the screen awake while a session runs, and let it sleep again after.

Linux: org.freedesktop.ScreenSaver Inhibit/UnInhibit on the session bus (QtDBus).
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
    def __init__(self, app_name: str = "backcoach") -> None:
        self.app_name = app_name
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
            if self.cookie is not None:
                self._interface().call("UnInhibit", self.cookie)
            if self._proc is not None:
                self._proc.terminate()
                self._proc.wait(timeout=2)
            if self._win:
                self._windows(False)
        except Exception as exc:
            log.warning("could not release the screen: %s", exc)
        self.cookie, self._proc, self._win = None, None, False

    def _interface(self):  # type: ignore[no-untyped-def]
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        return QDBusInterface(SERVICE, PATH, SERVICE, QDBusConnection.sessionBus())

    def _dbus_inhibit(self, reason: str) -> bool:
        from PySide6.QtDBus import QDBusConnection, QDBusMessage

        if not QDBusConnection.sessionBus().isConnected():
            log.info("no D-Bus session bus: cannot ask the desktop to keep the screen on")
            return False
        reply = self._interface().call("Inhibit", self.app_name, reason)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("screen saver inhibit refused: %s", reply.errorMessage())
            return False
        self.cookie = int(reply.arguments()[0])
        return True

    def _windows(self, on: bool) -> bool:
        import ctypes

        es_continuous, es_system, es_display = 0x80000000, 0x00000001, 0x00000002
        flags = es_continuous | (es_system | es_display if on else 0)
        ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]
        self._win = on
        return True
