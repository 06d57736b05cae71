"""A believable made-up history: for screenshots, benchmarks and review-page tests.

Deterministic for a given seed. Sessions follow the shipped routines, a back that
slowly gets better (pain before drifting from about 5 down to 1, the session usually
easing it by a point), the odd skipped set, a "this hurts" now and then, some sessions
stopped early, and rest days. Written in one transaction straight into the schema,
because ten years of daily sessions through the one-commit-per-segment API would
spend minutes in fsync.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from backcoach.core import history_files

# (exercise id, per side, sets, seconds per set, reps or None, name)
_Item = tuple[str, bool, int, float, int | None, str]
_ROUTINES: dict[str, tuple[str, tuple[_Item, ...]]] = {
    "strengthen-and-mobilise": (
        "Strengthen and mobilise",
        (
            ("leg-swings", True, 1, 40.0, None, "Leg swings"),
            ("deep-core-activation", False, 2, 60.0, None, "Deep core activation"),
            ("single-leg-squat-rotation", True, 2, 45.0, 8, "Single-leg squat with rotation"),
            ("single-leg-bridge", True, 1, 45.0, 10, "Single-leg bridge"),
            ("side-plank-rotation", True, 1, 40.0, 8, "Side plank with rotation"),
            ("chicago-rolls", True, 1, 40.0, 8, "Chicago rolls"),
        ),
    ),
    "stability-ball-circuit": (
        "Stability-ball strength circuit",
        (
            ("plank", False, 3, 45.0, None, "Plank"),
            ("ball-back-extension", False, 3, 50.0, 12, "Stability-ball back extension"),
            ("ball-reverse-leg-raise", False, 3, 50.0, 15, "Stability-ball reverse leg raise"),
            ("glute-bridge", False, 3, 75.0, 15, "Glute bridge"),
            ("locust-pose", False, 3, 30.0, None, "Locust pose"),
        ),
    ),
    "post-run-cooldown": (
        "Post-run mobility cool-down",
        (
            ("roll-down", False, 1, 45.0, None, "Roll down"),
            ("downward-dog", False, 2, 45.0, None, "Downward dog"),
            ("childs-pose", False, 2, 45.0, None, "Child's pose"),
            ("cat-cow", False, 2, 45.0, None, "Cat-cow"),
            ("modified-childs-pose", True, 1, 40.0, None, "Modified child's pose"),
            ("kneeling-hip-flexor-stretch", True, 1, 45.0, None, "Kneeling hip flexor stretch"),
            ("figure-four-stretch", True, 1, 45.0, None, "Figure four stretch"),
        ),
    ),
}
_NOTES = (
    "Easy run before, back felt loose.",
    "Tight after the long run.",
    "Left side weaker on the bridge.",
    "Felt it in the glutes, not the back.",
    "Short on time, stopped early.",
)


@dataclass(frozen=True)
class SampleSpec:
    days: int = 42  # how far back the history goes, ending ``today``
    today: date = date(2025, 6, 1)
    active_share: float = 0.7  # share of days with a session
    seed: int = 7


def _segments(rng: random.Random, routine_id: str) -> list[tuple[object, ...]]:
    _, items = _ROUTINES[routine_id]
    rows: list[tuple[object, ...]] = []
    for ex_id, per_side, sets, secs, reps, name in items:
        for set_no in range(1, sets + 1):
            for side in ("left", "right") if per_side else ("none",):
                skipped = rng.random() < 0.03
                hurt = not skipped and rng.random() < 0.02
                done = 0.0 if skipped else secs * (0.6 if hurt else 1.0)
                done_reps = None if reps is None else (0 if skipped else reps - int(hurt) * 3)
                variant = "easier" if hurt else ""
                rows.append(
                    (len(rows), ex_id, name, variant, side, set_no, 1, secs, done, reps,
                     done_reps, int(skipped), int(hurt))
                )  # fmt: skip
    return rows


def write_sample_history(path: Path, spec: SampleSpec = SampleSpec()) -> int:
    """Add made-up sessions to the history at ``path``; returns how many."""
    rng = random.Random(spec.seed)
    routine_ids = list(_ROUTINES)

    def work(conn: sqlite3.Connection) -> int:
        n = 0
        first = spec.today - timedelta(days=spec.days - 1)
        for i in range(spec.days):
            day = first + timedelta(days=i)
            if day != spec.today and rng.random() > spec.active_share:
                continue
            progress = i / max(spec.days - 1, 1)  # 0 at the start, 1 today
            before = max(0, min(10, round(5 - 4 * progress + rng.gauss(0, 0.8))))
            after = max(0, min(10, before - rng.choice((0, 1, 1, 1, 2)) + (rng.random() < 0.05)))
            routine_id = rng.choice(routine_ids)
            segs = _segments(rng, routine_id)
            planned = sum(float(str(s[7])) for s in segs)
            stopped = rng.random() < 0.06
            if stopped:
                segs = segs[: len(segs) * 2 // 3]
            done = sum(float(str(s[8])) for s in segs)
            start = datetime.combine(day, time(7 + rng.randrange(12), rng.randrange(60)))
            start = start.astimezone()
            end = start + timedelta(seconds=done + 15 * len(segs))
            cur = conn.execute(
                "INSERT INTO sessions (routine_id, routine_name, started_at, ended_at, status,"
                " planned_s, done_s, pain_before, pain_after, notes, app_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    routine_id,
                    _ROUTINES[routine_id][0],
                    start.isoformat(timespec="seconds"),
                    end.isoformat(timespec="seconds"),
                    "stopped" if stopped else "completed",
                    planned,
                    done,
                    before,
                    after,
                    rng.choice(_NOTES) if rng.random() < 0.15 else "",
                    "0.1.0",
                ),
            )
            sid = cur.lastrowid
            conn.executemany(
                "INSERT INTO segments (session_id, position, exercise_id, exercise_name, variant,"
                " side, set_no, round_no, planned_s, done_s, planned_reps, done_reps, skipped,"
                " hurt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, *s) for s in segs],
            )
            for s in segs:
                if s[12]:
                    at = 60.0 * int(str(s[0]))
                    conn.execute(
                        "INSERT INTO events (session_id, at_s, kind, exercise_id, side, value)"
                        " VALUES (?, ?, 'hurt-choice', ?, ?, 'easier')",
                        (sid, at, s[1], s[4]),
                    )
            n += 1
        return n

    return history_files.write_all_at_once(path, work)
