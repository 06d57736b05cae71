"""Safety in the real window: red flags, clearance, pain check-ins, "this hurts", glute check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from backcoach.core.effects import State
from backcoach.core.plan import SegmentKind
from backcoach.ui.dialogs.before_start import BeforeStartDialog
from backcoach.ui.dialogs.check import CheckDialog
from backcoach.ui.dialogs.hurt import HurtDialog
from backcoach.ui.main_window import MainWindow
from tests.window_helpers import TODAY, make_context, step


@pytest.fixture
def window(qtbot, data_dir):
    ctx = make_context(data_dir)
    w = MainWindow(ctx)
    w.show()
    yield w
    w.flow.shutdown()
    w.close()
    w.deleteLater()
    ctx.history.close()


def answer_before_start(monkeypatch, flags=(), cleared=False, pain=0) -> list[BeforeStartDialog]:
    """Replace the modal exec() with the runner's answers; returns the dialogs shown."""
    shown: list[BeforeStartDialog] = []

    def fake_exec(dialog: BeforeStartDialog) -> int:
        shown.append(dialog)
        for flag in flags:
            dialog.flag_boxes[flag].setChecked(True)
        if cleared:
            dialog.cleared.setChecked(True)
        dialog.pain.setValue(pain)
        dialog.buttons.accepted.emit()  # press Start (refused while it is disabled)
        return dialog.result()

    monkeypatch.setattr(BeforeStartDialog, "exec", fake_exec)
    return shown


def start(w) -> bool:
    w.open_routine("tiny")
    return w.flow.begin(w.routine_page.routine, w.routine_page.options(), True)


def test_a_red_flag_blocks_the_start_and_shows_why(qtbot, window, monkeypatch) -> None:
    shown = answer_before_start(monkeypatch, flags=["leg-weakness"])
    assert start(window) is False
    assert window.flow.driver is None
    dialog = shown[0]
    assert not dialog.start_button.isEnabled()
    assert dialog.advice.isVisibleTo(dialog)
    assert "physiotherapist or doctor" in dialog.advice.text()
    assert window.ctx.settings.red_flags_cleared_on == ""


def test_no_red_flags_starts_and_stores_pain_before(qtbot, window, monkeypatch) -> None:
    answer_before_start(monkeypatch, pain=4)
    assert start(window) is True
    assert window.flow.driver.state == State.RUNNING
    sid = window.flow.driver.coach.session_id
    assert window.ctx.history.session(sid).session.pain_before == 4
    assert window.ctx.settings.red_flags_checked_on == TODAY.isoformat()


def test_clearance_is_stored_with_the_date_and_expires_after_30_days(
    qtbot, window, monkeypatch
) -> None:
    answer_before_start(monkeypatch, flags=["leg-pain"], cleared=True)
    assert start(window) is True
    assert window.ctx.settings.red_flags_cleared_on == TODAY.isoformat()
    window.flow.driver.stop()

    # Within 30 days the same answer is covered by the clearance.
    window.ctx.today = lambda: TODAY + timedelta(days=29)
    shown = answer_before_start(monkeypatch, flags=["leg-pain"])
    assert start(window) is True
    assert shown[0].covered.isVisibleTo(shown[0]) and "assessed you" in shown[0].covered.text()
    window.flow.driver.stop()

    # After 30 days it has expired: blocked again until cleared again.
    window.ctx.today = lambda: TODAY + timedelta(days=30)
    answer_before_start(monkeypatch, flags=["leg-pain"])
    window.flow.driver = None
    assert start(window) is False


def test_pain_after_is_stored_and_a_rise_gets_kind_advice(qtbot, window, monkeypatch) -> None:
    answer_before_start(monkeypatch, pain=2)
    start(window)
    window.flow.driver.stop()
    summary = window.summary_page
    summary.pain.setValue(5)  # rose by 3
    summary.save.click()
    sid = window.flow.driver.coach.session_id
    assert window.ctx.history.session(sid).session.pain_after == 5
    assert summary.advice.isVisibleTo(summary)
    assert "easier forms" in summary.advice.text()


def test_no_advice_when_pain_stays_down(qtbot, window, monkeypatch) -> None:
    answer_before_start(monkeypatch, pain=2)
    start(window)
    window.flow.driver.stop()
    window.summary_page.pain.setValue(3)
    window.summary_page.save.click()
    assert not window.summary_page.advice.isVisibleTo(window.summary_page)


def test_library_speaks_firmly_after_pain_rose_in_two_of_the_last_three(
    qtbot, window, monkeypatch
) -> None:
    for before, after in [(2, 6), (2, 2), (1, 8)]:  # oldest first
        answer_before_start(monkeypatch, pain=before)
        start(window)
        window.flow.driver.stop()
        window.summary_page.pain.setValue(after)
        window.summary_page.save.click()
    window.summary_page.doneRequested.emit()
    assert window.stack.currentWidget() is window.library
    assert window.library.banner.isVisibleTo(window.library)
    assert "2 of your last 3" in window.library.banner.text()


def test_this_hurts_switches_to_the_easier_form_for_the_rest_of_the_session(
    qtbot, window, monkeypatch
) -> None:
    answer_before_start(monkeypatch)
    start(window)
    driver = window.flow.driver
    # Get into the single-leg bridge (knee-to-chest: 10 + 20 + 8 + 20, rest 5, prepare 10).
    step(window, 10 + 20 + 8 + 20 + 5 + 10 + 3)
    seg = driver.coach.machine.segment
    assert (seg.exercise_id, seg.kind, seg.side) == ("single-leg-bridge", SegmentKind.WORK, "left")
    offered: list[str] = []

    def choose_easier(dialog: HurtDialog) -> int:
        offered.extend(dialog.buttons)
        dialog.buttons["easier"].click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(HurtDialog, "exec", choose_easier)
    qtbot.keyClick(window.session_page, Qt.Key.Key_H)
    assert offered == ["easier", "skip", "end", "carry-on"]
    assert driver.state == State.PAUSED
    assert "Press Space" in window.session_page.caption.text()
    rest = [
        s
        for s in driver.plan.segments
        if s.exercise_id == "single-leg-bridge" and s.kind == SegmentKind.WORK
    ]
    assert {s.variant for s in rest} == {"double-leg"}  # every remaining set, easier form
    events = [(e.kind, e.value) for e in driver.coach.events]
    assert ("hurt", "") in events and ("hurt-choice", "easier") in events
    sid = driver.coach.session_id
    stored = [(e.kind, e.value, e.exercise_id) for e in window.ctx.history.session(sid).events]
    assert ("hurt-choice", "easier", "single-leg-bridge") in stored
    qtbot.keyClick(window.session_page, Qt.Key.Key_Space)
    step(window, 300)
    done = [
        r for r in driver.coach.records if r.exercise_id == "single-leg-bridge" and not r.skipped
    ]
    assert done and all(r.variant == "double-leg" for r in done)


def test_the_glute_check_records_its_answer_and_recommends_the_glute_routine(
    qtbot, window, monkeypatch
) -> None:
    answer_before_start(monkeypatch)
    asked: list[CheckDialog] = []

    def answer_lower_back(dialog: CheckDialog) -> int:
        asked.append(dialog)
        dialog.answer_buttons["lower-back"].click()
        assert dialog.advice.isVisibleTo(dialog)
        dialog.carry_on.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CheckDialog, "exec", answer_lower_back)
    window.open_routine("glute-check")
    window.flow.begin(window.routine_page.routine, window.routine_page.options(), True)
    driver = window.flow.driver
    step(window, 200)  # both sides of the knee lift, then into the bridges
    assert len(asked) == 1  # asked once, after the right side
    assert "glute" in asked[0].advice.text().lower()
    events = [(e.kind, e.value) for e in window.ctx.history.session(driver.coach.session_id).events]
    assert ("check-answer", "lower-back") in events
    assert driver.state == State.RUNNING  # carried on into the bridges
    step(window, 1000)
    summary = window.summary_page
    assert summary.check_routine.isVisibleTo(summary)
    assert summary.check_routine.text() == "Open: Glute check and bridge"
    summary.check_routine.click()
    assert window.routine_page.routine.id == "glute-check"
