"""The watched folder: looked at once at start-up, whenever it changes, and every
minute as well (a watch mounted over USB does not always report its changes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from backcoach.ui.runs.importer import RunImporter

POLL_MS = 60_000
SETTLE_MS = 2_000  # a copy sets off many change signals: look once it has calmed down


class FolderWatch(QObject):
    def __init__(self, importer: RunImporter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.importer = importer
        self.folder: Path | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _p: self.soon.start())
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(SETTLE_MS)
        self.soon.timeout.connect(self.look)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.look)

    def set_folder(self, folder: str) -> None:
        """Watch ``folder`` from now on ("" to stop) and look at it straight away."""
        paths = self.watcher.directories()
        if paths:
            self.watcher.removePaths(paths)
        self.folder = Path(folder).expanduser() if folder else None
        if self.folder is None:
            self.poll.stop()
            self.soon.stop()
            return
        self.poll.start()
        self.look()

    def look(self) -> None:
        folder = self.folder
        if folder is None or not folder.is_dir():
            return  # not mounted right now: the poll tries again
        if str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        self.importer.import_folder(folder)

    def stop(self) -> None:
        self.set_folder("")
