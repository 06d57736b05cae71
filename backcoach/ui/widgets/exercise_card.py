"""An exercise on the routine page: picture, dosage, steps, variant chooser, safety."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from backcoach.core.catalog import Dosage, Exercise
from backcoach.ui.widgets.dose_origin import dose_origin_text
from backcoach.ui.widgets.figures import ExerciseThumb

LEVEL_WORDS = {"easier": "Easier", "harder": "Harder", "alternative": "Other way"}


def dosage_text(ex: Exercise, dosage: Dosage) -> str:
    side = " each side" if ex.per_side else ""
    if dosage.mode == "hold":
        text = f"Hold {dosage.hold_s:g} s{side}"
    else:
        text = f"{dosage.reps} reps{side}"
    if dosage.sets > 1:
        text += f", {dosage.sets} sets"
        if dosage.rest_s:
            text += f" ({dosage.rest_s:g} s rest)"
    if dosage.tempo and dosage.mode == "reps":
        text += " · " + ", ".join(f"{p.name} {p.seconds:g} s" for p in dosage.tempo)
    return text


class ExerciseCard(QFrame):
    variantChanged = Signal(str, str)  # exercise id, variant id ("" for the standard form)

    def __init__(
        self,
        ex: Exercise,
        dosage: Dosage,
        variant: str,
        parent: QWidget | None = None,
        yours: frozenset[str] = frozenset(),  # dose figures the runner's routine file sets
    ) -> None:
        super().__init__(parent)
        self.yours = yours
        self.exercise = ex
        self.setProperty("card", True)
        self.setAccessibleName(ex.name)
        self.thumb = ExerciseThumb(180)
        self.thumb.show_picture(ex.picture, variant)

        self.name = QLabel()
        self.name.setProperty("role", "subtitle")
        self.name.setStyleSheet("font-weight: 700;")
        self.dosage = QLabel()
        self.dosage.setWordWrap(True)
        self.origin = QLabel()  # which figures are the articles' and which backcoach's
        self.origin.setWordWrap(True)
        self.origin.setProperty("role", "muted")
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.safety = QLabel()
        self.safety.setWordWrap(True)
        self.safety.setProperty("role", "muted")
        self.suggestion = QLabel()  # "ready for the harder one?" (never applied automatically)
        self.suggestion.setWordWrap(True)
        self.suggestion.setVisible(False)

        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.dosage)
        text.addWidget(self.origin)
        text.addWidget(self.steps)
        self.variant_combo: QComboBox | None = None
        if ex.variants:
            self.variant_combo = QComboBox()
            self.variant_combo.setAccessibleName(self.tr("Form of {0}").format(ex.name))
            self.variant_combo.setToolTip(self.tr("Choose an easier or harder form"))
            self.variant_combo.addItem(self.tr("Standard: {0}").format(ex.name), "")
            for v in ex.variants:
                self.variant_combo.addItem(f"{self.tr(LEVEL_WORDS[v.level])}: {v.name}", v.id)
            self.variant_combo.setCurrentIndex(max(0, self.variant_combo.findData(variant)))
            self.variant_combo.currentIndexChanged.connect(self._variant_changed)
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Form:")))
            row.addWidget(self.variant_combo, 1)
            text.addLayout(row)
            text.addWidget(self.suggestion)
        text.addWidget(self.safety)

        box = QHBoxLayout(self)
        box.addWidget(self.thumb)
        box.addLayout(text, 1)
        self.show_dosage(dosage, variant)

    def show_dosage(self, dosage: Dosage, variant: str) -> None:
        ex = self.exercise
        v = ex.variant(variant or None)
        self.name.setText(v.name if v else ex.name)
        self.dosage.setText(f"<b>{dosage_text(ex, dosage)}</b>")
        self.origin.setText(dose_origin_text(ex, dosage, self.yours))
        steps = (v.instructions if v and v.instructions else ex.instructions)[:4]
        self.steps.setText("".join(f"{i}. {s}<br>" for i, s in enumerate(steps, 1)))
        self.safety.setText(" ".join(ex.safety))
        self.safety.setVisible(bool(ex.safety))
        self.thumb.show_picture(ex.picture, variant)

    def suggest(self, text: str) -> None:
        self.suggestion.setText(text)
        self.suggestion.setVisible(bool(text))

    def _variant_changed(self) -> None:
        if self.variant_combo is not None:
            self.variantChanged.emit(self.exercise.id, self.variant_combo.currentData() or "")
