"""What ``build_plan`` accepts, checked before it builds anything (defence in depth).

Settings and routine files are checked where they are read; this is the last gate,
so that no value that slipped past them (a negative get-ready time, a NaN hold, an
infinite rest) can make a session "complete" in seconds and write sets into the
history that never happened.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backcoach.core.catalog import Catalog, Dosage, Routine
    from backcoach.core.plan import PlanOptions

MAX_SECONDS = 3600.0  # no single part of a session is longer than an hour
MAX_COUNT = 100  # reps, sets, rounds
MAX_ROUND_ITEMS = 500  # rounds × exercises: far beyond any routine a person follows


class PlanError(ValueError):
    """An input no real session could have."""


def _seconds(name: str, value: float, *, least: float = 0.0) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanError(f"{name} must be a number of seconds, not {value!r}")
    if not math.isfinite(value) or not least <= value <= MAX_SECONDS:
        raise PlanError(f"{name} must be {least:g}–{MAX_SECONDS:g} seconds, not {value!r}")


def _count(name: str, value: int, *, least: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanError(f"{name} must be a whole number, not {value!r}")
    if not least <= value <= MAX_COUNT:
        raise PlanError(f"{name} must be {least}–{MAX_COUNT}, not {value!r}")


def check_options(opts: PlanOptions, routine: Routine, catalog: Catalog) -> None:
    """The runner's options and the routine's own figures; raises PlanError."""
    if opts.rounds is not None:
        _count("rounds", opts.rounds)
    for name in ("hold_s", "rest_s"):
        value = getattr(opts, name)
        if value is not None:
            _seconds(name, value)
    _seconds("prepare_s", opts.prepare_s)
    _seconds("switch_s", opts.switch_s)
    if opts.first_side not in ("left", "right"):
        raise PlanError(f"first_side must be left or right, not {opts.first_side!r}")
    _count("the routine's rounds", routine.rounds)
    _seconds("rest_between_exercises_s", routine.rest_between_exercises_s)
    _seconds("rest_between_rounds_s", routine.rest_between_rounds_s)
    for exercise_id, variant in _variants(opts.variants):
        ex = catalog.exercises.get(exercise_id)
        if ex is None or (variant and variant not in {v.id for v in ex.variants}):
            raise PlanError(f"{exercise_id} has no variant {variant!r}")
    rounds = opts.rounds or routine.rounds
    if rounds * len(routine.items) > MAX_ROUND_ITEMS:
        raise PlanError(
            f"{rounds} rounds of {len(routine.items)} exercises is more than a session holds"
        )


def check_dosage(dosage: Dosage, where: str) -> None:
    """One exercise's resolved dosage in this routine; raises PlanError."""
    _count(f"{where}: sets", dosage.sets)
    _seconds(f"{where}: rest_s", dosage.rest_s)
    if dosage.mode == "hold":
        _seconds(f"{where}: hold_s", float(dosage.hold_s or 0), least=1.0)
    else:
        _count(f"{where}: reps", dosage.reps or 0)
    for phase in dosage.tempo:
        _seconds(f"{where}: tempo {phase.name}", phase.seconds, least=0.1)


def usable_variants(
    catalog: Catalog, routine: Routine, chosen: Mapping[str, str]
) -> dict[str, str]:
    """The saved variant choices that still exist for this routine's exercises (a file
    edited or removed since must not stop the routine from opening)."""
    in_routine = {item.exercise for item in routine.items}
    out: dict[str, str] = {}
    for exercise_id, variant in _variants(chosen):
        ex = catalog.exercises.get(exercise_id)
        if ex is not None and exercise_id in in_routine and variant in {v.id for v in ex.variants}:
            out[exercise_id] = variant
    return out


def _variants(chosen: Mapping[str, str]) -> list[tuple[str, str]]:
    if not isinstance(chosen, Mapping):
        raise PlanError(f"variants must be a table of exercise ids, not {chosen!r}")
    return [(str(k), str(v)) for k, v in chosen.items()]
