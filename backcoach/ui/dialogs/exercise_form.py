"""A small form for an exercise of the runner's own, checked by the loader as they type.

The picture is borrowed from any shipped exercise (the pose library) or left out, for
a plain placeholder: the app never guesses a movement it cannot draw.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcoach import paths
from backcoach.core.catalog import EQUIPMENT, Catalog
from backcoach.core.exercise_draft import (
    ExerciseCheck,
    ExerciseDraft,
    PhaseDraft,
    check_exercise_draft,
)
from backcoach.ui.dialogs.content_fit import ContentFit
from backcoach.ui.widgets.field_note import FieldNote, field_row
from backcoach.ui.widgets.figures import ExerciseThumb
from backcoach.ui.widgets.tables import tab_leaves

_FIELDS = ("name", "summary", "position", "instructions", "picture", "cues.setup")
_DOSAGE = ("dosage.mode", "dosage.hold_s", "dosage.reps", "dosage.sets", "dosage.rest_s")


class ExerciseForm(QDialog):
    def __init__(
        self, catalog: Catalog, draft: ExerciseDraft | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        ContentFit(self)
        self.catalog = catalog
        self.saved_id = ""
        self.check: ExerciseCheck | None = None
        editing = draft is not None and bool(draft.editing)
        self.setWindowTitle(self.tr("Edit your exercise") if editing else self.tr("New exercise"))
        self.name = QLineEdit()
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("One line, e.g. Back flat on the wall, hold"))
        self.position = QLineEdit()
        self.position.setPlaceholderText(self.tr("e.g. Lying on your back, knees bent"))
        self.steps = QPlainTextEdit()
        self.steps.setPlaceholderText(self.tr("One step per line"))
        self.steps.setTabChangesFocus(True)
        self.per_side = QCheckBox(self.tr("Done on the left, then the right"))
        self.equipment = {k: QCheckBox(self.tr(v)) for k, v in EQUIPMENT.items()}
        self.mode = QComboBox()
        self.mode.addItem(self.tr("A timed hold"), "hold")
        self.mode.addItem(self.tr("Reps at a tempo"), "reps")
        self.hold = _spin(0, 9999, self.tr(" s"))
        self.reps = _spin(0, 999, "")
        self.sets = _spin(0, 99, "")
        self.rest = _spin(0, 9999, self.tr(" s"))
        self.tempo = QTableWidget(0, 3)
        self.tempo.setHorizontalHeaderLabels(
            [self.tr("Phase"), self.tr("Seconds"), self.tr("Cue (said as it starts)")]
        )
        self.tempo.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        tab_leaves(self.tempo)
        self.tempo.setMinimumHeight(120)
        add_phase = QPushButton(self.tr("Add phase"))
        add_phase.clicked.connect(lambda: self._add_phase(PhaseDraft("", 2.0)))
        remove_phase = QPushButton(self.tr("Remove phase"))
        remove_phase.clicked.connect(self._remove_phase)
        self.setup_cue = QLineEdit()
        self.setup_cue.setPlaceholderText(self.tr("Said while getting into position"))
        self.during = QPlainTextEdit()
        self.during.setPlaceholderText(self.tr("Encouragement for long holds, one per line"))
        self.during.setTabChangesFocus(True)
        self.safety = QPlainTextEdit()
        self.safety.setPlaceholderText(self.tr("When to ease off, one per line"))
        self.safety.setTabChangesFocus(True)
        for w in (self.steps, self.during, self.safety):
            w.setFixedHeight(72)
        self.picture = QComboBox()
        self.picture.addItem(self.tr("None (a plain placeholder)"), "")
        for ex in sorted(catalog.exercises.values(), key=lambda e: e.name):
            if ex.builtin:
                self.picture.addItem(ex.name, ex.id)
        self.preview = ExerciseThumb(150)

        names = {
            self.name: "Name",
            self.summary: "Summary",
            self.position: "Position",
            self.steps: "Steps",
            self.mode: "Dosage",
            self.hold: "Hold",
            self.reps: "Reps",
            self.sets: "Sets",
            self.rest: "Rest between sets",
            self.tempo: "Tempo",
            self.setup_cue: "Setup cue",
            self.during: "Cues during the hold",
            self.safety: "Safety notes",
            self.picture: "Picture",
        }
        for w, text in names.items():
            w.setAccessibleName(self.tr(text))
        self.notes = {k: FieldNote("error") for k in (*_FIELDS, *_DOSAGE, "dosage.tempo")}
        self.other = FieldNote("error")

        form = QFormLayout()
        field_row(form, self.tr("&Name"), self.name, self.notes["name"])
        field_row(form, self.tr("S&ummary"), self.summary, self.notes["summary"])
        field_row(form, self.tr("&Position"), self.position, self.notes["position"])
        field_row(form, self.tr("&Steps"), self.steps, self.notes["instructions"])
        form.addRow("", self.per_side)
        kit = QHBoxLayout()
        for box in self.equipment.values():
            kit.addWidget(box)
        kit.addStretch(1)
        form.addRow(self.tr("Equipment"), kit)
        dose = QHBoxLayout()
        for label, w in (
            ("", self.mode),
            (self.tr("Hold"), self.hold),
            (self.tr("Reps"), self.reps),
            (self.tr("Sets"), self.sets),
            (self.tr("Rest"), self.rest),
        ):
            if label:
                dose.addWidget(_label(label, w))
            dose.addWidget(w)
        dose.addStretch(1)
        field_row(form, self.tr("&Dosage"), dose, *(self.notes[k] for k in _DOSAGE))
        phase_buttons = QHBoxLayout()
        phase_buttons.addWidget(add_phase)
        phase_buttons.addWidget(remove_phase)
        phase_buttons.addStretch(1)
        tempo_box = field_row(form, self.tr("&Tempo"), self.tempo, self.notes["dosage.tempo"])
        tempo_box.addLayout(phase_buttons)
        field_row(form, self.tr("Setup &cue"), self.setup_cue, self.notes["cues.setup"])
        form.addRow(self.tr("Cues d&uring"), self.during)
        form.addRow(self.tr("Sa&fety notes"), self.safety)
        pic = QHBoxLayout()
        pic.addWidget(self.picture, 1)
        pic.addWidget(self.preview)
        field_row(form, self.tr("P&icture"), pic, self.notes["picture"])
        host = QWidget()
        host_box = QVBoxLayout(host)
        host_box.addLayout(form)
        host_box.addWidget(self.other)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        root = QVBoxLayout(self)
        root.addWidget(scroll, 1)
        root.addWidget(self.buttons)
        self.resize(820, 680)

        self._fill(draft or ExerciseDraft())
        for line in (self.name, self.summary, self.position, self.setup_cue):
            line.textChanged.connect(self._refresh)
        for text in (self.steps, self.during, self.safety):
            text.textChanged.connect(self._refresh)
        for spin in (self.hold, self.reps, self.sets, self.rest):
            spin.valueChanged.connect(self._refresh)
        for combo in (self.mode, self.picture):
            combo.currentIndexChanged.connect(self._refresh)
        for check in (self.per_side, *self.equipment.values()):
            check.toggled.connect(self._refresh)
        self.tempo.itemChanged.connect(self._refresh)
        self._refresh()

    def _fill(self, d: ExerciseDraft) -> None:
        self._editing = d.editing
        self.name.setText(d.name)
        self.summary.setText(d.summary)
        self.position.setText(d.position)
        self.steps.setPlainText("\n".join(d.steps))
        self.per_side.setChecked(d.per_side)
        for key, box in self.equipment.items():
            box.setChecked(key in d.equipment)
        self.mode.setCurrentIndex(max(0, self.mode.findData(d.mode)))
        self.hold.setValue(int(d.hold_s))
        self.reps.setValue(d.reps)
        self.sets.setValue(d.sets)
        self.rest.setValue(int(d.rest_s))
        for p in d.tempo:
            self._add_phase(p)
        self.setup_cue.setText(d.setup_cue)
        self.during.setPlainText("\n".join(d.during))
        self.safety.setPlainText("\n".join(d.safety))
        self.picture.setCurrentIndex(max(0, self.picture.findData(d.picture)))

    def _add_phase(self, phase: PhaseDraft) -> None:
        row = self.tempo.rowCount()
        self.tempo.insertRow(row)
        self.tempo.setItem(row, 0, QTableWidgetItem(phase.name))
        seconds = QDoubleSpinBox()
        seconds.setRange(0, 99)
        seconds.setSingleStep(0.5)
        seconds.setValue(phase.seconds)
        seconds.setAccessibleName(self.tr("Seconds of phase {0}").format(row + 1))
        seconds.valueChanged.connect(self._refresh)
        self.tempo.setCellWidget(row, 1, seconds)
        self.tempo.setItem(row, 2, QTableWidgetItem(phase.cue))
        self._refresh()

    def _remove_phase(self) -> None:
        row = self.tempo.currentRow()
        if row < 0:
            row = self.tempo.rowCount() - 1
        if row >= 0:
            self.tempo.removeRow(row)
            self._refresh()

    def draft(self) -> ExerciseDraft:
        phases = []
        for row in range(self.tempo.rowCount()):
            name, cue = self.tempo.item(row, 0), self.tempo.item(row, 2)
            seconds = self.tempo.cellWidget(row, 1)
            phases.append(
                PhaseDraft(
                    name.text() if name else "",
                    seconds.value() if isinstance(seconds, QDoubleSpinBox) else 0.0,
                    cue.text() if cue else "",
                )
            )
        return ExerciseDraft(
            name=self.name.text(),
            summary=self.summary.text(),
            position=self.position.text(),
            steps=tuple(self.steps.toPlainText().splitlines()),
            per_side=self.per_side.isChecked(),
            equipment=tuple(k for k, box in self.equipment.items() if box.isChecked()),
            mode=str(self.mode.currentData()),
            hold_s=float(self.hold.value()),
            reps=self.reps.value(),
            sets=self.sets.value(),
            rest_s=float(self.rest.value()),
            tempo=tuple(phases),
            setup_cue=self.setup_cue.text(),
            during=tuple(self.during.toPlainText().splitlines()),
            safety=tuple(self.safety.toPlainText().splitlines()),
            picture=str(self.picture.currentData() or ""),
            editing=self._editing,
        )

    def _refresh(self, *_args: object) -> None:
        hold = self.mode.currentData() == "hold"
        self.hold.setEnabled(hold)
        self.reps.setEnabled(not hold)
        self.preview.show_picture(str(self.picture.currentData() or ""))
        known = dict(self.catalog.exercises)
        known.pop(self._editing, None)
        self.check = check_exercise_draft(self.draft(), known, paths.user_exercises_dir())
        by_field: dict[str, list[str]] = {}
        other: list[str] = []
        for e in self.check.errors:
            key = "dosage.tempo" if e.field.startswith("dosage.tempo") else e.field
            if key in self.notes:
                said = e.message if e.field == key else f"{e.field}: {e.message}"
                by_field.setdefault(key, []).append(said)
            else:
                other.append(f"{e.field}: {e.message}" if e.field else e.message)
        for key, note in self.notes.items():
            note.say(" ".join(by_field.get(key, [])))
        self.other.say(" ".join(other))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            self.check.exercise is not None
        )

    def _save(self) -> None:
        from backcoach.core.own_files import save_exercise

        if self.check is None or self.check.exercise is None:
            return
        try:
            save_exercise(self.check.exercise, paths.user_exercises_dir())
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("Could not write {0}: {1}").format(exc.filename, exc.strerror),
            )
            return
        self.saved_id = self.check.exercise_id
        self.accept()


def _spin(lo: int, hi: int, suffix: str) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setSuffix(suffix)
    return s


def _label(text: str, buddy: QWidget) -> QWidget:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
