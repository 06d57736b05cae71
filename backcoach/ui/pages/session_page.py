"""The follow-along page: the figure large, the countdown ring, the caption.

It renders the driver's effects and forwards button presses and keys to the driver;
it holds no session logic. Sizes are set from the page height so the numbers, the
side and the caption read from a mat three metres away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import Catalog
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
from backcoach.ui.session_driver import SessionDriver
from backcoach.ui.widgets.countdown_ring import CountdownRing
from backcoach.ui.widgets.figure_player import FigurePlayer
from backcoach.ui.widgets.figures import ExerciseThumb
from backcoach.ui.widgets.save_warning import SaveWarning

KIND_WORDS = {
    SegmentKind.PREPARE: "Get ready",
    SegmentKind.WORK: "Work",
    SegmentKind.REST: "Rest",
    SegmentKind.SWITCH: "Switch sides",
    SegmentKind.DONE: "Done",
}


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
    stopRequested = Signal()  # Esc or the Stop button; the window confirms first
    hurtRequested = Signal()  # H or "This hurts"
    muteToggled = Signal()
    fullScreenToggled = Signal()

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.driver: SessionDriver | None = None
        self._segment: Segment | None = None
        self._build()
        self._shortcuts()

    # ----- wiring ----------------------------------------------------------------------
    def attach(self, driver: SessionDriver) -> None:
        if self.driver is not None:
            self.driver.effects.disconnect(self.render)
        self.driver = driver
        driver.effects.connect(self.render)
        self.progress.setRange(0, max(1, int(driver.plan.total_s)))
        self.caption.setText("")

    def set_save_warning(self, text: str, failing: bool = True) -> None:
        """Say at the top of the page that saving fails (or works again); "" hides it."""
        self.save_warning.show_text(text, failing)

    def page_shown(self) -> None:
        self.setFocus()  # the keys (Space, arrows, Esc, H, M, F) work at once

    def set_voice(self, status: VoiceStatus) -> None:
        """The voice button tells the truth: on, off, or why there is no sound."""
        self.mute_button.setText(self.tr(button_text(status)))
        self.mute_button.setAccessibleDescription(self.tr(status.text))

    def _call(self, name: str) -> None:
        if self.driver is not None:
            getattr(self.driver, name)()

    # ----- rendering -------------------------------------------------------------------
    def render(self, effects: list[Effect]) -> None:
        for e in effects:
            if isinstance(e, SegmentStarted):
                self._show_segment(e.segment)
            elif isinstance(e, CueDue):
                self.caption.setText(e.cue.text)
            elif isinstance(e, Progress):
                self._show_progress(e)
            elif isinstance(e, StateChanged):
                self._show_state(e.new)
            elif isinstance(e, AutoPaused):
                self.caption.setText(
                    self.tr("Paused: the computer was asleep. Press Space to carry on.")
                )
            elif isinstance(e, SessionEnded):
                self._show_state(State.FINISHED)

    def _show_segment(self, seg: Segment) -> None:
        self._segment = seg
        plan = self.driver.plan if self.driver else None
        self.kind_label.setText(self.tr(KIND_WORDS[seg.kind]).upper())
        if seg.kind == SegmentKind.DONE:
            self.title.setText(self.tr("Session complete"))
        else:
            self.title.setText(seg.exercise_name or self.tr("Rest"))
        self.detail.setText(self._detail(seg))
        side = {"left": self.tr("◀  LEFT SIDE"), "right": self.tr("RIGHT SIDE  ▶")}.get(
            seg.side, ""
        )
        self.side_label.setText(side)
        self.side_label.setVisible(bool(side))
        upcoming = plan.next_work(seg.index) if plan else None
        if upcoming is None:
            self.next_label.setText(self.tr("Last one: finish strong"))
            self.next_thumb.show_exercise("", "")
        else:
            self.next_label.setText(self.tr("Next: {0}").format(self._short(upcoming)))
            self.next_thumb.show_picture(self._picture(upcoming.exercise_id), upcoming.variant)
        # In a rest, show the coming exercise so the runner can get into position.
        show_segment(self.figure, seg, self._picture(seg.exercise_id))

    def _picture(self, exercise_id: str) -> str:
        ex = self.catalog.exercises.get(exercise_id)
        return ex.picture if ex is not None else exercise_id

    def _short(self, seg: Segment) -> str:
        side = self.tr(", {0} side").format(seg.side) if seg.side != "none" else ""
        same = self._segment is not None and seg.exercise_id == self._segment.exercise_id
        if same and seg.sets > 1:
            return self.tr("set {0}{1}").format(seg.set_no, side)
        return seg.exercise_name + side

    def _detail(self, seg: Segment) -> str:
        parts = []
        if seg.kind == SegmentKind.REST:
            parts.append(self.tr("then {0}").format(seg.exercise_name))
        if seg.sets > 1:
            parts.append(self.tr("set {0} of {1}").format(seg.set_no, seg.sets))
        if seg.rounds > 1:
            parts.append(self.tr("round {0} of {1}").format(seg.round_no, seg.rounds))
        if seg.kind == SegmentKind.WORK and seg.mode == "reps":
            parts.append(self.tr("{0} reps").format(seg.reps))
        elif seg.kind == SegmentKind.WORK:
            parts.append(self.tr("{0} s hold").format(round(seg.duration_s)))
        return " · ".join(parts)

    def _show_progress(self, p: Progress) -> None:
        seg = self._segment
        if seg is None:
            return
        paused = self.driver is not None and self.driver.state == State.PAUSED
        self.ring.set_state(
            p.remaining_s, seg.duration_s, seg.kind.value, self.tr(KIND_WORDS[seg.kind]), paused
        )
        if seg.kind == SegmentKind.WORK and seg.mode == "reps" and seg.reps:
            phase = f" · {p.phase.upper()}" if p.phase else ""
            self.rep_label.setText(self.tr("Rep {0} of {1}").format(p.rep, seg.reps) + phase)
        elif seg.kind == SegmentKind.WORK and p.phase:
            self.rep_label.setText(p.phase.upper())
        elif seg.kind == SegmentKind.WORK:
            self.rep_label.setText(self.tr("Hold"))
        else:
            self.rep_label.setText("")
        self.progress.setValue(int(seg.start_s + p.elapsed_s))
        left = int(p.session_remaining_s)
        self.progress.setFormat(self.tr("{0}:{1:02d} left").format(left // 60, left % 60))
        self.figure.set_elapsed(p.elapsed_s)

    def _show_state(self, state: State) -> None:
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
        if state == State.PAUSED and self.driver is not None:
            self._show_progress(self.driver.coach.machine.progress())

    # ----- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.kind_label = QLabel()
        self.title = QLabel()
        self.detail = QLabel()
        self.detail.setProperty("role", "muted")
        self.side_label = QLabel()
        self.side_label.setAccessibleDescription(self.tr("Side"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress through the routine"))
        self.progress.setTextVisible(True)

        self.figure = FigurePlayer()
        self.ring = CountdownRing()
        self.rep_label = QLabel()
        self.rep_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rep_label.setAccessibleDescription(self.tr("Rep and phase"))
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.caption.setAccessibleDescription(self.tr("Spoken cue"))
        self.next_thumb = ExerciseThumb(72)
        self.next_label = QLabel()
        self.next_label.setMinimumWidth(120)
        self.next_label.setAccessibleDescription(self.tr("Next up"))

        header = QHBoxLayout()
        header.addWidget(self.kind_label)
        header.addSpacing(12)
        header.addWidget(self.title)
        header.addSpacing(16)
        header.addWidget(self.detail, 1)
        header.addWidget(
            self.side_label, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

        left = QVBoxLayout()
        left.addWidget(self.figure, 1)
        left.addWidget(self.rep_label)
        nxt = QHBoxLayout()
        nxt.addStretch(1)
        nxt.addWidget(self.next_thumb)
        nxt.addWidget(self.next_label)
        nxt.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.ring, 1)
        right.addLayout(nxt)
        middle = QHBoxLayout()
        middle.addLayout(left, 6)
        middle.addLayout(right, 5)

        self.pause_button = self._button(
            self.tr("Pause"), self.tr("Pause or resume (Space)"), "toggle_pause"
        )
        self.back_button = self._button(
            self.tr("Back"), self.tr("Restart this part, or go back (Left arrow)"), "back"
        )
        self.skip_button = self._button(
            self.tr("Skip"), self.tr("Skip to the next part (Right arrow)"), "skip"
        )
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("End the session (Esc)"))
        self.stop_button.clicked.connect(self.stopRequested)
        self.hurt_button = QPushButton(self.tr("This hurts"))
        self.hurt_button.setToolTip(self.tr("Pause and choose what to do (H)"))
        self.hurt_button.clicked.connect(self.hurtRequested)
        self.mute_button = QPushButton(self.tr("Voice: on"))
        self.mute_button.setToolTip(self.tr("Turn the voice off or on (M)"))
        self.mute_button.clicked.connect(self.muteToggled)
        self.full_button = QPushButton(self.tr("Full screen"))
        self.full_button.setToolTip(self.tr("Full screen on or off (F)"))
        self.full_button.clicked.connect(self.fullScreenToggled)
        for b in (self.stop_button, self.hurt_button, self.mute_button, self.full_button):
            b.setProperty("big", True)
        self.hurt_button.setProperty("danger", True)

        controls = QHBoxLayout()
        for b in (self.pause_button, self.back_button, self.skip_button, self.stop_button):
            controls.addWidget(b)
        controls.addStretch(1)
        for b in (self.mute_button, self.full_button, self.hurt_button):
            controls.addWidget(b)

        self.save_warning = SaveWarning()
        root = QVBoxLayout(self)
        root.addWidget(self.save_warning)
        root.addLayout(header)
        root.addWidget(self.progress)
        root.addLayout(middle, 1)
        root.addWidget(self.caption)
        root.addLayout(controls)
        self.setTabOrder(self.pause_button, self.back_button)
        self.setTabOrder(self.back_button, self.skip_button)
        self.setTabOrder(self.skip_button, self.stop_button)
        self.setTabOrder(self.stop_button, self.mute_button)
        self.setTabOrder(self.mute_button, self.full_button)
        self.setTabOrder(self.full_button, self.hurt_button)

    def _button(self, text: str, tip: str, action: str) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.setProperty("big", True)
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        b.clicked.connect(lambda: self._call(action))
        return b

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        h = max(self.height(), 400)
        for label, frac, bold in (
            (self.kind_label, 0.04, True),
            (self.title, 0.065, True),
            (self.detail, 0.035, False),
            (self.side_label, 0.06, True),
            (self.rep_label, 0.055, True),
            (self.caption, 0.06, True),
            (self.next_label, 0.035, False),
        ):
            f = label.font()
            f.setPixelSize(int(h * frac))
            f.setBold(bold)
            label.setFont(f)
        super().resizeEvent(event)
