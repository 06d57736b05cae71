"""After a session: what was done against the plan, pain after, a note, Save; then what
the session suggests for the runner's levels next time (never applied unasked)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import Routine
from backcoach.core.history_queries import work_completion
from backcoach.core.records import SegmentRecord, SessionStatus
from backcoach.ui.keys import bind
from backcoach.ui.widgets.pain_scale import pain_scale
from backcoach.ui.widgets.proposal_box import ProposalBox
from backcoach.ui.widgets.tables import tab_leaves


def _amount(planned_reps: int | None, reps: int | None, seconds: float) -> str:
    return f"{reps} reps" if planned_reps else f"{round(seconds)} s"


class SummaryPage(QWidget):
    saveRequested = Signal(object, str)  # pain after (int or None), note
    doneRequested = Signal()
    routineSuggested = Signal(str)
    runLinked = Signal(object)  # the run id this session followed, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.facts = QLabel()
        self.facts.setProperty("role", "subtitle")
        self.facts.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setVisible(False)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Exercise"),
                self.tr("Side / set"),
                self.tr("Planned"),
                self.tr("Done"),
                self.tr("Notes"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Exercises done"))
        self.table.verticalHeader().setVisible(False)
        tab_leaves(self.table)

        pain_row, self.pain = pain_scale(self.tr("Back pain now (0–10):"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("How did it feel? Anything to remember next time?"))
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setMaximumHeight(90)
        self.save = QPushButton(self.tr("Save"))
        self.save.setProperty("primary", True)
        self.save.setToolTip(self.tr("Save pain and note with this session (Ctrl+S)"))
        bind(self, "Ctrl+S", self.save)
        self.save.clicked.connect(
            lambda: self.saveRequested.emit(self.pain.value(), self.note.toPlainText())
        )
        self.run_combo = QComboBox()
        self.run_combo.setAccessibleName(self.tr("The run this session followed"))
        self.run_combo.setToolTip(self.tr("Link this session to the run it came after"))
        self.run_combo.currentIndexChanged.connect(
            lambda _i: self.runLinked.emit(self.chosen_run())
        )
        self.run_label = QLabel(self.tr("After the &run:"))
        self.run_label.setBuddy(self.run_combo)
        self.saved_label = QLabel()
        self.check_text = QLabel()
        self.check_text.setWordWrap(True)
        self.check_text.setAccessibleDescription(self.tr("Glute check result"))
        self.check_routine = QPushButton()
        self.check_routine.setToolTip(self.tr("Open the routine this result points to"))
        self._suggested = ""
        self.check_routine.clicked.connect(lambda: self.routineSuggested.emit(self._suggested))
        self.proposal = ProposalBox()
        self.back_button = QPushButton(self.tr("Back to routines"))
        self.back_button.setToolTip(self.tr("Back to the library"))
        self.back_button.clicked.connect(self.doneRequested)

        actions = QHBoxLayout()
        actions.addWidget(self.saved_label, 1)
        actions.addWidget(self.back_button)
        actions.addWidget(self.save)

        root = QVBoxLayout(self)
        root.addWidget(self.title)
        root.addWidget(self.facts)
        root.addWidget(self.table, 1)
        root.addLayout(pain_row)
        root.addWidget(self.note)
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_label)
        run_row.addWidget(self.run_combo)
        run_row.addStretch(1)
        root.addLayout(run_row)
        root.addWidget(self.check_text)
        root.addWidget(self.check_routine, 0, Qt.AlignmentFlag.AlignLeft)
        root.addWidget(self.advice)
        root.addWidget(self.proposal)
        root.addLayout(actions)

    def show_session(
        self,
        routine_name: str,
        status: SessionStatus,
        elapsed_s: float,
        planned_s: float,
        records: list[SegmentRecord],
        pain_before: int | None,
        planned_sets: int,
        planned_work_s: float,
    ) -> None:
        """``planned_s`` is the whole timeline (for "of about N min"); ``planned_work_s``
        the exercise time planned, which the share done is measured against, as History
        measures it."""
        done = [r for r in records if r.complete]
        skipped = [r for r in records if r.skipped]
        hurt = [r for r in records if r.hurt]
        word = (
            self.tr("Session complete")
            if status == SessionStatus.COMPLETED
            else self.tr("Session stopped")
        )
        self.title.setText(f"{word}: {routine_name}")
        m, s = divmod(int(elapsed_s), 60)
        pm = round(planned_s / 60)
        share = work_completion(sum(r.done_s for r in records), planned_work_s)
        facts = self.tr(
            "{0}:{1:02d} of about {2} min · {3} of {4} sets done · {5:.0%} of the exercise time"
        ).format(m, s, pm, len(done), planned_sets, share)
        if skipped:
            facts += self.tr(" · {0} skipped").format(len(skipped))
        if hurt:
            facts += self.tr(" · {0} marked as hurting").format(len(hurt))
        self.facts.setText(facts)
        self.table.setRowCount(len(records))
        for row, r in enumerate(records):
            where = (
                f"{r.side} · " if r.side != "none" else ""
            ) + f"set {r.set_no}, round {r.round_no}"
            notes = ", ".join(
                w
                for w, flag in ((self.tr("skipped"), r.skipped), (self.tr("hurt"), r.hurt))
                if flag
            )
            cells = [
                r.exercise_name,
                where,
                _amount(r.planned_reps, r.planned_reps, r.planned_s),
                _amount(r.planned_reps, r.done_reps, r.done_s),
                notes,
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.pain.setValue(pain_before if pain_before is not None else 0)
        self.note.clear()
        self.saved_label.setText("")
        self.save.setEnabled(True)
        self.show_advice("")
        self.check_text.setVisible(False)
        self.check_routine.setVisible(False)
        self.proposal.show_proposal(None)

    def set_runs(self, choices: list[tuple[int, str]], selected: int | None) -> None:
        """Runs this session may have followed; hidden when there are none."""
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        self.run_combo.addItem(self.tr("no run"), None)
        for run_id, label in choices:
            self.run_combo.addItem(label, run_id)
        self.run_combo.setCurrentIndex(max(0, self.run_combo.findData(selected)))
        self.run_combo.blockSignals(False)
        self.run_combo.setVisible(bool(choices))
        self.run_label.setVisible(bool(choices))

    def chosen_run(self) -> int | None:
        value = self.run_combo.currentData()
        return None if value is None else int(value)

    def show_advice(self, text: str) -> None:
        self.advice.setText(text)
        self.advice.setVisible(bool(text))

    def show_check(self, question: str, advice: str, routine: Routine | None) -> None:
        self.check_text.setText(f"{question}<br>{advice}")
        self.check_text.setVisible(True)
        self._suggested = routine.id if routine is not None else ""
        if routine is not None:
            self.check_routine.setText(self.tr("Open: {0}").format(routine.name))
        self.check_routine.setVisible(routine is not None)

    def mark_saved(self, message: str) -> None:
        self.saved_label.setText(message)
