"""The session page's words are always current: captions give way when they stop being
true, paused says paused, rests and get-ready name what comes next, the header moves on
before the glute question, and the ring shows the rep in reps and the seconds in holds.
"""

from __future__ import annotations

from backcoach.core.effects import State
from backcoach.core.plan import SegmentKind
from tests.test_glute_check_skips import _begin_check, _until
from tests.window_helpers import step


def _start_tiny(w) -> None:  # type: ignore[no-untyped-def]
    w.open_routine("tiny")
    w.routine_page.start.click()


def _seg(w):  # type: ignore[no-untyped-def]
    return w.flow.driver.coach.machine.segment


LONG_HOLD = """
id = "long-hold"
name = "One long hold"
purpose = "A hold long enough for every hold cue."
equipment = ["mat", "wall"]
sources = ["002_28ac56f964d3cfe9.txt"]

[[items]]
exercise = "half-kneeling-couch-stretch"
hold_s = 40
"""


def test_ten_seconds_left_is_gone_by_five_seconds_left(qtbot, window, data_dir) -> None:
    from backcoach import content

    w, page = window, window.session_page
    (data_dir / "routines" / "long-hold.toml").write_text(LONG_HOLD, encoding="utf-8")
    w.ctx.catalog = content.load()
    w.open_routine("long-hold")
    w.routine_page.start.click()
    step(w, 10.0 + 30.2)  # the 40 s hold: "10 seconds left." at 30 s in
    assert page.caption.text() == "10 seconds left."
    step(w, 5.0)  # 5 s left
    assert page.ring.seconds_shown() == 5
    assert page.caption.text() != "10 seconds left."


def test_go_gives_way_to_paused_while_paused(qtbot, window) -> None:
    w, page = window, window.session_page
    _start_tiny(w)
    step(w, 10.2)
    assert page.caption.text() == "Go."
    w.flow.driver.pause()
    assert page.caption.text() == "Paused. Press Space to carry on."
    assert page.ring.text().big == "20"
    assert page.ring._word() == "PAUSED"  # what the ring draws under the figure
    assert page.ring.accessibleDescription() == "Paused, 20 seconds left"


def test_the_header_moves_on_before_the_glute_question(qtbot, window, monkeypatch) -> None:
    w, page = window, window.session_page
    seen: list[tuple[str, str, str]] = []
    from backcoach.ui.dialogs.check import CheckDialog

    asked = _begin_check(w, monkeypatch)
    answer = CheckDialog.exec  # patched by _begin_check to answer "glutes"

    def look_then_answer(dialog: CheckDialog) -> int:
        seen.append((page.kind_label.text(), page.title.full_text(), page.caption.text()))
        return answer(dialog)

    monkeypatch.setattr(CheckDialog, "exec", look_then_answer)
    _until(w, lambda: bool(seen))
    assert seen == [("REST", "Rest", "Paused for a question.")]
    assert len(asked) == 1


def test_rests_and_get_ready_say_what_comes_next(qtbot, window, monkeypatch) -> None:
    w, page = window, window.session_page
    _begin_check(w, monkeypatch)
    _until(w, lambda: _seg(w).kind == SegmentKind.REST)
    # The rest before the bridges: it names them, and "Next" names what follows them.
    assert (page.kind_label.text(), page.title.full_text()) == ("REST", "Rest")
    assert page.detail.full_text() == "then Glute bridge · set 1 of 3"
    assert page.next_label.full_text() == "Next: set 2 of 3"
    _until(w, lambda: _seg(w).kind == SegmentKind.PREPARE)
    assert (page.kind_label.text(), page.title.full_text()) == ("GET READY", "Glute bridge")
    assert page.next_label.full_text() == "Next: set 2 of 3"  # not the bridge about to start
    _until(w, lambda: _seg(w).kind == SegmentKind.WORK)
    assert page.next_label.full_text() == "Next: set 2 of 3"
    _until(w, lambda: _seg(w).kind == SegmentKind.REST and _seg(w).set_no == 3)
    assert page.detail.full_text() == "then Glute bridge · set 3 of 3"
    assert page.next_label.full_text() == "Last one: finish strong"


def test_the_ring_shows_the_rep_in_reps_and_the_seconds_in_holds(qtbot, window) -> None:
    w, ring = window, window.session_page.ring
    _start_tiny(w)
    step(w, 12.0)  # 2 s into the 20 s hold
    shown = ring.text()
    assert (shown.big, shown.word, shown.small) == ("18", "Work", "")
    while _seg(w).exercise_id != "single-leg-bridge" or _seg(w).kind != SegmentKind.WORK:
        step(w, 0.5)
    step(w, 0.5)
    shown = ring.text()
    reps = _seg(w).reps
    assert shown.big == f"1 / {reps}"
    assert shown.word == w.flow.driver.coach.machine.progress().phase
    assert shown.small.endswith(" s") and int(shown.small[:-2]) == ring.seconds_shown()
    inks = ring.ink_rects()
    assert set(inks) == {"big", "word", "small"}
    assert not inks["big"].intersects(inks["word"])
    assert not inks["big"].intersects(inks["small"])


def test_resume_counts_in_3_2_1_shown_and_spoken_before_time_runs(qtbot, window) -> None:
    w, page = window, window.session_page
    driver, spoken = None, w.ctx.speaker.record
    _start_tiny(w)
    driver = w.flow.driver
    step(w, 14.0)  # 4 s into the hold
    driver.pause()
    held = driver.coach.machine.elapsed()
    before = len(spoken.said_texts)
    driver.resume()
    assert driver.state == State.RUNNING
    assert page.caption.text() == "3" and page.ring.text().big == "3"
    step(w, 2.9)
    assert driver.coach.machine.elapsed() == held  # time stood still through the count
    assert spoken.said_texts[before:] == ["3", "2", "1"]
    assert page.ring.text().big == "1"
    step(w, 1.1)
    assert driver.coach.machine.elapsed() > held
    assert page.ring.text().big == str(page.ring.seconds_shown())


def test_carrying_on_after_this_hurts_counts_in_too(qtbot, window, monkeypatch) -> None:
    from backcoach.ui.dialogs.hurt import HurtDialog

    w, spoken = window, window.ctx.speaker.record
    monkeypatch.setattr(HurtDialog, "exec", lambda d: (setattr(d, "choice", "carry-on"), 1)[1])
    _start_tiny(w)
    step(w, 14.0)
    held = w.flow.driver.coach.machine.elapsed()
    w.session_page.hurtRequested.emit()
    assert w.flow.driver.state == State.RUNNING
    assert spoken.said_texts[-1] == "3"
    step(w, 2.5)
    assert w.flow.driver.coach.machine.elapsed() == held
