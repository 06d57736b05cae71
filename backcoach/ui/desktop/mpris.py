"""MPRIS: the session as a media player on the session bus, while the app runs.

Desktops that own the media keys (GNOME, KDE, most Wayland compositors) and Bluetooth
headsets (through BlueZ's AVRCP bridge) send play/pause, next and previous to the
active MPRIS player rather than to the focused window. Owning
``org.mpris.MediaPlayer2.backcoach`` makes those reach the session with the window in
the background; the desktop's player widget shows the routine and the current
exercise with its picture.

Two QDBusAbstractAdaptor children of one object give the two interfaces at
``/org/mpris/MediaPlayer2``; their PySide Properties carry their D-Bus types from the
declaration (``qlonglong`` is ``x``). PropertiesChanged is sent by hand with only
what changed, as the spec asks. Actions go to the SessionRemote.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import ClassInfo, Property, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
)

from backcoach.paths import APP_ID
from backcoach.ui.desktop.session_remote import NowPlaying, SessionRemote

log = logging.getLogger(__name__)

OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
BUS_NAME = "org.mpris.MediaPlayer2.backcoach"


def _strings(values: list[str]) -> QDBusArgument:
    """An ``as``: a plain list would go out as ``av``, which players do not read."""
    arg = QDBusArgument()
    arg << values
    return arg


def metadata(now: NowPlaying) -> dict[str, Any]:
    data: dict[str, Any] = {"mpris:trackid": QDBusObjectPath(now.track)}
    if now.live:
        data["xesam:title"] = now.title
        data["xesam:album"] = now.routine
        data["xesam:artist"] = _strings([now.routine])  # what player widgets show under it
        if now.art_url:
            data["mpris:artUrl"] = now.art_url
    return data


def player_properties(now: NowPlaying) -> dict[str, Any]:
    """The Player properties that follow the session (the rest never change)."""
    return {
        "PlaybackStatus": now.status,
        # Compared by what it shows; sent as metadata(now).
        "Metadata": (now.live, now.track, now.title, now.routine, now.art_url),
        "CanPlay": now.live,
        "CanPause": now.live,
        "CanGoNext": now.can_go_next,
        "CanGoPrevious": now.can_go_previous,
    }


@ClassInfo({"D-Bus Interface": ROOT})
class RootAdaptor(QDBusAbstractAdaptor):
    def __init__(self, service: MprisService) -> None:
        super().__init__(service)
        self.service = service

    @Property(bool)
    def CanQuit(self) -> bool:
        return True

    @Property(bool)
    def CanRaise(self) -> bool:
        return True

    @Property(bool)
    def HasTrackList(self) -> bool:
        return False

    @Property(str)
    def Identity(self) -> str:
        return "backcoach"

    @Property(str)
    def DesktopEntry(self) -> str:
        return APP_ID

    @Property("QStringList")
    def SupportedUriSchemes(self) -> list[str]:
        return []

    @Property("QStringList")
    def SupportedMimeTypes(self) -> list[str]:
        return []

    @Slot()
    def Raise(self) -> None:
        self.service.remote.raise_window()

    @Slot()
    def Quit(self) -> None:
        self.service.remote.quit()


@ClassInfo({"D-Bus Interface": PLAYER})
class PlayerAdaptor(QDBusAbstractAdaptor):
    Seeked = Signal("qlonglong")  # part of the interface; never sent (no seeking)

    def __init__(self, service: MprisService) -> None:
        super().__init__(service)
        self.service = service

    def _now(self) -> NowPlaying:
        return self.service.remote.now()

    @Property(str)
    def PlaybackStatus(self) -> str:
        return self._now().status

    @Property("QVariantMap")
    def Metadata(self) -> dict[str, Any]:
        return metadata(self._now())

    @Property(float)
    def Rate(self) -> float:
        return 1.0

    @Property(float)
    def MinimumRate(self) -> float:
        return 1.0

    @Property(float)
    def MaximumRate(self) -> float:
        return 1.0

    @Property(float)
    def Volume(self) -> float:
        return 1.0

    @Property("qlonglong")
    def Position(self) -> int:
        return self.service.remote.position_us()

    @Property(bool)
    def CanPlay(self) -> bool:
        return self._now().live

    @Property(bool)
    def CanPause(self) -> bool:
        return self._now().live

    @Property(bool)
    def CanGoNext(self) -> bool:
        return self._now().can_go_next

    @Property(bool)
    def CanGoPrevious(self) -> bool:
        return self._now().can_go_previous

    @Property(bool)
    def CanSeek(self) -> bool:
        return False

    @Property(bool)
    def CanControl(self) -> bool:
        return True

    @Slot()
    def PlayPause(self) -> None:
        self.service.remote.play_pause()

    @Slot()
    def Play(self) -> None:
        self.service.remote.play()

    @Slot()
    def Pause(self) -> None:
        self.service.remote.pause()

    @Slot()
    def Next(self) -> None:
        self.service.remote.next()

    @Slot()
    def Previous(self) -> None:
        self.service.remote.previous()

    @Slot()
    def Stop(self) -> None:
        self.service.remote.stop()

    @Slot("qlonglong")
    def Seek(self, offset_us: int) -> None:
        """A session's time is the runner's; it cannot be seeked (CanSeek is false)."""

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, track: QDBusObjectPath, position_us: int) -> None:
        """As Seek."""

    @Slot(str)
    def OpenUri(self, uri: str) -> None:
        """Nothing to open (SupportedUriSchemes is empty)."""


class MprisService(QObject):
    """Owns the MPRIS name for as long as it lives; ``close()`` gives it back."""

    def __init__(self, remote: SessionRemote, bus_address: str | None = None) -> None:
        super().__init__(remote)
        self.remote = remote
        self.root = RootAdaptor(self)
        self.player = PlayerAdaptor(self)
        self.bus_name = ""
        self._connection_name = f"backcoach-mpris-{id(self):x}"
        bus: Any = bus_address or QDBusConnection.BusType.SessionBus
        self._bus = QDBusConnection.connectToBus(bus, self._connection_name)
        self._sent = player_properties(remote.now())
        remote.changed.connect(self.refresh)

    def register(self) -> bool:
        """Export the player and take the bus name; False (logged) where there is no bus."""
        bus = self._bus
        if not bus.isConnected():
            log.info("no D-Bus session bus: media keys reach the window only when focused")
            return False
        if not bus.registerObject(OBJECT_PATH, self, QDBusConnection.RegisterOption.ExportAdaptors):
            log.warning("MPRIS: could not export %s: %s", OBJECT_PATH, bus.lastError().message())
            return False
        # A second copy of the app takes an instance name, as the spec suggests.
        for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
            if bus.registerService(name):
                self.bus_name = name
                log.info("MPRIS player %s on the session bus", name)
                return True
        log.warning("MPRIS: could not own %s: %s", BUS_NAME, bus.lastError().message())
        return False

    def refresh(self) -> None:
        """Tell the desktop what changed (PropertiesChanged, only the changed ones)."""
        now = self.remote.now()
        props = player_properties(now)
        changed = {k: v for k, v in props.items() if self._sent.get(k) != v}
        self._sent = props
        if not changed or not self.bus_name:
            return
        if "Metadata" in changed:
            changed["Metadata"] = metadata(now)
        signal = QDBusMessage.createSignal(OBJECT_PATH, PROPERTIES, "PropertiesChanged")
        signal.setArguments([PLAYER, changed, _strings([])])
        self._bus.send(signal)

    def close(self) -> None:
        if self.bus_name:
            self._bus.unregisterService(self.bus_name)
            self.bus_name = ""
        self._bus.unregisterObject(OBJECT_PATH)
        QDBusConnection.disconnectFromBus(self._connection_name)
