"""Keep the screen awake while a session runs, and let it sleep again after.

Linux, over D-Bus, the first of these the session bus has running:
1. the desktop portal's ``org.freedesktop.portal.Inhibit`` (sandboxed apps, Wayland
   desktops; released by closing the Request object it returns),
2. ``org.freedesktop.ScreenSaver`` (KDE, Xfce, most X11 screen savers; ``UnInhibit``),
3. GNOME's ``org.gnome.SessionManager`` (``Uninhibit``).
Each inhibition is made on a bus connection of our own. Release calls the service's
own release method and then closes that connection; every one of these services also
drops an inhibition when its caller leaves the bus, so a crash or a kill releases it too.

The methods take uint32 arguments, and PySide6 turns every Python int into int32 or
uint16 when building a message by hand. Calls therefore go through the QDBusInterface's
meta-object (built from the service's introspection) with ``Q_ARG("uint", n)``, which
hands QtDBus a real uint.

Windows: SetThreadExecutionState. macOS: a ``caffeinate -d -w <pid>`` child.
Anything that fails is logged and ignored: a sleepy screen must never stop a session.
"""

from __future__ import annotations

import itertools
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from backcoach.paths import APP_ID

log = logging.getLogger(__name__)

PORTAL = ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
PORTAL_INHIBIT = "org.freedesktop.portal.Inhibit"
PORTAL_REQUEST = "org.freedesktop.portal.Request"
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")
GNOME_SESSION = ("org.gnome.SessionManager", "/org/gnome/SessionManager")
IDLE = 8  # the "idle" flag, the same value in the portal and in GNOME's session manager
CALL_TIMEOUT_MS = 3000  # never hang a session start on a stuck desktop service
_names = itertools.count(1)


class ScreenInhibitor:
    def __init__(self, app_name: str = "backcoach", bus_address: str | None = None) -> None:
        self.app_name = app_name
        self._address = bus_address  # None: the desktop's session bus
        self._connection_name = ""
        self._conn: Any = None
        self.backend = ""  # "portal", "screensaver", "gnome", "windows" or "caffeinate"
        self.cookie: int | str | None = None  # the service's handle or cookie
        self._release: Callable[[], None] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def active(self) -> bool:
        return bool(self.backend)

    def inhibit(self, reason: str) -> bool:
        if self.active:
            return True
        try:
            if sys.platform.startswith("linux"):
                return self._dbus_inhibit(reason)
            if sys.platform == "win32":
                self._windows(True)
                self.backend = "windows"
                return True
            if sys.platform == "darwin":
                self._proc = subprocess.Popen(["caffeinate", "-d", "-w", str(os.getpid())])
                self.backend = "caffeinate"
                return True
        except Exception as exc:  # never let this stop a session
            log.warning("could not keep the screen awake: %s", exc)
            self._disconnect()
        return False

    def release(self) -> None:
        try:
            if self._release is not None:
                self._release()
            if self._proc is not None:
                self._proc.terminate()
                self._proc.wait(timeout=2)
            if self.backend == "windows":
                self._windows(False)
        except Exception as exc:
            log.warning("could not release the screen: %s", exc)
        finally:
            self._disconnect()
            self.backend, self.cookie, self._release, self._proc = "", None, None, None

    # ----- D-Bus ---------------------------------------------------------------------
    def _dbus_inhibit(self, reason: str) -> bool:
        from PySide6.QtDBus import QDBusConnection

        name = f"backcoach-inhibit-{next(_names)}"
        bus: Any = self._address or QDBusConnection.BusType.SessionBus
        conn = QDBusConnection.connectToBus(bus, name)
        self._conn, self._connection_name = conn, name
        if not conn.isConnected():
            log.info("no D-Bus session bus: cannot ask the desktop to keep the screen on")
            self._disconnect()
            return False
        for backend, attempt in (
            ("portal", self._portal),
            ("screensaver", self._screensaver),
            ("gnome", self._gnome),
        ):
            if attempt(reason):
                self.backend = backend
                log.info("screen kept awake through %s (%s)", backend, self.cookie)
                return True
        log.info("no desktop service to keep the screen awake")
        self._disconnect()
        return False

    def _portal(self, reason: str) -> bool:
        handle = self._call(
            PORTAL, PORTAL_INHIBIT, "Inhibit", "QDBusObjectPath",
            ("QString", ""), ("uint", IDLE), ("QVariantMap", {"reason": reason}),
        )  # fmt: skip
        path = handle.path() if handle is not None else ""
        if not path:
            return False
        self.cookie = path
        self._release = lambda: self._call((PORTAL[0], path), PORTAL_REQUEST, "Close", None)
        return True

    def _screensaver(self, reason: str) -> bool:
        return self._cookie(
            SCREENSAVER, "UnInhibit", ("QString", self.app_name), ("QString", reason)
        )

    def _gnome(self, reason: str) -> bool:
        return self._cookie(
            GNOME_SESSION, "Uninhibit",
            ("QString", APP_ID), ("uint", 0), ("QString", reason), ("uint", IDLE),
        )  # fmt: skip

    def _cookie(self, where: tuple[str, str], release: str, *args: tuple[str, Any]) -> bool:
        """Inhibit on a service that answers with a uint cookie, released by ``release``."""
        cookie = self._call(where, where[0], "Inhibit", "uint", *args)
        if cookie is None:
            return False
        self.cookie = int(cookie)
        self._release = lambda: self._call(where, where[0], release, None, ("uint", int(cookie)))
        return True

    def _call(
        self,
        where: tuple[str, str],
        interface: str,
        method: str,
        returns: str | None,
        *args: tuple[str, Any],
    ) -> Any:
        """Call ``method`` with typed arguments; its return value, or None on any failure.

        Only a service the bus has running is asked: calling one that is merely
        activatable would start it, which can take longer than a runner should wait.
        """
        from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt
        from PySide6.QtDBus import QDBusInterface

        service, path = where
        if not self._conn.interface().isServiceRegistered(service).value():
            return None
        iface = QDBusInterface(service, path, interface, self._conn)
        iface.setTimeout(CALL_TIMEOUT_MS)
        signature = f"{method}({','.join(t for t, _ in args)})"
        if iface.metaObject().indexOfMethod(signature) < 0:
            log.info("%s has no %s.%s", service, interface, signature)
            return None
        typed = [Q_ARG(t, v) for t, v in args]
        connection = Qt.ConnectionType.DirectConnection
        if returns is None:
            QMetaObject.invokeMethod(iface, method, connection, *typed)
            value: Any = True
        else:
            value = QMetaObject.invokeMethod(
                iface, method, connection, Q_RETURN_ARG(returns), *typed
            )
        if iface.lastError().isValid():
            log.info("%s.%s refused: %s", interface, method, iface.lastError().message())
            return None
        return value

    def _disconnect(self) -> None:
        if self._connection_name:
            from PySide6.QtDBus import QDBusConnection

            self._conn = None
            QDBusConnection.disconnectFromBus(self._connection_name)
            self._connection_name = ""

    def _windows(self, on: bool) -> None:
        import ctypes

        es_continuous, es_system, es_display = 0x80000000, 0x00000001, 0x00000002
        flags = es_continuous | (es_system | es_display if on else 0)
        ctypes.windll.kernel32.SetThreadExecutionState(flags)  # type: ignore[attr-defined]
