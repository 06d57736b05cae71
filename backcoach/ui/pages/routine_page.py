"""One routine: its exercise cards in order, the options, and a clear Start button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import EQUIPMENT, WHEN_LABELS, Routine, resolve_dosage
from backcoach.core.plan import PlanOptions, build_plan, clamp_hold
from backcoach.core.plan_inputs import usable_variants
from backcoach.core.provenance import runners_fields
from backcoach.core.safety import suggest_harder
from backcoach.ui.context import AppContext
from backcoach.ui.keys import bind
from backcoach.ui.widgets.dose_origin import routine_origin_text
from backcoach.ui.widgets.exercise_card import ExerciseCard


class RoutinePage(QWidget):
    startRequested = Signal(object, bool)  # PlanOptions, voice on
    backRequested = Signal()
    duplicateRequested = Signal(object)  # Routine
    editRequested = Signal(object)
    deleteRequested = Signal(object)
    exportRequested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.routine: Routine | None = None
        self.cards: list[ExerciseCard] = []
        self.variants: dict[str, str] = {}

        back = QPushButton(self.tr("← Routines"))
        back.setToolTip(self.tr("Back to the library (Alt+Left)"))
        back.clicked.connect(self.backRequested)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.duplicate = self._action(
            self.tr("Duplicate and edit"),
            self.tr("Make a copy of your own to change (Ctrl+D)"),
            self.duplicateRequested,
        )
        self.edit = self._action(
            self.tr("Edit"), self.tr("Change this routine (Ctrl+E)"), self.editRequested
        )
        self.delete = self._action(
            self.tr("Delete…"),
            self.tr("Delete this routine; its sessions stay in your history"),
            self.deleteRequested,
        )
        self.export = self._action(
            self.tr("Export…"),
            self.tr("Write one file to hand this routine over"),
            self.exportRequested,
        )
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.origin = QLabel()  # the routine's rounds and rests: the articles' or backcoach's
        self.origin.setWordWrap(True)
        self.origin.setProperty("role", "muted")
        self.minutes = QLabel()
        self.minutes.setProperty("role", "subtitle")

        self.rounds = QSpinBox()
        self.rounds.setRange(1, 10)
        self.rounds.setAccessibleName(self.tr("Rounds"))
        self.rounds.setToolTip(self.tr("How many times to go through the routine"))
        self.rounds_hint = QLabel()
        self.rounds_hint.setProperty("role", "muted")
        self.hold = QSpinBox()
        self.hold.setSuffix(" s")
        self.hold.setAccessibleName(self.tr("Hold length"))
        self.hold_hint = QLabel()
        self.hold_hint.setProperty("role", "muted")
        self.voice = QCheckBox(self.tr("Voice"))
        self.voice.setToolTip(self.tr("Speak the cues (captions are always shown)"))
        for w in (self.rounds, self.hold):
            w.valueChanged.connect(self._refresh_minutes)
        self.start = QPushButton(self.tr("Start"))
        self.start.setProperty("primary", True)
        self.start.setToolTip(self.tr("Start the session (Ctrl+Return)"))
        self.start.setAccessibleName(self.tr("Start session"))
        self.start.clicked.connect(self._start)

        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Rounds:")))
        options.addWidget(self.rounds)
        options.addWidget(self.rounds_hint)
        self.hold_label = QLabel(self.tr("Holds:"))
        options.addSpacing(16)
        options.addWidget(self.hold_label)
        options.addWidget(self.hold)
        options.addWidget(self.hold_hint)
        options.addSpacing(16)
        options.addWidget(self.voice)
        options.addStretch(1)
        options.addWidget(self.minutes)
        options.addWidget(self.start)

        self.cards_host = QWidget()
        self.cards_box = QVBoxLayout(self.cards_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        bind(self, "Alt+Left", back)
        bind(self, "Ctrl+D", self.duplicate)
        bind(self, "Ctrl+E", self.edit)
        bind(self, "Ctrl+Return", self.start)
        bind(self, "Ctrl+Enter", self.start)
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(back)
        top.addStretch(1)
        for b in (self.duplicate, self.edit, self.delete, self.export):
            top.addWidget(b)
        root.addLayout(top)
        root.addWidget(self.title)
        root.addWidget(self.about)
        root.addWidget(self.origin)
        root.addLayout(options)
        root.addWidget(scroll, 1)

    def _action(self, text: str, tip: str, signal: Signal) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.clicked.connect(lambda: self.routine is not None and signal.emit(self.routine))
        return b

    def show_routine(self, routine: Routine) -> None:
        self.routine = routine
        # Shipped routines stay as they are: copy one to change it.
        self.edit.setVisible(not routine.builtin)
        self.delete.setVisible(not routine.builtin)
        s = self.ctx.settings
        self.variants = usable_variants(
            self.ctx.catalog, routine, s.variant_choices.get(routine.id, {})
        )
        saved = s.routine_options.get(routine.id, {})
        self.title.setText(routine.name)
        needs = ", ".join(EQUIPMENT[e] for e in routine.equipment) or self.tr("no equipment")
        notes = "".join(f"<br>{n}" for n in routine.notes)
        self.about.setText(
            f"{routine.purpose}<br><i>{WHEN_LABELS[routine.when]} · {needs}</i>{notes}"
        )
        self.origin.setText(routine_origin_text(routine))
        self.rounds.blockSignals(True)
        self.rounds.setValue(int(saved.get("rounds", routine.rounds)))
        self.rounds.blockSignals(False)
        if routine.rounds_range:
            lo, hi = routine.rounds_range
            self.rounds_hint.setText(self.tr("(the source suggests {0:g}–{1:g})").format(lo, hi))
        else:
            self.rounds_hint.setText("")
        self._setup_hold(saved.get("hold_s"))
        self.voice.setChecked(bool(saved.get("voice", not s.muted)))
        self._build_cards()
        self._refresh_minutes()

    def options(self) -> PlanOptions:
        return PlanOptions(
            rounds=self.rounds.value(),
            hold_s=self._hold_choice(),
            variants=dict(self.variants),
            prepare_s=self.ctx.settings.prepare_s,
            first_side="right" if self.ctx.settings.first_side == "right" else "left",
        )

    def _hold_choice(self) -> float | None:
        """None ("as planned") keeps each exercise's own hold; a number overrides them."""
        if not self.hold.isEnabled() or self.hold.value() == self.hold.minimum():
            return None
        return float(self.hold.value())

    def _setup_hold(self, saved: float | None) -> None:
        """One hold length for the routine, limited to the widest range the sources give."""
        assert self.routine is not None
        ranges = []
        for item in self.routine.items:
            d = self.ctx.catalog.exercise(item.exercise).dosage
            if d.mode == "hold" and d.seed.hold_s and d.seed.hold_s[0] < d.seed.hold_s[1]:
                ranges.append(d.seed.hold_s)
        has_range = bool(ranges)
        for w in (self.hold, self.hold_hint, self.hold_label):
            w.setVisible(has_range)
        self.hold.setEnabled(has_range)
        if not has_range:
            return
        lo = int(min(r[0] for r in ranges))
        hi = int(max(r[1] for r in ranges))
        self.hold.blockSignals(True)
        # One step below the range means "as planned": each exercise keeps its own hold.
        self.hold.setRange(lo - 1, hi)
        self.hold.setSpecialValueText(self.tr("As planned"))
        self.hold.setSingleStep(5)
        self.hold.setValue(int(saved) if saved is not None else lo - 1)
        self.hold.blockSignals(False)
        self.hold_hint.setText(self.tr("(within the sources' {0}–{1} s)").format(lo, hi))
        self.hold.setToolTip(self.tr("Hold length, kept within each exercise's range"))

    def _build_cards(self) -> None:
        # Empty the column now (cards and the stretch below them): a card only goes
        # away later, and a stretch left behind would push the next routine's down.
        while self.cards_box.count():
            item = self.cards_box.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.cards = []
        assert self.routine is not None
        opts = self.options()
        for item in self.routine.items:
            ex = self.ctx.catalog.exercise(item.exercise)
            variant = self.variants.get(ex.id, item.variant or "")
            card = ExerciseCard(
                ex,
                clamp_hold(resolve_dosage(ex, item, variant or None), opts.hold_s),
                variant,
                yours=runners_fields(self.routine, item),
            )
            card.variantChanged.connect(self._variant_changed)
            card.suggest(self._harder_hint(ex.id, variant))
            self.cards_box.addWidget(card)
            self.cards.append(card)
        self.cards_box.addStretch(1)

    def _harder_hint(self, exercise_id: str, variant: str) -> str:
        """After three pain-free goes, point at the harder form (never switch to it)."""
        ex = self.ctx.catalog.exercise(exercise_id)
        harder = ex.harder()
        if harder is None or variant == harder.id or self.ctx.history is None:
            return ""
        if not suggest_harder(self.ctx.history.pain_free_streak(exercise_id, variant)):
            return ""
        return self.tr(
            "You've done this three times in a row without pain. Ready for more? "
            "You could try the harder form: {0}."
        ).format(harder.name)

    def _variant_changed(self, exercise_id: str, variant: str) -> None:
        assert self.routine is not None
        if variant:
            self.variants[exercise_id] = variant
        else:
            self.variants.pop(exercise_id, None)
        choices = dict(self.ctx.settings.variant_choices)
        choices[self.routine.id] = dict(self.variants)
        self.ctx.update_settings(variant_choices=choices)
        for card in self.cards:
            if card.exercise.id == exercise_id:
                card.suggest(self._harder_hint(exercise_id, variant))
        self._refresh_minutes()

    def _refresh_minutes(self) -> None:
        if self.routine is None:
            return
        opts = self.options()
        plan = build_plan(self.routine, self.ctx.catalog, opts)
        self.minutes.setText(self.tr("About {0} min").format(round(plan.total_s / 60)))
        for item, card in zip(self.routine.items, self.cards, strict=False):
            ex = card.exercise
            variant = self.variants.get(ex.id, item.variant or "")
            card.show_dosage(
                clamp_hold(resolve_dosage(ex, item, variant or None), opts.hold_s), variant
            )

    def _start(self) -> None:
        assert self.routine is not None
        opts = self.options()
        saved = dict(self.ctx.settings.routine_options)
        saved[self.routine.id] = {
            "rounds": opts.rounds,
            "hold_s": opts.hold_s,
            "voice": self.voice.isChecked(),
        }
        self.ctx.update_settings(routine_options=saved)
        self.startRequested.emit(opts, self.voice.isChecked())
