"""One routine: its exercise cards in order at the runner's levels, the options, and a
clear Start button. A suggestion about the levels the last session left unanswered is
shown here, before the next start (docs/progression.md)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import EQUIPMENT, WHEN_LABELS, Routine, resolve_dosage
from backcoach.core.levels import apply_level, levels_by_item
from backcoach.core.plan import PlanOptions, build_plan, clamp_hold
from backcoach.core.progression import Proposal, RoutineLevels
from backcoach.core.provenance import runners_fields
from backcoach.ui.context import AppContext
from backcoach.ui.keys import bind
from backcoach.ui.widgets.dose_origin import routine_origin_text
from backcoach.ui.widgets.exercise_card import ExerciseCard
from backcoach.ui.widgets.hold_spin import HoldSpin
from backcoach.ui.widgets.level_text import level_line
from backcoach.ui.widgets.proposal_box import ProposalBox


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
        self.state: RoutineLevels | None = None
        self.pending: Proposal | None = None

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
        self.hold = HoldSpin()
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

        # Two rows of choices, the start on their right: in one row they were wider
        # than a 1024 px screen. Each label is its field's buddy (what a screen reader
        # names the field by).
        choices = QGridLayout()
        rounds_label = QLabel(self.tr("Rounds:"))
        rounds_label.setBuddy(self.rounds)
        choices.addWidget(rounds_label, 0, 0)
        choices.addWidget(self.rounds, 0, 1)
        choices.addWidget(self.rounds_hint, 0, 2)
        self.hold_label = QLabel(self.tr("Holds:"))
        self.hold_label.setBuddy(self.hold)
        choices.addWidget(self.hold_label, 1, 0)
        choices.addWidget(self.hold, 1, 1)
        choices.addWidget(self.hold_hint, 1, 2)
        choices.setHorizontalSpacing(12)
        options = QHBoxLayout()
        options.addLayout(choices)
        options.addStretch(1)
        options.addWidget(self.voice)
        options.addSpacing(8)
        options.addWidget(self.minutes)
        options.addWidget(self.start)

        self.proposal = ProposalBox()
        self.proposal.answered.connect(self._answer_proposal)

        self.cards_host = QWidget()
        # What the routine is and the proposal scroll with the cards: on a 600 px screen
        # they left the cards a strip a hand high.
        scrolled = QVBoxLayout(self.cards_host)
        scrolled.addWidget(self.about)
        scrolled.addWidget(self.origin)
        scrolled.addWidget(self.proposal)
        self.cards_box = QVBoxLayout()
        scrolled.addLayout(self.cards_box, 1)
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
        saved = s.routine_options.get(routine.id, {})
        self._adopt_old_form_choices(routine)
        self.title.setText(routine.name)
        needs = ", ".join(EQUIPMENT[e] for e in routine.equipment) or self.tr("no equipment")
        notes = "".join(f"<br>{n}" for n in routine.notes)
        self.about.setText(
            f"{routine.purpose}<br><i>{WHEN_LABELS[routine.when]} · {needs}</i>{notes}"
        )
        self.origin.setText(routine_origin_text(routine))
        self.state, self.pending = self.ctx.levels().proposal(routine)
        self.proposal.show_proposal(self.pending if self.pending.changes else None)
        if self.pending.changes:
            self.proposal.title.setText(
                self.tr("Before you start: your last session suggests a change")
            )
        self._show_rounds()
        self._setup_hold(saved.get("hold_s"))
        self.voice.setChecked(bool(saved.get("voice", not s.muted)))
        self._build_cards()
        self._refresh_minutes()

    def _show_rounds(self) -> None:
        assert self.state is not None and self.routine is not None
        # With the articles' range the rounds are part of the level (a change here is for
        # today); without one they are the runner's own choice, remembered per routine.
        rounds = self.state.rounds
        if not self.routine.rounds_range:
            saved = self.ctx.settings.routine_options.get(self.routine.id, {})
            rounds = int(saved.get("rounds", rounds))
        self.rounds.blockSignals(True)
        self.rounds.setValue(rounds)
        self.rounds.blockSignals(False)
        if self.routine.rounds_range:
            lo, hi = self.routine.rounds_range
            self.rounds_hint.setText(
                self.tr("(your level: {0} · articles {1:g}–{2:g})").format(
                    self.state.rounds, lo, hi
                )
            )
        else:
            self.rounds_hint.setText("")

    def options(self) -> PlanOptions:
        levels = levels_by_item(self.state.slots, self.state.levels) if self.state else {}
        return PlanOptions(
            rounds=self.rounds.value(),
            hold_s=self._hold_choice(),
            prepare_s=self.ctx.settings.prepare_s,
            first_side="right" if self.ctx.settings.first_side == "right" else "left",
            levels=levels,
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
        self.hold.set_hold_range(lo, hi)
        self.hold.setSpecialValueText(self.tr("As planned"))
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
        assert self.routine is not None and self.state is not None
        for slot in self.state.slots:
            ex = self.ctx.catalog.exercise(slot.exercise_id)
            level = self.state.levels[slot.key]
            item = self.routine.items[slot.item_index]
            card = ExerciseCard(
                ex,
                self._dosage(slot.item_index),
                level.variant,
                slot.key,
                yours=runners_fields(self.routine, item),
            )
            card.variantChanged.connect(self._variant_changed)
            card.levelRequested.connect(self._edit_level)
            self.cards_box.addWidget(card)
            self.cards.append(card)
        self.cards_box.addStretch(1)

    def _dosage(self, item_index: int):  # type: ignore[no-untyped-def]
        assert self.routine is not None and self.state is not None
        slot = self.state.slots[item_index]
        level = self.state.levels[slot.key]
        item = self.routine.items[item_index]
        ex = self.ctx.catalog.exercise(item.exercise)
        dosage = apply_level(resolve_dosage(ex, item, level.variant or None), level)
        return clamp_hold(dosage, self._hold_choice())

    def _variant_changed(self, slot_key: str, variant: str) -> None:
        """Choosing another form on a card sets the level by hand, at that form's start."""
        assert self.state is not None
        form = self.state.slot(slot_key).form(variant)
        if form is not None:
            self.ctx.levels().set_level(self.state, slot_key, form.base, self.ctx.now())
        self._reload_levels()

    def _edit_level(self, slot_key: str) -> None:
        from backcoach.ui.dialogs.level_editor import LevelDialog

        assert self.state is not None
        dialog = LevelDialog(self.state, slot_key, self)
        if dialog.exec() != LevelDialog.DialogCode.Accepted:
            return
        book, now = self.ctx.levels(), self.ctx.now()
        if dialog.reset_all:
            book.reset(self.state, now)
        else:
            if dialog.level() != self.state.levels[slot_key]:
                book.set_level(self.state, slot_key, dialog.level(), now)
            rounds = dialog.chosen_rounds()
            if rounds is not None and rounds != self.state.rounds:
                book.set_rounds(self.state, rounds, now)
        self._reload_levels()

    def _answer_proposal(self, accepted: set[str]) -> None:
        assert self.state is not None and self.pending is not None
        self.ctx.levels().confirm(self.state, self.pending, accepted, self.ctx.now())
        self.proposal.show_proposal(None)
        self._reload_levels()

    def _reload_levels(self) -> None:
        assert self.routine is not None
        self.state = self.ctx.levels().state(self.routine)
        self._show_rounds()
        self._refresh_minutes()

    def _adopt_old_form_choices(self, routine: Routine) -> None:
        """Forms chosen per routine before levels existed become levels, once."""
        old = self.ctx.settings.variant_choices.get(routine.id)
        if not old:
            return
        book = self.ctx.levels()
        state = book.state(routine)
        touched = {c.slot for c in state.changes}
        for slot in state.slots:
            variant = old.get(slot.exercise_id)
            form = slot.form(variant) if variant else None
            if form is not None and slot.key not in touched and form.variant != slot.base.variant:
                book.set_level(state, slot.key, form.base, self.ctx.now())
        choices = dict(self.ctx.settings.variant_choices)
        choices.pop(routine.id, None)
        self.ctx.update_settings(variant_choices=choices)

    def _refresh_minutes(self) -> None:
        if self.routine is None or self.state is None:
            return
        plan = build_plan(self.routine, self.ctx.catalog, self.options(), with_cues=False)
        self.minutes.setText(self.tr("About {0} min").format(round(plan.total_s / 60)))
        for slot, card in zip(self.state.slots, self.cards, strict=False):
            level = self.state.levels[slot.key]
            item = self.routine.items[slot.item_index]
            own = resolve_dosage(card.exercise, item, level.variant or None)
            card.show_dosage(self._dosage(slot.item_index), level.variant, own)
            card.show_variant(level.variant)
            card.show_level(level_line(slot, level, named=False), slot.progresses)

    def _start(self) -> None:
        assert self.routine is not None
        opts = self.options()
        saved = dict(self.ctx.settings.routine_options)
        saved[self.routine.id] = {"hold_s": opts.hold_s, "voice": self.voice.isChecked()}
        if not self.routine.rounds_range:
            saved[self.routine.id]["rounds"] = opts.rounds
        self.ctx.update_settings(routine_options=saved)
        self.startRequested.emit(opts, self.voice.isChecked())
