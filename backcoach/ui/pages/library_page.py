"""The library: "Today" from the weekly plan on top, then routine cards in a grid,
filtered by equipment at hand and time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import EQUIPMENT
from backcoach.core.plan import build_plan
from backcoach.core.safety import DISCLAIMER, FIRM_WINDOW, firm_warning
from backcoach.core.words import counted
from backcoach.ui.context import AppContext
from backcoach.ui.keys import bind
from backcoach.ui.widgets.routine_card import RoutineCard
from backcoach.ui.widgets.today_panel import TodayPanel

GLUTE_CHECK = "glute-check"
COOL_DOWN = "post-run-cooldown"
TIME_CHOICES = [(0, "Any length"), (10, "Up to 10 min"), (20, "Up to 20 min"), (30, "Up to 30 min")]


class LibraryPage(QWidget):
    routineChosen = Signal(str)
    newRoutineRequested = Signal()
    openFileRequested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cards: list[RoutineCard] = []
        title = QLabel(self.tr("Routines"))
        title.setProperty("role", "title")
        self.new_routine = QPushButton(self.tr("New routine"))
        self.new_routine.setToolTip(self.tr("Build a routine of your own (Ctrl+N)"))
        self.new_routine.clicked.connect(self.newRoutineRequested)
        self.open_file = QPushButton(self.tr("Open routine file…"))
        self.open_file.setToolTip(
            self.tr("Import a routine file, e.g. one from your physio (Ctrl+O); or drop it here")
        )
        self.open_file.clicked.connect(self.openFileRequested)
        bind(self, "Ctrl+N", self.new_routine)
        bind(self, "Ctrl+O", self.open_file)
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.new_routine)
        heading.addWidget(self.open_file)
        self.banner = QLabel()  # advice that matters now (e.g. pain went up lately)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setAccessibleDescription(self.tr("Advice"))
        disclaimer = QLabel(self.tr(DISCLAIMER))
        disclaimer.setWordWrap(True)
        disclaimer.setProperty("role", "muted")

        self.today = TodayPanel()
        self.today.routineChosen.connect(self.routineChosen)
        self.today.planRequested.connect(self.edit_plan)
        bind(self, "Ctrl+P", self.today.edit)

        # Made as a child, so showing it never makes a window of its own before the
        # layout takes it; the same for every widget shown here before it is laid out.
        self.glute_check = QPushButton(
            self.tr("Not sure your glutes are doing their share? Take the glute check"), self
        )
        self.glute_check.setToolTip(
            self.tr("A short self-test: lift each knee lying face down and notice what works")
        )
        self.glute_check.clicked.connect(lambda: self.routineChosen.emit(GLUTE_CHECK))
        self.glute_check.setVisible(GLUTE_CHECK in ctx.catalog.routines)
        # After a run imported today: the cool-down comes first, with a word why.
        self.suggested = ""
        self.after_run = QLabel()
        self.after_run.setWordWrap(True)
        self.after_run.setStyleSheet("font-weight: 600;")
        self.after_run.setAccessibleDescription(self.tr("Suggested after your run"))
        self.after_run_button = QPushButton()
        self.after_run_button.setProperty("primary", True)
        self.after_run_button.clicked.connect(lambda: self.routineChosen.emit(self.suggested))
        self.after_run.setVisible(False)
        self.after_run_button.setVisible(False)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("I have:")))
        self.equipment_boxes: dict[str, QCheckBox] = {}
        owned = set(ctx.settings.equipment_owned)
        for key, label in EQUIPMENT.items():
            box = QCheckBox(self.tr(label))
            box.setChecked(key in owned)
            box.setToolTip(self.tr("Show routines that need: {0}").format(label.lower()))
            box.toggled.connect(self._filters_changed)
            self.equipment_boxes[key] = box
            filters.addWidget(box)
        filters.addStretch(1)
        # Time on the row below, beside "n routines hidden": one row of filters was wider
        # than a 1024 px screen.
        time_row = QHBoxLayout()
        self.time_combo = QComboBox()
        self.time_combo.setAccessibleName(self.tr("Time available"))
        self.time_combo.setToolTip(self.tr("Only show routines that fit the time you have"))
        for minutes, label in TIME_CHOICES:
            self.time_combo.addItem(self.tr(label), minutes)
        idx = self.time_combo.findData(ctx.settings.max_minutes)
        self.time_combo.setCurrentIndex(max(idx, 0))
        self.time_combo.currentIndexChanged.connect(self._filters_changed)
        time_label = QLabel(self.tr("Time:"))
        time_label.setBuddy(self.time_combo)
        time_row.addWidget(time_label)
        time_row.addWidget(self.time_combo)

        self.hidden_label = QLabel()
        self.hidden_label.setProperty("role", "muted")
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        root = QVBoxLayout(self)
        root.addLayout(heading)
        root.addWidget(disclaimer)
        root.addWidget(self.banner)
        root.addWidget(self.today)
        after = QHBoxLayout()
        after.addWidget(self.after_run, 1)
        after.addWidget(self.after_run_button)
        root.addLayout(after)
        root.addWidget(self.glute_check, 0, Qt.AlignmentFlag.AlignLeft)
        root.addLayout(filters)
        time_row.addSpacing(16)
        time_row.addWidget(self.hidden_label)
        time_row.addStretch(1)
        root.addLayout(time_row)
        root.addWidget(scroll, 1)
        self.reload()

    def reload(self) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        catalog = self.ctx.catalog
        pictures = {e.id: e.picture for e in catalog.exercises.values()}
        for routine in sorted(catalog.routines.values(), key=lambda r: (not r.builtin, r.name)):
            minutes = build_plan(routine, catalog, with_cues=False).total_s / 60
            # Made inside the grid's host: a card with no parent yet would become a
            # window of its own when shown, before the grid took it.
            card = RoutineCard(routine, minutes, self.grid_host, pictures=pictures)
            card.chosen.connect(self.routineChosen)
            self.cards.append(card)
        self._layout_cards()

    def page_shown(self) -> None:
        """Each time the library comes up: today's plan, and a warning when pain rose
        after recent sessions."""
        history = self.ctx.history
        recent = history.recent_pain(FIRM_WINDOW) if history else []
        self.set_banner(firm_warning([(p.before, p.after) for p in recent]))
        self.show_today()
        self.suggest_after_run()

    def show_today(self) -> None:
        day = self.ctx.today()
        names = {rid: r.name for rid, r in self.ctx.catalog.routines.items()}
        self.today.show_today(day, self.ctx.plan().today(day), names)

    def edit_plan(self) -> None:
        from backcoach.core.weekly_plan import plan_json
        from backcoach.ui.dialogs.weekly_plan import WeeklyPlanDialog

        routines = sorted(self.ctx.catalog.routines.values(), key=lambda r: (not r.builtin, r.name))
        dialog = WeeklyPlanDialog(routines, self.ctx.plan().entries, self)
        if dialog.exec() == WeeklyPlanDialog.DialogCode.Accepted:
            self.ctx.update_settings(weekly_plan=plan_json(dialog.entries()))
            self.show_today()

    def suggest_after_run(self) -> None:
        """A run from today and no cool-down since: put the post-run cool-down first."""
        run = self._todays_run()
        routine = self.ctx.catalog.routines.get(COOL_DOWN)
        self.suggested = COOL_DOWN if run is not None and routine is not None else ""
        if run is not None and routine is not None:
            distance = f"{run.distance_m / 1000:.1f} km" if run.distance_m > 0 else self.tr("a run")
            self.after_run.setText(
                self.tr("You ran {0} today at {1}. Straight after a run: {2}.").format(
                    distance, f"{run.start:%H:%M}", routine.name
                )
            )
            self.after_run_button.setText(self.tr("Open the cool-down"))
            self.after_run_button.setToolTip(self.tr("Open {0}").format(routine.name))
        self.after_run.setVisible(bool(self.suggested))
        self.after_run_button.setVisible(bool(self.suggested))
        self._layout_cards()

    def _todays_run(self):  # type: ignore[no-untyped-def]
        runs, history = self.ctx.runs, self.ctx.history
        if runs is None:
            return None
        today = self.ctx.today()
        todays = runs.runs_on(today)
        if not todays:
            return None
        latest = max(todays, key=lambda r: r.start)
        for s in history.sessions(0, 10) if history is not None else []:
            if s.routine_id == COOL_DOWN and s.started_at >= latest.start:
                return None  # already cooled down after it
        return latest

    def set_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def visible_cards(self) -> list[RoutineCard]:
        owned = {k for k, box in self.equipment_boxes.items() if box.isChecked()}
        limit = self.time_combo.currentData() or 0
        return [
            c
            for c in self.cards
            if set(c.routine.equipment) <= owned and (not limit or c.minutes <= limit + 0.5)
        ]

    def _filters_changed(self) -> None:
        owned = tuple(k for k, box in self.equipment_boxes.items() if box.isChecked())
        self.ctx.update_settings(
            equipment_owned=owned, max_minutes=int(self.time_combo.currentData() or 0)
        )
        self._layout_cards()

    def _layout_cards(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        shown = sorted(self.visible_cards(), key=lambda c: c.routine.id != self.suggested)
        columns = max(1, self.width() // 380)
        for c in self.cards:
            c.setVisible(c in shown)
        for i, card in enumerate(shown):
            self.grid.addWidget(card, i // columns, i % columns)
        self.grid.setRowStretch(len(shown) // columns + 1, 1)
        hidden = len(self.cards) - len(shown)
        self.hidden_label.setText(
            self.tr("{0} hidden by your filters.").format(counted(hidden, "routine"))
            if hidden
            else ""
        )
        self.hidden_label.setVisible(bool(hidden))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_cards()

    def card(self, routine_id: str) -> RoutineCard:
        return next(c for c in self.cards if c.routine.id == routine_id)
