"""The history file's schema, as an ordered list of migrations.

``PRAGMA user_version`` says how many migrations a file has had. Opening a file runs
the ones it is missing, each in its own transaction together with the version bump, so
a crash mid-migration leaves the file at the previous version, never half-way.
A fresh file runs every migration from the first, so a migrated file and a fresh one
have the same schema by construction.

Migrations are append-only: never edit one that has shipped, add a new one.

The tables are meant to be read by a person with the stock ``sqlite3`` tool: plain
column names, times as ISO 8601 local time with its UTC offset, seconds as numbers,
0/1 for yes/no, and a ``session_overview`` view with minutes and percentages.
"""

from __future__ import annotations

import sqlite3
from textwrap import dedent

# Version 1: sessions and the segments done in them.
_V1 = (
    """
    CREATE TABLE sessions (
        id            INTEGER PRIMARY KEY,
        routine_id    TEXT    NOT NULL,
        routine_name  TEXT    NOT NULL,
        started_at    TEXT    NOT NULL,  -- ISO 8601 local time with offset
        ended_at      TEXT,              -- NULL while running or when a crash ended it
        status        TEXT    NOT NULL DEFAULT 'running'
                      CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
        planned_s     REAL    NOT NULL DEFAULT 0,
        done_s        REAL    NOT NULL DEFAULT 0,
        pain_before   INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after    INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        app_version   TEXT    NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE segments (
        id             INTEGER PRIMARY KEY,
        session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,  -- the segment's place in the routine's plan
        exercise_id    TEXT    NOT NULL,
        exercise_name  TEXT    NOT NULL,
        variant        TEXT    NOT NULL DEFAULT '',  -- '' for the standard form
        side           TEXT    NOT NULL DEFAULT 'none',
        set_no         INTEGER NOT NULL DEFAULT 1,
        round_no       INTEGER NOT NULL DEFAULT 1,
        planned_s      REAL    NOT NULL DEFAULT 0,
        done_s         REAL    NOT NULL DEFAULT 0,
        planned_reps   INTEGER,
        done_reps      INTEGER,
        skipped        INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),
        hurt           INTEGER NOT NULL DEFAULT 0 CHECK (hurt IN (0, 1))
    )
    """,
)

# Version 2: what the runner said during a session, and a note after it.
_V2 = (
    "ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
    """
    CREATE TABLE events (
        id           INTEGER PRIMARY KEY,
        session_id   INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        at_s         REAL    NOT NULL DEFAULT 0,  -- seconds since the session started
        kind         TEXT    NOT NULL,  -- hurt, hurt-choice, check-answer, variant, auto-pause
        exercise_id  TEXT    NOT NULL DEFAULT '',
        side         TEXT    NOT NULL DEFAULT '',
        value        TEXT    NOT NULL DEFAULT ''
    )
    """,
)

# Version 3: indexes for the review page on a long history, and a view for people.
_V3 = (
    "CREATE INDEX sessions_by_start ON sessions(started_at)",
    "CREATE INDEX segments_by_session ON segments(session_id, position)",
    "CREATE INDEX events_by_session ON events(session_id, at_s)",
    # Only crashed sessions are ever 'running' at start-up: keeps recovery a lookup.
    "CREATE INDEX sessions_running ON sessions(status) WHERE status = 'running'",
    """
    CREATE VIEW session_overview AS
    SELECT id,
           substr(started_at, 1, 16)               AS started,
           routine_name                            AS routine,
           status,
           round(done_s / 60.0, 1)                 AS done_min,
           round(planned_s / 60.0, 1)              AS planned_min,
           CASE WHEN planned_s > 0
                THEN CAST(round(100.0 * min(done_s, planned_s) / planned_s) AS INTEGER)
           END                                     AS pct,
           pain_before,
           pain_after,
           notes
    FROM sessions
    """,
)

# Version 4: who is running a live session, and which recovery files were merged.
# A session is 'running' only while its owner (pid + start time) lives; readers show a
# dead owner's session as interrupted, and the next owner marks it so. A recovery file
# (records the file refused at the end of a session) is merged exactly once.
_V4 = (
    "ALTER TABLE sessions ADD COLUMN owner_pid INTEGER",
    "ALTER TABLE sessions ADD COLUMN owner_started REAL",  # epoch seconds
    """
    CREATE TABLE recovery_merged (
        name       TEXT PRIMARY KEY,  -- the recovery file's name and generation
        merged_at  TEXT NOT NULL
    )
    """,
)

# Version 5: the runner's side. Runs (summaries only, never a GPS track), the shoes
# they were run in, the files a watched folder has already offered, and which run a
# session followed.
_V5 = (
    """
    CREATE TABLE shoes (
        id           INTEGER PRIMARY KEY,
        name         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
        started_on   TEXT    NOT NULL,  -- ISO date it was first worn
        retire_at_m  REAL    NOT NULL CHECK (retire_at_m > 0),  -- set by the runner
        start_m      REAL    NOT NULL DEFAULT 0 CHECK (start_m >= 0),  -- on it when added
        is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        retired_on   TEXT               -- ISO date, NULL while in use
    )
    """,
    "CREATE UNIQUE INDEX shoes_one_default ON shoes(is_default) WHERE is_default = 1",
    """
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
    )
    """,
    "CREATE INDEX runs_by_start ON runs(start_utc)",
    "CREATE INDEX runs_by_day ON runs(started_at)",
    "CREATE INDEX runs_by_shoe ON runs(shoe_id)",
    """
    CREATE TABLE run_files (
        path      TEXT    PRIMARY KEY,  -- a file in the watched folder, read once
        size      INTEGER NOT NULL,
        mtime_ns  INTEGER NOT NULL,
        outcome   TEXT    NOT NULL DEFAULT '',  -- what the import said about it
        seen_at   TEXT    NOT NULL
    )
    """,
    "ALTER TABLE sessions ADD COLUMN run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL",
    """
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
    FROM runs r LEFT JOIN shoes s ON s.id = r.shoe_id
    """,
)

# Version 6: the runner's levels (progression), each change kept with its reason and
# date, and which exercise of the routine each segment was (a routine may hold one
# exercise twice). Rows from before this version have no item index (NULL).
_V6 = (
    "ALTER TABLE segments ADD COLUMN item_index INTEGER",
    """
    CREATE TABLE level_changes (
        id             INTEGER PRIMARY KEY,
        routine_id     TEXT    NOT NULL,
        slot           TEXT    NOT NULL,  -- the exercise within the routine; '' for its rounds
        exercise_id    TEXT    NOT NULL DEFAULT '',
        decided_at     TEXT    NOT NULL,  -- ISO 8601 local time with offset
        after_session  INTEGER NOT NULL DEFAULT 0,  -- the routine's latest session by then
        kind           TEXT    NOT NULL
                       CHECK (kind IN ('up', 'back', 'declined-up', 'declined-back',
                                       'by-hand', 'reset')),
        variant        TEXT    NOT NULL DEFAULT '',  -- '' for the standard form
        hold_s         REAL,
        reps           INTEGER,
        sets           INTEGER,
        rounds         INTEGER,
        reason         TEXT    NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX level_changes_by_routine ON level_changes(routine_id, id)",
    "CREATE INDEX sessions_by_routine ON sessions(routine_id, id)",
)

# Version 7: a session's planned_s counts the exercise time alone, the same basis as its
# done_s, so a session done as planned is 100 % done. Before, planned_s was the whole
# timeline (get-ready, side switches and rests too), so a finished session read ~77 %.
# planned_basis says which a row has. A completed session recorded every set it was
# planned to have (done or skipped), so its work planned is the sum of its sets'
# planned_s: that is exact, and those rows are rebased. A stopped or interrupted one
# never recorded the sets after the stop, so the work it was to have is not in the file;
# guessing it from today's routine would invent history, so those keep their old number
# and read 'timeline' (the review shows no percentage for them, and says why).
_V7 = (
    "ALTER TABLE sessions ADD COLUMN planned_basis TEXT NOT NULL DEFAULT 'work'"
    " CHECK (planned_basis IN ('work', 'timeline'))",
    "UPDATE sessions SET planned_basis = 'timeline'",
    # Each set once (its last row: a set done again after Back is the same set).
    # Shared with history_ops, which rebases an old version's session the same way when
    # it is merged from that version's recovery file.
    """
    UPDATE sessions SET planned_basis = 'work', planned_s = (
        SELECT coalesce(sum(g.planned_s), 0) FROM segments g
        WHERE g.session_id = sessions.id
          AND g.id = (SELECT max(h.id) FROM segments h
                      WHERE h.session_id = g.session_id AND h.position = g.position
                        AND h.round_no = g.round_no AND h.set_no = g.set_no
                        AND h.side = g.side))
    WHERE planned_basis = 'timeline' AND status = 'completed'
      AND EXISTS (SELECT 1 FROM segments s WHERE s.session_id = sessions.id)
    """,
    "DROP VIEW session_overview",
    """
    CREATE VIEW session_overview AS
    SELECT id,
           substr(started_at, 1, 16)               AS started,
           routine_name                            AS routine,
           status,
           round(done_s / 60.0, 1)                 AS done_min,
           round(planned_s / 60.0, 1)              AS planned_min,
           CASE WHEN planned_s > 0 AND planned_basis = 'work'
                THEN CAST(round(100.0 * min(done_s, planned_s) / planned_s) AS INTEGER)
           END                                     AS pct,
           pain_before,
           pain_after,
           notes,
           planned_basis
    FROM sessions
    """,
)

# Dedented so that ``.schema`` in the sqlite3 tool reads like hand-written SQL.
MIGRATIONS: tuple[tuple[str, ...], ...] = tuple(
    tuple(dedent(statement).strip() for statement in step)
    for step in (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
)
SCHEMA_VERSION = len(MIGRATIONS)
# Rebases a completed session written on the timeline basis; callers add "AND id = ?".
WORK_PLANNED_FROM_SEGMENTS = MIGRATIONS[6][2]


class NewerSchemaError(Exception):
    """The file was written by a newer backcoach than this one."""

    reason = "newer"  # goes into the set-aside file's name

    def __init__(self, found: int) -> None:
        super().__init__(
            f"history file has schema version {found}; this backcoach knows up to {SCHEMA_VERSION}"
        )
        self.found = found
        self.why = "it was written by a newer version of backcoach"


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> tuple[int, int]:
    """Bring the file up to ``SCHEMA_VERSION``; returns (version found, version now).

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that each
    migration's ``BEGIN``/``COMMIT`` here is the only transaction control.
    Raises NewerSchemaError for a file from a newer app, sqlite3 errors otherwise.
    """
    found = user_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(found)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if user_version(conn) >= version:
                conn.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found, SCHEMA_VERSION
