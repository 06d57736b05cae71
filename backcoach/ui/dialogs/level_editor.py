"""Set an exercise's level by hand (form, hold or reps, sets, and the routine's rounds),
inside the same limits the suggestions keep to; or reset the whole routine."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.levels import Level
from backcoach.core.progression import RoutineLevels
from backcoach.ui.dialogs.content_fit import ContentFit
from backcoach.ui.widgets.level_text import articles_text


class LevelDialog(QDialog):
    def __init__(self, state: RoutineLevels, slot_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ContentFit(self)
        self.state = state
        self.slot = state.slot(slot_key)
        self.start_level = state.levels[slot_key]
        self.reset_all = False
        self.setWindowTitle(self.tr("Your level: {0}").format(self.slot.name))
        intro = QLabel(
            self.tr(
                "backcoach suggests a step when your back is ready for one. You can also set "
                "the level yourself; it stays inside the range below."
            )
        )
        intro.setWordWrap(True)
        self.form = QComboBox()
        self.form.setAccessibleName(self.tr("Form"))
        for i, f in enumerate(self.slot.forms):
            word = (
                "Standard"
                if i == self.slot.start
                else ("Easier" if i < self.slot.start else "Harder")
            )
            self.form.addItem(f"{self.tr(word)}: {f.name}", f.variant)
        self.form.setCurrentIndex(max(0, self.form.findData(self.start_level.variant)))
        self.amount = QSpinBox()
        self.sets = QSpinBox()
        self.sets.setAccessibleName(self.tr("Sets"))
        self.limits = QLabel()
        self.limits.setProperty("role", "muted")
        self.limits.setWordWrap(True)
        self.amount_label = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Form:"), self.form)
        form.addRow(self.amount_label, self.amount)
        form.addRow(self.tr("Sets:"), self.sets)
        form.addRow("", self.limits)
        self.rounds: QSpinBox | None = None
        if state.rounds_limits is not None:
            self.rounds = QSpinBox()
            self.rounds.setAccessibleName(self.tr("Rounds of the routine"))
            self.rounds.setRange(int(state.rounds_limits.lo), int(state.rounds_limits.hi))
            self.rounds.setValue(state.rounds)
            form.addRow(self.tr("Rounds (whole routine):"), self.rounds)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        reset = buttons.addButton(
            self.tr("Reset the routine to its start"), QDialogButtonBox.ButtonRole.ResetRole
        )
        reset.setToolTip(
            self.tr("Every exercise of this routine, and its rounds, back to where it began")
        )
        reset.clicked.connect(self._reset)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        root = QVBoxLayout(self)
        root.addWidget(intro)
        root.addLayout(form)
        root.addWidget(buttons)
        self.form.currentIndexChanged.connect(self._form_changed)
        self._fill(self.start_level)

    def _fill(self, level: Level) -> None:
        form = self.slot.form(level.variant) or self.slot.forms[self.slot.start]
        if level.hold_s is not None and form.hold is not None:
            self.amount_label.setText(self.tr("Hold:"))
            self.amount.setSuffix(" s")
            self.amount.setSingleStep(5)
            self.amount.setRange(int(form.hold.lo), int(form.hold.hi))
            self.amount.setValue(int(level.hold_s))
            self.amount.setAccessibleName(self.tr("Hold length"))
        elif level.reps is not None and form.reps is not None:
            self.amount_label.setText(self.tr("Reps:"))
            self.amount.setSuffix("")
            self.amount.setSingleStep(1)
            self.amount.setRange(int(form.reps.lo), int(form.reps.hi))
            self.amount.setValue(level.reps)
            self.amount.setAccessibleName(self.tr("Reps"))
        self.sets.setRange(int(form.sets.lo), int(form.sets.hi))
        self.sets.setValue(level.sets)
        self.limits.setText(articles_text(self.slot, level))

    def _form_changed(self) -> None:
        variant = self.form.currentData() or ""
        if variant == self.start_level.variant:
            self._fill(self.start_level)
        else:
            form = self.slot.form(variant)
            if form is not None:
                self._fill(form.base)

    def level(self) -> Level:
        variant = self.form.currentData() or ""
        form = self.slot.form(variant) or self.slot.forms[self.slot.start]
        base = form.base
        return Level(
            variant,
            float(self.amount.value()) if base.hold_s is not None else None,
            self.amount.value() if base.reps is not None else None,
            self.sets.value(),
        )

    def chosen_rounds(self) -> int | None:
        return self.rounds.value() if self.rounds is not None else None

    def _reset(self) -> None:
        self.reset_all = True
        self.accept()
