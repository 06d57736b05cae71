"""The session page's widgets and layouts (``SessionPage._build``), kept apart from
what the page does with them.

Header: the state word, the exercise (elided) and the side, with the sets and reps
under them. Middle: the figure with the rep line and what is next under it, and the
ring beside it as tall as the room allows. Then the caption (two lines) and the row of
buttons. Labels show their own text to assistive tech; descriptions give the context.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from backcoach.ui.widgets.countdown_ring import CountdownRing
from backcoach.ui.widgets.elided_label import ElidedLabel
from backcoach.ui.widgets.figure_player import FigurePlayer
from backcoach.ui.widgets.figures import ExerciseThumb
from backcoach.ui.widgets.save_warning import SaveWarning

if TYPE_CHECKING:
    from backcoach.ui.pages.session_page import SessionPage


def build(page: SessionPage) -> None:
    tr = page.tr
    page.kind_label = QLabel()
    page.kind_label.setAccessibleDescription(tr("What you are doing now"))
    page.title = ElidedLabel()
    page.title.setAccessibleDescription(tr("Exercise"))
    page.detail = ElidedLabel()
    page.detail.setProperty("role", "muted")
    page.detail.setAccessibleDescription(tr("Sets and reps"))
    page.side_label = QLabel()
    page.side_label.setAccessibleDescription(tr("Side"))
    page.side_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    page.progress = QProgressBar()
    page.progress.setAccessibleName(tr("Progress through the routine"))
    page.progress.setTextVisible(True)

    page.figure = FigurePlayer()
    page.figure.setMinimumSize(48, 48)
    page.ring = CountdownRing()
    page.rep_label = ElidedLabel()
    page.rep_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    page.rep_label.setAccessibleDescription(tr("Rep and phase"))
    page.caption = QLabel()
    page.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
    page.caption.setWordWrap(True)
    page.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    page.caption.setAccessibleDescription(tr("Spoken cue"))
    page.next_thumb = ExerciseThumb(72)
    page.next_label = ElidedLabel()
    page.next_label.setAccessibleDescription(tr("Next up"))

    header = QGridLayout()
    header.setHorizontalSpacing(12)
    header.setVerticalSpacing(0)
    header.addWidget(page.kind_label, 0, 0)
    header.addWidget(page.title, 0, 1)
    header.addWidget(page.side_label, 0, 2)
    header.addWidget(page.detail, 1, 1, 1, 2)
    header.setColumnStretch(1, 1)

    nxt = QHBoxLayout()
    nxt.addWidget(page.next_thumb)
    nxt.addWidget(page.next_label, 1)
    left = QVBoxLayout()
    left.addWidget(page.figure, 1)
    left.addWidget(page.rep_label)
    left.addLayout(nxt)
    middle = QHBoxLayout()
    middle.addLayout(left, 6)
    middle.addWidget(page.ring, 5)

    page.pause_button = _button(page, tr("Pause"), tr("Pause or resume (Space)"), "toggle_pause")
    page.back_button = _button(
        page, tr("Back"), tr("Restart this part, or go back (Left arrow)"), "back"
    )
    page.skip_button = _button(page, tr("Skip"), tr("Skip to the next part (Right arrow)"), "skip")
    page.stop_button = _button(page, tr("Stop"), tr("End the session (Esc)"), "")
    page.stop_button.clicked.connect(page.stopRequested)
    page.hurt_button = _button(page, tr("This hurts"), tr("Pause and choose what to do (H)"), "")
    page.hurt_button.clicked.connect(page.hurtRequested)
    page.hurt_button.setProperty("danger", True)
    page.mute_button = _button(page, tr("Voice: on"), tr("Turn the voice off or on (M)"), "")
    page.mute_button.clicked.connect(page.muteToggled)
    page.full_button = _button(page, tr("Full screen"), tr("Fill the screen (F)"), "")
    page.full_button.clicked.connect(page.fullScreenToggled)

    page.controls = QHBoxLayout()
    for b in (page.pause_button, page.back_button, page.skip_button, page.stop_button):
        page.controls.addWidget(b)
    page.controls.addStretch(1)
    for b in (page.mute_button, page.full_button, page.hurt_button):
        page.controls.addWidget(b)

    page.save_warning = SaveWarning()
    root = QVBoxLayout(page)
    root.setContentsMargins(0, 0, 0, 0)
    root.addWidget(page.save_warning)
    root.addLayout(header)
    root.addWidget(page.progress)
    root.addLayout(middle, 1)
    root.addWidget(page.caption)
    root.addLayout(page.controls)
    order = page.buttons()
    for a, b in pairwise(order):
        page.setTabOrder(a, b)


def _button(page: SessionPage, text: str, tip: str, action: str) -> QPushButton:
    # No fixed accessible name: the button's own text is its name, so "Resume" reads
    # as "Resume" the moment it says so.
    b = QPushButton(text)
    b.setToolTip(tip)
    b.setProperty("big", True)
    b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if action:
        b.clicked.connect(lambda: page._call(action))
    return b
