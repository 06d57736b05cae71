"""The coaching screens for ``backcoach --screenshot``: a weekly plan, the runner's levels
after some weeks of the circuit, and the proposal the summary page makes after two good
sessions, all made the way a runner would make them (real sessions on a stepped clock,
real answers stored in the sample history)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from backcoach.core.effects import State
from backcoach.core.weekly_plan import SUGGESTED, plan_json

CIRCUIT = "stability-ball-circuit"
Shot = Callable[..., None]


def coaching_shots(w, clock, today, shot: Shot) -> None:  # type: ignore[no-untyped-def]
    from backcoach.ui.dialogs.weekly_plan import WeeklyPlanDialog

    ctx = w.ctx
    ctx.update_settings(
        weekly_plan=plan_json(SUGGESTED),
        reminders_on=True,
        reminder_times={"mon": "18:30", "wed": "18:30", "sat": "09:00"},
    )
    _earlier_steps(w, today)
    w.show_page(w.library)
    shot("library-today")
    routines = sorted(ctx.catalog.routines.values(), key=lambda r: (not r.builtin, r.name))
    dialog = WeeklyPlanDialog(routines, ctx.plan().entries, w)
    dialog.show()
    shot("weekly-plan", dialog)
    dialog.close()

    for pain in ((3, 2), (2, 2)):  # two good circuit sessions: the summary proposes a step
        _run_to_end(w, clock, pain)
    shot("summary-proposal")
    w.summary_page.proposal.accept.click()
    w.open_routine(CIRCUIT)
    shot("routine-levels")
    w.show_page(w.history_page)
    w.history_page.tabs.setCurrentIndex(1)
    shot("history-levels")
    w.history_page.tabs.setCurrentIndex(2)
    shot("history-plan")
    w.history_page.tabs.setCurrentIndex(0)


def _earlier_steps(w, today) -> None:  # type: ignore[no-untyped-def]
    """The last three weeks of the circuit as the History page draws them: the plank and
    the back extension up, a round, the plank up again, and a sore day taking it back.
    The sample's older sessions predate item indexes, so their outcomes are made here."""
    from backcoach.core.progression import Mark, PastSession, propose
    from backcoach.core.records import SessionStatus

    book = w.ctx.levels()
    routine = w.ctx.catalog.routine(CIRCUIT)
    start = datetime.combine(today - timedelta(days=20), time(19, 0)).astimezone()
    steps = (((3, 2), 0, None), ((3, 2), 6, None), ((3, 2), 12, None), ((2, 5), 15, {"plank"}))
    for (before, after), days, accept in steps:
        state = book.state(routine)
        last = max((c.after_session for c in state.changes), default=0)
        marks = tuple(Mark(s.item_index, s.exercise_id, True, False, False) for s in state.slots)
        outcomes = [
            PastSession(last + i, SessionStatus.COMPLETED, before, after, marks) for i in (1, 2)
        ]
        proposal = propose(state, outcomes)
        keys = {c.slot for c in proposal.changes} if accept is None else accept
        book.confirm(state, proposal, keys, start + timedelta(days=days))


def _run_to_end(w, clock, pain) -> None:  # type: ignore[no-untyped-def]
    routine = w.ctx.catalog.routine(CIRCUIT)
    w.open_routine(CIRCUIT)
    w.flow.start(routine, w.routine_page.options(), voice=False, pain_before=pain[0])
    driver = w.flow.driver
    w.setUpdatesEnabled(False)  # thousands of ticks: paint only the shots
    while driver.state == State.RUNNING:
        clock.now += 0.5
        driver.tick()
    w.setUpdatesEnabled(True)
    w.summary_page.pain.setValue(pain[1])
    w.summary_page.save.click()
