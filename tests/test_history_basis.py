"""Completion on one basis: a session's planned_s and done_s are both exercise seconds,
so a session done as planned is 100 % done, and a stopped or skipped one counts against
the same figure. Sessions run by the real Coach and SessionMachine on a stepped clock into
a real SQLite file; the migration is run on a real file written at schema version 6."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from backcoach.core import history_export, history_ops
from backcoach.core.coach import Coach, SessionInfo
from backcoach.core.effects import State
from backcoach.core.history import HistoryStore
from backcoach.core.plan import Plan, PlanOptions, build_plan
from backcoach.core.records import SessionStatus
from tests.fakes import FakeClock
from tests.history_helpers import reader
from tests.test_history_schema import V6_DDL


@pytest.fixture
def store(tmp_path: Path):
    with HistoryStore.open(tmp_path / "history.sqlite3") as s:
        yield s


def _started(store: HistoryStore, plan: Plan) -> tuple[Coach, FakeClock]:
    """A real Coach on ``plan``, writing to ``store``, started on a stepped clock."""
    clock = FakeClock()
    coach = Coach(plan, clock, history=store, info=SessionInfo(pain_before=2))
    coach.start()
    return coach, clock


def _run(coach: Coach, clock: FakeClock, until: float | None = None) -> None:
    """Tick the coach on a stepped clock until it ends, or ``until`` session seconds."""
    t0 = clock.now
    while coach.state == State.RUNNING and (until is None or clock.now - t0 < until):
        coach.tick(clock.advance(0.25))


def test_a_session_done_as_planned_is_100_percent_done(store, catalog) -> None:
    plan = build_plan(catalog.routine("extra-stretches"), catalog, with_cues=False)
    assert plan.work_s < plan.total_s  # get-ready and switches are not exercise time
    coach, clock = _started(store, plan)
    _run(coach, clock)
    assert coach.state == State.FINISHED
    row = store.sessions()[0]
    assert row.status is SessionStatus.COMPLETED
    assert row.planned_s == pytest.approx(plan.work_s)
    assert row.done_s == pytest.approx(row.planned_s)
    assert (row.planned_basis, row.completion) == ("work", 1.0)
    detail = store.session(row.id)
    assert detail is not None
    doc = json.loads(_export(detail, "json"))["sessions"][0]
    assert doc["done_s"] == pytest.approx(doc["planned_s"]) and doc["done_pct"] == 100
    assert "session_done_pct" in _export(detail, "csv").splitlines()[0]


def _export(detail, fmt: str) -> str:  # type: ignore[no-untyped-def]
    import io

    out = io.StringIO()
    history_export.write([detail], out, fmt)
    return out.getvalue()


def test_stopped_and_skipped_sessions_count_against_the_same_basis(store, catalog) -> None:
    plan = build_plan(catalog.routine("extra-stretches"), catalog, with_cues=False)
    first = plan.work_segments[0]
    coach, clock = _started(store, plan)
    _run(coach, clock, until=first.start_s + first.duration_s / 2)  # half the first set
    coach.skip()  # the rest of it skipped
    _run(coach, clock, until=plan.work_segments[1].duration_s / 2 + 20)
    coach.stop()
    row = store.sessions()[0]
    assert row.status is SessionStatus.STOPPED
    assert row.planned_s == pytest.approx(plan.work_s)  # the sets never reached still count
    done = sum(r.done_s for r in coach.records)
    assert row.done_s == pytest.approx(done) and 0 < done < plan.work_s
    assert row.completion == pytest.approx(done / plan.work_s)


def test_an_easier_variant_mid_session_still_reads_100_percent(store, catalog) -> None:
    routine = catalog.routine("stability-ball-circuit")
    plan = build_plan(routine, catalog, with_cues=False)
    plank = next(s for s in plan.work_segments if s.exercise_id == "plank")
    coach, clock = _started(store, plan)
    _run(coach, clock, until=plank.start_s + 3)
    assert coach.machine.segment.exercise_id == "plank"
    coach.hurt()
    easier = build_plan(routine, catalog, PlanOptions(variants={"plank": "side-plank"}), False)
    assert easier.work_s != plan.work_s  # side plank is held on each side
    coach.replace_plan(easier)
    coach.resume()
    _run(coach, clock)
    row = store.sessions()[0]
    assert row.status is SessionStatus.COMPLETED
    assert row.done_s == pytest.approx(row.planned_s) and row.completion == 1.0
    assert row.planned_s != pytest.approx(plan.work_s)


def test_back_redoes_a_set_without_counting_it_twice_in_the_plan(store, catalog) -> None:
    plan = build_plan(catalog.routine("extra-stretches"), catalog, with_cues=False)
    second = plan.work_segments[1]
    coach, clock = _started(store, plan)
    _run(coach, clock, until=second.start_s + 1)
    coach.back()  # within the grace: back to the first set, done again
    _run(coach, clock)
    row = store.sessions()[0]
    assert row.planned_s == pytest.approx(plan.work_s)
    assert row.done_s > row.planned_s and row.completion == 1.0


# ----- the migration, on a file as version 6 wrote it --------------------------------


def _version_6_file(path: Path) -> None:
    """Four sessions on the old (timeline) basis: a completed one with a set done again
    after Back, a stopped one, one a crash left running, a completed one with no sets."""
    con = sqlite3.connect(path)
    con.executescript(V6_DDL)
    con.executescript(
        """
        INSERT INTO sessions (id, routine_id, routine_name, started_at, ended_at, status,
                              planned_s, done_s, app_version)
        VALUES (1, 'extra-stretches', 'Extra stretches', '2026-11-01T18:00:00+01:00',
                '2026-11-01T18:14:00+01:00', 'completed', 840, 690, '0.9.0'),
               (2, 'extra-stretches', 'Extra stretches', '2026-11-02T18:00:00+01:00',
                '2026-11-02T18:05:00+01:00', 'stopped', 840, 200, '0.9.0'),
               (3, 'glute-check', 'Glute check', '2026-11-03T18:00:00+01:00', NULL,
                'running', 600, 60, '0.9.0'),
               (4, 'glute-check', 'Glute check', '2026-11-04T18:00:00+01:00',
                '2026-11-04T18:10:00+01:00', 'completed', 600, 0, '0.9.0');
        INSERT INTO segments (session_id, position, exercise_id, exercise_name, side, set_no,
                              round_no, planned_s, done_s, skipped, item_index)
        VALUES (1, 1, 'child-pose', 'Child pose', 'none', 1, 1, 60, 60, 0, 0),
               (1, 1, 'child-pose', 'Child pose', 'none', 1, 1, 60, 30, 0, 0),
               (1, 3, 'couch', 'Couch stretch', 'left', 1, 1, 300, 300, 0, 1),
               (1, 5, 'couch', 'Couch stretch', 'right', 1, 1, 300, 300, 0, 1),
               (2, 1, 'child-pose', 'Child pose', 'none', 1, 1, 60, 60, 0, 0),
               (2, 3, 'couch', 'Couch stretch', 'left', 1, 1, 300, 140, 0, 1),
               (3, 1, 'glute-bridge', 'Glute bridge', 'none', 1, 1, 60, 60, 0, 0);
        """
    )
    con.commit()
    con.close()


def test_migration_rebases_what_the_file_can_prove_and_marks_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    _version_6_file(db)
    before = reader(db).execute("SELECT id, done_s FROM sessions ORDER BY id").fetchall()

    with HistoryStore.open(db) as store:
        rows = {s.id: s for s in store.sessions()}
    assert reader(db).execute("PRAGMA user_version").fetchone()[0] == 7
    # Completed: every set is in the file; the one done twice counts once (its last row).
    assert (rows[1].planned_s, rows[1].planned_basis) == (660.0, "work")
    assert rows[1].completion == 1.0  # 690 s done: the child pose twice
    # Stopped and crashed: the sets after the stop were never written, so the work they
    # were to have is not known. Left as they were, marked, no percentage.
    for sid, planned in ((2, 840.0), (3, 600.0)):
        assert (rows[sid].planned_s, rows[sid].planned_basis) == (planned, "timeline")
        assert rows[sid].completion is None
    # Completed but with no sets in the file: nothing to rebase on.
    assert (rows[4].planned_basis, rows[4].completion) == ("timeline", None)
    # done_s is history as it was; only planned_s moved.
    assert reader(db).execute("SELECT id, done_s FROM sessions ORDER BY id").fetchall() == before
    pct = dict(reader(db).execute("SELECT id, pct FROM session_overview").fetchall())
    assert pct == {1: 100, 2: None, 3: None, 4: None}


def test_an_old_versions_recovery_file_keeps_its_basis(tmp_path: Path) -> None:
    """Ops kept by a version before 7 (no work_basis, no planned_s at the end) are merged
    as that version meant them: rebased when completed, marked otherwise."""
    old_begin = {
        "op": "begin",
        "key": -1,
        "routine_id": "r",
        "routine_name": "R",
        "started_at": "2026-11-05T18:00:00+01:00",
        "planned_s": 900.0,
        "pain_before": None,
        "app_version": "0.9.0",
        "owner_pid": None,
        "owner_started": None,
    }
    HistoryStore.open(tmp_path / "h.db").close()
    ops = [
        history_ops.from_json(old_begin),
        history_ops.from_json(
            {"op": "segment", "key": -1, "record": _record_json(position=1, planned=120.0)}
        ),
        history_ops.from_json({**old_begin, "key": -2}),
        history_ops.from_json(
            {"op": "segment", "key": -2, "record": _record_json(position=1, planned=60.0)}
        ),
        history_ops.from_json(
            {"op": "end", "key": -1, "status": "completed", "ended_at": "2026-11-05T18:15"}
        ),
        history_ops.from_json(
            {"op": "end", "key": -2, "status": "stopped", "ended_at": "2026-11-05T18:15"}
        ),
    ]
    con = sqlite3.connect(tmp_path / "h.db", isolation_level=None)
    ids: dict[int, int] = {}
    con.execute("BEGIN")
    for op in ops:
        history_ops.apply(con, op, ids)
    con.execute("COMMIT")
    con.close()
    with HistoryStore.open(tmp_path / "h.db") as store:
        rows = {s.id: s for s in store.sessions()}
    assert (rows[ids[-1]].planned_s, rows[ids[-1]].planned_basis) == (120.0, "work")
    assert (rows[ids[-2]].planned_s, rows[ids[-2]].planned_basis) == (900.0, "timeline")


def _record_json(position: int, planned: float) -> dict[str, object]:
    return {
        "index": position,
        "exercise_id": "plank",
        "exercise_name": "Plank",
        "variant": "",
        "side": "none",
        "set_no": 1,
        "round_no": 1,
        "planned_s": planned,
        "done_s": planned,
    }
