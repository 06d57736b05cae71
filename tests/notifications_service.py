"""A stand-in org.freedesktop.Notifications on a private D-Bus, for the reminder tests.

Run as its own process (as tests/screensaver_service.py is). QtDBus dispatches a call
only when its signature matches a slot exactly, so a Notify with an int32 where the
specification says uint32 is refused here as a real notification server refuses it.
Prints "ready", then one line per call. A line "click N" or "click N ACTION" on stdin
plays the user clicking notification N (its body, or the named action button).
"""

import sys

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage


@ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
class Notifications(QObject):
    ActionInvoked = Signal("uint", str)
    NotificationClosed = Signal("uint", "uint")

    def __init__(self) -> None:
        super().__init__()
        self.last_id = 0

    # The trailing QDBusMessage is QtDBus handing over the call; not part of the signature.
    @Slot(
        str, "uint", str, str, str, "QStringList", "QVariantMap", int, QDBusMessage, result="uint"
    )
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout, call) -> int:
        self.last_id += 1
        print(
            f"Notify {self.last_id} {call.signature()} app={app} icon={icon} "
            f"summary={summary!r} body={body!r} actions={list(actions)} "
            f"desktop-entry={hints.get('desktop-entry', '')}",
            flush=True,
        )
        return self.last_id

    @Slot(result="QStringList")
    def GetCapabilities(self) -> list[str]:
        return ["actions", "body"]

    def command(self, line: str) -> None:
        words = line.split()
        if len(words) >= 2 and words[0] == "click":
            self.ActionInvoked.emit(int(words[1]), words[2] if len(words) > 2 else "default")
            self.NotificationClosed.emit(int(words[1]), 2)
            print(f"clicked {words[1]}", flush=True)


def main() -> int:
    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.connectToBus(sys.argv[1], "service")
    service = Notifications()
    flags = (
        QDBusConnection.RegisterOption.ExportAllSlots
        | QDBusConnection.RegisterOption.ExportAllSignals
    )
    ok = bus.registerObject("/org/freedesktop/Notifications", service, flags)
    ok = ok and bus.registerService("org.freedesktop.Notifications")
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        service.command(line)

    stdin.activated.connect(read)
    print("ready" if ok else f"failed: {bus.lastError().message()}", flush=True)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
