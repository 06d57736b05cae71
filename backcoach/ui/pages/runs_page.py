"""The runner's side: training load, shoes, weekly distance and surfaces, and every run.

Top: the load card (this week against the last four, with the articles' advice when it
jumps) beside the shoes. Middle: distance and time per week, and surfaces and hills
per week. Then what the runner's own log shows about pain and load jumps, and the runs.
Everything is read from the RunLog in the context; imports run through the importer.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backcoach.runs import pain_link
from backcoach.runs.model import ImportReport
from backcoach.runs.reading import KNOWN_SUFFIXES
from backcoach.ui.context import AppContext
from backcoach.ui.keys import bind
from backcoach.ui.pages.history_page import _titled
from backcoach.ui.runs.importer import RunImporter
from backcoach.ui.runs.load_card import LoadCard
from backcoach.ui.runs.run_actions import RunActions
from backcoach.ui.runs.run_table_model import RunTableModel
from backcoach.ui.runs.shoe_list import ShoeList
from backcoach.ui.widgets.surface_chart import SurfaceChart
from backcoach.ui.widgets.tables import list_heading, list_table
from backcoach.ui.widgets.weekly_runs_chart import WeeklyRunsChart, short_date

WEEK_CHOICES = (12, 16, 20, 26)


class RunsPage(QWidget):
    def __init__(
        self, ctx: AppContext, importer: RunImporter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.importer = importer
        self.actions = RunActions(ctx, self)
        self.actions.changed.connect(self.refresh)
        self.setAccessibleName(self.tr("Runs"))
        self.last_report: ImportReport | None = None

        title = QLabel(self.tr("Runs"))
        title.setProperty("role", "title")
        self.weeks_combo = QComboBox()
        self.weeks_combo.setAccessibleName(self.tr("Weeks shown"))
        for n in WEEK_CHOICES:
            self.weeks_combo.addItem(self.tr("Last {0} weeks").format(n), n)
        self.weeks_combo.setCurrentIndex(max(0, self.weeks_combo.findData(ctx.settings.runs_weeks)))
        self.weeks_combo.currentIndexChanged.connect(self._weeks_changed)
        self.add_button = QPushButton(self.tr("Add a run…"))
        self.add_button.setToolTip(
            self.tr("Add a run by hand: date, distance, time, surface (Ctrl+N)")
        )
        self.add_button.clicked.connect(self.actions.add_run)
        bind(self, "Ctrl+N", self.add_button)
        self.import_button = QPushButton(self.tr("Import runs…"))
        self.import_button.setProperty("primary", True)
        self.import_button.setToolTip(
            self.tr(
                "Import FIT, GPX or TCX files from your watch or app (Ctrl+I). You can also drop them on the window."
            )
        )
        self.import_button.clicked.connect(self.choose_files)
        bind(self, "Ctrl+I", self.import_button)
        importer.busyChanged.connect(self._busy)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.weeks_combo)
        header.addWidget(self.add_button)
        header.addWidget(self.import_button)

        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.setAccessibleDescription(self.tr("Import result"))
        self.report_card = QFrame()
        self.report_card.setProperty("card", True)
        dismiss = QPushButton(self.tr("Dismiss"))
        dismiss.setToolTip(self.tr("Hide the import result"))
        dismiss.clicked.connect(lambda: self.report_card.setVisible(False))
        row = QHBoxLayout(self.report_card)
        row.addWidget(self.report, 1)
        row.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.report_card.setVisible(False)

        self.load_card = LoadCard()
        self.shoes = ShoeList()
        self.shoes.addRequested.connect(self.actions.add_shoe)
        self.shoes.editRequested.connect(self.actions.edit_shoe)
        self.shoes.defaultRequested.connect(self.actions.make_default)
        self.shoes.retireRequested.connect(self.actions.toggle_retired)
        top = QHBoxLayout()
        top.addWidget(self.load_card, 3)
        top.addWidget(self.shoes, 2)

        self.empty = QLabel(
            "<p style='font-size: 15pt'>"
            + self.tr("No runs yet.")
            + "</p><p>"
            + self.tr(
                "Import the FIT, GPX or TCX files your watch or running app exports (Import "
                "runs…, or drop them on this window), choose a watched folder in Settings, "
                "or add a run by hand. Here you will see your weekly distance, how this week "
                "compares with the last four, your surfaces and hills, and your shoes."
            )
            + "</p><p>"
            + self.tr(
                "backcoach keeps a summary of each run (time, distance, climb), never its "
                "GPS track."
            )
            + "</p>"
        )
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.empty.setAccessibleDescription(self.tr("No runs yet"))

        self.distance_chart = WeeklyRunsChart()
        self.surface_chart = SurfaceChart()
        charts = QHBoxLayout()
        charts.addWidget(_titled(self.tr("Distance and time per week"), self.distance_chart), 1)
        charts.addWidget(_titled(self.tr("Surfaces and hills per week"), self.surface_chart), 1)
        self.charts = QWidget()
        self.charts.setLayout(charts)
        self.charts.setMinimumHeight(230)

        self.observation = QLabel()
        self.observation.setWordWrap(True)
        self.observation.setAccessibleDescription(self.tr("Your back and your running"))
        self.observation_card = _titled(self.tr("Your back and your running"), self.observation)

        self.model = RunTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table, self.tr("Your runs, newest first"))
        self.table.setMinimumHeight(240)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._edit_row)
        self.table.doubleClicked.connect(self._edit_row)
        self.table.setToolTip(
            self.tr("Enter or double-click a run to set its surface, hills, shoe or note")
        )
        self.list_title = list_heading(self.table)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.report_card)
        column.addWidget(self.empty)
        column.addLayout(top)
        column.addWidget(self.charts)
        column.addWidget(self.observation_card)
        column.addWidget(self.list_title)
        column.addWidget(self.table, 1)
        column.addStretch(1)  # with no runs yet, the cards keep their own height
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 12, 12)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.refresh()

    # ------------------------------------------------------------------ data
    def page_shown(self) -> None:
        self.refresh()

    @property
    def log(self):  # type: ignore[no-untyped-def]
        return self.ctx.runs

    def refresh(self) -> None:
        log = self.log
        if log is None:
            self.empty.setVisible(True)
            return
        today = self.ctx.today()
        self.model.load(log)
        n = self.model.total()
        has_runs = n > 0
        for w in (
            self.charts,
            self.observation_card,
            self.list_title,
            self.table,
            self.load_card,
            self.weeks_combo,
        ):
            w.setVisible(has_runs)
        self.empty.setVisible(not has_runs)
        self.shoes.set_shoes(log.shoes())
        self._size_columns()
        if not has_runs:
            return
        weeks = log.weeks(int(self.weeks_combo.currentData() or 12), today)
        self.distance_chart.set_weeks(weeks)
        self.surface_chart.set_weeks(weeks)
        self.load_card.set_load(log.load(today))
        self.observation.setText(self._observation_text(log.pain_observation(weeks)))
        self.list_title.setText(
            self.tr("1 run") if n == 1 else self.tr("{0} runs").format(f"{n:,}")
        )

    def _observation_text(self, obs: pain_link.Observation) -> str:
        if not obs.compared:
            return self.tr(
                "No weeks to compare yet: this shows whether pain after your sessions rose in "
                "weeks your distance jumped by more than 30 % over the four before."
            )
        weeks = ", ".join(
            self.tr("week of {0} ({1} → {2})").format(
                short_date(w.monday), f"{w.before:.1f}", f"{w.pain:.1f}"
            )
            for w in obs.rose
        )
        text = self.tr(obs.sentence())
        if weeks:
            text += " " + self.tr(
                "Average pain after sessions, the four weeks before → that week: {0}."
            ).format(weeks)
        return text + " " + self.tr("This is an observation from your own log, not a diagnosis.")

    def _size_columns(self) -> None:
        """Widths from the font and a sample of rows (measuring all 3,650 would be slow)."""
        self.table.ensurePolished()
        fm = self.table.fontMetrics()
        pad = fm.horizontalAdvance("M") + 10
        rows = range(min(self.model.rowCount(), 50))
        head = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal, 0))
            texts = [self.model.text(r, column) for r in rows]
            head.resizeSection(column, max(fm.horizontalAdvance(t) for t in [header, *texts]) + pad)

    def _weeks_changed(self) -> None:
        self.ctx.update_settings(runs_weeks=int(self.weeks_combo.currentData() or 12))
        self.refresh()

    def _edit_row(self, index: QModelIndex) -> None:
        run = self.model.run_at(index.row())
        if run is not None:
            self.actions.edit_run(run)

    # ------------------------------------------------------------------ importing
    def choose_files(self) -> None:
        patterns = " ".join(f"*{s} *{s}.gz" for s in KNOWN_SUFFIXES) + " *.zip"
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import runs"),
            "",
            self.tr("Run files ({0});;All files (*)").format(patterns),
        )
        if files:
            self.importer.import_paths(files, "files")

    def _busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.import_button.setText(self.tr("Importing…") if busy else self.tr("Import runs…"))

    def show_report(self, report: ImportReport) -> None:
        """What the last import did, one line per file that was skipped or unreadable."""
        self.last_report = report
        lines = [
            *report.skipped_lines,
            *(self.tr("Not imported: {0}").format(e) for e in report.error_lines),
        ]
        items = "".join(f"<li>{_escape(line)}</li>" for line in lines)
        self.report.setText(
            f"<b>{_escape(report.summary())}</b>" + (f"<ul>{items}</ul>" if items else "")
        )
        self.report_card.setVisible(True)
        self.refresh()
        # Screen readers hear the outcome without having to find the card.
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.report, report.summary()))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
