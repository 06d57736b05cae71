"""One window per data folder: a second launch brings the first window forward.

The first window owns the data folder (``core.folder_lock``) and listens on a local
socket named after that folder. A second launch finds the folder owned by a window and
knocks on that socket: if the window answers, it is asked to come forward and the
second launch ends there. A window still starting (it listens once its first frame is
painted) is waited for briefly; a folder owned by something else (a terminal
``backcoach run``) is refused, saying who owns it, instead of opening a second copy
that would fight over it. Claiming comes first because it costs a file lock; the socket
(QtNetwork) is loaded only to knock or, after the first paint, to listen.
"""

from __future__ import annotations

import logging
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Signal

from backcoach.core.folder_lock import FolderInUse, claim

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = b"raise\n"
ACK = b"ok\n"
CONNECT_MS = 500
STARTING_WINDOW_S = 5.0  # how long a second launch waits for a first one still starting


def server_name(folder: Path) -> str:
    """A socket name of this user and folder: two folders, two windows; two users, too."""
    import getpass
    import hashlib

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{folder.resolve()}".encode()).hexdigest()[:16]
    return f"backcoach-{digest}"


def ask_to_raise(name: str, timeout_ms: int = CONNECT_MS) -> bool:
    """Knock on a running window's socket; True when it said it came forward."""
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(QByteArray(RAISE))
    sock.waitForBytesWritten(timeout_ms)
    answered = sock.waitForReadyRead(timeout_ms * 4) and bytes(sock.readAll().data()) == ACK
    sock.disconnectFromServer()
    return answered


class SingleInstance(QObject):
    """``start()`` decides; once ``listen()`` is called, ``raiseRequested`` fires when a
    later launch knocks."""

    raiseRequested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._server: QLocalServer | None = None

    @cached_property
    def name(self) -> str:
        return server_name(self.folder)

    def start(self) -> str:
        """ "owner": this launch owns the folder (call ``listen()`` when the window is up);
        "forwarded": another window came forward instead. Raises FolderInUse when a
        non-window copy owns it, or a window that never answers."""
        try:
            claim(self.folder, "window")
        except FolderInUse as busy:
            if busy.owner is not None and busy.owner.role != "window":
                raise
            # A window owns it: knock, and keep knocking while it may still be starting.
            deadline = time.monotonic() + STARTING_WINDOW_S
            while True:  # each knock waits up to CONNECT_MS
                if ask_to_raise(self.name):
                    return "forwarded"
                if time.monotonic() >= deadline:
                    raise
        return "owner"

    def listen(self) -> None:
        """Answer later launches from now on (the owner, once its window is up)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        # We own the folder, so any socket of this name is a dead window's leftover.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._knocked)
        self._server = server

    def _knocked(self) -> None:
        assert self._server is not None
        while (sock := self._server.nextPendingConnection()) is not None:
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if bytes(sock.readAll().data()).startswith(RAISE.strip()):
            log.info("single instance: another launch asked this window to come forward")
            self.raiseRequested.emit()
            sock.write(QByteArray(ACK))
            sock.flush()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
