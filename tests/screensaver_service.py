"""A stand-in org.freedesktop.ScreenSaver on a private D-Bus, for tests/test_inhibit.py.

Run as its own process (a blocking D-Bus call to a service in the same thread would
wait on itself). Like the desktops' screen savers, it drops an inhibition when the
caller's connection leaves the bus. Prints "ready", then one line per event.
"""

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusServiceWatcher


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    def __init__(self, bus: QDBusConnection) -> None:
        super().__init__()
        self.next_cookie = 41
        self.cookies: dict[str, int] = {}  # caller's unique bus name -> its cookie
        # One watcher made here: constructing one inside a D-Bus slot crashes PySide6.
        self.watcher = QDBusServiceWatcher()
        self.watcher.setConnection(bus)
        self.watcher.setWatchMode(QDBusServiceWatcher.WatchModeFlag.WatchForUnregistration)
        self.watcher.serviceUnregistered.connect(self._gone)

    # A trailing QDBusMessage parameter is QtDBus's way to hand over the call itself
    # (QDBusContext.message() crashes under PySide6); it is not part of the signature.
    @Slot(str, str, QDBusMessage, result="uint")
    def Inhibit(self, app: str, reason: str, call: QDBusMessage) -> int:
        self.next_cookie += 1
        caller = call.service()
        print(f"Inhibit {app} | {reason} -> {self.next_cookie}", flush=True)
        self.cookies[caller] = self.next_cookie
        self.watcher.addWatchedService(caller)
        return self.next_cookie

    def _gone(self, caller: str) -> None:
        print(f"Released {self.cookies.pop(caller)}", flush=True)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.connectToBus(sys.argv[1], "service")
    service = ScreenSaver(bus)
    ok = bus.registerObject(
        "/org/freedesktop/ScreenSaver", service, QDBusConnection.RegisterOption.ExportAllSlots
    )
    ok = ok and bus.registerService("org.freedesktop.ScreenSaver")
    print("ready" if ok else f"failed: {bus.lastError().message()}", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
