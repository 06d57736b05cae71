"""The review page: did I keep it up, and is my back getting better?

Top: four headline numbers (sessions, streak, this week's minutes, pain trend).
Middle: the last twelve weeks as a calendar, minutes per week, and pain before and
after each session. Bottom, in tabs: every past session (loaded a page at a time) and
the chosen one in full; each exercise's level over time; the weekly plan week by week.
Everything is read from the HistoryStore and the providers passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backcoach.core import history_export
from backcoach.core.history import HistoryStore
from backcoach.core.history_queries import PainPoint, WeekMinutes, monday_of
from backcoach.core.history_stats import pain_trend
from backcoach.core.progression import RoutineLevels
from backcoach.core.stat_words import pain_words, relief_words, streak_words, week_words
from backcoach.core.weekly_plan import WeekRecord
from backcoach.core.words import counted
from backcoach.ui.formats import number
from backcoach.ui.keys import bind
from backcoach.ui.widgets.activity_calendar import ActivityCalendar
from backcoach.ui.widgets.fit_scroll import WrapAwareBox
from backcoach.ui.widgets.level_history import LevelHistoryView
from backcoach.ui.widgets.pain_chart import PainChart
from backcoach.ui.widgets.plan_record import PlanRecordView
from backcoach.ui.widgets.session_detail import SessionDetailView
from backcoach.ui.widgets.session_table_model import SessionTableModel
from backcoach.ui.widgets.stat_card import StatCard
from backcoach.ui.widgets.tables import list_heading, list_table
from backcoach.ui.widgets.weekly_minutes_chart import WeeklyMinutesChart

WEEKS = 12


def _titled(title: str, widget: QWidget, beside: QWidget | None = None) -> QFrame:
    """A card with a small heading over a chart (and ``beside`` it, a control)."""
    frame = QFrame()
    frame.setProperty("card", True)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    heading = QLabel(title)
    heading.setStyleSheet("font-weight: 600;")
    heading.setBuddy(widget)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 12, 8)
    top = QHBoxLayout()
    top.addWidget(heading, 1)
    if beside is not None:
        top.addWidget(beside)
    layout.addLayout(top)
    layout.addWidget(widget, 1)
    return frame


class HistoryPage(QWidget):
    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        ctx: Any = None,
        levels: Callable[[], list[RoutineLevels]] | None = None,
        plan: Callable[[date], tuple[list[WeekRecord], dict[str, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.ctx = ctx  # for the runs (weekly distance) and the overlay setting
        self._today = today
        self._levels = levels
        self._plan = plan
        self.setAccessibleName(self.tr("History"))

        title = QLabel(self.tr("History"))
        title.setProperty("role", "title")
        title.setStyleSheet("font-size: 22pt; font-weight: 700;")
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setAccessibleName(self.tr("Export history"))
        self.export_button.setToolTip(
            self.tr("Save every session as CSV for a spreadsheet, or as JSON (Ctrl+E)")
        )
        bind(self, "Ctrl+E", self.export_button)
        self.export_button.clicked.connect(self.export)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.export_button)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet(
            "border: 1px solid palette(mid); border-radius: 8px; padding: 8px;"
            " background: palette(alternate-base);"
        )
        self.notice.setAccessibleDescription(self.tr("History notice"))
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.empty = QLabel(
            "<p style='font-size: 15pt'>"
            + self.tr("No sessions yet — your first one will show up here.")
            + "</p><p>"
            + self.tr(
                "Each session is saved as you go. Here you will see your streak, your"
                " minutes each week, and whether your back hurts less before and after."
            )
            + "</p>"
        )
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setMaximumWidth(560)
        self.empty.setAccessibleDescription(self.tr("No sessions yet"))
        empty_page = QWidget()
        empty_layout = QHBoxLayout(empty_page)
        empty_layout.addWidget(self.empty)

        self.stack = QStackedWidget()
        self.stack.addWidget(empty_page)
        self.stack.addWidget(self._build_content())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.refresh()

    def _build_content(self) -> QWidget:
        self.streak_card = StatCard(self.tr("days in a row"))
        self.week_card = StatCard(self.tr("minutes this week"))
        self.pain_card = StatCard(self.tr("pain before sessions"))
        self.relief_card = StatCard(self.tr("pain change during a session"))
        cards = QHBoxLayout()
        for card in (self.streak_card, self.week_card, self.pain_card, self.relief_card):
            cards.addWidget(card, 1)

        self.calendar = ActivityCalendar(WEEKS)
        self.minutes_chart = WeeklyMinutesChart()
        self.pain_chart = PainChart()
        charts = QHBoxLayout()
        charts.addWidget(_titled(self.tr("Last {0} weeks").format(WEEKS), self.calendar), 4)
        charts.addWidget(_titled(self.tr("Minutes per week"), self.minutes_chart), 5)
        self.distance_box = QCheckBox(self.tr("Weekly km"))
        self.distance_box.setToolTip(
            self.tr("Draw the kilometres you ran each week behind the pain")
        )
        self.distance_box.setChecked(bool(self.ctx and self.ctx.settings.history_shows_distance))
        self.distance_box.setVisible(bool(self.ctx and self.ctx.runs is not None))
        self.distance_box.toggled.connect(self._distance_toggled)
        pain_card = _titled(self.tr("Pain, 0 to 10"), self.pain_chart, self.distance_box)
        charts.addWidget(pain_card, 5)

        self.model = SessionTableModel(self.store, parent=self, today=self._today)
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table, self.tr("Past sessions, newest first"))
        head = self.table.horizontalHeader()
        # Widths from the font, not ResizeToContents: measuring means asking the model
        # for every cell of every loaded row, which is most of the page's start-up cost.
        head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head.setSectionResizeMode(SessionTableModel.ROUTINE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.list_title = list_heading(self.table)
        sessions = QWidget()
        sessions_layout = QVBoxLayout(sessions)
        sessions_layout.setContentsMargins(0, 0, 0, 0)
        sessions_layout.addWidget(self.list_title)
        sessions_layout.addWidget(self.table, 1)

        self.detail = SessionDetailView()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(sessions)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # 3:2 from the start; size hints alone would hand the detail's wide table more.
        splitter.setSizes([3000, 2000])
        splitter.setChildrenCollapsible(False)

        self.level_view = LevelHistoryView()
        self.plan_view = PlanRecordView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sessions, levels and plan"))
        self.tabs.addTab(splitter, self.tr("Sessions"))
        self.tabs.addTab(self.level_view, self.tr("Levels"))
        self.tabs.addTab(self.plan_view, self.tr("Your week"))

        overview = WrapAwareBox()
        layout = QVBoxLayout(overview)
        layout.setContentsMargins(0, 8, 0, 4)
        layout.addLayout(cards)
        layout.addLayout(charts, 1)
        splitter.setMinimumHeight(230)
        # The runner can give the list more room by dragging the line between them.
        content = QSplitter(Qt.Orientation.Vertical)
        content.addWidget(overview)
        content.addWidget(self.tabs)
        content.setStretchFactor(0, 2)
        content.setStretchFactor(1, 3)
        content.setChildrenCollapsible(False)
        # On a short screen (1024x600) the cards, charts and list need more height than
        # there is: the page scrolls instead of squeezing the charts over their labels.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        return scroll

    def _size_columns(self) -> None:
        """Fit the fixed columns to the loaded rows' text in the table's font.

        Measured here from a page of strings, not by ResizeToContents, which asks the
        model for every role of every cell and was most of the page's start-up time.
        """
        self.table.ensurePolished()  # the app's style sheet may set the font
        fm = self.table.fontMetrics()
        pad = fm.horizontalAdvance("M") + 8
        head = self.table.horizontalHeader()
        rows = range(min(self.model.rowCount(), 100))
        for column in (
            SessionTableModel.DATE,
            SessionTableModel.MINUTES,
            SessionTableModel.DONE,
            SessionTableModel.PAIN,
        ):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal, 0))
            texts = [self.model.text(row, column) for row in rows]
            widest = max(fm.horizontalAdvance(t) for t in [header, *texts])
            head.resizeSection(column, widest + pad)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_columns()
        super().changeEvent(event)

    # ------------------------------------------------------------------ data
    def page_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read everything from the store, e.g. after a session was saved."""
        today = self._today()
        self.notice.setText(self.store.notice)
        self.notice.setVisible(bool(self.store.notice))
        self.model.reload()
        self._size_columns()
        total = self.model.total()
        self.stack.setCurrentIndex(1 if total else 0)
        self.export_button.setVisible(total > 0)
        if not total:
            self.detail.show_session(None)
            return
        first = self.calendar_first_day(today)
        weeks = self.store.weekly_minutes(WEEKS, today)
        self.minutes_chart.set_weeks(weeks)
        self.calendar.set_days(self.store.daily_minutes(first, today), today)
        points = self.store.pain_series(first)
        self.pain_chart.set_points(points, first, today)
        self._show_distance(today)
        self._fill_cards(weeks, points, today)
        self.list_title.setText(
            self.tr("1 session") if total == 1 else self.tr("{0} sessions").format(number(total))
        )
        self.table.selectRow(0)
        self._fill_tabs(today)

    def _fill_tabs(self, today: date) -> None:
        states = self._levels() if self._levels is not None else []
        self.level_view.show_levels(states)
        self.tabs.setTabVisible(1, any(s.changes for s in states))
        weeks, names = self._plan(today) if self._plan is not None else ([], {})
        has_plan = bool(weeks and weeks[0].entries)
        if has_plan:
            self.plan_view.show_record(weeks, names)
        self.tabs.setTabVisible(2, has_plan)

    def _distance_toggled(self, on: bool) -> None:
        if self.ctx is not None:
            self.ctx.update_settings(history_shows_distance=on)
        self._show_distance(self._today())

    def _show_distance(self, today: date) -> None:
        runs = self.ctx.runs if self.ctx is not None else None
        if runs is None or not self.distance_box.isChecked():
            self.pain_chart.set_distance([])
            return
        self.pain_chart.set_distance([(w.monday, w.distance_m) for w in runs.weeks(WEEKS, today)])

    @staticmethod
    def calendar_first_day(today: date) -> date:
        return monday_of(today) - timedelta(weeks=WEEKS - 1)

    def _fill_cards(self, weeks: list[WeekMinutes], points: list[PainPoint], today: date) -> None:
        trend = pain_trend(points, today)
        for card, words in (
            (self.streak_card, streak_words(self.store.streak(today))),
            (self.week_card, week_words(weeks[-1].minutes, weeks[-2].minutes)),
            (self.pain_card, pain_words(trend)),
            (self.relief_card, relief_words(trend.relief)),
        ):
            card.set_value(self.tr(words.value), self.tr(words.caption), self.tr(words.tooltip))

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        s = self.model.session_at(current.row())
        self.detail.show_session(self.store.session(s.id) if s else None)

    # ---------------------------------------------------------------- export
    def export(self) -> Path | None:
        """Ask where to save, then write every session there as CSV or JSON."""
        default = Path.home() / f"backcoach-history-{self._today():%Y-%m-%d}.csv"
        csv_filter = self.tr("CSV for spreadsheets (*.csv)")
        json_filter = self.tr("JSON, everything (*.json)")
        chosen, selected = QFileDialog.getSaveFileName(
            self, self.tr("Export history"), str(default), f"{csv_filter};;{json_filter}"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".json"):
            path = path.with_name(path.name + (".json" if selected == json_filter else ".csv"))
        fmt = path.suffix.lower().lstrip(".")
        try:
            n = history_export.write_file(self.store.all_sessions(), path, fmt)
        except OSError as exc:
            self.status.setText(
                self.tr("Could not export to {0}: {1}").format(path, exc.strerror or exc)
            )
            return None
        self.status.setText(self.tr("Exported {0} to {1}").format(counted(n, "session"), path))
        return path
