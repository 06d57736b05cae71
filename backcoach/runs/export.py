"""The runner's side as plain data: what ``backcoach runs --json`` and ``shoes --json``
print. The shape is a promise to scripts; add keys, never rename them."""

from __future__ import annotations

from datetime import date
from typing import Any

from backcoach.runs import load
from backcoach.runs.model import Run, Shoe
from backcoach.runs.store import RunLog


def run_dict(r: Run) -> dict[str, Any]:
    return {
        "start": r.start.isoformat(timespec="seconds"),
        "distance_m": round(r.distance_m, 1),
        "moving_s": round(r.moving_s, 1),
        "elapsed_s": round(r.elapsed_s, 1),
        "ascent_m": None if r.ascent_m is None else round(r.ascent_m, 1),
        "sport": r.sport,
        "surface": str(r.surface) or None,
        "shoe": r.shoe or None,
        "source": r.source or None,
    }


def shoe_dict(s: Shoe, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": s.name,
        "distance_m": round(s.distance_m, 1),
        "retire_at_m": round(s.retire_at_m, 1),
    }
    if full:
        out |= {
            "started_on": s.started_on.isoformat(),
            "default": s.is_default,
            "retired_on": None if s.retired_on is None else s.retired_on.isoformat(),
            "due": s.due,
            "runs": s.runs,
        }
    return out


def weeks_since(first: date, today: date) -> int:
    """How many ISO weeks from ``first``'s to ``today``'s, both included."""
    return max((load.monday_of(today) - load.monday_of(first)).days // 7 + 1, 1)


def runs_document(log: RunLog, today: date, with_runs: bool = True) -> dict[str, Any]:
    """Every run oldest first, every week from the first run's to this one, the load
    today and the shoes. ``with_runs=False`` leaves "runs" empty for a caller that
    writes them from ``RunLog.run_json_lines`` (the command line, for speed)."""
    runs = log.runs() if with_runs else []
    runs.reverse()
    first = log.first_day()
    weeks = log.weeks(weeks_since(first, today), today) if first is not None else []
    current = log.load(today)
    return {
        "runs": [run_dict(r) for r in runs],
        "weeks": [
            {"week": w.iso, "distance_m": round(w.distance_m, 1), "moving_s": round(w.moving_s, 1)}
            for w in weeks
        ],
        "load": {
            "acute_m": round(current.acute_m, 1),
            "chronic_m": round(current.chronic_m, 1),
            "ratio": None if current.ratio is None else round(current.ratio, 2),
        },
        "shoes": [shoe_dict(s) for s in log.shoes()],
    }
