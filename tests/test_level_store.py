"""Levels in the real history file: sessions run by the real Coach and SessionMachine on a
stepped clock, the proposal read back from SQLite, the runner's answer stored with its
reason and date, and the next plan built at the new level."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backcoach.core.coach import Coach, SessionInfo
from backcoach.core.effects import State
from backcoach.core.history import HistoryStore
from backcoach.core.level_book import LevelBook
from backcoach.core.levels import ROUNDS_KEY, Level
from backcoach.core.plan import PlanOptions, SegmentKind, build_plan
from backcoach.core.progression import LevelChange
from tests.fakes import FakeClock

TZ = timezone(timedelta(hours=1))
DAY0 = datetime(2026, 11, 2, 18, 0, tzinfo=TZ)


def run_session(store, book, routine, pain, day: int, hurt_at: float | None = None) -> int:  # type: ignore[no-untyped-def]
    """The routine at the runner's levels, start to end, then pain after saved."""
    levels, rounds = book.plan_levels(routine)
    plan = build_plan(routine, book.catalog, PlanOptions(rounds=rounds, levels=levels), False)
    clock = FakeClock()
    info = SessionInfo(pain_before=pain[0], started_at=DAY0 + timedelta(days=day))
    coach = Coach(plan, clock, history=store, info=info)
    coach.start()
    while coach.state == State.RUNNING:
        coach.tick(clock.advance(0.5))
        if hurt_at is not None and clock.now - 1000 >= hurt_at:
            coach.hurt()
            coach.resume()
            hurt_at = None
    store.save_summary(coach.session_id, pain[1], "")
    return coach.session_id  # type: ignore[no-any-return]


@pytest.fixture
def store(tmp_path: Path):
    with HistoryStore.open(tmp_path / "history.sqlite3") as s:
        yield s


def test_changes_round_trip_with_reason_and_date(store) -> None:
    at = datetime(2026, 11, 3, 19, 5, 7, tzinfo=TZ)
    rows = [
        LevelChange("c", "plank", "up", "Good.", 2, at, "plank", Level("", 50.0, None, 3)),
        LevelChange("c", ROUNDS_KEY, "declined-up", "Good.", 2, at, rounds=4),
    ]
    assert store.record_level_changes(rows)
    assert store.level_changes("c") == rows
    assert store.level_changes("other") == []


def test_six_sessions_then_pain_up_through_the_real_store(store, catalog, capsys) -> None:
    """The issue's example on a real SQLite file, printing the trace it shows."""
    routine = catalog.routine("stability-ball-circuit")
    book = LevelBook(store, catalog)
    trace = []
    pains = [(3, 3), (3, 2), (2, 2), (3, 3), (2, 2), (2, 1), (2, 5)]
    for day, pain in enumerate(pains, 1):
        sid = run_session(store, book, routine, pain, day)
        state, proposal = book.proposal(routine)
        before = f"plank {state.levels['plank'].describe()}, rounds {state.rounds}"
        trace.append(f"session {sid} (pain {pain[0]}→{pain[1]}) at {before}")
        trace += [f"    proposed: {c.describe()} ({c.reason})" for c in proposal.changes]
        if proposal.changes:
            at = DAY0 + timedelta(days=day, hours=1)
            assert book.confirm(state, proposal, {c.slot for c in proposal.changes}, at)
            trace.append("    confirmed")
    final = book.state(routine)
    trace.append(f"now: plank {final.levels['plank'].describe()}, rounds {final.rounds}")
    with capsys.disabled():
        print("\n" + "\n".join(trace))
    kinds = [(c.slot, c.kind, c.after_session) for c in store.level_changes(routine.id)]
    assert kinds == [
        ("plank", "up", 2), ("ball-back-extension", "up", 2), (ROUNDS_KEY, "up", 4),
        ("plank", "up", 6), ("ball-back-extension", "up", 6),
        ("plank", "back", 7), ("ball-back-extension", "back", 7), (ROUNDS_KEY, "back", 7),
    ]  # fmt: skip
    assert final.levels["plank"] == Level("", 50.0, None, 3) and final.rounds == 3
    changes = store.level_changes(routine.id)
    assert changes[0].decided_at == DAY0 + timedelta(days=2, hours=1)
    assert changes[-1].reason == "Your pain went from 2 to 5: one round fewer."


def plank_up_after_two(store, catalog):  # type: ignore[no-untyped-def]
    """Two good circuit sessions, and only the plank's step accepted."""
    routine = catalog.routine("stability-ball-circuit")
    book = LevelBook(store, catalog)
    for day in (1, 2):
        run_session(store, book, routine, (3, 3), day)
    state, proposal = book.proposal(routine)
    book.confirm(state, proposal, {"plank"}, DAY0 + timedelta(days=2))
    return book, routine


def test_the_next_plan_uses_the_confirmed_level(store, catalog) -> None:
    book, routine = plank_up_after_two(store, catalog)
    sid = run_session(store, book, routine, (3, 3), 3)
    detail = store.session(sid)
    plank = [s for s in detail.segments if s.exercise_id == "plank"]
    assert {s.planned_s for s in plank} == {50.0}
    assert {s.item_index for s in detail.segments} == {0, 1, 2, 3, 4}
    back_ext = [s for s in detail.segments if s.exercise_id == "ball-back-extension"]
    assert {s.planned_reps for s in back_ext} == {12}  # turned down: still at the start


def test_this_hurts_in_a_real_session_proposes_a_step_back(store, catalog) -> None:
    book, routine = plank_up_after_two(store, catalog)
    plan = build_plan(routine, catalog, with_cues=False)
    first_plank = next(s for s in plan.segments if s.kind == SegmentKind.WORK)
    run_session(store, book, routine, (3, 3), 3, hurt_at=first_plank.start_s + 20)
    _, proposal = book.proposal(routine)
    assert [c.describe() for c in proposal.changes] == ["Plank: 50 s × 3 → 45 s × 3"]


def test_a_full_disk_loses_no_level_and_says_so(
    tmp_path: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backcoach.core import history_files

    # Room for the schema and little more: a real SQLITE_FULL on the first big write.
    monkeypatch.setattr(
        history_files, "PRAGMAS", (*history_files.PRAGMAS, "PRAGMA max_page_count = 15")
    )
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        book = LevelBook(store, catalog)
        routine = catalog.routine("stability-ball-circuit")
        big = [LevelChange(routine.id, ROUNDS_KEY, "by-hand", "x" * 4000, 0, DAY0, rounds=4)] * 40
        assert not store.record_level_changes(big)
        assert not store.saving and "disk is full" in store.notice
        assert not book.set_rounds(book.state(routine), 4, DAY0)
        assert book.state(routine).rounds == 3
        assert store.level_changes() == []  # the failed write left nothing half-done


def test_the_command_line_plans_at_the_runners_levels(data_dir, catalog, capsys) -> None:
    import json

    from backcoach import paths
    from backcoach.cli import main

    with HistoryStore.open(paths.history_db()) as store:
        book = LevelBook(store, catalog)
        routine = catalog.routine("stability-ball-circuit")
        book.set_level(book.state(routine), "plank", Level("", 55.0, None, 4), DAY0)
        book.set_rounds(book.state(routine), 4, DAY0)
    assert main(["plan", "stability-ball-circuit", "--json"]) == 0
    work = [s for s in json.loads(capsys.readouterr().out)["segments"] if s["kind"] == "work"]
    plank = [s for s in work if s["exercise"] == "plank"]
    assert {s["round"] for s in work} == {1, 2, 3, 4}
    assert [s["duration_s"] for s in plank if s["round"] == 1] == [55, 55, 55, 55]
    assert main(["plan", "stability-ball-circuit", "--json", "--rounds", "2"]) == 0
    work = [s for s in json.loads(capsys.readouterr().out)["segments"] if s["kind"] == "work"]
    assert {s["round"] for s in work} == {1, 2}  # asked for on the command line: that wins
