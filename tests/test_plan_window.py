"""The weekly plan and the reminder settings in the real window: the library opens on
Today, the plan is made in its dialog, History keeps the record by week, and the Settings
switch writes and removes the login entry."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from backcoach import paths
from backcoach.core.weekly_plan import Done, PlanEntry, today, week_record
from backcoach.ui.dialogs.weekly_plan import WeeklyPlanDialog
from tests.history_helpers import add_session
from tests.window_helpers import TODAY

TZ = timezone(timedelta(hours=1))
MONDAY = date(2026, 11, 16)  # TODAY (a Saturday) is in its week


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


# ----- the model, on its own --------------------------------------------------------
def test_today_puts_what_is_due_first() -> None:
    plan = [
        PlanEntry("post-run-cooldown", "after-run"),
        PlanEntry("stability-ball-circuit", "weekly", times=2),
        PlanEntry("extra-stretches", "days", days=(0, 3)),  # Mondays and Thursdays
    ]
    done = [Done(MONDAY, "stability-ball-circuit"), Done(TODAY, "post-run-cooldown")]
    items = today(plan, TODAY, done)
    assert [(i.entry.routine_id, i.due, i.done_today, i.why) for i in items] == [
        ("stability-ball-circuit", True, False, "Twice a week · 1 of 2 this week"),
        ("extra-stretches", False, False, "Mondays and Thursdays"),
        ("post-run-cooldown", False, True, "After every run"),
    ]
    runs = {TODAY: 1}
    after = today(plan[:1], TODAY, [], runs)[0]
    assert (after.due, after.why) == (True, "After every run · you ran today")
    rest_day = today(plan[:1], TODAY, [], {})[0]
    assert (rest_day.due, rest_day.why) == (False, "After every run · no run today yet")


def test_the_week_record_counts_days_against_the_plan() -> None:
    plan = [PlanEntry("c", "weekly", times=2), PlanEntry("p", "after-run")]
    last_week = MONDAY - timedelta(days=7)
    done = [Done(last_week, "c"), Done(last_week + timedelta(days=2), "c"), Done(MONDAY, "c"),
            Done(MONDAY, "c"), Done(last_week, "p")]  # fmt: skip
    weeks = week_record(plan, TODAY, 2, done)
    assert [(w.monday, [(e.done, e.target, e.kept, e.open) for e in w.entries]) for w in weeks] == [
        (last_week, [(2, 2, True, False), (1, None, False, False)]),
        (MONDAY, [(1, 2, False, True), (0, None, False, True)]),  # one day, twice: one
    ]
    runs = {last_week: 1, last_week + timedelta(days=3): 1}
    assert [(e.done, e.target) for e in week_record(plan, TODAY, 2, done, runs)[0].entries] == [
        (2, 2), (1, 2),
    ]  # fmt: skip


def test_a_broken_plan_entry_is_left_out() -> None:
    from backcoach.core.weekly_plan import parse_plan

    raw = {
        "a": {"rule": "weekly", "times": 2},
        "b": {"rule": "weekly", "times": 0},
        "c": {"rule": "days", "days": [1, 9]},
        "d": "after-run",
        "e": {"rule": "sometimes"},
        "gone": {"rule": "after-run"},
    }
    assert parse_plan(raw, known=["a", "b", "c", "d", "e"]) == [PlanEntry("a", "weekly", times=2)]


# ----- through the window -----------------------------------------------------------
def test_the_library_opens_on_today_and_the_plan_is_made_there(qtbot, window, monkeypatch) -> None:
    lib = window.library
    assert window.stack.currentWidget() is lib
    assert lib.today.isVisibleTo(lib)
    assert lib.today.heading.text() == "Today · Saturday 21 November"
    assert lib.today.empty.isVisibleTo(lib.today)  # no plan yet

    def suggest_and_save(dialog: WeeklyPlanDialog) -> int:
        for row in dialog.rows:
            row.suggest()
        tiny = next(r for r in dialog.rows if r.routine.id == "tiny")
        tiny.rule.setCurrentIndex(tiny.rule.findData("days"))
        tiny.days[5].setChecked(True)  # Saturdays
        return WeeklyPlanDialog.DialogCode.Accepted

    monkeypatch.setattr(WeeklyPlanDialog, "exec", suggest_and_save)
    lib.today.edit.click()
    assert window.ctx.settings.weekly_plan == {
        "post-run-cooldown": {"rule": "after-run"},
        "pre-run-warm-up": {"rule": "before-run"},
        "stability-ball-circuit": {"rule": "weekly", "times": 2},
        "tiny": {"rule": "days", "days": (5,)},  # lists come back as tuples, checked
    }
    rows = [(name.text(), why.text()) for name, why, _ in lib.today.rows]
    assert ("Tiny test routine", "Saturdays") in rows
    assert len(lib.today.due_buttons()) == 4  # all due: no runs known, nothing done yet
    assert lib.today.edit.text() == "Change your plan…"
    button = next(
        b for b in lib.today.due_buttons() if b.accessibleName() == "Open Tiny test routine"
    )
    button.click()
    assert window.stack.currentWidget() is window.routine_page
    assert window.routine_page.routine.id == "tiny"


def test_history_keeps_the_plan_by_week_and_the_levels(qtbot, window) -> None:
    ctx = window.ctx
    ctx.update_settings(weekly_plan={"stability-ball-circuit": {"rule": "weekly", "times": 2}})
    for day in (MONDAY - timedelta(days=6), MONDAY - timedelta(days=4), MONDAY):
        add_session(ctx.history, at(day), routine=("stability-ball-circuit", "Circuit"))
    page = window.history_page
    window.show_page(page)
    assert page.tabs.isTabVisible(2) and not page.tabs.isTabVisible(1)  # no level changes yet
    view = page.plan_view
    assert view.verticalHeaderItem(0).text() == "This week"
    assert view.horizontalHeaderItem(0).text() == "Stability-ball strength circuit\nTwice a week"
    assert [view.item(r, 0).text() for r in range(3)] == ["1 of 2 so far", "2 of 2 ✓", "0 of 2"]

    book = ctx.levels()
    routine = ctx.catalog.routine("stability-ball-circuit")
    book.set_rounds(book.state(routine), 4, at(MONDAY, 19))
    window.show_page(window.library)
    window.show_page(page)
    assert page.tabs.isTabVisible(1)
    top = page.level_view.topLevelItem(0)
    assert top.text(0) == "Stability-ball strength circuit"
    rounds = top.child(0)
    assert (rounds.text(0), rounds.text(1), rounds.text(2)) == ("Rounds", "3 → 4", "1 change")
    assert rounds.child(0).text(0) == "Mon 16 Nov 2026"
    assert rounds.child(0).text(2) == "Set by hand."


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="XDG autostart")
def test_the_settings_switch_writes_and_removes_the_login_entry(qtbot, window) -> None:
    page = window.settings_page
    box = page.reminders
    assert not window.ctx.settings.reminders_on  # off by default
    assert not box.at_login.isEnabled()
    box.on.setChecked(True)
    box.days[5].setChecked(True)
    box.times[5].setTime(box.times[5].time().fromString("07:45", "HH:mm"))
    assert window.ctx.settings.reminder_times == {"sat": "07:45"}
    entry = paths.autostart_file()
    assert not entry.exists()
    box.at_login.setChecked(True)
    assert entry.is_file() and "--background" in entry.read_text(encoding="utf-8")
    assert box.status.text() == "Next reminder: Saturday 07:45, even while backcoach is closed."
    box.at_login.setChecked(False)
    assert not entry.exists()
    box.at_login.setChecked(True)
    box.on.setChecked(False)  # reminders off: nothing to start at login for
    assert not entry.exists() and not box.at_login.isChecked()
    assert box.status.text() == "Reminders are off."
