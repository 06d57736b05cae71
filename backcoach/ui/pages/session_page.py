"""The follow-along page: the figure large, the countdown ring, the caption.

It renders the driver's effects and forwards button presses and keys to the driver;
it holds no session logic. The words come from ``session_words``, the type sizes from
``session_scale`` (by the page's width and height), what a screen reader hears from
``session_announcer``. Nothing on it asks for more room than the smallest screen has:
names elide (full text in the tooltip), type shrinks, and Pause, Stop and This hurts
stay whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QLayout, QPushButton, QWidget

from backcoach.core.catalog import Catalog
from backcoach.core.cues import CueKind
from backcoach.core.effects import (
    AutoPaused,
    CueDue,
    Effect,
    Progress,
    SegmentStarted,
    SessionEnded,
    State,
    StateChanged,
)
from backcoach.core.plan import Segment, SegmentKind
from backcoach.speech.status import VoiceStatus, button_text
from backcoach.ui import session_scale as scale
from backcoach.ui import session_words as words
from backcoach.ui.session_announcer import SessionAnnouncer
from backcoach.ui.session_driver import SessionDriver
from backcoach.ui.widgets.figure_player import FigurePlayer

KIND_WORDS = words.KIND_WORDS
MIN_PAGE = QSize(400, 200)  # the page never asks for more; its type shrinks instead
# Type sizes (px at a 1280×800 page) and weights.
TYPE = {
    "kind_label": (22, 700),
    "title": (40, 700),
    "side_label": (36, 700),
    "detail": (20, 400),
    "rep_label": (26, 700),
    "next_label": (20, 400),
}
CAPTION_PX = 34


def show_segment(player: FigurePlayer, seg: Segment, picture: str | None = None) -> None:
    """The figure for a segment: moving in work, in its start position otherwise.

    Rests carry the exercise that follows, so the runner sees how to get ready.
    ``picture`` is the exercise's (a runner's own may borrow one, or have none).
    """
    if seg.kind == SegmentKind.DONE or not seg.exercise_id:
        player.clear()
        return
    picture = seg.exercise_id if picture is None else picture
    if not picture:
        player.show_placeholder()
        return
    side = seg.side if seg.side != "none" else "left"
    mode = seg.mode if seg.kind == SegmentKind.WORK else "prepare"
    player.set_exercise(picture, seg.variant, side, seg.tempo, mode)


class SessionPage(QWidget):
    stopRequested = Signal()  # Esc (in a window) or the Stop button; the window confirms
    # F or the button; in full screen Esc leaves it (the window's FullScreen does that).
    hurtRequested = Signal()  # H or "This hurts"
    muteToggled = Signal()
    fullScreenToggled = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.driver: SessionDriver | None = None
        self._segment: Segment | None = None
        self._caption_until: float | None = None  # clock time the caption stops being true
        self._full = False
        self._watched: QWidget | None = None
        self._unit = 1.0  # the type's scale, as last fitted
        self.announcer = SessionAnnouncer()
        self._build()
        self._shortcuts()
        self.setMinimumSize(MIN_PAGE)

    # ----- wiring ----------------------------------------------------------------------
    def attach(self, driver: SessionDriver) -> None:
        if self.driver is not None:
            self.driver.effects.disconnect(self.render)
        self.driver = driver
        driver.effects.connect(self.render)
        self.progress.setRange(0, max(1, int(driver.plan.total_s)))
        self.announcer.reset()
        self._set_caption("")

    def set_save_warning(self, text: str, failing: bool = True) -> None:
        """Say at the top of the page that saving fails (or works again); "" hides it."""
        self.save_warning.show_text(text, failing)

    def page_shown(self) -> None:
        self.setFocus()  # the keys (Space, arrows, Esc, H, M, F) work at once

    def set_voice(self, status: VoiceStatus) -> None:
        """The voice button tells the truth: on, off, or why there is no sound."""
        self.mute_button.setText(self.tr(button_text(status)))
        self.mute_button.setAccessibleDescription(self.tr(status.text))
        self._fit()

    def set_caption(self, text: str) -> None:
        """A caption from outside the session (the flow's "Switched to …"); it stays."""
        self._set_caption(text)

    def set_full_screen(self, on: bool) -> None:
        """The button and Esc say and do what they will: leave full screen, or stop."""
        self._full = on
        if hasattr(self, "_stop_key"):
            self._stop_key.setEnabled(not on)
        if on:
            self.full_button.setText(self.tr("Leave full screen"))
            self.full_button.setToolTip(self.tr("Back to a window (F or Esc)"))
            self.stop_button.setToolTip(self.tr("End the session"))
        else:
            self.full_button.setText(self.tr("Full screen"))
            self.full_button.setToolTip(self.tr("Fill the screen (F)"))
            self.stop_button.setToolTip(self.tr("End the session (Esc)"))
        self._fit()

    def _call(self, name: str) -> None:
        if self.driver is not None:
            getattr(self.driver, name)()

    # ----- rendering -------------------------------------------------------------------
    def render(self, effects: list[Effect]) -> None:
        for e in effects:
            if isinstance(e, SegmentStarted):
                self._show_segment(e.segment)
            elif isinstance(e, CueDue):
                self._show_cue(e)
            elif isinstance(e, Progress):
                self._show_progress(e)
            elif isinstance(e, StateChanged):
                self._show_state(e.new, e.reason)
            elif isinstance(e, AutoPaused):
                self._set_caption(
                    self.tr("Paused: the computer was asleep. Press Space to carry on.")
                )
            elif isinstance(e, SessionEnded):
                self._show_state(State.FINISHED, "")

    def _show_segment(self, seg: Segment) -> None:
        self._segment = seg
        head = words.header(seg)
        self.kind_label.setText(head.kind)
        self.kind_label.setVisible(head.kind.lower() != head.title.lower())  # not "REST Rest"
        self.title.set_full_text(head.title)
        self.detail.set_full_text(head.detail)
        self.side_label.setText(head.side)
        self.side_label.setVisible(bool(head.side))
        nxt, upcoming = words.next_up(self.driver.plan, seg) if self.driver else ("", None)
        self.next_label.set_full_text(nxt)
        if upcoming is None:
            self.next_thumb.show_exercise("", "")
        else:
            self.next_thumb.show_picture(self._picture(upcoming.exercise_id), upcoming.variant)
        self._set_caption("")
        # In a rest, show the coming exercise so the runner can get into position.
        show_segment(self.figure, seg, self._picture(seg.exercise_id))
        side = self.tr("{0} side").format(seg.side) if head.side else ""
        where = ", ".join(p for p in (head.kind.capitalize(), head.title, side) if p)
        self.announcer.changed(self.title, "segment", f"{where}. {head.detail}".strip(" ."))
        self.announcer.changed(self.next_label, "next", nxt)
        self.announcer.forget("rep")

    def _show_cue(self, e: CueDue) -> None:
        life = words.CAPTION_LIFE_S.get(e.cue.kind)
        self._set_caption(e.cue.text, None if life is None else e.due + life)
        lead_in = self.driver is not None and self.driver.coach.machine.lead_in_left() > 0
        if e.cue.kind != CueKind.COUNTDOWN or lead_in:  # the ring says the last three
            self.announcer.changed(self.caption, "instruction", e.cue.text)

    def _set_caption(self, text: str, until: float | None = None) -> None:
        self._caption_until = until
        if text != self.caption.text():
            self.caption.setText(text)
            self._fit_caption()

    def _picture(self, exercise_id: str) -> str:
        ex = self.catalog.exercises.get(exercise_id)
        return ex.picture if ex is not None else exercise_id

    def _show_progress(self, p: Progress) -> None:
        seg = self._segment
        if seg is None:
            return
        paused = self.driver is not None and self.driver.state == State.PAUSED
        self.ring.set_state(
            p.remaining_s, seg.duration_s, seg.kind.value, words.ring_text(seg, p, paused), paused
        )
        secs = self.ring.seconds_shown()
        self.announcer.countdown(
            self.ring, seg.index, secs, paused, words.ring_description(seg, p, paused)
        )
        rep = words.rep_line(seg, p)
        self.rep_label.set_full_text(rep)
        if words.reps_shown(seg):
            self.announcer.changed(self.rep_label, "rep", self.tr("Rep {0}").format(p.rep))
        self.progress.setValue(int(seg.start_s + p.elapsed_s))
        left = int(p.session_remaining_s)
        self.progress.setFormat(self.tr("{0}:{1:02d} left").format(left // 60, left % 60))
        self.figure.set_elapsed(p.elapsed_s)
        until = self._caption_until
        if until is not None and self.driver is not None and self.driver.clock() >= until:
            self._set_caption("")  # "10 seconds left." is not true at 5

    def _show_state(self, state: State, reason: str) -> None:
        running = state == State.RUNNING
        self.pause_button.setText(self.tr("Pause") if running else self.tr("Resume"))
        active = state in (State.RUNNING, State.PAUSED)
        for b in (
            self.pause_button,
            self.back_button,
            self.skip_button,
            self.stop_button,
            self.hurt_button,
        ):
            b.setEnabled(active)
        self.figure.set_paused(not running)
        if state == State.PAUSED:
            if reason == "pause":
                self._set_caption(self.tr("Paused. Press Space to carry on."))
            elif reason == "hurt":
                self._set_caption(self.tr("Paused."))
            self.announcer.changed(self.caption, "instruction", self.caption.text())
            if self.driver is not None:
                self._show_progress(self.driver.coach.machine.progress())
        self._fit()

    # ----- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        from backcoach.ui.session_page_build import build

        build(self)

    def _shortcuts(self) -> None:
        keys = {
            Qt.Key.Key_Space: lambda: self._call("toggle_pause"),
            Qt.Key.Key_MediaTogglePlayPause: lambda: self._call("toggle_pause"),
            Qt.Key.Key_MediaPlay: lambda: self._call("toggle_pause"),
            Qt.Key.Key_MediaPause: lambda: self._call("toggle_pause"),
            Qt.Key.Key_Right: lambda: self._call("skip"),
            Qt.Key.Key_Left: lambda: self._call("back"),
            Qt.Key.Key_Escape: self.stopRequested.emit,
            Qt.Key.Key_H: self.hurtRequested.emit,
            Qt.Key.Key_M: self.muteToggled.emit,
            Qt.Key.Key_F: self.fullScreenToggled.emit,
        }
        self._keys = []
        for key, slot in keys.items():
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
            self._keys.append(sc)
            if key == Qt.Key.Key_Escape:
                self._stop_key = sc  # off in full screen: there Esc leaves full screen

    # ----- fitting the room ------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self.set_full_screen(window.isFullScreen())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.WindowStateChange:
            self.set_full_screen(self._watched.isFullScreen())
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Type for the room there is; smaller again while the page's layout needs more."""
        u = scale.unit(self.size())
        for _ in range(8):
            self._apply_type(u)
            layout = self.layout()
            layout.invalidate()
            need = layout.totalMinimumSize()
            if need.height() <= self.height() and need.width() <= self.width():
                break
            ratio = min(self.height() / max(1, need.height()), self.width() / max(1, need.width()))
            u = max(scale.MIN_UNIT / 2, u * min(0.95, ratio))
        self._fit_caption(u)
        self.layout().activate()  # lay out now, not at the next event: the ring's size is read

    def _apply_type(self, u: float) -> None:
        self._unit = u
        gap = max(2, round(6 * u))
        for layout in (self.layout(), *self.layout().findChildren(QLayout)):
            layout.setSpacing(gap)
        for name, (px, weight) in TYPE.items():
            scale.set_px(getattr(self, name), round(px * u), weight)
        self.next_thumb.setFixedWidth(max(32, round(72 * u)))
        buttons = self.buttons()
        spacing = self.controls.spacing() if self.controls.spacing() >= 0 else 6
        px = round(scale.BUTTON_PX * u)
        while True:
            for b in buttons:
                scale.set_button_px(b, px)
            need = sum(b.sizeHint().width() for b in buttons) + spacing * (len(buttons) + 1)
            if need <= self.width() or px <= scale.MIN_PX:
                break
            px = max(scale.MIN_PX, int(px * 0.92))
        self.caption.setFixedHeight(scale.caption_height(self.caption, round(CAPTION_PX * u)))

    def _fit_caption(self, u: float | None = None) -> None:
        u = self._unit if u is None else u
        width = max(1, self.width() - 16)
        px = scale.caption_px(self.caption, self.caption.text(), width, round(CAPTION_PX * u))
        scale.set_px(self.caption, px, 700)

    def buttons(self) -> list[QPushButton]:
        return [
            self.pause_button,
            self.back_button,
            self.skip_button,
            self.stop_button,
            self.mute_button,
            self.full_button,
            self.hurt_button,
        ]
