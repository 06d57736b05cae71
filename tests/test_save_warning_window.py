"""The window tells the runner, during the session, when saving fails and when it works
again; a real second process holds the history file meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from backcoach.core.effects import State
from backcoach.core.history_saver import RECOVERED
from tests.faults import LockHolder
from tests.history_helpers import reader
from tests.window_helpers import step


def _start_tiny(window) -> None:  # type: ignore[no-untyped-def]
    window.open_routine("tiny")
    window.routine_page.start.click()
    assert window.flow.driver.state == State.RUNNING


def _segments(window) -> int:  # type: ignore[no-untyped-def]
    con = reader(window.ctx.history.path)
    n = con.execute("SELECT count(*) FROM segments").fetchone()[0]
    con.close()
    return int(n)


def test_the_session_page_warns_while_saving_fails_and_says_when_it_works_again(
    qtbot, window
) -> None:
    w = window
    _start_tiny(w)
    page = w.session_page
    assert page.save_warning.isHidden()
    holder = LockHolder(w.ctx.history.path)
    try:
        step(w, 10.0 + 20.5)  # get ready, then the first hold: its record is written
        qtbot.waitUntil(page.save_warning.isVisible, timeout=5000)
        assert page.save_warning.message.startswith(
            "Saving is failing: another program is holding the history file"
        )
        assert w.flow.driver.state == State.RUNNING  # the session goes on meanwhile
        holder.release()
        qtbot.waitUntil(lambda: page.save_warning.message == RECOVERED, timeout=10_000)
    finally:
        holder.kill()
    assert _segments(w) == 1
    step(w, 300.0)
    assert w.flow.driver.state == State.FINISHED
    assert _segments(w) == len(w.flow.driver.plan.work_segments)


def test_a_session_that_ends_while_saving_fails_says_so_then_saved(qtbot, window) -> None:
    w = window
    _start_tiny(w)
    holder = LockHolder(w.ctx.history.path)
    try:
        step(w, 300.0)
        assert w.stack.currentWidget() is w.summary_page
        QApplication.processEvents()
        assert w.summary_page.saved_label.text().startswith(
            "Not saved yet. Saving is failing: another program is holding the history file"
        )
        holder.release()
        qtbot.waitUntil(
            lambda: (
                w.summary_page.saved_label.text()
                == "Saved: all of this session is in your history."
            ),
            timeout=10_000,
        )
    finally:
        holder.kill()
    con = reader(w.ctx.history.path)
    assert con.execute("SELECT status FROM sessions").fetchall() == [("completed",)]
    assert _segments(w) == len(w.flow.driver.plan.work_segments)


def test_the_warning_strip_is_accessible_and_hides_when_empty(qtbot, window) -> None:
    page = window.session_page
    page.set_save_warning("Saving is failing: the disk is full.")
    assert page.save_warning.isVisibleTo(page)
    assert page.save_warning.accessibleDescription() == "Whether your session is being saved"
    page.set_save_warning("")
    assert not page.save_warning.isVisibleTo(page)
