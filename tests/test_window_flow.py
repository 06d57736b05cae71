"""The whole flow through the real window, by keyboard, with a fake clock.

Marked xvfb: CI also runs these on a real X server with the xcb platform plugin.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from backcoach.core.effects import State
from backcoach.core.plan import SegmentKind
from backcoach.ui.dialogs.hurt import HurtDialog
from backcoach.ui.main_window import MainWindow
from tests.window_helpers import make_context, step

pytestmark = pytest.mark.xvfb


def key(qtbot, widget, k, mod=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, k, mod)


def test_a_short_routine_by_keyboard_from_library_to_saved_summary(
    qtbot, window, monkeypatch
) -> None:
    w = window
    card = w.library.card("tiny")
    card.setFocus()
    key(qtbot, card, Qt.Key.Key_Return)
    assert w.stack.currentWidget() is w.routine_page
    key(qtbot, w.routine_page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert w.stack.currentWidget() is w.session_page
    driver = w.flow.driver
    page = w.session_page
    assert driver.state == State.RUNNING
    assert page.title.text() == "Knee to chest"
    assert page.caption.text() == "Get ready: Knee to chest, left side."

    step(w, 12.0)  # into the first hold
    assert driver.coach.machine.segment.kind == SegmentKind.WORK
    key(qtbot, page, Qt.Key.Key_Space)
    assert driver.state == State.PAUSED and page.pause_button.text() == "Resume"
    held = driver.coach.machine.elapsed()
    w.ctx.clock.advance(60)
    driver.tick()
    assert driver.coach.machine.elapsed() == held
    key(qtbot, page, Qt.Key.Key_Space)
    assert driver.state == State.RUNNING

    key(qtbot, page, Qt.Key.Key_Right)  # skip the rest of the left hold
    assert driver.coach.records[-1].skipped and driver.coach.records[-1].side == "left"
    assert driver.coach.machine.segment.kind == SegmentKind.SWITCH
    step(w, 8.0 + 5.0)  # into the right hold
    key(qtbot, page, Qt.Key.Key_Left)  # back: restart the right hold
    assert driver.coach.machine.elapsed() == 0.0 and driver.coach.machine.segment.side == "right"

    monkeypatch.setattr(HurtDialog, "exec", lambda d: (setattr(d, "choice", "carry-on"), 1)[1])
    step(w, 4.0)
    key(qtbot, page, Qt.Key.Key_H)
    assert driver.state == State.RUNNING  # carried on gently after the choice
    assert driver.coach.events[-2].kind == "hurt" and driver.coach.events[-1].value == "carry-on"

    step(w, 400.0)  # to the end
    assert driver.state == State.FINISHED
    assert w.stack.currentWidget() is w.summary_page
    assert "Session complete" in w.summary_page.title.text()
    w.summary_page.pain.setValue(2)
    w.summary_page.note.setPlainText("Felt fine")
    key(qtbot, w.summary_page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert w.summary_page.saved_label.text() == "Saved."

    detail = w.ctx.history.session(driver.coach.session_id)
    session = detail.session
    assert (session.status, session.pain_before, session.pain_after) == ("completed", 3, 2)
    assert session.notes == "Felt fine"
    segs = detail.segments
    assert [(s.exercise_id, s.side, s.skipped) for s in segs][:2] == [
        ("knee-to-chest", "left", True),
        ("knee-to-chest", "right", False),
    ]
    assert any(s.hurt for s in segs)
    kinds = [e.kind for e in detail.events]
    assert kinds.count("hurt") == 1 and "hurt-choice" in kinds


def test_escape_asks_before_stopping_and_keeps_what_was_done(qtbot, window, monkeypatch) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    step(w, 15.0)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    key(qtbot, w.session_page, Qt.Key.Key_Escape)
    assert w.flow.driver.state == State.RUNNING  # "No" carries on
    key(qtbot, w.session_page, Qt.Key.Key_Escape)
    assert w.flow.driver.state == State.STOPPED
    assert w.stack.currentWidget() is w.summary_page
    assert "stopped" in w.summary_page.title.text()
    detail = w.ctx.history.session(w.flow.driver.coach.session_id)
    assert detail.session.status == "stopped"
    assert detail.segments[0].done_s == pytest.approx(5.0)


def test_mute_and_full_screen_keys(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    spoken = w.ctx.speaker.record
    step(w, 1.0)
    assert spoken.said_texts == ["Get ready: Knee to chest, left side."]
    key(qtbot, w.session_page, Qt.Key.Key_M)
    assert w.ctx.settings.muted and w.flow.driver.coach.speaker is None
    step(w, 5.0)
    assert len(spoken.said) == 1  # muted: captions only
    assert spoken.interrupted == ["Get ready: Knee to chest, left side."]  # hushed at once
    assert w.session_page.caption.text() == "On your back, one knee in."
    key(qtbot, w.session_page, Qt.Key.Key_F)
    assert w.isFullScreen()
    key(qtbot, w.session_page, Qt.Key.Key_F)
    assert not w.isFullScreen()


def test_window_remembers_its_size(qtbot, data_dir) -> None:
    ctx = make_context(data_dir)
    fresh = MainWindow(ctx)
    qtbot.addWidget(fresh)
    fresh.show()
    default = fresh.size()
    fresh.resize(default.width() - 5, default.height() - 40)
    chosen = fresh.size()
    assert chosen != default
    fresh.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == chosen
    ctx.history.close()


def test_a_missing_speech_engine_is_told_once_and_the_session_goes_on(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    text = (
        "Speech is off: espeak-ng is missing. On Debian or Ubuntu: sudo apt-get install espeak-ng"
    )
    w.ctx.speaker.lose_engine("missing", text)
    w.ctx.speaker.lose_engine("missing", text)  # told once, however often it is noticed
    qtbot.waitUntil(w.notice_bar.isVisible)
    assert w.notice_bar.text.text() == text
    assert "espeak-ng" in w.settings_page.voice_status.text()
    step(w, 5.0)
    assert w.flow.driver.state == State.RUNNING
    assert w.session_page.caption.text() == "On your back, one knee in."  # captions carry on


def test_summary_counts_sets_against_the_plan(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    step(w, 10 + 20 + 8 + 5)  # left hold done, 5 s into the right one
    w.flow.driver.stop()
    planned = len(w.flow.driver.plan.work_segments)
    assert planned == 4  # two holds, then the bridge on each side
    assert f"1 of {planned} sets done" in w.summary_page.facts.text()
