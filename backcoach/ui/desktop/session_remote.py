"""The session as a remote control sees it: what is playing, and what its buttons do.

Desktop media controls (MPRIS: headset buttons, media keys, the desktop's player
widget) reach the session through this one object, so they do exactly what the
window's own keys do: pause and resume, skip, go back, and stop only after the
runner confirms on screen. While a dialog is open (this hurts, the glute check, the
stop question) the buttons do nothing: the runner is answering it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from backcoach import paths
from backcoach.core.effects import State
from backcoach.core.plan import Segment, SegmentKind
from backcoach.core.plan_export import segment_label

if TYPE_CHECKING:
    from backcoach.ui.session_flow import SessionFlow

log = logging.getLogger(__name__)

PLAYING, PAUSED, STOPPED = "Playing", "Paused", "Stopped"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
TRACK_PREFIX = "/io/github/backcoach/BackCoach/segment/"


@dataclass(frozen=True)
class NowPlaying:
    status: str = STOPPED  # PLAYING, PAUSED or STOPPED
    track: str = NO_TRACK  # a D-Bus object path naming the segment
    title: str = ""  # the segment: "Plank · set 2 of 3 · 30 s hold"
    routine: str = ""
    art_url: str = ""  # file:// URL of the exercise's picture
    can_go_next: bool = False
    can_go_previous: bool = False

    @property
    def live(self) -> bool:
        return self.status != STOPPED


class SessionRemote(QObject):
    changed = Signal()  # what now() returns may have changed

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.flow: SessionFlow | None = None
        # Emitted by MainWindow when it makes its SessionFlow (made at the first session).
        window.flowMade.connect(self.bind)  # type: ignore[attr-defined]

    def bind(self, flow: SessionFlow) -> None:
        self.flow = flow
        flow.started.connect(self._session_started)
        flow.finished.connect(self.changed)

    def _session_started(self) -> None:
        if self.flow is not None and self.flow.driver is not None:
            self.flow.driver.effects.connect(lambda _effects: self.changed.emit())
        self.changed.emit()

    # ----- what is playing ---------------------------------------------------------
    def now(self) -> NowPlaying:
        flow = self.flow
        driver = flow.driver if flow is not None else None
        if flow is None or driver is None or not flow.running:
            return NowPlaying()
        seg = driver.coach.machine.segment
        status = PLAYING if driver.state == State.RUNNING else PAUSED
        return NowPlaying(
            status=status,
            track=f"{TRACK_PREFIX}{seg.index}",
            title=segment_label(seg),
            routine=driver.plan.routine_name,
            art_url=_picture_url(seg),
            can_go_next=seg.kind != SegmentKind.DONE,
            can_go_previous=seg.index > 0,
        )

    def position_us(self) -> int:
        """How far into the current segment, in microseconds (MPRIS's Position)."""
        driver = self.flow.driver if self.flow is not None else None
        if driver is None or self.flow is None or not self.flow.running:
            return 0
        return max(0, int(driver.coach.machine.elapsed() * 1_000_000))

    # ----- the buttons -------------------------------------------------------------
    # Each runs from the event loop, not inside the D-Bus call that asked for it: the
    # caller gets its reply at once, and Stop's question is not a dialog nested in it.
    def play_pause(self) -> None:
        self._later("toggle_pause")

    def play(self) -> None:
        if self.now().status == PAUSED:
            self._later("resume")

    def pause(self) -> None:
        if self.now().status == PLAYING:
            self._later("pause")

    def next(self) -> None:
        self._later("skip")

    def previous(self) -> None:
        self._later("back")

    def stop(self) -> None:
        """Ask on screen, as Esc does; the window comes forward so the question is seen."""
        if self.flow is None or not self.flow.running or self._answering():
            return

        def ask() -> None:
            self.raise_window()
            if self.flow is not None:
                self.flow.request_stop()

        QTimer.singleShot(0, ask)

    def raise_window(self) -> None:
        if self.window.isMinimized():
            self.window.showNormal()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def quit(self) -> None:
        QTimer.singleShot(0, self.window.close)  # closing mid-session asks first

    def _later(self, action: str) -> None:
        if self.flow is None or not self.flow.running or self._answering():
            log.info("media control %s ignored: no live session, or a question is open", action)
            return

        def run() -> None:
            driver = self.flow.driver if self.flow is not None else None
            if driver is not None and self.flow is not None and self.flow.running:
                getattr(driver, action)()

        QTimer.singleShot(0, run)

    @staticmethod
    def _answering() -> bool:
        return QApplication.activeModalWidget() is not None


def _picture_url(seg: Segment) -> str:
    if not seg.exercise_id:
        return ""
    names = [f"{seg.exercise_id}--{seg.variant}.svg"] if seg.variant else []
    for name in [*names, f"{seg.exercise_id}.svg"]:
        path = paths.asset("images", name)
        if path.is_file():
            return path.as_uri()
    return ""
