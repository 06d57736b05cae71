"""The same 100 % on every screen: a routine run to its end in the real window reads
100 % on the summary, in the History table and in the session's detail."""

from __future__ import annotations

from backcoach.core.effects import State
from backcoach.ui.widgets.session_table_model import SessionTableModel
from tests.window_helpers import step


def test_a_finished_routine_reads_100_percent_on_the_summary_and_in_history(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    plan = w.flow.driver.plan
    step(w, plan.total_s + 1)
    assert w.flow.driver.state == State.FINISHED
    assert "4 of 4 sets done · 100% of the exercise time" in w.summary_page.facts.text()

    w.show_page(w.history_page)
    w.history_page.refresh()
    model = w.history_page.model
    assert model.text(0, SessionTableModel.DONE) == "100%"
    row = model.session_at(0)
    assert row is not None and row.done_s == row.planned_s == plan.work_s
    w.history_page.table.selectRow(0)
    assert "100% done" in w.history_page.detail.summary.text()


def test_a_stopped_routine_reads_its_share_of_the_exercise_time(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    plan = w.flow.driver.plan
    first = plan.work_segments[0]
    step(w, first.start_s + first.duration_s)  # the first hold done, nothing more
    w.flow.driver.stop()
    share = first.duration_s / plan.work_s
    assert f"· {share:.0%} of the exercise time" in w.summary_page.facts.text()
    w.show_page(w.history_page)
    w.history_page.refresh()
    assert w.history_page.model.text(0, SessionTableModel.DONE) == f"{share:.0%}"
