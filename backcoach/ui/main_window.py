"""The main window: a router. It makes the pages, moves between them and wires them up.

Library → Routine → Session → Summary is the session path; the rail's pages are always
a click away (the rail hides during a session to give the figure the room). Only the
library is built at start-up; every other page is made the first time it is needed.
What is not routing has its own small room: the rail (``nav_rail``), the notice bar
(``notices``), the voice (``voice_status``), full screen (``full_screen``), the
first-run welcome and About (``welcome``), the window's size (``window_geometry``),
run imports, dropped files and the watched folder (``runs.controller``).

To add a page: a ``_make_<name>`` method, one ``_add`` line in ``_register_pages`` (with
a label when it gets a rail entry) and, if others reach it, a ``PageAttribute`` line.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from backcoach.core.plan import PlanOptions
from backcoach.ui import theme, window_geometry
from backcoach.ui.context import AppContext
from backcoach.ui.editor_flow import EditorFlow
from backcoach.ui.full_screen import FullScreen
from backcoach.ui.nav_rail import NavRail
from backcoach.ui.notices import NoticeBar, show_startup_notices
from backcoach.ui.page_stack import Factory, PageAttribute, PageStack
from backcoach.ui.runs.controller import RunsSide
from backcoach.ui.voice_status import VoiceStatus
from backcoach.ui.welcome import show_about, welcome_if_first_run

if TYPE_CHECKING:
    from backcoach.ui.pages.history_page import HistoryPage
    from backcoach.ui.pages.library_page import LibraryPage
    from backcoach.ui.pages.routine_page import RoutinePage
    from backcoach.ui.pages.runs_page import RunsPage
    from backcoach.ui.pages.session_page import SessionPage
    from backcoach.ui.pages.settings_page import SettingsPage
    from backcoach.ui.pages.summary_page import SummaryPage
    from backcoach.ui.session_flow import SessionFlow

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    flowMade = Signal(object)  # the SessionFlow, made at the first session (MPRIS binds to it)
    closed = Signal()  # the window was closed (not just hidden): the presence decides what next
    remindersChanged = Signal()  # the runner changed the reminders in Settings
    # The runs side emits this with the run's start (a datetime) after importing one;
    # the presence turns it into the after-run reminder (ReminderService.run_imported).
    runImported = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("backcoach")
        self.setAccessibleName("backcoach")
        self._flow: SessionFlow | None = None
        self.stack = PageStack()
        self.rail = NavRail(self)
        self.rail.chosen.connect(lambda name: self.show_page(self.stack.page(name)))
        self.rail.aboutRequested.connect(lambda: show_about(self))
        self.notice_bar = NoticeBar()
        self.voice = VoiceStatus(ctx, self)
        self.voice.notice.connect(self.notice_bar.tell)
        self.voice.mutedChanged.connect(lambda muted: self.flow.set_voice(not muted))
        self.voice.changed.connect(lambda: self._flow.show_voice() if self._flow else None)
        self.full_screen = FullScreen(self)
        self.editor_flow = EditorFlow(self)  # the runner's own routines, files and drops
        # Run files: imports, drops, the watched folder (which waits for the history).
        self.runs_side = RunsSide(ctx, self)
        self.runs_side.reportReady.connect(self._runs_imported)
        self.runs_side.importer.runsImported.connect(self._new_runs)
        self.runs_side.start_soon()
        self._register_pages()

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.notice_bar)
        row = QHBoxLayout()
        row.addWidget(self.rail)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)
        if ctx.speaker is not None:
            self.voice.attach_speaker(ctx.speaker)
        window_geometry.restore(self, ctx.settings.window_geometry)
        self.show_page(self.library)
        if self.library.cards:  # the keyboard starts on the first routine, not on About
            self.library.cards[0].setFocus()

    # ----- pages ---------------------------------------------------------------------
    def _register_pages(self) -> None:
        self._add("library", self._make_library, self.tr("Routines"))
        self._add("history", self._make_history, self.tr("History"))
        self._add("runs", self._make_runs, self.tr("Runs"))
        self._add("why", self._make_why, self.tr("Why it hurts"))
        self._add("settings", self._make_settings, self.tr("Settings"))
        self._add("routine", self._make_routine)
        self._add("session", self._make_session)
        self._add("summary", self._make_summary)
        self._add("editor", self.editor_flow.make_editor)

    def _add(self, name: str, factory: Factory, rail_label: str = "") -> None:
        """Register a page; with ``rail_label`` it also gets a rail entry (and Ctrl+N)."""
        self.stack.register(name, factory)
        if rail_label:
            self.rail.add(name, rail_label)

    def _make_library(self) -> QWidget:
        from backcoach.ui.pages.library_page import LibraryPage

        # Made in its place: under the application's style sheet a page made elsewhere
        # and then moved into the stack is styled twice.
        page = LibraryPage(self.ctx, self.stack)
        page.routineChosen.connect(self.open_routine)
        page.newRoutineRequested.connect(self.editor_flow.new_routine)
        page.openFileRequested.connect(lambda: self.editor_flow.files.open_file())
        return page

    def _make_routine(self) -> QWidget:
        from backcoach.ui.pages.routine_page import RoutinePage

        page = RoutinePage(self.ctx)
        page.backRequested.connect(lambda: self.show_page(self.library))
        page.startRequested.connect(self.start_session)
        self.editor_flow.connect_routine_page(page)
        return page

    def _make_session(self) -> QWidget:
        from backcoach.ui.pages.session_page import SessionPage

        page = SessionPage(self.ctx.catalog)
        page.muteToggled.connect(self.voice.toggle_mute)
        page.fullScreenToggled.connect(self.full_screen.toggle)
        return page

    def _make_summary(self) -> QWidget:
        from backcoach.ui.pages.summary_page import SummaryPage

        page = SummaryPage()
        page.doneRequested.connect(lambda: self.show_page(self.library))
        page.routineSuggested.connect(self.open_routine)
        return page

    def _make_history(self) -> QWidget:
        from backcoach.ui.pages.history_page import HistoryPage

        ctx = self.ctx
        names = {rid: r.name for rid, r in ctx.catalog.routines.items()}
        return HistoryPage(
            ctx.history,
            today=ctx.today,
            ctx=ctx,
            levels=lambda: ctx.levels().all_states(),
            plan=lambda day: (ctx.plan().record(day, weeks=8), names),
        )

    def _make_runs(self) -> QWidget:
        from backcoach.ui.pages.runs_page import RunsPage

        page = RunsPage(self.ctx, self.runs_side.importer)
        page.actions.added.connect(lambda _id: self._new_runs(None))
        return page

    def _make_settings(self) -> QWidget:
        from backcoach.ui.pages.settings_page import SettingsPage

        page = SettingsPage(self.ctx)
        page.themeChanged.connect(theme.apply_theme)
        page.remindersChanged.connect(self.remindersChanged)
        page.watchedFolderChanged.connect(self.runs_side.set_watched_folder)
        self.voice.bind_settings_page(page)
        return page

    def _make_why(self) -> QWidget:
        from backcoach.ui.pages.why_page import WhyPage

        return WhyPage()

    library: PageAttribute[LibraryPage] = PageAttribute("library")
    routine_page: PageAttribute[RoutinePage] = PageAttribute("routine")
    session_page: PageAttribute[SessionPage] = PageAttribute("session")
    summary_page: PageAttribute[SummaryPage] = PageAttribute("summary")
    history_page: PageAttribute[HistoryPage] = PageAttribute("history")
    runs_page: PageAttribute[RunsPage] = PageAttribute("runs")
    settings_page: PageAttribute[SettingsPage] = PageAttribute("settings")
    why_page: PageAttribute[QWidget] = PageAttribute("why")

    # ----- navigation ----------------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        on_session = page is self.stack.made("session")
        if self.session_live and not on_session:
            return  # never leave a live session by accident; Stop first
        self.stack.bring_forward(page)
        self.rail.setVisible(not on_session)
        name = self.stack.name_of(page) or ""
        # Pages off the rail (a routine, the editor, a session) belong to Routines.
        self.rail.mark(name if name in self.rail.buttons else "library")

    def open_routine(self, routine_id: str) -> None:
        self.routine_page.show_routine(self.ctx.catalog.routine(routine_id))
        self.show_page(self.routine_page)
        self.routine_page.start.setFocus()  # so the page's keys (Ctrl+Return, Ctrl+D) work

    # ----- the session ---------------------------------------------------------------
    @property
    def flow(self) -> SessionFlow:
        if self._flow is None:
            from backcoach.ui.session_flow import SessionFlow

            self._flow = SessionFlow(self.ctx, self.session_page, self.summary_page, self)
            self._flow.started.connect(lambda: self.show_page(self.session_page))
            self._flow.finished.connect(self._session_finished)
            self._flow.saved.connect(self._refresh_history)
            self.flowMade.emit(self._flow)
        return self._flow

    @property
    def session_live(self) -> bool:
        return self._flow is not None and self._flow.running

    def start_session(self, options: PlanOptions, voice: bool) -> None:
        routine = self.routine_page.routine
        if routine is None:
            return
        self.flow.begin(routine, options, voice)

    def _session_finished(self) -> None:
        self.full_screen.leave()
        self.show_page(self.summary_page)

    def _refresh_history(self) -> None:
        history = self.stack.made("history")
        if history is not None:
            cast("HistoryPage", history).refresh()

    # ----- runs ----------------------------------------------------------------------
    def _runs_imported(self, report: Any, origin: str) -> None:
        """Say what an import did; a drop also brings the Runs page forward."""
        if report is None:
            self.notice_bar.tell(self.tr("Nothing to import there: drop FIT, GPX or TCX files."))
            return
        if origin == "folder" and not report.files:
            return  # nothing new in the watched folder
        where = self.tr(" from your watched folder") if origin == "folder" else ""
        more = (
            self.tr(" Details are on the Runs page.")
            if report.skipped_lines or report.failed
            else ""
        )
        self.notice_bar.tell(report.summary().rstrip(".") + where + "." + more)
        page = self.stack.made("runs")
        if page is not None:
            cast("RunsPage", page).show_report(report)
        if origin == "drop" and not self.session_live:
            self.show_page(self.runs_page)
            self.runs_page.show_report(report)

    def _new_runs(self, report: Any) -> None:
        """New runs: the library may now suggest the cool-down; charts read them; and the
        newest run's start goes to the after-run reminder (``runImported``)."""
        library = self.stack.made("library")
        if library is not None:
            cast("LibraryPage", library).page_shown()
        self._refresh_history()
        runs = self.ctx.runs
        if report is not None and runs is not None:
            starts = [run.start for i in report.run_ids if (run := runs.run(i)) is not None]
            if starts:
                self.runImported.emit(max(starts))

    # ----- start-up ------------------------------------------------------------------
    def attach_speaker(self, speaker: Any) -> None:
        """Use ``speaker`` from now on (the app attaches it once the window is shown)."""
        self.voice.attach_speaker(speaker)

    def bring_forward(self) -> None:
        """Another launch of backcoach asked for this window: un-minimise and raise it."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def welcome_if_first_run(self) -> None:
        welcome_if_first_run(self, self.ctx)

    def show_notices(self) -> None:
        show_startup_notices(self, self.ctx)

    # ----- window events -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from backcoach.ui.routine_files import toml_files

        if not self.session_live and toml_files(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A routine file dropped anywhere on the window is imported (checked first)."""
        from backcoach.ui.routine_files import toml_files

        files = toml_files(event.mimeData().urls())
        if files and not self.session_live:
            event.acceptProposedAction()
            self.editor_flow.drop(files)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            for w in self.findChildren(QWidget):
                w.update()  # custom-painted widgets pick up the new palette
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session_live:
            self.flow.request_stop()
            if self.session_live:
                event.ignore()
                return
        if self._flow is not None:
            self._flow.shutdown()
        self.voice.detach()
        self.runs_side.shutdown()
        self.ctx.update_settings(window_geometry=window_geometry.saved(self))
        super().closeEvent(event)
        self.closed.emit()
