"""A D-Bus connection of our own, to the session bus or to a given address (tests point
it at a private bus). Named, so it can be closed without touching the app's others."""

from __future__ import annotations

import itertools
import logging
from typing import Any

log = logging.getLogger(__name__)
_names = itertools.count(1)


def own_connection(address: str | None, purpose: str) -> tuple[Any, str] | None:
    """(connection, name), or None when there is no bus to talk to."""
    from PySide6.QtDBus import QDBusConnection

    name = f"backcoach-{purpose}-{next(_names)}"
    bus: Any = address or QDBusConnection.BusType.SessionBus
    conn = QDBusConnection.connectToBus(bus, name)
    if not conn.isConnected():
        log.info("no D-Bus session bus for %s", purpose)
        QDBusConnection.disconnectFromBus(name)
        return None
    return conn, name


def close(name: str) -> None:
    if name:
        from PySide6.QtDBus import QDBusConnection

        QDBusConnection.disconnectFromBus(name)
