"""Bringing a routine file into the data folder, and handing one over.

The decisions live here, the same for the window and the command line: what clashes
with what is already there, which ids a "keep both" gives, which files an import
writes. Nothing is written until the final files have been read back through the
loader and found clean.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from backcoach.core.atomic import write_text_atomic
from backcoach.core.catalog import Catalog, Exercise, Routine
from backcoach.core.catalog_write import dumps, exercise_table, routine_table
from backcoach.core.fields import CatalogError
from backcoach.core.routine_file import RoutineFile, parse_routine_file, same_exercise

Choice = Literal["replace", "keep-both"]

EXPORT_HEADER = (
    "A backcoach routine: {name}\n"
    "Open it in backcoach (Routines, then Open routine file…), drop it on the window,\n"
    "or run: backcoach routine import FILE\n"
    "The format is described in docs/routine-format.md."
)
SAVED_HEADER = "Made with backcoach's routine editor. The format: docs/routine-format.md."
_NUMBERED = re.compile(r"^(.*?)-(\d+)$")


@dataclass(frozen=True, slots=True)
class Clash:
    """Something in the file whose id is already taken by something different."""

    kind: Literal["routine", "exercise"]
    id: str
    existing_name: str
    shipped: bool  # shipped ones are never replaced; keeping both is the only way


@dataclass(frozen=True, slots=True)
class ImportPlan:
    routine: Routine  # as it will be saved: final id, name and exercise references
    files: tuple[tuple[Path, str], ...]  # (where, text), exercises before the routine
    renamed: tuple[tuple[str, str], ...]  # (old id, new id)
    replaced: tuple[Path, ...]


class ImportRefused(Exception):
    """The import would not load back cleanly; nothing was written."""

    def __init__(self, errors: Iterable[CatalogError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


def clashes(found: RoutineFile, catalog: Catalog) -> list[Clash]:
    out = []
    if found.routine is not None and found.routine.id in catalog.routines:
        there = catalog.routines[found.routine.id]
        out.append(Clash("routine", there.id, there.name, there.builtin))
    for ex in found.exercises:
        known = catalog.exercises.get(ex.id)
        if known is not None and not same_exercise(known, ex):
            out.append(Clash("exercise", ex.id, known.name, known.builtin))
    return out


def free_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or the first ``wanted-2``, ``-3``… not in ``taken``."""
    used = set(taken)
    if wanted not in used:
        return wanted
    m = _NUMBERED.match(wanted)
    stem, n = (m.group(1), int(m.group(2)) + 1) if m else (wanted, 2)
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def _renamed_name(name: str, new_id: str) -> str:
    m = _NUMBERED.match(new_id)
    return f"{name} ({m.group(2)})" if m else name


def taken_ids(catalog: Catalog, user_dir: Path, kind: str) -> set[str]:
    """Ids in use, counting files in the folder that did not load (never write over them)."""
    known = catalog.routines if kind == "routines" else catalog.exercises
    folder = user_dir / kind
    on_disk = {p.stem for p in folder.glob("*.toml")} if folder.is_dir() else set()
    return set(known) | on_disk


def plan_import(
    found: RoutineFile, catalog: Catalog, user_dir: Path, choice: Choice | None
) -> ImportPlan:
    """The files an import writes. ``choice`` settles clashes (see ``clashes``).

    "replace" writes over the runner's own routine or exercise of that id; a shipped one
    is never replaced, so it is kept and the incoming one renamed, as with "keep-both".
    Raises ValueError when the file has mistakes, or clashes and ``choice`` is None.
    """
    if found.routine is None or found.errors:
        raise ValueError(f"{found.path} has mistakes; check it first")
    if clashes(found, catalog) and choice is None:
        raise ValueError("the file clashes with what is already there; choose how to import")
    ex_taken = taken_ids(catalog, user_dir, "exercises")
    renamed: dict[str, str] = {}
    to_write: list[Exercise] = []
    replaced: list[Path] = []
    for ex in found.exercises:
        known = catalog.exercises.get(ex.id)
        if known is not None and same_exercise(known, ex):
            continue  # already there, exactly: nothing to write
        if known is not None and (choice != "replace" or known.builtin):
            new_id = free_id(ex.id, ex_taken | {e.id for e in to_write})
            renamed[ex.id] = new_id
            ex = replace(ex, id=new_id, name=_renamed_name(ex.name, new_id))
        elif known is not None:
            replaced.append(known.path)
        to_write.append(replace(ex, path=user_dir / "exercises" / f"{ex.id}.toml", builtin=False))

    routine = found.routine
    there = catalog.routines.get(routine.id)
    if there is not None and (choice != "replace" or there.builtin):
        new_id = free_id(routine.id, taken_ids(catalog, user_dir, "routines"))
        renamed[routine.id] = new_id
        routine = replace(routine, id=new_id, name=_renamed_name(routine.name, new_id))
    elif there is not None:
        replaced.append(there.path)
    items = tuple(replace(i, exercise=renamed.get(i.exercise, i.exercise)) for i in routine.items)
    routine = replace(
        routine, items=items, path=user_dir / "routines" / f"{routine.id}.toml", builtin=False
    )
    files = [(ex.path, dumps(exercise_table(ex))) for ex in to_write]
    files.append((routine.path, dumps(routine_table(routine), SAVED_HEADER)))
    plan = ImportPlan(routine, tuple(files), tuple(renamed.items()), tuple(replaced))
    _read_back(plan, catalog)
    return plan


def _read_back(plan: ImportPlan, catalog: Catalog) -> None:
    """Parse the texts about to be written, as the loader will; raise if any fails."""
    from backcoach.core.catalog_parse import parse_exercise

    errors: list[CatalogError] = []
    exercises = dict(catalog.exercises)
    for path, text in plan.files[:-1]:
        ex = parse_exercise(path, tomllib.loads(text), False, errors)
        if ex is not None:
            exercises[ex.id] = ex
    path, text = plan.files[-1]
    back = parse_routine_file(path, tomllib.loads(text), False, exercises)
    errors.extend(back.errors)
    if errors or back.routine != plan.routine:
        raise ImportRefused(errors or [CatalogError(path, "", "does not read back the same")])


def apply_import(plan: ImportPlan) -> list[Path]:
    """Write the planned files (each atomically); returns what was written."""
    written = []
    for path, text in plan.files:
        write_text_atomic(path, text)
        written.append(path)
    return written


def export_text(routine: Routine, catalog: Catalog) -> str:
    """One file that is enough to hand the routine over: it carries the runner's own
    exercises it uses (shipped ones are in every copy of backcoach)."""
    own: dict[str, Exercise] = {}
    for item in routine.items:
        ex = catalog.exercises.get(item.exercise)
        if ex is not None and not ex.builtin:
            own.setdefault(ex.id, ex)
    table = routine_table(routine, own.values())
    return dumps(table, EXPORT_HEADER.format(name=routine.name))


def export_routine(routine: Routine, catalog: Catalog, path: Path) -> None:
    write_text_atomic(path, export_text(routine, catalog))
