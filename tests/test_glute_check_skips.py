"""The glute check's question comes after the knee lift even when a side was skipped.

Seed 004's check is one question after lifting the knee: where did you feel it? A runner
who does the left side and skips the right has still done the check, so the question
must still come; one who skipped both sides has nothing to answer.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from backcoach.core.effects import State
from backcoach.core.plan import SegmentKind
from backcoach.ui.dialogs.check import CheckDialog
from tests.test_safety_window import answer_before_start
from tests.window_helpers import step


def _answering(monkeypatch) -> list[CheckDialog]:  # type: ignore[no-untyped-def]
    asked: list[CheckDialog] = []

    def answer_glutes(dialog: CheckDialog) -> int:
        asked.append(dialog)
        dialog.answer_buttons["glutes"].click()
        dialog.carry_on.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CheckDialog, "exec", answer_glutes)
    return asked


def _until(window, predicate, limit: float = 400) -> None:  # type: ignore[no-untyped-def]
    waited = 0.0
    while not predicate() and waited < limit:
        step(window, 0.5)
        waited += 0.5
    assert predicate(), "the session never got there"


def _segment(window):  # type: ignore[no-untyped-def]
    driver = window.flow.driver
    return driver.plan.segments[driver.coach.machine.index]


def _begin_check(window, monkeypatch) -> list[CheckDialog]:  # type: ignore[no-untyped-def]
    answer_before_start(monkeypatch)
    asked = _answering(monkeypatch)
    window.open_routine("glute-check")
    assert window.flow.begin(window.routine_page.routine, window.routine_page.options(), False)
    return asked


def _on_work(window, side: str) -> bool:  # type: ignore[no-untyped-def]
    seg = _segment(window)
    return (
        seg.kind == SegmentKind.WORK
        and seg.exercise_id == "prone-knee-lift-check"
        and (seg.side == side)
    )


def test_asked_after_the_left_side_when_the_right_is_skipped(qtbot, window, monkeypatch) -> None:
    asked = _begin_check(window, monkeypatch)
    _until(window, lambda: _on_work(window, "right"))
    assert asked == []  # not before the knee lift is over
    window.flow.driver.skip()
    assert len(asked) == 1  # asked as soon as the skipped side ends the exercise
    events = window.ctx.history.session(window.flow.driver.coach.session_id).events
    assert ("check-answer", "glutes") in [(e.kind, e.value) for e in events]
    assert window.flow.driver.state == State.RUNNING  # and the bridges follow
    _until(window, lambda: _segment(window).exercise_id == "glute-bridge")
    assert len(asked) == 1


@pytest.mark.parametrize(
    ("skipped", "asked_times"),
    [(("left",), 1), (("left", "right"), 0)],
    ids=["left-skipped-right-done", "both-skipped"],
)
def test_asked_only_when_some_side_was_done(
    qtbot, window, monkeypatch, skipped: tuple[str, ...], asked_times: int
) -> None:
    asked = _begin_check(window, monkeypatch)
    for side in skipped:
        _until(window, lambda side=side: _on_work(window, side))
        window.flow.driver.skip()
        assert asked == []  # never mid-way through the knee lift
    _until(window, lambda: _segment(window).exercise_id == "glute-bridge")
    assert len(asked) == asked_times  # nothing to ask about when no lift was done
