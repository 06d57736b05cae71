"""Routine files in the window: Open routine file…, a dropped file, Export…, Delete.

The decisions are core's (``routine_import``); this controller only asks the runner
(which file, replace or keep both, really delete?) and shows what happened. A file
with mistakes is never imported: every mistake is listed with its file, field and fix,
in the same sentences ``backcoach routine validate`` prints.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from backcoach import paths
from backcoach.core.catalog import Routine
from backcoach.core.own_files import delete_routine
from backcoach.core.routine_file import check_routine_file
from backcoach.core.routine_import import (
    Choice,
    ImportRefused,
    apply_import,
    clashes,
    export_routine,
    plan_import,
)
from backcoach.core.words import counted
from backcoach.ui.context import AppContext

log = logging.getLogger(__name__)
FILTER = "Routine files (*.toml)"


def toml_files(urls: list[QUrl]) -> list[Path]:
    """The local .toml files among dropped URLs."""
    return [
        Path(u.toLocalFile())
        for u in urls
        if u.isLocalFile() and u.toLocalFile().lower().endswith(".toml")
    ]


class RoutineFiles(QObject):
    imported = Signal(str)  # routine id
    deleted = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.last_errors: list[str] = []  # what the runner was last shown, for tests too

    def open_file(self) -> str | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open routine file"), str(Path.home()), self.tr(FILTER)
        )
        return self.import_file(Path(name)) if name else None

    def import_file(self, path: Path) -> str | None:
        """Check, ask about clashes, write; the id of the imported routine, or None."""
        found = check_routine_file(path, self.ctx.catalog)
        if not found.ok:
            self._refuse(path, [str(e) for e in found.errors])
            return None
        choice: Choice | None = None
        found_clashes = clashes(found, self.ctx.catalog)
        if found_clashes:
            choice = self._ask_clash(found_clashes)
            if choice is None:
                return None
        try:
            plan = plan_import(found, self.ctx.catalog, paths.data_dir(), choice)
            apply_import(plan)
        except ImportRefused as exc:
            self._refuse(path, [str(e) for e in exc.errors])
            return None
        except OSError as exc:
            self._refuse(
                path, [self.tr("could not write {0}: {1}").format(exc.filename, exc.strerror)]
            )
            return None
        self.last_errors = []
        self.ctx.reload_catalog()
        log.info("imported %s as %s", path, plan.routine.id)
        self.imported.emit(plan.routine.id)
        return plan.routine.id

    def _refuse(self, path: Path, lines: list[str]) -> None:
        self.last_errors = lines
        items = "".join(f"<li>{_html(line)}</li>" for line in lines)
        QMessageBox.warning(
            self.window,
            self.tr("Not imported"),
            self.tr(
                "<p><b>{0}</b> was not imported: {1} to fix first. "
                "Nothing was written.</p><ul>{2}</ul>"
            ).format(_html(path.name), counted(len(lines), "mistake"), items),
        )

    def _ask_clash(self, found_clashes: list) -> Choice | None:  # type: ignore[type-arg]
        lines = []
        for c in found_clashes:
            whose = self.tr("a shipped") if c.shipped else self.tr("your own")
            lines.append(
                self.tr("{0} is already the id of {1} {2}, “{3}”.").format(
                    c.id, whose, self.tr(c.kind), c.existing_name
                )
            )
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Already in your library"))
        box.setText(" ".join(lines))
        can_replace = any(not c.shipped for c in found_clashes)
        replace_button = None
        if can_replace:
            box.setInformativeText(
                self.tr("Replace writes over your own; shipped ones are always kept.")
            )
            replace_button = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep both"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(keep)
        box.exec()
        if replace_button is not None and box.clickedButton() is replace_button:
            return "replace"
        return "keep-both" if box.clickedButton() is keep else None

    def export(self, routine: Routine) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export {0}").format(routine.name),
            str(Path.home() / f"{routine.id}.toml"),
            self.tr(FILTER),
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".toml") else Path(name + ".toml")
        try:
            export_routine(routine, self.ctx.catalog, path)
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                self.tr("Not exported"),
                self.tr("Could not write {0}: {1}").format(path, exc.strerror),
            )
            return None
        return path

    def delete(self, routine: Routine) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.tr("Delete routine?"),
            self.tr(
                "Delete “{0}”? Its file is removed; the sessions you did with it stay in "
                "your history."
            ).format(routine.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete_routine(routine)
        except OSError as exc:
            QMessageBox.warning(
                self.window, self.tr("Not deleted"), f"{routine.path}: {exc.strerror}"
            )
            return False
        self.ctx.reload_catalog()
        self.deleted.emit(routine.id)
        return True


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
