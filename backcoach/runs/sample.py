"""A believable made-up run log: for screenshots, benchmarks and Runs-page tests.

Deterministic for a seed. A runner building from about 20 to 45 km a week with a
cut-back week every fourth, one sudden jump near the end, mostly road with a weekly
trail run and the odd treadmill or track session, and two pairs of shoes: an old pair
past its distance and the current default. Written in one transaction straight into
the schema (thousands of runs through the per-file import would spend minutes in fsync).
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from backcoach.core import history_files
from backcoach.runs.load import is_hilly, monday_of


@dataclass(frozen=True)
class RunSampleSpec:
    days: int = 180
    today: date = date(2025, 6, 1)
    runs_per_week: int = 4
    jump_weeks_ago: int | None = 1  # this many weeks before this one, distance jumps
    seed: int = 11


def write_sample_runs(path: Path, spec: RunSampleSpec = RunSampleSpec()) -> int:
    """Add made-up runs and two shoes to the history at ``path``; returns how many runs."""
    rng = random.Random(spec.seed)
    first = spec.today - timedelta(days=spec.days - 1)

    def work(conn: sqlite3.Connection) -> int:
        n = 0
        split = first + timedelta(days=spec.days * 2 // 3)
        old = _shoe(conn, "Old trainers", first - timedelta(days=200), 600_000, 250_000, False)
        new = _shoe(conn, "Pegasus 40", split, 650_000, 0, True)
        jump_monday = monday_of(spec.today) - timedelta(weeks=spec.jump_weeks_ago or 0)
        for i in range(spec.days):
            day = first + timedelta(days=i)
            week = (day - first).days // 7
            if rng.random() > spec.runs_per_week / 7 and day != spec.today:
                continue
            build = min(1.0, i / max(spec.days - 1, 1))
            km = 5 + 5 * build + rng.gauss(0, 1.2)
            if week % 4 == 3:
                km *= 0.7  # a cut-back week
            if spec.jump_weeks_ago is not None and monday_of(day) == jump_monday:
                km *= 2.4
            weekday = day.weekday()
            surface = (
                "trail" if weekday == 5 else rng.choice(("road",) * 8 + ("treadmill", "track"))
            )
            if weekday == 6:
                km *= 1.8  # the long run
            km = max(km, 2.0)
            metres = round(km * 1000, 1)
            pace = rng.gauss(330 if surface != "trail" else 380, 15)
            moving = metres / 1000 * pace
            ascent = (
                None
                if surface == "treadmill"
                else round(km * rng.uniform(3, 25 if surface == "trail" else 12))
            )
            start = datetime.combine(
                day, time(6 + rng.randrange(3) * 6, rng.randrange(60))
            ).astimezone()
            hilly = is_hilly(ascent, metres)
            conn.execute(
                "INSERT INTO runs (started_at, start_utc, distance_m, moving_s, elapsed_s, ascent_m,"
                " sport, surface, hilly, shoe_id, source, source_format, note, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, '', ?)",
                (
                    start.isoformat(timespec="seconds"),
                    start.timestamp(),
                    metres,
                    round(moving),
                    round(moving * 1.04),
                    ascent,
                    surface,
                    None if hilly is None else int(hilly),
                    new if day >= split else old,
                    f"{start:%Y-%m-%d-%H-%M-%S}.fit",
                    "fit",
                    start.isoformat(timespec="seconds"),
                ),
            )
            n += 1
        return n

    return history_files.write_all_at_once(path, work)


def _shoe(
    conn: sqlite3.Connection, name: str, since: date, retire_m: float, start_m: float, default: bool
) -> int:
    cur = conn.execute(
        "INSERT INTO shoes (name, started_on, retire_at_m, start_m, is_default) VALUES (?, ?, ?, ?, ?)",
        (name, since.isoformat(), retire_m, start_m, int(default)),
    )
    return int(cur.lastrowid or 0)
