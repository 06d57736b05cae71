"""The main window: a navigation rail and a stack of pages.

Library → Routine → Session → Summary is the session path; History and Settings are
always a click away (the rail hides during a session to give the figure the room).
Only the library is built at start-up; every other page is made the first time it is
needed, so the window is on screen as soon as possible.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from backcoach import __version__
from backcoach.core.plan import PlanOptions
from backcoach.core.safety import FIRM_WINDOW, firm_warning
from backcoach.ui import theme
from backcoach.ui.context import AppContext
from backcoach.ui.keys import bind
from backcoach.ui.pages.library_page import DISCLAIMER, LibraryPage

if TYPE_CHECKING:
    from backcoach.ui.pages.history_page import HistoryPage
    from backcoach.ui.pages.routine_page import RoutinePage
    from backcoach.ui.pages.session_page import SessionPage
    from backcoach.ui.pages.settings_page import SettingsPage
    from backcoach.ui.pages.summary_page import SummaryPage
    from backcoach.ui.session_flow import SessionFlow
    from backcoach.ui.speech_bridge import SpeechBridge

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("backcoach")
        self.setAccessibleName("backcoach")
        self.stack = QStackedWidget()
        self.library = LibraryPage(ctx)
        self.stack.addWidget(self.library)
        self.library.routineChosen.connect(self.open_routine)
        self._pages: dict[str, QWidget] = {}
        self._flow: SessionFlow | None = None
        self.rail = self._make_rail()
        self.notice_bar = self._make_notice_bar()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.notice_bar)
        row = QHBoxLayout()
        row.addWidget(self.rail)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self.speech: SpeechBridge | None = None
        if ctx.speaker is not None:
            self.attach_speaker(ctx.speaker)
        self._restore_geometry()
        self.show_page(self.library)

    # ----- pages, made when first needed -------------------------------------------------
    def _page(self, name: str) -> Any:
        page = self._pages.get(name)
        if page is None:
            page = self._pages[name] = getattr(self, f"_make_{name}")()
            self.stack.addWidget(page)
        return page

    @property
    def routine_page(self) -> RoutinePage:
        return self._page("routine")  # type: ignore[no-any-return]

    @property
    def session_page(self) -> SessionPage:
        return self._page("session")  # type: ignore[no-any-return]

    @property
    def summary_page(self) -> SummaryPage:
        return self._page("summary")  # type: ignore[no-any-return]

    @property
    def history_page(self) -> HistoryPage:
        return self._page("history")  # type: ignore[no-any-return]

    @property
    def settings_page(self) -> SettingsPage:
        return self._page("settings")  # type: ignore[no-any-return]

    @property
    def why_page(self) -> QWidget:
        return self._page("why")  # type: ignore[no-any-return]

    @property
    def flow(self) -> SessionFlow:
        if self._flow is None:
            from backcoach.ui.session_flow import SessionFlow

            self._flow = SessionFlow(self.ctx, self.session_page, self.summary_page, self)
            self._flow.started.connect(lambda: self.show_page(self.session_page))
            self._flow.finished.connect(self._session_finished)
            self._flow.saved.connect(self._refresh_history)
        return self._flow

    @property
    def session_live(self) -> bool:
        return self._flow is not None and self._flow.running

    def _make_routine(self) -> QWidget:
        from backcoach.ui.pages.routine_page import RoutinePage

        page = RoutinePage(self.ctx)
        page.backRequested.connect(lambda: self.show_page(self.library))
        page.startRequested.connect(self.start_session)
        return page

    def _make_session(self) -> QWidget:
        from backcoach.ui.pages.session_page import SessionPage

        page = SessionPage(self.ctx.catalog)
        page.muteToggled.connect(self.toggle_mute)
        page.fullScreenToggled.connect(self.toggle_full_screen)
        return page

    def _make_summary(self) -> QWidget:
        from backcoach.ui.pages.summary_page import SummaryPage

        page = SummaryPage()
        page.doneRequested.connect(lambda: self.show_page(self.library))
        page.routineSuggested.connect(self.open_routine)
        return page

    def _make_history(self) -> QWidget:
        from backcoach.ui.pages.history_page import HistoryPage

        return HistoryPage(self.ctx.history, today=self.ctx.today)

    def _make_settings(self) -> QWidget:
        from backcoach.ui.pages.settings_page import SettingsPage

        page = SettingsPage(self.ctx)
        page.themeChanged.connect(theme.apply_theme)
        page.voiceChanged.connect(self.apply_voice_settings)
        page.testVoiceRequested.connect(self.test_voice)
        self._pages["settings"] = page  # so _voices_ready finds it
        self._voices_ready()
        return page

    def _make_why(self) -> QWidget:
        from backcoach.ui.pages.why_page import WhyPage

        return WhyPage()

    # ----- navigation ------------------------------------------------------------------
    def _make_rail(self) -> QWidget:
        rail = QWidget()
        rail.setFixedWidth(170)
        box = QVBoxLayout(rail)
        name = QLabel("backcoach")
        name.setStyleSheet("font-size: 16pt; font-weight: 800;")
        box.addWidget(name)
        self.nav = QButtonGroup(self)
        self.nav_buttons: dict[str, QToolButton] = {}
        for name, label, key in (
            ("library", self.tr("Routines"), "Ctrl+1"),
            ("history", self.tr("History"), "Ctrl+2"),
            ("why", self.tr("Why it hurts"), "Ctrl+3"),
            ("settings", self.tr("Settings"), "Ctrl+4"),
        ):
            b = QToolButton()
            b.setText(label)
            b.setCheckable(True)
            b.setProperty("nav", True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setSizePolicy(
                b.sizePolicy().horizontalPolicy().Expanding, b.sizePolicy().verticalPolicy()
            )
            bind(self, key, b, window_wide=True)
            b.setToolTip(f"{label} ({key})")
            b.setAccessibleName(label)
            b.clicked.connect(lambda _=False, n=name: self.show_page(self._named(n)))
            self.nav.addButton(b)
            self.nav_buttons[name] = b
            box.addWidget(b)
        box.addStretch(1)
        about = QToolButton()
        about.setText(self.tr("About"))
        about.setProperty("nav", True)
        about.setToolTip(self.tr("About backcoach"))
        about.clicked.connect(self.show_about)
        box.addWidget(about)
        return rail

    def _make_notice_bar(self) -> QWidget:
        bar = QFrame()
        bar.setProperty("card", True)
        bar.setVisible(False)
        self.notice_text = QLabel()
        self.notice_text.setWordWrap(True)
        self.notice_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_text.setAccessibleName(self.tr("Notice"))
        close = QPushButton(self.tr("Dismiss"))
        close.setToolTip(self.tr("Hide this notice"))
        close.clicked.connect(lambda: bar.setVisible(False))
        row = QHBoxLayout(bar)
        row.addWidget(self.notice_text, 1)
        row.addWidget(close)
        return bar

    def _named(self, name: str) -> QWidget:
        return self.library if name == "library" else self._page(name)  # type: ignore[no-any-return]

    def show_page(self, page: QWidget) -> None:
        on_session = page is self._pages.get("session")
        if self.session_live and not on_session:
            return  # never leave a live session by accident; Stop first
        self.stack.setCurrentWidget(page)
        self.rail.setVisible(not on_session)
        name = next((n for n, p in self._pages.items() if p is page), "library")
        button = self.nav_buttons.get(name)
        if button is not None:
            button.setChecked(True)
        if name == "history":
            self._refresh_history()
        if page is self.library:
            recent = self.ctx.history.recent_pain(FIRM_WINDOW) if self.ctx.history else []
            self.library.set_banner(firm_warning([(p.before, p.after) for p in recent]))
        if on_session:
            page.setFocus()

    def open_routine(self, routine_id: str) -> None:
        self.routine_page.show_routine(self.ctx.catalog.routine(routine_id))
        self.show_page(self.routine_page)

    def start_session(self, options: PlanOptions, voice: bool) -> None:
        routine = self.routine_page.routine
        if routine is None:
            return
        self.flow.begin(routine, options, voice)

    def _session_finished(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        self.show_page(self.summary_page)

    # ----- voice and display -------------------------------------------------------------
    def toggle_mute(self) -> None:
        muted = not self.ctx.settings.muted
        self.ctx.update_settings(muted=muted)
        if "settings" in self._pages:
            self.settings_page.mute.setChecked(muted)
        self.flow.set_voice(not muted)

    def apply_voice_settings(self) -> None:
        if self.ctx.speaker is not None:
            self.ctx.speaker.apply_settings(self.ctx.settings)

    def test_voice(self) -> None:
        if self.ctx.speaker is not None:
            cue = self.ctx.speaker.test_voice()
            self.settings_page.voice_status.setText(self.tr('Saying: "{0}"').format(cue.text))

    def attach_speaker(self, speaker: Any) -> None:
        """Use ``speaker`` from now on; its notices and readiness reach the window."""
        from backcoach.ui.speech_bridge import SpeechBridge

        self.ctx.speaker = speaker
        self.speech = SpeechBridge(speaker, self)
        self.speech.notice.connect(self.show_notice)
        self.speech.ready.connect(self._voices_ready)
        self._voices_ready()

    def _voices_ready(self) -> None:
        if "settings" not in self._pages:
            return  # filled in when the page is first opened
        speaker = self.ctx.speaker
        if speaker is None:
            self.settings_page.set_voices([], self.tr("Speech is off: captions only."))
        elif speaker.available:
            voices = speaker.voices()
            self.settings_page.set_voices(
                voices, self.tr("The voice is ready ({0} voices installed).").format(len(voices))
            )
        else:
            told = " ".join(speaker.notices())
            self.settings_page.set_voices([], told or self.tr("Starting the speech engine…"))

    def show_notice(self, text: str) -> None:
        """Something the runner should know (e.g. how to get speech), shown until dismissed."""
        self.notice_text.setText(text)
        self.notice_bar.setVisible(True)
        self._voices_ready()

    def bring_forward(self) -> None:
        """Another launch of backcoach asked for this window: un-minimise and raise it."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About backcoach"),
            self.tr(
                "<h3>backcoach {0}</h3><p>A follow-along coach for runners with lower back pain.</p>"
                "<p>{1}</p><p>Exercises are drawn from articles by physiotherapists and running "
                "magazines; every exercise file names its sources.</p>"
            ).format(__version__, self.tr(DISCLAIMER)),
        )

    def welcome_if_first_run(self) -> None:
        """Once, at the very first start: what backcoach is not, and when to stop."""
        if self.ctx.settings.welcomed:
            return
        from backcoach.core.safety import RED_FLAGS

        signs = "".join(f"<li>{self.tr(f.question)}</li>" for f in RED_FLAGS)
        QMessageBox.information(
            self,
            self.tr("Welcome to backcoach"),
            self.tr(
                "<p>{0}</p><p><b>See a physiotherapist or doctor before you start, and stop "
                "and get assessed, if you have any of these:</b></p><ul>{1}</ul>"
                "<p>backcoach will ask about them again before every session.</p>"
            ).format(self.tr(DISCLAIMER), signs),
        )
        self.ctx.update_settings(welcomed=True)

    def show_notices(self) -> None:
        """Tell the runner, once, about anything that went wrong at start-up."""
        if self.ctx.notices:
            from backcoach.logs import log_file

            text = "\n\n".join(self.ctx.notices)
            text += "\n\n" + self.tr("Details are in the log file: {0}").format(log_file())
            QMessageBox.information(self, self.tr("backcoach"), text)
            self.ctx.notices.clear()

    def _refresh_history(self) -> None:
        if "history" in self._pages:
            self.history_page.refresh()

    # ----- window state ------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = self.ctx.settings.window_geometry
        if not saved or not self.restoreGeometry(QByteArray.fromBase64(saved.encode())):
            self.resize(1200, 780)

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
        if self.speech is not None:
            self.speech.detach()
        self.ctx.update_settings(window_geometry=bytes(self.saveGeometry().toBase64()).decode())
        super().closeEvent(event)
