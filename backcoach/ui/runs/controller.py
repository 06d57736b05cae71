"""The runner's side of the window: the importer, the watched folder, and run files
dropped anywhere on the window. The window connects ``reportReady`` to show results."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from backcoach.ui.context import AppContext
from backcoach.ui.runs.folder_watch import FolderWatch
from backcoach.ui.runs.importer import RunImporter

# The first look at the watched folder waits until the window is up and painted.
WATCH_DELAY_MS = 1500


def dropped_paths(mime: QMimeData) -> list[str]:
    """Run files among what was dropped; a dropped folder stands for the run files in it."""
    from backcoach.runs.reading import is_run_file_name
    from backcoach.runs.watch import MAX_FILES

    out: list[str] = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.is_dir():
            out += _run_files_in(path)
        elif is_run_file_name(path.name):
            out.append(str(path))
    return out[:MAX_FILES]


def _has_run_files(mime: QMimeData) -> bool:
    """Worth taking: a run file by its name, or a folder that may hold some."""
    from backcoach.runs.reading import is_run_file_name

    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if is_run_file_name(path.name) or path.is_dir():
                return True
    return False


def _run_files_in(folder: Path) -> list[str]:
    from backcoach.runs.reading import is_run_file_name
    from backcoach.runs.watch import MAX_DEPTH

    found: list[str] = []
    base = len(folder.parts)
    for dirpath, dirnames, files in os.walk(folder):
        if len(Path(dirpath).parts) - base >= MAX_DEPTH:
            dirnames[:] = []
        found += [os.path.join(dirpath, f) for f in sorted(files) if is_run_file_name(f)]
    return found


class RunsSide(QObject):
    reportReady = Signal(object, str)  # ImportReport, origin ("files", "drop", "folder")

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.importer = RunImporter(lambda: ctx.runs, self)
        self.watch = FolderWatch(self.importer, self)
        self.importer.finished.connect(self.reportReady)
        window.setAcceptDrops(True)
        window.installEventFilter(self)  # sees drops before the window's own handlers

    def start_soon(self) -> None:
        QTimer.singleShot(WATCH_DELAY_MS, self, self.start)

    def start(self) -> None:
        if self.ctx.runs is None:  # the history opens after the first paint: wait for it
            QTimer.singleShot(WATCH_DELAY_MS, self, self.start)
            return
        self.watch.set_folder(self.ctx.settings.watched_folder)

    def set_watched_folder(self, folder: str) -> None:
        self.ctx.update_settings(watched_folder=folder)
        self.watch.set_folder(folder)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Run files dropped anywhere on the window are imported. Other files pass on to
        the window untouched (a routine file dropped there is the routine editor's)."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if _has_run_files(event.mimeData()):
                event.acceptProposedAction()
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.importer.import_paths(paths, "drop")
            elif _has_run_files(event.mimeData()):  # a folder with nothing to import
                self.reportReady.emit(None, "drop")
        return super().eventFilter(watched, event)

    def shutdown(self) -> None:
        self.watch.stop()
        self.importer.shutdown()
