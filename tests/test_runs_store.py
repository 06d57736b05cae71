"""Runs and shoes in the real SQLite history file: imports, duplicates, one
transaction per file, shoes, runs typed in, and the history's not-saving mode."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from backcoach.core.history import HistoryStore
from backcoach.runs import store as store_module
from backcoach.runs.model import Surface
from backcoach.runs.store import RunLog, ShoeError
from tests.history_helpers import reader

TZ = timezone(timedelta(hours=2))


@pytest.fixture
def log(tmp_path: Path):  # type: ignore[no-untyped-def]
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        yield RunLog(store)


def _rows(path: Path) -> list[tuple[object, ...]]:
    return reader(path).execute("SELECT * FROM runs ORDER BY id").fetchall()


def test_batch_keeps_one_run_skips_the_ride_and_names_the_broken(log: RunLog, run_files) -> None:
    files = [
        run_files[r]
        for r in ("run_gpx", "run_tcx", "run_fit", "ride_fit", "corrupt_fit", "truncated_fit")
    ]
    report = log.import_files(files)
    assert report.imported == 1
    (run,) = log.runs()
    assert run.source == "2025-05-04-morning-run.fit"  # the FIT wins whatever the order
    assert run.source_format == "fit" and run.surface is Surface.ROAD
    assert [f.name for f in report.files] == [p.name for p in files]  # report in the order given
    skipped = "\n".join(report.skipped_lines)
    assert (
        skipped.count("already in your log") == 2 and "evening-ride.fit: skipped: a ride" in skipped
    )
    errors = report.error_lines
    assert [e.split(":")[0] for e in errors] == ["corrupt.fit", "truncated.fit"]


def test_second_import_of_the_same_files_changes_nothing(log: RunLog, run_files) -> None:
    files = [run_files["run_fit"], run_files["treadmill_fit"]]
    log.import_files(files)
    before = _rows(log.history.path)
    again = log.import_files(files)
    assert again.imported == 0
    assert all("already in your log" in line for line in again.skipped_lines)
    assert "from this same file" in again.skipped_lines[0]
    assert _rows(log.history.path) == before


def test_treadmill_without_distance_is_kept_with_a_note(log: RunLog, run_files) -> None:
    report = log.import_files([run_files["treadmill_fit"]])
    assert report.imported == 1 and "counted by time" in report.files[0].notes[-1]
    (run,) = log.runs()
    assert (run.distance_m, run.moving_s, run.surface, run.hilly) == (
        0.0,
        1800.0,
        Surface.TREADMILL,
        None,
    )


def test_a_file_is_one_transaction(log: RunLog, run_files, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing part-way through a file leaves none of that file behind."""
    calls = {"n": 0}
    real = store_module._insert

    def flaky(conn: sqlite3.Connection, a, shoe, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(conn, a, shoe, **kw)

    from backcoach.runs.files import FileRead, read_file

    one = read_file(run_files["run_fit"])
    # A file holding two runs (as a multisport FIT or a zip would): the second write fails.
    later = replace(one.activities[0], start=one.activities[0].start + timedelta(hours=3))
    two = FileRead("two.fit", (one.activities[0], later))
    monkeypatch.setattr(store_module, "_insert", flaky)
    report = log.import_reads([two])
    assert report.imported == 0 and "not saved" in report.error_lines[0]
    assert _rows(log.history.path) == []


def test_a_file_the_history_refuses_is_named_and_nothing_is_half_written(
    tmp_path: Path, run_files, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the history file: the import says so, file by file."""
    from backcoach.core import history_saver

    monkeypatch.setattr(history_saver, "BUSY_TIMEOUT_S", 0.05)
    db = tmp_path / "h.db"
    with HistoryStore.open(db) as store:
        log = RunLog(store)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        report = log.import_files([run_files["run_fit"], run_files["treadmill_fit"]])
        holder.execute("ROLLBACK")
        holder.close()
        assert report.imported == 0 and len(report.error_lines) == 2
        assert all("not saved: It could not be saved" in line for line in report.error_lines)
        assert log.count() == 0
        assert log.import_files([run_files["run_fit"]]).imported == 1  # and later it works


def test_default_shoe_counts_runs_from_its_first_day(log: RunLog, run_files) -> None:
    old = log.add_shoe("Old pair", date(2024, 1, 1), 500_000, start_m=495_000)
    new = log.add_shoe("Pegasus 40", date(2025, 5, 5), 650_000, make_default=True)
    log.import_files([run_files["run_fit"], run_files["treadmill_fit"]])  # 4 May and 7 May
    by_day = {r.day: r.shoe for r in log.runs()}
    assert by_day == {date(2025, 5, 4): "", date(2025, 5, 7): "Pegasus 40"}
    run_4th = next(r for r in log.runs() if r.day == date(2025, 5, 4))
    log.update_run(run_4th.id, shoe_id=old)
    shoes = {s.name: s for s in log.shoes()}
    assert shoes["Old pair"].distance_m == pytest.approx(495_000 + run_4th.distance_m)
    assert shoes["Old pair"].due and not shoes["Pegasus 40"].due
    assert log.default_shoe() is not None and log.default_shoe().id == new  # type: ignore[union-attr]


def test_one_default_shoe_and_retired_shoes_are_nobodys_default(log: RunLog) -> None:
    a = log.add_shoe("A", date(2025, 1, 1), 600_000, make_default=True)
    b = log.add_shoe("B", date(2025, 2, 1), 600_000, make_default=True)
    assert [s.name for s in log.shoes() if s.is_default] == ["B"]
    log.retire_shoe(b, date(2025, 6, 1))  # type: ignore[arg-type]
    assert log.default_shoe() is None
    log.set_default_shoe(a)
    assert log.default_shoe().name == "A"  # type: ignore[union-attr]
    assert [s.name for s in log.shoes()] == ["A", "B"]  # retired last


def test_shoe_mistakes_are_refused_and_nothing_is_left_open(log: RunLog) -> None:
    log.add_shoe("Trail", date(2025, 1, 1), 600_000)
    with pytest.raises(ShoeError, match="already have a shoe"):
        log.add_shoe("  trail ", date(2025, 1, 1), 600_000)
    with pytest.raises(ShoeError, match="retire-at"):
        log.add_shoe("Tiny", date(2025, 1, 1), 10)
    with pytest.raises(ShoeError, match="name"):
        log.add_shoe("   ", date(2025, 1, 1), 600_000)
    assert not log.history._saver._conn.in_transaction  # type: ignore[union-attr]
    assert log.add_shoe("Road", date(2025, 1, 1), 600_000) is not None


def test_runs_typed_in(log: RunLog) -> None:
    start = datetime(2025, 6, 1, 8, 0, tzinfo=TZ)
    run_id, why = log.add_manual(start, 12_000, 3900, Surface.TRAIL, True, None, " muddy ")
    assert why == "" and run_id is not None
    run = log.run(run_id)
    assert run is not None
    assert (
        run.start,
        run.distance_m,
        run.moving_s,
        run.surface,
        run.hilly,
        run.note,
        run.source_format,
    ) == (start, 12_000, 3900, Surface.TRAIL, True, "muddy", "manual")
    again, why = log.add_manual(start + timedelta(seconds=30), 12_100, 3900)
    assert again is None and "already in your log" in why
    assert log.add_manual(start, -1, 3900)[1].startswith("distance")
    assert log.add_manual(start, 5000, 0)[1].startswith("duration")


def test_load_and_weeks_read_from_the_file(log: RunLog) -> None:
    today = date(2025, 6, 18)
    for days_ago, km in [(0, 10), (3, 10), (9, 5), (16, 5), (23, 5), (40, 5)]:
        start = datetime.combine(
            today - timedelta(days=days_ago), datetime.min.time(), TZ
        ) + timedelta(hours=7)
        log.add_manual(start, km * 1000, km * 300)
    current = log.load(today)
    assert (current.acute_m, current.chronic_m) == (20_000, (20_000 + 15_000) / 4)
    assert current.ratio == pytest.approx(20 / 8.75)
    weeks = log.weeks(4, today)
    assert [w.distance_m for w in weeks] == [5_000, 5_000, 15_000, 10_000]  # Sun 15th is last week


def test_session_linked_to_the_run_it_followed(log: RunLog) -> None:
    store = log.history
    sid = store.begin_session("post-run-cooldown", "Cool-down", 600, 3, "t")
    run_id, _ = log.add_manual(datetime.now(TZ), 5000, 1500)
    log.link_session(sid, run_id)
    assert log.session_run(sid) == run_id  # type: ignore[arg-type]
    log.link_session(sid, None)
    assert log.session_run(sid) is None  # type: ignore[arg-type]


def test_seen_files_remember_size_and_time(log: RunLog) -> None:
    log.mark_seen("/w/a.fit", 10, 99, "imported")
    log.mark_seen("/w/a.fit", 12, 100, "cut short")
    assert log.seen_files() == {"/w/a.fit": (12, 100)}
