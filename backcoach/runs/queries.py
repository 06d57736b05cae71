"""The read side of the runs and shoes tables: plain functions over a connection."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

from backcoach.runs.load import DayTotal
from backcoach.runs.model import Run, Shoe, Surface

RUN_COLUMNS = (
    "r.id, r.started_at, r.distance_m, r.moving_s, r.elapsed_s, r.ascent_m, r.sport,"
    " r.surface, r.hilly, r.shoe_id, coalesce(s.name, ''), r.source, r.source_format, r.note"
)
_FROM = " FROM runs r LEFT JOIN shoes s ON s.id = r.shoe_id"
_SURFACE = {str(s): s for s in Surface}  # a dict lookup is far cheaper than Surface(text)


def _run(r: tuple[Any, ...]) -> Run:
    return Run(
        id=int(r[0]),
        start=datetime.fromisoformat(r[1]),
        distance_m=float(r[2]),
        moving_s=float(r[3]),
        elapsed_s=float(r[4]),
        ascent_m=None if r[5] is None else float(r[5]),
        sport=str(r[6]),
        surface=_SURFACE[r[7]],
        hilly=None if r[8] is None else bool(r[8]),
        shoe_id=None if r[9] is None else int(r[9]),
        shoe=str(r[10]),
        source=str(r[11]),
        source_format=str(r[12]),
        note=str(r[13]),
    )


def runs(
    conn: sqlite3.Connection, limit: int | None = None, since: date | None = None, offset: int = 0
) -> list[Run]:
    """Runs newest first by their moment in UTC; ``limit`` and ``offset`` page."""
    sql = f"SELECT {RUN_COLUMNS}{_FROM}"
    args: list[Any] = []
    if since is not None:
        sql += " WHERE r.started_at >= ?"
        args.append(since.isoformat())
    sql += " ORDER BY r.start_utc DESC, r.id DESC"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [max(limit, 0), max(offset, 0)]
    return [_run(r) for r in conn.execute(sql, args)]


def run_json_lines(conn: sqlite3.Connection) -> list[str]:
    """Every run oldest first as the JSON object ``export.run_dict`` makes, written by
    SQLite itself: for ten years of runs, ten times faster than building Run objects and
    encoding them in Python (a test keeps the two the same)."""
    rows = conn.execute(
        "SELECT json_object('start', r.started_at, 'distance_m', round(r.distance_m, 1),"
        " 'moving_s', round(r.moving_s, 1), 'elapsed_s', round(r.elapsed_s, 1),"
        " 'ascent_m', round(r.ascent_m, 1), 'sport', r.sport, 'surface', nullif(r.surface, ''),"
        " 'shoe', s.name, 'source', nullif(r.source, ''))"
        f"{_FROM} ORDER BY r.start_utc, r.id"
    )
    return [str(line) for (line,) in rows]


def run(conn: sqlite3.Connection, run_id: int) -> Run | None:
    row = conn.execute(f"SELECT {RUN_COLUMNS}{_FROM} WHERE r.id = ?", (run_id,)).fetchone()
    return None if row is None else _run(row)


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM runs").fetchone()[0])


def near(
    conn: sqlite3.Connection, start_utc: float, window_s: float
) -> list[tuple[int, float, float, str, str]]:
    """(id, start_utc, distance_m, source, started_at) of runs starting within the window."""
    rows = conn.execute(
        "SELECT id, start_utc, distance_m, source, started_at FROM runs"
        " WHERE start_utc BETWEEN ? AND ? ORDER BY abs(start_utc - ?)",
        (start_utc - window_s, start_utc + window_s, start_utc),
    )
    return [(int(a), float(b), float(c), str(d), str(e)) for a, b, c, d, e in rows]


def day_totals(conn: sqlite3.Connection, first: date, last: date) -> list[DayTotal]:
    """Per local day, surface and hilliness, from ``first`` to ``last`` inclusive."""
    rows = conn.execute(
        "SELECT substr(started_at, 1, 10) AS day, surface, hilly, sum(distance_m), sum(moving_s),"
        " count(*) FROM runs WHERE started_at >= ? AND started_at < ?"
        " GROUP BY day, surface, hilly",
        (first.isoformat(), (last + timedelta(days=1)).isoformat()),
    )
    return [
        DayTotal(
            date.fromisoformat(d),
            Surface(s),
            None if h is None else bool(h),
            float(m),
            float(t),
            int(n),
        )
        for d, s, h, m, t, n in rows
    ]


def week_totals(conn: sqlite3.Connection, first: date, last: date) -> list[DayTotal]:
    """Like ``day_totals`` but one row per ISO week (dated its Monday), surface and
    hilliness: ten years is 500 rows instead of 3,650."""
    rows = conn.execute(
        "SELECT date(substr(started_at, 1, 10), 'weekday 0', '-6 days') AS monday, surface, hilly,"
        " sum(distance_m), sum(moving_s), count(*) FROM runs WHERE started_at >= ? AND started_at < ?"
        " GROUP BY monday, surface, hilly",
        (first.isoformat(), (last + timedelta(days=1)).isoformat()),
    )
    fromiso = date.fromisoformat
    return [
        DayTotal(
            fromiso(d), _SURFACE[s], None if h is None else bool(h), float(m), float(t), int(n)
        )
        for d, s, h, m, t, n in rows
    ]


def first_day(conn: sqlite3.Connection) -> date | None:
    row = conn.execute("SELECT min(started_at) FROM runs").fetchone()
    return date.fromisoformat(row[0][:10]) if row and row[0] else None


_SHOE_SQL = (
    "SELECT s.id, s.name, s.started_on, s.retire_at_m, s.is_default, s.retired_on,"
    " s.start_m + coalesce(sum(r.distance_m), 0), count(r.id), s.start_m"
    " FROM shoes s LEFT JOIN runs r ON r.shoe_id = s.id"
)


def _shoe(r: tuple[Any, ...]) -> Shoe:
    return Shoe(
        id=int(r[0]),
        name=str(r[1]),
        started_on=date.fromisoformat(r[2]),
        retire_at_m=float(r[3]),
        is_default=bool(r[4]),
        retired_on=None if r[5] is None else date.fromisoformat(r[5]),
        distance_m=float(r[6]),
        runs=int(r[7]),
        start_m=float(r[8]),
    )


def shoes(conn: sqlite3.Connection) -> list[Shoe]:
    """Shoes in use first (newest first), then retired ones, each with its distance."""
    rows = conn.execute(
        _SHOE_SQL + " GROUP BY s.id ORDER BY s.retired_on IS NOT NULL, s.started_on DESC, s.id DESC"
    )
    return [_shoe(r) for r in rows]


def shoe(conn: sqlite3.Connection, shoe_id: int) -> Shoe | None:
    row = conn.execute(_SHOE_SQL + " WHERE s.id = ? GROUP BY s.id", (shoe_id,)).fetchone()
    return None if row is None else _shoe(row)


def shoe_named(conn: sqlite3.Connection, name: str) -> Shoe | None:
    row = conn.execute(_SHOE_SQL + " WHERE s.name = ? GROUP BY s.id", (name.strip(),)).fetchone()
    return None if row is None else _shoe(row)


def pain_after(conn: sqlite3.Connection, since: date) -> list[tuple[date, int]]:
    """(local day, pain after) of every rated session since ``since``."""
    rows = conn.execute(
        "SELECT substr(started_at, 1, 10), pain_after FROM sessions"
        " WHERE started_at >= ? AND pain_after IS NOT NULL ORDER BY started_at",
        (since.isoformat(),),
    )
    return [(date.fromisoformat(d), int(p)) for d, p in rows]


def session_run(conn: sqlite3.Connection, session_id: int) -> int | None:
    row = conn.execute("SELECT run_id FROM sessions WHERE id = ?", (session_id,)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def seen_files(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    return {
        str(p): (int(s), int(m))
        for p, s, m in conn.execute("SELECT path, size, mtime_ns FROM run_files")
    }
