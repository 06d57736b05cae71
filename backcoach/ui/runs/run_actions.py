"""What the Runs page's buttons do: the run and shoe dialogs and the writes after them.

Kept apart from the page so the page only lays out and shows. Dialogs are opened with
``exec()`` (tests patch it, as elsewhere); a refused shoe keeps its dialog open with
the reason.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from backcoach.runs.model import Run
from backcoach.runs.store import ShoeError
from backcoach.ui.context import AppContext
from backcoach.ui.runs.run_dialog import DELETE, RunDialog
from backcoach.ui.runs.shoe_dialog import ShoeDialog


class RunActions(QObject):
    changed = Signal()
    added = Signal(int)  # id of a run added by hand

    def __init__(self, ctx: AppContext, page: QWidget) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.page = page

    @property
    def log(self):  # type: ignore[no-untyped-def]
        return self.ctx.runs

    def add_run(self) -> int | None:
        default = self.log.default_shoe()
        dialog = RunDialog(
            self.log.shoes(), None, default.id if default else None, parent=self.page
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            v = dialog.values()
            run_id, why = self.log.add_manual(
                dialog.start(),
                float(v["distance_m"]),  # type: ignore[arg-type]
                float(v["moving_s"]),  # type: ignore[arg-type]
                v["surface"],  # type: ignore[arg-type]
                v["hilly"],  # type: ignore[arg-type]
                v["shoe_id"],  # type: ignore[arg-type]
                str(v["note"]),
            )
            if run_id is not None:
                self.changed.emit()
                self.added.emit(run_id)
                return run_id
            dialog.fail(why)
        return None

    def edit_run(self, run: Run) -> None:
        dialog = RunDialog(self.log.shoes(), run, parent=self.page)
        result = dialog.exec()
        if result == DELETE:
            sure = QMessageBox.question(
                self.page,
                self.tr("Delete run"),
                self.tr("Delete the run of {0} from your log?").format(
                    f"{run.start:%a %d %b %Y %H:%M}"
                ),
            )
            if sure == QMessageBox.StandardButton.Yes:
                self.log.delete_run(run.id)
                self.changed.emit()
            return
        if result != QDialog.DialogCode.Accepted:
            return
        changes = dialog.values()
        if run.source_format != "manual":
            changes.pop("moving_s")  # the watch's timing stands; distance may be filled in
        self.log.update_run(run.id, **changes)
        self.changed.emit()

    def add_shoe(self) -> int | None:
        dialog = ShoeDialog(today=self.ctx.today(), parent=self.page)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                shoe_id = self.log.add_shoe(
                    dialog.name.text(),
                    dialog.started_on(),
                    dialog.retire_at.value() * 1000.0,
                    dialog.already.value() * 1000.0,
                    dialog.default.isChecked(),
                )
            except ShoeError as exc:
                dialog.fail(str(exc))
                continue
            self.changed.emit()
            return shoe_id  # type: ignore[no-any-return]
        return None

    def edit_shoe(self, shoe_id: int) -> None:
        shoe = self.log.shoe(shoe_id)
        if shoe is None:
            return
        dialog = ShoeDialog(shoe, parent=self.page)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.log.update_shoe(
                    shoe_id,
                    dialog.name.text(),
                    dialog.started_on(),
                    dialog.retire_at.value() * 1000.0,
                    dialog.already.value() * 1000.0,
                )
            except ShoeError as exc:
                dialog.fail(str(exc))
                continue
            self.changed.emit()
            return

    def make_default(self, shoe_id: int) -> None:
        self.log.set_default_shoe(shoe_id)
        self.changed.emit()

    def toggle_retired(self, shoe_id: int) -> None:
        shoe = self.log.shoe(shoe_id)
        if shoe is not None:
            self.log.retire_shoe(shoe_id, None if shoe.retired_on else self._today())
            self.changed.emit()

    def _today(self) -> date:
        return self.ctx.today()  # type: ignore[no-any-return]
