"""Importing run files without holding up the window.

Files are read (and a watched folder listed) on a worker thread; the few writes to the
history file happen back on the window's thread, where its SQLite connection lives,
one transaction per file. Jobs queue up: a drop during a folder scan waits its turn.

``runsImported`` is the hook for anything that reacts to new runs (the library's
suggestion, reminders): it fires once per import that wrote at least one run.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

# Only names here: the window makes the importer before its first paint, and the run
# log's modules (SQLite among them) wait until the history opens after it.
if TYPE_CHECKING:
    from backcoach.runs.files import FileRead
    from backcoach.runs.store import RunLog
    from backcoach.runs.watch import Candidate

log = logging.getLogger(__name__)


@dataclass
class _Job:
    origin: str  # "files", "drop" or "folder"
    paths: list[str] = field(default_factory=list)
    folder: Path | None = None
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    reads: list[FileRead] = field(default_factory=list)


class RunImporter(QObject):
    busyChanged = Signal(bool)
    finished = Signal(object, str)  # ImportReport, origin
    runsImported = Signal(object)  # ImportReport that wrote runs
    _read = Signal(object)  # a _Job read on the worker thread, back on ours

    def __init__(self, log_: Callable[[], RunLog | None], parent: QObject | None = None) -> None:
        """``log_`` gives the run log at the moment of writing (None: no history yet)."""
        super().__init__(parent)
        self._log = log_
        self._queue: deque[_Job] = deque()
        self._thread: threading.Thread | None = None
        self._read.connect(self._write)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def import_paths(self, paths: Sequence[str | Path], origin: str = "files") -> None:
        if paths:
            self._submit(_Job(origin, [str(p) for p in paths]))

    def import_folder(self, folder: Path) -> None:
        """New or changed run files in ``folder`` (skipped while a scan of it is queued)."""
        log_ = self._log()
        if log_ is None or any(j.folder == folder for j in self._queue):
            return
        self._submit(_Job("folder", folder=folder, seen=log_.seen_files()))

    def _submit(self, job: _Job) -> None:
        self._queue.append(job)
        if self._thread is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self.busyChanged.emit(False)
            return
        job = self._queue.popleft()
        first = self._thread is None
        self._thread = threading.Thread(
            target=self._work, args=(job,), name="run-import", daemon=True
        )
        self._thread.start()
        if first:
            self.busyChanged.emit(True)

    def _work(self, job: _Job) -> None:
        """On the worker thread: list the folder, read every file. Never raises."""
        try:
            # The parsers load on the first import, not with the window (start-up time).
            from backcoach.runs.files import read_file
            from backcoach.runs.watch import new_files

            if job.folder is not None:
                job.candidates = new_files(job.folder, job.seen)
                job.paths = [c.path for c in job.candidates]
            job.reads = [read_file(p) for p in job.paths]
        except Exception:  # a bug here must not leave the importer stuck as busy
            log.exception("reading run files failed")
        self._read.emit(job)

    def _write(self, job: _Job) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        from backcoach.runs.model import FileOutcome, ImportReport

        log_ = self._log()
        if log_ is None:  # history could not be opened: every file says so
            why = "not saved: your history is not open"
            report = ImportReport(tuple(FileOutcome(r.path, error=why) for r in job.reads))
        else:
            report = log_.import_reads(job.reads) if job.reads else ImportReport()
            for candidate, outcome in zip(job.candidates, report.files, strict=False):
                line = (
                    "imported" if outcome.imported else "; ".join(outcome.lines()) or "nothing new"
                )
                log_.mark_seen(candidate.path, candidate.size, candidate.mtime_ns, line)
        if report.imported:
            self.runsImported.emit(report)
        self.finished.emit(report, job.origin)
        self._next()

    def shutdown(self) -> None:
        """Drop queued jobs and wait for the one being read (reads are size-capped)."""
        self._queue.clear()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=30)
