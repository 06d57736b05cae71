"""One window per data folder: a second launch brings the first window forward.

The first window owns the data folder (``core.folder_lock``) and listens on a local
socket named after that folder. A second launch first knocks on that socket: if a
window answers, it is asked to come forward and the second launch ends there. If no
window answers but the folder is owned (a terminal ``backcoach run``, or a window
still starting), the launch waits briefly for a window to answer, and otherwise says
who owns the folder instead of opening a second copy that would fight over it.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backcoach.core.folder_lock import FolderInUse, claim

log = logging.getLogger(__name__)

RAISE = b"raise\n"
ACK = b"ok\n"
CONNECT_MS = 500
STARTING_WINDOW_S = 5.0  # how long a second launch waits for a first one still starting


def server_name(folder: Path) -> str:
    """A socket name of this user and folder: two folders, two windows; two users, too."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{folder.resolve()}".encode()).hexdigest()[:16]
    return f"backcoach-{digest}"


def ask_to_raise(name: str, timeout_ms: int = CONNECT_MS) -> bool:
    """Knock on a running window's socket; True when it said it came forward."""
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
    """``start()`` decides; ``raiseRequested`` fires when a later launch knocks."""

    raiseRequested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.name = server_name(folder)
        self._server: QLocalServer | None = None

    def start(self) -> str:
        """ "owner": this launch owns the folder and listens; "forwarded": another window
        came forward instead. Raises FolderInUse when a non-window copy owns it."""
        if ask_to_raise(self.name):
            return "forwarded"
        try:
            claim(self.folder, "window")
        except FolderInUse as busy:
            if busy.owner is not None and busy.owner.role != "window":
                raise
            deadline = time.monotonic() + STARTING_WINDOW_S
            while time.monotonic() < deadline:  # each knock waits up to CONNECT_MS
                if ask_to_raise(self.name):
                    return "forwarded"
            raise
        self._listen()
        return "owner"

    def _listen(self) -> None:
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
