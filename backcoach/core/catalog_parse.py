"""Turning one parsed TOML file into an Exercise or a Routine, or into errors.

The file format is documented in docs/routine-format.md.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from backcoach.core.catalog import (
    EQUIPMENT,
    Answer,
    Check,
    Dosage,
    Exercise,
    ExerciseCues,
    Level,
    Routine,
    RoutineItem,
    Variant,
    When,
)
from backcoach.core.dosage_parse import MAX_HOLD_S, MAX_REST_S
from backcoach.core.dosage_parse import parse_dosage as _dosage
from backcoach.core.fields import CatalogError, FieldReader
from backcoach.core.fields import join_field as _join

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SOURCE_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")


_EXERCISE_KEYS = {
    "id", "name", "summary", "position", "instructions", "equipment", "per_side",
    "dosage", "cues", "safety", "sources", "variants", "check", "picture",
}  # fmt: skip
_CUE_KEYS = {"setup", "during"}
_VARIANT_KEYS = {
    "id", "name", "level", "summary", "instructions", "equipment", "dosage", "cues", "per_side",
}  # fmt: skip
_CHECK_KEYS = {"id", "question", "answers"}
_ANSWER_KEYS = {"id", "label", "advice", "routine"}
_ROUTINE_KEYS = {
    "id", "name", "purpose", "when", "items", "rounds", "rounds_range",
    "rest_between_exercises_s", "rest_between_rounds_s", "equipment", "sources", "ours", "notes",
    "exercise",
}  # fmt: skip
_ITEM_KEYS = {"exercise", "variant", "hold_s", "reps", "sets", "rest_s"}
_ITEM_FIGURE_RE = re.compile(r"^items\[(\d+)\]\.(hold_s|reps|sets|rest_s)$")
_LEVELS = ("easier", "harder", "alternative")
_WHEN = ("after-run", "before-run", "any")


def parse_exercise(
    path: Path,
    data: dict[str, Any],
    builtin: bool,
    errors: list[CatalogError],
    prefix: str = "",
) -> Exercise | None:
    """An exercise file, or (with ``prefix``, e.g. ``exercise[0]``) one carried in a routine."""
    r = FieldReader(path)
    r.keys(data, prefix, _EXERCISE_KEYS)
    ex_id = _id(r, data, prefix, None if prefix else path)
    dosage_field = _join(prefix, "dosage")
    dosage = _dosage(r, r.subtable(data, prefix, "dosage"), dosage_field, None)
    if "dosage" not in data:
        r.error(
            dosage_field, "missing; expected a [dosage] table with mode, sets and hold_s or reps"
        )
    variants = tuple(
        v
        for i, t in enumerate(r.tables(data, prefix, "variants"))
        if (v := _variant(r, t, _join(prefix, f"variants[{i}]"), dosage)) is not None
    )
    _unique_ids(r, [v.id for v in variants], _join(prefix, "variants"))
    check_table = r.subtable(data, prefix, "check")
    picture = r.text(data, prefix, "picture", "")
    if picture and not ID_RE.match(picture):
        r.error(_join(prefix, "picture"), f"'{picture}' is not an exercise id such as glute-bridge")
    exercise = Exercise(
        id=ex_id,
        name=r.text(data, prefix, "name"),
        summary=r.text(data, prefix, "summary"),
        position=r.text(data, prefix, "position"),
        instructions=r.texts(data, prefix, "instructions", required=True),
        equipment=_equipment(r, data, prefix),
        per_side=bool(r.get(data, prefix, "per_side", bool, False)),
        dosage=dosage or Dosage(mode="hold", sets=1, rest_s=0, hold_s=1),
        cues=_cues(r, r.subtable(data, prefix, "cues"), _join(prefix, "cues")) or ExerciseCues(),
        safety=r.texts(data, prefix, "safety"),
        sources=_sources(r, data, prefix, required=builtin),
        variants=variants,
        check=_check(r, check_table, _join(prefix, "check")) if check_table is not None else None,
        path=path,
        builtin=builtin,
        picture=(picture or ex_id) if builtin else picture,
    )
    errors.extend(r.errors)
    return None if r.errors else exercise


def parse_routine(
    path: Path,
    data: dict[str, Any],
    builtin: bool,
    exercises: dict[str, Exercise],
    errors: list[CatalogError],
    named_after_file: bool = True,
) -> Routine | None:
    """A routine; ``named_after_file=False`` for a file being imported under its own id."""
    r = FieldReader(path)
    r.keys(data, "", _ROUTINE_KEYS)
    items = []
    item_tables = r.tables(data, "", "items")
    if not item_tables:
        r.error("items", "missing; expected at least one [[items]] table naming an exercise")
    for i, t in enumerate(item_tables):
        item = _item(r, t, f"items[{i}]", exercises)
        if item is not None:
            items.append(item)
    equipment = _equipment(r, data, "")
    for i, item in enumerate(items):
        ex = exercises.get(item.exercise)
        needed = ex.equipment_for(item.variant) if ex else ()
        for thing in needed:
            if thing not in equipment:
                r.error(
                    f"items[{i}]",
                    f"{item.exercise} needs '{thing}'; add it to the routine's equipment list",
                )
    ours = r.texts(data, "", "ours")
    for name in ours:
        if not _names_a_figure(name, item_tables):
            r.error(
                "ours",
                f"'{name}' is not a figure in this file; expected a routine field such as "
                "rest_between_exercises_s, or items[N].sets (hold_s, reps, rest_s) for an item",
            )
    routine = Routine(
        id=_id(r, data, "", path if named_after_file else None),
        name=r.text(data, "", "name"),
        purpose=r.text(data, "", "purpose"),
        when=cast(When, r.choice(data, "", "when", _WHEN, "any")),
        items=tuple(items),
        rounds=r.whole(data, "", "rounds", 1, 10, 1) or 1,
        rounds_range=r.pair(data, "", "rounds_range", 1, 10),
        rest_between_exercises_s=r.number(
            data, "", "rest_between_exercises_s", 0, MAX_REST_S, 0.0, " s"
        )
        or 0.0,
        rest_between_rounds_s=r.number(data, "", "rest_between_rounds_s", 0, MAX_REST_S, 0.0, " s")
        or 0.0,
        equipment=equipment,
        sources=_sources(r, data, "", required=builtin),
        ours=ours,
        notes=r.texts(data, "", "notes"),
        path=path,
        builtin=builtin,
    )
    errors.extend(r.errors)
    return None if r.errors else routine


def _names_a_figure(name: str, item_tables: list[dict[str, Any]]) -> bool:
    """``ours`` may name a routine field or a figure set on one item (``items[1].sets``)."""
    if name in _ROUTINE_KEYS:
        return True
    m = _ITEM_FIGURE_RE.match(name)
    if m is None:
        return False
    index = int(m.group(1))
    return index < len(item_tables) and m.group(2) in item_tables[index]


def _id(r: FieldReader, table: dict[str, Any], prefix: str, path: Path | None = None) -> str:
    value = r.text(table, prefix, "id")
    field = f"{prefix}.id" if prefix else "id"
    if value and not ID_RE.match(value):
        r.error(field, f"'{value}' is not a valid id; use lower-case words joined by hyphens")
    elif value and path is not None and path.stem != value:
        r.error(field, f"'{value}' does not match the file name; rename the file to {value}.toml")
    return value


def _equipment(r: FieldReader, table: dict[str, Any], prefix: str) -> tuple[str, ...]:
    items = r.texts(table, prefix, "equipment")
    for thing in items:
        if thing not in EQUIPMENT:
            r.error(
                f"{prefix}.equipment" if prefix else "equipment",
                f"unknown equipment '{thing}'; expected any of: {', '.join(EQUIPMENT)}",
            )
    return items


def _sources(r: FieldReader, table: dict[str, Any], prefix: str, required: bool) -> tuple[str, ...]:
    """Shipped files name their seed articles; a runner's (or a physio's) own may have none."""
    sources = r.texts(table, prefix, "sources", required=required)
    for s in sources:
        if not SOURCE_RE.match(s) or "/" in s or "\\" in s:
            r.error(
                _join(prefix, "sources"),
                f"'{s}' is not a seed file name such as 000_5bd82a27ffd67d72.txt",
            )
    return sources


def _unique_ids(r: FieldReader, ids: list[str], field: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            r.error(field, f"duplicate id '{i}'; expected each to have its own id")
        seen.add(i)


def _cues(r: FieldReader, table: dict[str, Any] | None, prefix: str) -> ExerciseCues | None:
    if table is None:
        return None
    r.keys(table, prefix, _CUE_KEYS)
    return ExerciseCues(
        setup=r.text(table, prefix, "setup", ""), during=r.texts(table, prefix, "during")
    )


def _variant(r: FieldReader, t: dict[str, Any], prefix: str, base: Dosage | None) -> Variant | None:
    r.keys(t, prefix, _VARIANT_KEYS)
    return Variant(
        id=_id(r, t, prefix),
        name=r.text(t, prefix, "name"),
        level=cast(Level, r.choice(t, prefix, "level", _LEVELS)),
        summary=r.text(t, prefix, "summary"),
        instructions=r.texts(t, prefix, "instructions"),
        equipment=_equipment(r, t, prefix),
        dosage=_dosage(r, r.subtable(t, prefix, "dosage"), f"{prefix}.dosage", base),
        cues=_cues(r, r.subtable(t, prefix, "cues"), f"{prefix}.cues"),
        per_side=r.get(t, prefix, "per_side", bool) if "per_side" in t else None,
    )


def _check(r: FieldReader, t: dict[str, Any], prefix: str) -> Check:
    r.keys(t, prefix, _CHECK_KEYS)
    answers = []
    for i, a in enumerate(r.tables(t, prefix, "answers")):
        p = f"{prefix}.answers[{i}]"
        r.keys(a, p, _ANSWER_KEYS)
        answers.append(
            Answer(
                id=_id(r, a, p),
                label=r.text(a, p, "label"),
                advice=r.text(a, p, "advice"),
                routine=r.text(a, p, "routine", ""),
            )
        )
    if len(answers) < 2:
        r.error(f"{prefix}.answers", "a check needs at least two [[check.answers]]")
    return Check(
        id=_id(r, t, prefix), question=r.text(t, prefix, "question"), answers=tuple(answers)
    )


def _item(
    r: FieldReader, t: dict[str, Any], prefix: str, exercises: dict[str, Exercise]
) -> RoutineItem | None:
    r.keys(t, prefix, _ITEM_KEYS)
    ex_id = r.text(t, prefix, "exercise")
    variant = r.get(t, prefix, "variant", str, "") or None
    ex = exercises.get(ex_id)
    if ex_id and ex is None:
        import difflib  # only for a mistake: not on every start

        close = difflib.get_close_matches(ex_id, list(exercises), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        r.error(
            f"{prefix}.exercise",
            f"unknown exercise '{ex_id}'{hint}; check the spelling against assets/exercises/",
        )
    elif ex is not None and variant is not None and variant not in {v.id for v in ex.variants}:
        known = ", ".join(v.id for v in ex.variants) or "none"
        r.error(f"{prefix}.variant", f"{ex_id} has no variant '{variant}'; known variants: {known}")
        variant = None  # reported; later checks (equipment) must not trip over it
    return RoutineItem(
        exercise=ex_id,
        variant=variant,
        hold_s=r.number(t, prefix, "hold_s", 1, MAX_HOLD_S, unit=" s") if "hold_s" in t else None,
        reps=r.whole(t, prefix, "reps", 1, 100) if "reps" in t else None,
        sets=r.whole(t, prefix, "sets", 1, 10) if "sets" in t else None,
        rest_s=r.number(t, prefix, "rest_s", 0, MAX_REST_S, unit=" s") if "rest_s" in t else None,
    )
