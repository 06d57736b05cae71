"""Stand-in desktop services on a private D-Bus, for the inhibitor's tests.

    python tests/desktop_services.py ADDRESS portal,screensaver,gnome

registers the named ones: the desktop portal (its Inhibit interface and a Request object
to close), org.freedesktop.ScreenSaver and GNOME's session manager, each with the
signature the real one has. ``portal-bare`` registers a portal with no Inhibit interface,
as xdg-desktop-portal is when no backend implements it. Like the real services, each
drops an inhibition when the caller's connection leaves the bus.

Runs as its own process (a blocking D-Bus call to a service in the same thread would
wait on itself). Prints "ready", then one line per event.
"""

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusServiceWatcher,
)

REQUEST = "/org/freedesktop/portal/desktop/request/1_1/backcoach"
EXPORT = QDBusConnection.RegisterOption.ExportAllSlots


class Held(QObject):
    """Inhibitions held per caller, dropped (and said so) when the caller leaves."""

    def __init__(self, bus: QDBusConnection, name: str) -> None:
        super().__init__()
        self.name = name
        self.held: dict[str, object] = {}  # caller's unique bus name -> its cookie
        # One watcher made here: constructing one inside a D-Bus slot crashes PySide6.
        self.watcher = QDBusServiceWatcher()
        self.watcher.setConnection(bus)
        self.watcher.setWatchMode(QDBusServiceWatcher.WatchModeFlag.WatchForUnregistration)
        self.watcher.serviceUnregistered.connect(self._gone)

    def hold(self, caller: str, cookie: object) -> None:
        self.held[caller] = cookie
        self.watcher.addWatchedService(caller)

    def release(self, caller: str, cookie: object) -> None:
        if self.held.get(caller) == cookie:
            del self.held[caller]
            print(f"{self.name} released {cookie}", flush=True)
        else:
            print(f"{self.name} asked to release unknown {cookie}", flush=True)

    def _gone(self, caller: str) -> None:
        if caller in self.held:
            print(f"{self.name} dropped {self.held.pop(caller)}: caller left the bus", flush=True)


# A trailing QDBusMessage parameter is QtDBus's way to hand over the call itself
# (QDBusContext.message() crashes under PySide6); it is not part of the signature.
@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Inhibit"})
class PortalInhibit(QObject):
    def __init__(self, held: Held) -> None:
        super().__init__()
        self.held = held

    @Slot(str, "uint", "QVariantMap", QDBusMessage, result=QDBusObjectPath)
    def Inhibit(self, window: str, flags: int, options: dict, call: QDBusMessage):
        print(f"portal Inhibit {window!r} flags={flags} reason={options.get('reason')}", flush=True)
        self.held.hold(call.service(), REQUEST)
        return QDBusObjectPath(REQUEST)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Request"})
class PortalRequest(QObject):
    def __init__(self, held: Held) -> None:
        super().__init__()
        self.held = held

    @Slot(QDBusMessage)
    def Close(self, call: QDBusMessage) -> None:
        self.held.release(call.service(), REQUEST)


@ClassInfo({"D-Bus Interface": "org.freedesktop.portal.Settings"})
class PortalSettings(QObject):
    @Slot(str, str, result=str)
    def ReadOne(self, namespace: str, key: str) -> str:
        return ""


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    def __init__(self, held: Held) -> None:
        super().__init__()
        self.held = held
        self.next_cookie = 41

    @Slot(str, str, QDBusMessage, result="uint")
    def Inhibit(self, app: str, reason: str, call: QDBusMessage) -> int:
        self.next_cookie += 1
        print(f"screensaver Inhibit {app} | {reason} -> {self.next_cookie}", flush=True)
        self.held.hold(call.service(), self.next_cookie)
        return self.next_cookie

    @Slot("uint", QDBusMessage)
    def UnInhibit(self, cookie: int, call: QDBusMessage) -> None:
        self.held.release(call.service(), cookie)


@ClassInfo({"D-Bus Interface": "org.gnome.SessionManager"})
class GnomeSession(QObject):
    def __init__(self, held: Held) -> None:
        super().__init__()
        self.held = held
        self.next_cookie = 6

    @Slot(str, "uint", str, "uint", QDBusMessage, result="uint")
    def Inhibit(self, app_id: str, xid: int, reason: str, flags: int, call: QDBusMessage) -> int:
        self.next_cookie += 1
        print(
            f"gnome Inhibit {app_id} xid={xid} flags={flags} | {reason} -> {self.next_cookie}",
            flush=True,
        )
        self.held.hold(call.service(), self.next_cookie)
        return self.next_cookie

    @Slot("uint", QDBusMessage)
    def Uninhibit(self, cookie: int, call: QDBusMessage) -> None:
        self.held.release(call.service(), cookie)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    wanted = sys.argv[2].split(",")
    keep = []
    ok = True
    for name in wanted:
        # A connection per service, as each desktop service is its own process.
        bus = QDBusConnection.connectToBus(sys.argv[1], f"stand-in-{name}")
        held = Held(bus, name.split("-")[0])
        if name == "portal":
            objects = {
                "/org/freedesktop/portal/desktop": PortalInhibit(held),
                REQUEST: PortalRequest(held),
            }
            service = "org.freedesktop.portal.Desktop"
        elif name == "portal-bare":
            objects = {"/org/freedesktop/portal/desktop": PortalSettings()}
            service = "org.freedesktop.portal.Desktop"
        elif name == "screensaver":
            objects = {"/org/freedesktop/ScreenSaver": ScreenSaver(held)}
            service = "org.freedesktop.ScreenSaver"
        else:
            objects = {"/org/gnome/SessionManager": GnomeSession(held)}
            service = "org.gnome.SessionManager"
        for path, obj in objects.items():
            ok = ok and bus.registerObject(path, obj, EXPORT)
        ok = ok and bus.registerService(service)
        keep += [bus, held, *objects.values()]
    print("ready" if ok else "failed", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
