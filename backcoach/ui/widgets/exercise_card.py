"""An exercise on the routine page: picture, the runner's level beside the articles'
range, steps, the form, safety."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import Dosage, Exercise
from backcoach.ui.widgets.dose_origin import dose_origin_text
from backcoach.ui.widgets.figures import ExerciseThumb

FIRST_STEPS = 4  # a long list opens on these
LONG_STEPS = 5  # up to this many steps always show in full

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
    variantChanged = Signal(str, str)  # slot key, variant id ("" for the standard form)
    levelRequested = Signal(str)  # slot key: the runner wants to set this level by hand

    def __init__(
        self,
        ex: Exercise,
        dosage: Dosage,
        variant: str,
        slot_key: str = "",
        parent: QWidget | None = None,
        yours: frozenset[str] = frozenset(),  # dose figures the runner's routine file sets
    ) -> None:
        super().__init__(parent)
        self.yours = yours
        self.exercise = ex
        self.slot_key = slot_key or ex.id
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
        # The runner's level ("Plank 50 s × 4"), right above the articles' line that says
        # the range it moves in ("45–60 s hold, 3–5 sets in the article").
        # Mostly short ("50 s × 4"), but a warm-up's can be long ("10 reps (backcoach's
        # range 10–14 reps × 1–2)"): it wraps rather than widen the card past the page.
        self.level = QLabel()
        self.level.setWordWrap(True)
        self.level_title = QLabel(self.tr("Your level:"))
        self.level_title.setStyleSheet("font-weight: 600;")
        self.level_title.setBuddy(self.level)
        self.level_button = QPushButton(self.tr("Level…"))
        self.level_button.setAccessibleName(self.tr("Set the level of {0}").format(ex.name))
        self.level_button.setToolTip(self.tr("Set this exercise's level yourself, or reset it"))
        self.level_button.clicked.connect(lambda: self.levelRequested.emit(self.slot_key))
        # One line: "Your level: 50 s × 4 · 45–60 s hold, 3–5 sets in the article".
        level_row = QHBoxLayout()
        level_row.addWidget(self.level_title)
        level_row.addWidget(self.level, 1)
        level_row.addWidget(self.origin, 2)
        level_row.addWidget(self.level_button)
        for w in (self.level_title, self.level, self.level_button):
            w.setVisible(False)  # until show_level
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.all_steps: tuple[str, ...] = ()
        # Long instructions open on their first steps; the rest is one key press away.
        self.steps_toggle = QPushButton()
        self.steps_toggle.setProperty("link", True)
        self.steps_toggle.setCheckable(True)
        self.steps_toggle.toggled.connect(self._show_steps)
        self.safety = QLabel()
        self.safety.setWordWrap(True)
        self.safety.setProperty("role", "muted")

        text = QVBoxLayout()
        text.addWidget(self.name)
        text.addWidget(self.dosage)
        text.addLayout(level_row)
        text.addWidget(self.steps)
        text.addWidget(self.steps_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.variant_combo: QComboBox | None = None
        if ex.variants:
            self.variant_combo = QComboBox()
            self.variant_combo.setAccessibleName(self.tr("Form of {0}").format(ex.name))
            self.variant_combo.setToolTip(self.tr("Choose an easier or harder form"))
            # Long form names may not set the card's width (a scroll bar at 1024 px).
            self.variant_combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.variant_combo.setMinimumContentsLength(16)
            self.variant_combo.addItem(self.tr("Standard: {0}").format(ex.name), "")
            for v in ex.variants:
                self.variant_combo.addItem(f"{self.tr(LEVEL_WORDS[v.level])}: {v.name}", v.id)
            self.variant_combo.setCurrentIndex(max(0, self.variant_combo.findData(variant)))
            self.variant_combo.currentIndexChanged.connect(self._variant_changed)
            row = QHBoxLayout()
            form_label = QLabel(self.tr("Form:"))
            form_label.setBuddy(self.variant_combo)
            row.addWidget(form_label)
            row.addWidget(self.variant_combo, 1)
            text.addLayout(row)
        text.addWidget(self.safety)

        box = QHBoxLayout(self)
        box.addWidget(self.thumb)
        box.addLayout(text, 1)
        self.show_dosage(dosage, variant)

    def show_dosage(
        self, dosage: Dosage, variant: str, routine_dosage: Dosage | None = None
    ) -> None:
        """``dosage``: what this session does; ``routine_dosage``: the routine's own, before
        the runner's level (the origin line says whose those figures are)."""
        ex = self.exercise
        v = ex.variant(variant or None)
        self.name.setText(v.name if v else ex.name)
        self.dosage.setText(f"<b>{dosage_text(ex, dosage)}</b>")
        self.origin.setText(dose_origin_text(ex, routine_dosage or dosage, self.yours))
        self.all_steps = tuple(v.instructions if v and v.instructions else ex.instructions)
        self._show_steps(self.steps_toggle.isChecked())
        self.safety.setText(" ".join(ex.safety))
        self.safety.setVisible(bool(ex.safety))
        self.thumb.show_picture(ex.picture, variant)

    def _show_steps(self, expanded: bool) -> None:
        steps = self.all_steps
        long = len(steps) > LONG_STEPS
        shown = steps if expanded or not long else steps[:FIRST_STEPS]
        self.steps.setText("<br>".join(f"{i}. {_html(s)}" for i, s in enumerate(shown, 1)))
        self.steps_toggle.setVisible(long)
        if expanded:
            self.steps_toggle.setText(self.tr("Show fewer steps"))
        else:
            self.steps_toggle.setText(self.tr("Show all {0} steps").format(len(steps)))
        self.steps_toggle.setAccessibleDescription(
            self.tr("Steps of {0}").format(self.exercise.name)
        )

    def show_level(self, text: str, can_change: bool = True) -> None:
        """``text``: the level ("50 s × 4"), shown just before the articles' line that says
        the range it moves in. A warm-up or a check has no level: the line stands alone."""
        self.level.setText(f"{text} ·")
        self.level.setAccessibleDescription(self.origin.text())
        for w in (self.level_title, self.level, self.level_button):
            w.setVisible(can_change)

    def show_variant(self, variant: str) -> None:
        if self.variant_combo is not None:
            self.variant_combo.blockSignals(True)
            self.variant_combo.setCurrentIndex(max(0, self.variant_combo.findData(variant)))
            self.variant_combo.blockSignals(False)

    def _variant_changed(self) -> None:
        if self.variant_combo is not None:
            self.variantChanged.emit(self.slot_key, self.variant_combo.currentData() or "")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
