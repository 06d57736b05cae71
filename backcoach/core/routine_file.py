"""A routine file as a whole: the routine and the exercises it carries with it.

A routine can bring its own exercises in ``[[exercise]]`` tables, so one file is enough
to hand a plan over (a physio's email). The loader reads the data folder through
``parse_routine_file``; ``check_routine_file`` reads a file from anywhere (an import, a
drop on the window, ``backcoach routine validate``) through the same code, so a file
means the same thing wherever it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from backcoach.core.catalog import Catalog, Exercise, Routine, read_toml
from backcoach.core.fields import CatalogError, FieldReader


@dataclass(frozen=True, slots=True)
class RoutineFile:
    """What one file holds; ``routine`` is None when it has mistakes (all in ``errors``)."""

    path: Path
    routine: Routine | None
    exercises: tuple[Exercise, ...]  # carried in the file, in file order
    errors: tuple[CatalogError, ...]

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.errors


def same_exercise(a: Exercise, b: Exercise) -> bool:
    """Equal in everything a runner sees and does; where the file lives does not count."""
    return replace(a, path=Path(), builtin=False) == replace(b, path=Path(), builtin=False)


def parse_routine_file(
    path: Path,
    data: dict[str, Any],
    builtin: bool,
    exercises: Mapping[str, Exercise],
    named_after_file: bool = True,
    clashes_are_errors: bool = True,
) -> RoutineFile:
    """The routine in ``data`` and its own exercises, checked against ``exercises``.

    A carried exercise whose id is already known is fine when it is the same exercise;
    a different one is a clash, reported as an error unless ``clashes_are_errors`` is
    False (an import asks the runner instead). Its items use the file's own version.
    """
    from backcoach.core.catalog_parse import parse_exercise, parse_routine

    errors: list[CatalogError] = []
    reader = FieldReader(path)
    carried: list[Exercise] = []
    for i, table in enumerate(reader.tables(data, "", "exercise")):
        ex = parse_exercise(path, table, builtin, errors, prefix=f"exercise[{i}]")
        if ex is None:
            continue
        known = exercises.get(ex.id)
        if any(c.id == ex.id for c in carried):
            errors.append(
                CatalogError(
                    path, f"exercise[{i}].id", f"duplicate id '{ex.id}'; give each its own id"
                )
            )
        elif known is not None and not same_exercise(known, ex) and clashes_are_errors:
            errors.append(
                CatalogError(
                    path,
                    f"exercise[{i}].id",
                    f"duplicate id '{ex.id}', already defined in {known.path}; rename one of them",
                )
            )
        bad_picture = picture_error(ex, exercises, f"exercise[{i}].picture")
        if bad_picture is not None:
            errors.append(bad_picture)
        carried.append(ex)
    errors.extend(reader.errors)
    visible = {**exercises, **{c.id: c for c in carried}}
    routine = parse_routine(path, data, builtin, visible, errors, named_after_file)
    if errors:
        routine = None
    return RoutineFile(path, routine, tuple(carried), tuple(errors))


def check_routine_file(path: Path, catalog: Catalog) -> RoutineFile:
    """A routine file from anywhere, read and checked exactly as the loader would.

    Its name does not matter (it is saved under its id); a carried exercise that
    differs from one already in the catalogue is left for the import to decide.
    """
    errors: list[CatalogError] = []
    data = read_toml(path, errors)
    if data is None:
        return RoutineFile(path, None, (), tuple(errors))
    return parse_routine_file(
        path, data, False, catalog.exercises, named_after_file=False, clashes_are_errors=False
    )


def check_pictures(exercises: dict[str, Exercise], errors: list[CatalogError]) -> None:
    """The runner's exercise files: a picture that is not a shipped exercise's is dropped."""
    for ex_id, ex in list(exercises.items()):
        error = picture_error(ex, exercises, "picture")
        if error is not None:
            errors.append(error)
            exercises[ex_id] = replace(ex, picture="")


def picture_error(ex: Exercise, pool: Mapping[str, Exercise], field: str) -> CatalogError | None:
    """A runner's exercise may borrow any shipped exercise's picture, or have none."""
    if ex.builtin or not ex.picture:
        return None
    target = pool.get(ex.picture)
    if target is not None and target.builtin:
        return None
    examples = ", ".join(sorted(i for i, e in pool.items() if e.builtin)[:3]) or "glute-bridge"
    return CatalogError(
        ex.path,
        field,
        f"unknown picture '{ex.picture}'; expected the id of a shipped exercise "
        f"(such as {examples}), or leave it out for a plain placeholder",
    )


def with_carried(catalog: Catalog, found: RoutineFile) -> Catalog:
    """The catalogue as the file's routine sees it: its own exercises included."""
    return Catalog(
        exercises={**catalog.exercises, **{e.id: e for e in found.exercises}},
        routines=catalog.routines,
    )
