"""The routine's own fields in the editor: name, purpose, when, rounds and rests.

Each field reports an edit (to go on the undo stack) and shows the draft's value and its
mistakes, in the loader's words, right below it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from backcoach.core.catalog import WHEN_LABELS
from backcoach.core.range_note import BEYOND, range_note
from backcoach.core.routine_draft import RoutineDraft
from backcoach.ui.widgets.editor_item import SPIN_LIMITS
from backcoach.ui.widgets.field_note import FieldNote, field_row

FIELDS = (
    "name",
    "purpose",
    "when",
    "rounds",
    "rest_between_exercises_s",
    "rest_between_rounds_s",
)


class RoutineFields(QWidget):
    edited = Signal(str, str, dict)  # undo text, merge key ("" for none), draft changes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. My physio's plan"))
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(self.tr("One line: what it is for"))
        self.when = QComboBox()
        for key, label in WHEN_LABELS.items():
            self.when.addItem(self.tr(label), key)
        self.rounds = _spin(SPIN_LIMITS["sets"], "")
        self.rest_ex = _spin(SPIN_LIMITS["rest_s"], self.tr(" s"))
        self.rest_rounds = _spin(SPIN_LIMITS["rest_s"], self.tr(" s"))
        self.rounds_note = QLabel()
        self.rounds_note.setProperty("role", "muted")
        self.rounds_beyond = FieldNote("beyond")
        self.widgets: dict[str, QWidget] = dict(
            zip(
                FIELDS,
                (self.name, self.purpose, self.when, self.rounds, self.rest_ex, self.rest_rounds),
                strict=True,
            )
        )
        self.errors = {k: FieldNote("error") for k in FIELDS}
        for key, text in zip(
            FIELDS,
            ("Name", "Purpose", "When", "Rounds", "Rest between exercises", "Rest between rounds"),
            strict=True,
        ):
            self.widgets[key].setAccessibleName(self.tr(text))
        self.name.textEdited.connect(lambda t: self._edit("Name", "name", name=t))
        self.purpose.textEdited.connect(lambda t: self._edit("Purpose", "purpose", purpose=t))
        self.when.currentIndexChanged.connect(
            lambda _i: self._edit("When", "", when=self.when.currentData())
        )
        self.rounds.valueChanged.connect(lambda v: self._edit("Rounds", "rounds", rounds=v))
        self.rest_ex.valueChanged.connect(
            lambda v: self._edit("Rest", "rest_ex", rest_between_exercises_s=float(v))
        )
        self.rest_rounds.valueChanged.connect(
            lambda v: self._edit("Rest", "rest_rounds", rest_between_rounds_s=float(v))
        )
        rounds_row = QHBoxLayout()
        rounds_row.addWidget(self.rounds)
        rounds_row.addWidget(self.rounds_note)
        rounds_row.addWidget(self.rounds_beyond)
        rounds_row.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for key, label, top in (
            ("name", self.tr("&Name"), self.name),
            ("purpose", self.tr("&Purpose"), self.purpose),
            ("when", self.tr("&When"), self.when),
            ("rounds", self.tr("&Rounds"), rounds_row),
            ("rest_between_exercises_s", self.tr("Rest between &exercises"), self.rest_ex),
            ("rest_between_rounds_s", self.tr("Rest between r&ounds"), self.rest_rounds),
        ):
            # One line: a wrapped label makes QFormLayout keep a row's old height once hidden.
            self.errors[key].setWordWrap(False)
            field_row(form, label, top, self.errors[key])

    def _edit(self, text: str, merge_key: str, **changes: object) -> None:
        self.edited.emit(text, merge_key, changes)

    def show_draft(self, draft: RoutineDraft) -> None:
        """Fill the fields from the draft without echoing the changes back as edits."""
        for edit, text in ((self.name, draft.name), (self.purpose, draft.purpose)):
            if edit.text() != text:
                edit.setText(text)
        for spin, value in (
            (self.rounds, draft.rounds),
            (self.rest_ex, draft.rest_between_exercises_s),
            (self.rest_rounds, draft.rest_between_rounds_s),
        ):
            if spin.value() != int(value):
                spin.blockSignals(True)
                spin.setValue(int(value))
                spin.blockSignals(False)
        self.when.blockSignals(True)
        self.when.setCurrentIndex(max(0, self.when.findData(draft.when)))
        self.when.blockSignals(False)
        note = range_note(draft.rounds_range, draft.rounds, "rounds")
        self.rounds_note.setText(note.text)
        self.rounds_beyond.say(self.tr(BEYOND) if note.beyond else "")

    def show_errors(self, by_field: dict[str, list[str]], quiet: set[str]) -> None:
        """Show (and take out of ``by_field``) the mistakes that belong to these fields.

        Fields in ``quiet`` (a new routine's, not yet touched) say theirs as a muted hint
        rather than in red: a blank form is not a mistake yet.
        """
        for key, note in self.errors.items():
            said = " ".join(by_field.pop(key, []))
            note.set_tone("muted" if key in quiet else "error")
            note.say(said)
            # A screen reader hears the mistake on the field itself.
            self.widgets[key].setAccessibleDescription(said)


def _spin(top: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, top)
    spin.setSuffix(suffix)
    spin.setMaximumWidth(150)
    if suffix:
        spin.setSingleStep(5)
    return spin
