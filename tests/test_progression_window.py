"""Progression through the real window: the summary page proposes, the runner accepts,
the next start uses it; unanswered, the same proposal waits on the routine page."""

from __future__ import annotations

import pytest

from backcoach import content
from backcoach.core.plan import SegmentKind
from backcoach.ui.dialogs.level_editor import LevelDialog
from tests.window_helpers import step

pytestmark = pytest.mark.xvfb

PLANK = """
id = "plank-test"
name = "Plank test"
purpose = "One plank and a short ball circuit, to walk through quickly."
equipment = ["mat"]
sources = ["001_f99d85ccd3986074.txt"]
rounds = 1
rounds_range = [1, 2]
rest_between_exercises_s = 5

[[items]]
exercise = "plank"
sets = 1
"""


@pytest.fixture
def w(window, data_dir):
    (data_dir / "routines" / "plank-test.toml").write_text(PLANK, encoding="utf-8")
    window.ctx.catalog = content.load()
    window.library.reload()
    return window


def session(w, pain_after: int = 3, save: bool = True) -> None:
    w.open_routine("plank-test")
    w.routine_page.start.click()
    step(w, 300, dt=0.25)
    assert w.stack.currentWidget() is w.summary_page
    if save:
        w.summary_page.pain.setValue(pain_after)  # pain before is 3 (the fixture's answer)
        w.summary_page.save.click()


def plank_holds(w) -> set[float]:
    plan = w.flow.driver.plan
    return {s.duration_s for s in plan.segments if s.kind == SegmentKind.WORK}


def test_the_summary_proposes_the_runner_accepts_the_next_start_uses_it(qtbot, w) -> None:
    session(w)
    box = w.summary_page.proposal
    assert not box.isVisibleTo(w.summary_page)  # one good session is not enough
    session(w)
    assert box.isVisibleTo(w.summary_page)
    assert box.title.text() == "Ready for a step up next time?"
    assert list(box.checks) == ["plank"]
    assert box.checks["plank"].text() == "Plank: 45 s → 50 s"
    assert w.focusWidget() is box.checks["plank"]  # from Save straight on to the suggestion
    assert box.checks["plank"].accessibleDescription() == (
        "Your back was no sorer after your last 2 sessions: one step up."
    )
    assert w.ctx.history.level_changes() == []  # proposed, not applied
    box.accept.click()
    assert box.done.text() == "Next time: Plank: 45 s → 50 s."
    assert [(c.kind, c.level.hold_s) for c in w.ctx.history.level_changes()] == [("up", 50.0)]

    w.summary_page.back_button.click()
    w.open_routine("plank-test")
    card = w.routine_page.cards[0]
    assert card.level.text() == "50 s ·"
    assert card.origin.text().startswith("45–60 s hold in the article")  # the range it moves in
    assert not w.routine_page.proposal.isVisibleTo(w.routine_page)  # answered already
    w.routine_page.start.click()
    assert plank_holds(w) == {50.0}


def test_left_unanswered_it_is_asked_before_the_next_start(qtbot, w) -> None:
    session(w)
    session(w)
    w.summary_page.back_button.click()  # no answer on the summary page
    w.open_routine("plank-test")
    page = w.routine_page
    assert page.proposal.isVisibleTo(page)
    assert page.proposal.title.text() == "Before you start: your last session suggests a change"
    assert page.cards[0].level.text() == "45 s ·"  # not applied yet
    page.proposal.accept.click()
    assert not page.proposal.isVisibleTo(page)
    assert page.cards[0].level.text() == "50 s ·"
    page.start.click()
    assert plank_holds(w) == {50.0}


def test_not_now_keeps_the_level_and_a_flare_up_steps_back(qtbot, w) -> None:
    session(w)
    session(w)
    w.summary_page.proposal.later.click()
    assert w.summary_page.proposal.done.text() == "Your levels stay as they are."
    session(w)
    assert not w.summary_page.proposal.isVisibleTo(w.summary_page)
    session(w)
    w.summary_page.proposal.accept.click()  # the round's turn after a "not now"
    assert w.summary_page.proposal.done.text() == "Next time: Rounds: 1 → 2."
    session(w, pain_after=6)  # 3 → 6: pain up by 3
    box = w.summary_page.proposal
    assert box.title.text() == "A step back for next time"
    assert list(box.checks) == [""]  # the plank is at its start: only the round goes
    assert "Your pain went from 3 to 6" in box.lines.itemAt(1).widget().text()
    assert "Your back hurts more than it should" in w.summary_page.advice.text()


def test_a_level_set_by_hand_and_a_reset(qtbot, w, monkeypatch) -> None:
    def set_55_and_2_sets(dialog: LevelDialog) -> int:
        dialog.amount.setValue(55)
        dialog.sets.setValue(2)
        return LevelDialog.DialogCode.Accepted

    monkeypatch.setattr(LevelDialog, "exec", set_55_and_2_sets)
    w.open_routine("plank-test")
    w.routine_page.cards[0].level_button.click()
    assert w.routine_page.cards[0].level.text() == "55 s × 2 ·"
    assert w.ctx.history.level_changes()[-1].reason == "Set by hand."

    def reset(dialog: LevelDialog) -> int:
        dialog._reset()
        return LevelDialog.DialogCode.Accepted

    monkeypatch.setattr(LevelDialog, "exec", reset)
    w.routine_page.cards[0].level_button.click()
    assert w.routine_page.cards[0].level.text() == "45 s ·"


def test_choosing_the_harder_form_on_the_card_is_a_level_by_hand(qtbot, w) -> None:
    w.open_routine("plank-test")
    combo = w.routine_page.cards[0].variant_combo
    combo.setCurrentIndex(combo.findData("side-plank"))
    card = w.routine_page.cards[0]
    assert (card.name.text(), card.level.text()) == ("Side plank", "45 s ·")
    assert w.ctx.history.level_changes()[-1].level.variant == "side-plank"
    w.routine_page.start.click()
    sides = {s.side for s in w.flow.driver.plan.segments if s.kind == SegmentKind.WORK}
    assert sides == {"left", "right"}
