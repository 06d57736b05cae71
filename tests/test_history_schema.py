"""Schema and migrations: files written by every older version open with today's code
and keep their data; a migrated file has the same schema as a fresh one.

The old schemas below are frozen copies of what those versions wrote. They are
deliberately not imported from history_schema, so an edit to a shipped migration
fails here instead of silently changing what "version 1" means.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from backcoach.core import history_files, history_schema
from backcoach.core.history import HistoryStore
from backcoach.core.records import SessionStatus
from tests.history_helpers import add_session, day, reader

V1_DDL = """
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    routine_id    TEXT    NOT NULL,
    routine_name  TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    ended_at      TEXT,
    status        TEXT    NOT NULL DEFAULT 'running'
                  CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    planned_s     REAL    NOT NULL DEFAULT 0,
    done_s        REAL    NOT NULL DEFAULT 0,
    pain_before   INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after    INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    app_version   TEXT    NOT NULL DEFAULT ''
);
CREATE TABLE segments (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    exercise_id    TEXT    NOT NULL,
    exercise_name  TEXT    NOT NULL,
    variant        TEXT    NOT NULL DEFAULT '',
    side           TEXT    NOT NULL DEFAULT 'none',
    set_no         INTEGER NOT NULL DEFAULT 1,
    round_no       INTEGER NOT NULL DEFAULT 1,
    planned_s      REAL    NOT NULL DEFAULT 0,
    done_s         REAL    NOT NULL DEFAULT 0,
    planned_reps   INTEGER,
    done_reps      INTEGER,
    skipped        INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
    hurt           INTEGER NOT NULL DEFAULT 0 CHECK (hurt IN (0, 1))
);
PRAGMA user_version = 1;
"""
V2_DDL = (
    V1_DDL.replace("PRAGMA user_version = 1;", "")
    + """
ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at_s         REAL    NOT NULL DEFAULT 0,
    kind         TEXT    NOT NULL,
    exercise_id  TEXT    NOT NULL DEFAULT '',
    side         TEXT    NOT NULL DEFAULT '',
    value        TEXT    NOT NULL DEFAULT ''
);
PRAGMA user_version = 2;
"""
)
V3_DDL = (
    V2_DDL.replace("PRAGMA user_version = 2;", "")
    + """
CREATE INDEX sessions_by_start ON sessions(started_at);
CREATE INDEX segments_by_session ON segments(session_id, position);
CREATE INDEX events_by_session ON events(session_id, at_s);
CREATE INDEX sessions_running ON sessions(status) WHERE status = 'running';
CREATE VIEW session_overview AS
SELECT id, substr(started_at, 1, 16) AS started, routine_name AS routine, status,
       round(done_s / 60.0, 1) AS done_min, round(planned_s / 60.0, 1) AS planned_min,
       CASE WHEN planned_s > 0
            THEN CAST(round(100.0 * min(done_s, planned_s) / planned_s) AS INTEGER)
       END AS pct,
       pain_before, pain_after, notes
FROM sessions;
PRAGMA user_version = 3;
"""
)
V4_DDL = (
    V3_DDL.replace("PRAGMA user_version = 3;", "")
    + """
ALTER TABLE sessions ADD COLUMN owner_pid INTEGER;
ALTER TABLE sessions ADD COLUMN owner_started REAL;
CREATE TABLE recovery_merged (
    name       TEXT PRIMARY KEY,
    merged_at  TEXT NOT NULL
);
PRAGMA user_version = 4;
"""
)
V5_DDL = (
    V4_DDL.replace("PRAGMA user_version = 4;", "")
    + """
CREATE TABLE shoes (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    started_on   TEXT    NOT NULL,  -- ISO date it was first worn
    retire_at_m  REAL    NOT NULL CHECK (retire_at_m > 0),  -- set by the runner
    start_m      REAL    NOT NULL DEFAULT 0 CHECK (start_m >= 0),  -- on it when added
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    retired_on   TEXT               -- ISO date, NULL while in use
);
CREATE UNIQUE INDEX shoes_one_default ON shoes(is_default) WHERE is_default = 1;
CREATE TABLE runs (
    id             INTEGER PRIMARY KEY,
    started_at     TEXT    NOT NULL,  -- ISO 8601 local time with the run's UTC offset
    start_utc      REAL    NOT NULL,  -- the same moment as Unix seconds: finds duplicates
    distance_m     REAL    NOT NULL DEFAULT 0 CHECK (distance_m >= 0),
    moving_s       REAL    NOT NULL DEFAULT 0 CHECK (moving_s >= 0),
    elapsed_s      REAL    NOT NULL DEFAULT 0 CHECK (elapsed_s >= 0),
    ascent_m       REAL,              -- NULL when the file had no elevation
    sport          TEXT    NOT NULL DEFAULT 'running',
    surface        TEXT    NOT NULL DEFAULT ''
                   CHECK (surface IN ('', 'road', 'trail', 'track', 'treadmill')),
    hilly          INTEGER CHECK (hilly IN (0, 1)),  -- NULL when not known
    shoe_id        INTEGER REFERENCES shoes(id) ON DELETE SET NULL,
    source         TEXT    NOT NULL DEFAULT '',  -- the file's name; '' when typed in
    source_format  TEXT    NOT NULL DEFAULT 'manual'
                   CHECK (source_format IN ('fit', 'gpx', 'tcx', 'manual')),
    note           TEXT    NOT NULL DEFAULT '',
    imported_at    TEXT    NOT NULL
);
CREATE INDEX runs_by_start ON runs(start_utc);
CREATE INDEX runs_by_day ON runs(started_at);
CREATE INDEX runs_by_shoe ON runs(shoe_id);
CREATE TABLE run_files (
    path      TEXT    PRIMARY KEY,  -- a file in the watched folder, read once
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL,
    outcome   TEXT    NOT NULL DEFAULT '',  -- what the import said about it
    seen_at   TEXT    NOT NULL
);
ALTER TABLE sessions ADD COLUMN run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL;
CREATE VIEW run_overview AS
SELECT r.id,
       substr(r.started_at, 1, 16)       AS started,
       round(r.distance_m / 1000.0, 2)   AS km,
       round(r.moving_s / 60.0, 1)       AS moving_min,
       round(r.ascent_m)                 AS ascent_m,
       r.surface,
       r.hilly,
       s.name                            AS shoe,
       r.source,
       r.note
FROM runs r LEFT JOIN shoes s ON s.id = r.shoe_id;
PRAGMA user_version = 5;
"""
)
V6_DDL = (
    V5_DDL.replace("PRAGMA user_version = 5;", "")
    + """
ALTER TABLE segments ADD COLUMN item_index INTEGER;
CREATE TABLE level_changes (
    id             INTEGER PRIMARY KEY,
    routine_id     TEXT    NOT NULL,
    slot           TEXT    NOT NULL,
    exercise_id    TEXT    NOT NULL DEFAULT '',
    decided_at     TEXT    NOT NULL,
    after_session  INTEGER NOT NULL DEFAULT 0,
    kind           TEXT    NOT NULL
                   CHECK (kind IN ('up', 'back', 'declined-up', 'declined-back',
                                   'by-hand', 'reset')),
    variant        TEXT    NOT NULL DEFAULT '',
    hold_s         REAL,
    reps           INTEGER,
    sets           INTEGER,
    rounds         INTEGER,
    reason         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX level_changes_by_routine ON level_changes(routine_id, id);
CREATE INDEX sessions_by_routine ON sessions(routine_id, id);
PRAGMA user_version = 6;
"""
)
OLD_VERSIONS = {1: V1_DDL, 2: V2_DDL, 3: V3_DDL, 4: V4_DDL, 5: V5_DDL, 6: V6_DDL}


def _old_file(path: Path, version: int) -> None:
    """A history file as version ``version`` left it: its DDL and a session in it,
    one finished and one the old app crashed in the middle of."""
    con = sqlite3.connect(path)
    con.executescript(OLD_VERSIONS[version])
    con.execute("PRAGMA journal_mode = WAL")
    con.executescript(
        """
        INSERT INTO sessions (routine_id, routine_name, started_at, ended_at, status, planned_s,
                              done_s, pain_before, pain_after, app_version)
        VALUES ('glute-check', 'Glute check', '2025-05-01T18:00:00+02:00',
                '2025-05-01T18:10:00+02:00', 'completed', 600, 540, 5, 3, '0.0.9'),
               ('plank-circuit', 'Circuit', '2025-05-02T18:00:00+02:00', NULL, 'running',
                600, 0, 4, NULL, '0.0.9');
        INSERT INTO segments (session_id, position, exercise_id, exercise_name, side, planned_s,
                              done_s, planned_reps, done_reps, skipped, hurt)
        VALUES (1, 0, 'glute-bridge', 'Glute bridge', 'none', 300, 300, 15, 15, 0, 0),
               (1, 2, 'glute-bridge', 'Glute bridge', 'none', 300, 240, 15, 12, 0, 1),
               (2, 0, 'plank', 'Plank', 'none', 60, 45, NULL, NULL, 0, 0);
        """
    )
    con.commit()
    con.close()


def _shape(path: Path) -> dict[str, object]:
    """What the schema means: columns, indexes, views, version; not its exact text."""
    con = reader(path)
    shape: dict[str, object] = {"version": con.execute("PRAGMA user_version").fetchone()[0]}
    for kind, name in con.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        if kind in ("table", "view"):
            shape[name] = con.execute(f"PRAGMA table_xinfo({name})").fetchall()
        else:
            shape[name] = con.execute(f"PRAGMA index_xinfo({name})").fetchall()
        if kind == "table":
            shape[name + ".fk"] = con.execute(f"PRAGMA foreign_key_list({name})").fetchall()
    con.close()
    return shape


def test_fresh_file_has_current_version_and_every_table(tmp_path: Path) -> None:
    HistoryStore.open(tmp_path / "h.db").close()
    shape = _shape(tmp_path / "h.db")
    assert shape["version"] == history_schema.SCHEMA_VERSION == 7
    assert {
        "sessions",
        "segments",
        "events",
        "session_overview",
        "sessions_by_start",
        "recovery_merged",
        "runs",
        "shoes",
        "run_files",
        "run_overview",
        "level_changes",
    } <= set(shape)
    columns = [c[1] for c in shape["sessions"]]  # type: ignore[union-attr]
    assert columns == [
        "id",
        "routine_id",
        "routine_name",
        "started_at",
        "ended_at",
        "status",
        "planned_s",
        "done_s",
        "pain_before",
        "pain_after",
        "app_version",
        "notes",
        "owner_pid",
        "owner_started",
        "run_id",
        "planned_basis",
    ]
    assert "recovery_merged" in shape


@pytest.mark.parametrize("version", sorted(OLD_VERSIONS))
def test_every_older_version_migrates_keeping_its_data(tmp_path: Path, version: int) -> None:
    old = tmp_path / "old.db"
    _old_file(old, version)
    assert reader(old).execute("PRAGMA user_version").fetchone()[0] == version

    with HistoryStore.open(old) as store:
        assert (store.saving, store.notice) == (True, "")
        assert store.recovered == 1  # the old app's crashed session
        rows = {s.routine_id: s for s in store.sessions()}
        assert rows["glute-check"].status is SessionStatus.COMPLETED
        assert (rows["glute-check"].pain_before, rows["glute-check"].pain_after) == (5, 3)
        assert rows["glute-check"].notes == ""
        assert rows["plank-circuit"].status is SessionStatus.INTERRUPTED
        assert rows["plank-circuit"].done_s == 45.0
        detail = store.session(rows["glute-check"].id)
        assert detail is not None
        assert [(r.index, r.done_reps, r.hurt, r.item_index) for r in detail.segments] == [
            (0, 15, False, -1),  # recorded before item indexes were kept
            (2, 12, True, -1),
        ]
        assert store.level_changes() == []
        # Old sessions still count for the progression rules, matched by exercise.
        assert [(o.session_id, len(o.marks)) for o in store.outcomes("glute-check")] == [(1, 2)]
        # The migrated file takes new writes, including what later versions added.
        add_session(store, day(1))
        assert store.count() == 3

    fresh = tmp_path / "fresh.db"
    HistoryStore.open(fresh).close()
    assert _shape(old) == _shape(fresh)
    assert reader(old).execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert reader(old).execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_failed_migration_leaves_the_file_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.db"
    _old_file(old, 1)
    broken = (*history_schema.MIGRATIONS[1][:1], "CREATE TABLE events (oops")
    monkeypatch.setattr(
        history_schema,
        "MIGRATIONS",
        (history_schema.MIGRATIONS[0], broken, *history_schema.MIGRATIONS[2:]),
    )
    con = sqlite3.connect(old, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        history_schema.migrate(con)
    con.close()
    con = reader(old)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    # The ALTER TABLE that ran before the failure was rolled back with it.
    assert "notes" not in [c[1] for c in con.execute("PRAGMA table_info(sessions)")]


def test_foreign_keys_cascade_when_a_session_is_deleted(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.db") as store:
        sid = add_session(store, day(1), segments=4)
    con = history_files.connect(tmp_path / "h.db")  # foreign keys on, as the store has them
    con.execute("DELETE FROM sessions WHERE id = ?", (sid,))
    con.close()
    assert reader(tmp_path / "h.db").execute("SELECT count(*) FROM segments").fetchone()[0] == 0


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command-line tool")
def test_the_stock_sqlite3_tool_reads_it(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    with HistoryStore.open(db) as store:
        add_session(store, day(1), segments=4, done_s=15.0, pain=(5, 3))
    out = subprocess.run(
        ["sqlite3", "-readonly", str(db), ".tables", "SELECT * FROM session_overview;"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tables = {"events", "recovery_merged", "segments", "session_overview", "sessions"}
    runs = {"run_files", "run_overview", "runs", "shoes"}
    assert tables | runs | {"level_changes"} == set(out.split()[:10])  # printed in columns
    assert "1|2025-06-01T18:00|Glute check and bridge|completed|1.0|2.0|50|5|3|" in out


def test_version_4_file_gains_runs_and_shoes_and_keeps_its_sessions(tmp_path: Path) -> None:
    """The step the runner's side adds (version 5), from the version before it."""
    from datetime import date, datetime, timedelta, timezone

    from backcoach.runs.store import RunLog

    old = tmp_path / "v4.db"
    _old_file(old, 4)
    with HistoryStore.open(old) as store:
        log = RunLog(store)
        assert (log.count(), log.shoes()) == (0, [])
        shoe = log.add_shoe("Trail shoes", date(2025, 4, 1), 600_000, make_default=True)
        start = datetime(2025, 5, 1, 7, 0, tzinfo=timezone(timedelta(hours=2)))
        run_id, why = log.add_manual(start, 10_000, 3000, shoe_id=shoe)
        assert why == ""
        glute = next(s for s in store.sessions() if s.routine_id == "glute-check")
        log.link_session(glute.id, run_id)
        assert log.session_run(glute.id) == run_id
        assert [s.name for s in log.shoes()] == ["Trail shoes"]
        assert log.shoes()[0].distance_m == 10_000
        # Deleting the run unlinks the session; the session itself stays.
        log.delete_run(run_id)  # type: ignore[arg-type]
        assert log.session_run(glute.id) is None
        assert store.count() == 2
    assert reader(old).execute("PRAGMA foreign_key_check").fetchall() == []
