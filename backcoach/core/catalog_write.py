"""Routines and exercises back into the documented TOML format (docs/routine-format.md).

The inverse of ``catalog_parse``: what is written here loads back to the same objects,
and so to the same plan. tomli-w does the TOML; this module only decides which keys
to write, leaving out what equals the format's default so files stay short to read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import tomli_w

from backcoach.core.catalog import (
    Check,
    Dosage,
    Exercise,
    ExerciseCues,
    Routine,
    SeedRange,
    TempoPhase,
    Variant,
)

Table = dict[str, Any]


def routine_table(routine: Routine, exercises: Iterable[Exercise] = ()) -> Table:
    """A routine file's tables; ``exercises`` are carried along as ``[[exercise]]``."""
    t: Table = {"id": routine.id, "name": routine.name, "purpose": routine.purpose}
    t["when"] = routine.when
    t["rounds"] = routine.rounds
    if routine.rounds_range is not None:
        t["rounds_range"] = [_num(v) for v in routine.rounds_range]
    t["rest_between_exercises_s"] = _num(routine.rest_between_exercises_s)
    t["rest_between_rounds_s"] = _num(routine.rest_between_rounds_s)
    t["equipment"] = list(routine.equipment)
    _put_list(t, "sources", routine.sources)
    _put_list(t, "ours", routine.ours)
    _put_list(t, "notes", routine.notes)
    items = []
    for item in routine.items:
        it: Table = {"exercise": item.exercise}
        if item.variant:
            it["variant"] = item.variant
        for key in ("hold_s", "reps", "sets", "rest_s"):
            value = getattr(item, key)
            if value is not None:
                it[key] = _num(value)
        items.append(it)
    t["items"] = items
    carried = [exercise_table(ex) for ex in exercises]
    if carried:
        t["exercise"] = carried
    return t


def exercise_table(ex: Exercise) -> Table:
    t: Table = {"id": ex.id, "name": ex.name, "summary": ex.summary, "position": ex.position}
    t["instructions"] = list(ex.instructions)
    t["equipment"] = list(ex.equipment)
    t["per_side"] = ex.per_side
    _put_list(t, "safety", ex.safety)
    _put_list(t, "sources", ex.sources)
    if ex.picture and not (ex.builtin and ex.picture == ex.id):
        t["picture"] = ex.picture
    t["dosage"] = _dosage(ex.dosage, as_variant=False)
    cues = _cues(ex.cues)
    if cues:
        t["cues"] = cues
    if ex.variants:
        t["variants"] = [_variant(v) for v in ex.variants]
    if ex.check is not None:
        t["check"] = _check(ex.check)
    return t


def dumps(table: Table, header: str = "") -> str:
    """TOML text; ``header`` lines become comments at the top."""
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + tomli_w.dumps(table, multiline_strings=False)


def _dosage(d: Dosage, as_variant: bool) -> Table:
    """A dosage table; a variant's is written in full so it never leans on the base's."""
    t: Table = {"mode": d.mode}
    if d.mode == "hold":
        t["hold_s"] = _num(d.hold_s or 0)
    else:
        t["reps"] = d.reps or 0
    t["sets"] = d.sets
    t["rest_s"] = _num(d.rest_s)
    if d.default_is_ours or as_variant:
        t["default_is_ours"] = d.default_is_ours
    seed = _seed(d.seed)
    if seed or as_variant:
        t["seed"] = seed
    if d.tempo or as_variant:
        t["tempo"] = [_phase(p) for p in d.tempo]
    return t


def _phase(p: TempoPhase) -> Table:
    t: Table = {"name": p.name, "seconds": _num(p.seconds)}
    if p.cue:
        t["cue"] = p.cue
    return t


def _seed(s: SeedRange) -> Table:
    t: Table = {}
    for key in ("hold_s", "reps", "sets", "rest_s"):
        value = getattr(s, key)
        if value is not None:
            t[key] = [_num(v) for v in value]
    if s.text:
        t["text"] = s.text
    if s.tempo_s:
        t["tempo_s"] = {name: _num(seconds) for name, seconds in s.tempo_s}
    return t


def _cues(c: ExerciseCues) -> Table:
    t: Table = {}
    if c.setup:
        t["setup"] = c.setup
    _put_list(t, "during", c.during)
    return t


def _variant(v: Variant) -> Table:
    t: Table = {"id": v.id, "name": v.name, "level": v.level, "summary": v.summary}
    _put_list(t, "instructions", v.instructions)
    _put_list(t, "equipment", v.equipment)
    if v.per_side is not None:
        t["per_side"] = v.per_side
    if v.dosage is not None:
        t["dosage"] = _dosage(v.dosage, as_variant=True)
    if v.cues is not None:
        t["cues"] = _cues(v.cues)
    return t


def _check(c: Check) -> Table:
    answers = []
    for a in c.answers:
        at: Table = {"id": a.id, "label": a.label, "advice": a.advice}
        if a.routine:
            at["routine"] = a.routine
        answers.append(at)
    return {"id": c.id, "question": c.question, "answers": answers}


def _put_list(t: Table, key: str, values: tuple[str, ...]) -> None:
    if values:
        t[key] = list(values)


def _num(value: float) -> int | float:
    """30.0 is written 30, as a person would; 2.5 stays 2.5. Both read back as 30.0/2.5."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
