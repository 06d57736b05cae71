"""The runner's own routines and exercises in the data folder: save and delete.

Deleting a routine removes its file only; the sessions done with it stay in the
history (they keep the routine's id and name), as the runner would expect.
"""

from __future__ import annotations

from pathlib import Path

from backcoach.core.atomic import write_text_atomic
from backcoach.core.catalog import Exercise, Routine
from backcoach.core.catalog_write import dumps, exercise_table, routine_table
from backcoach.core.routine_import import SAVED_HEADER


def save_routine(routine: Routine, folder: Path) -> Path:
    """Write ``folder/<id>.toml`` atomically; returns the path."""
    path = folder / f"{routine.id}.toml"
    write_text_atomic(path, dumps(routine_table(routine), SAVED_HEADER))
    return path


def save_exercise(exercise: Exercise, folder: Path) -> Path:
    path = folder / f"{exercise.id}.toml"
    write_text_atomic(path, dumps(exercise_table(exercise), SAVED_HEADER))
    return path


def delete_routine(routine: Routine) -> None:
    """Remove the runner's own routine file; shipped routines are never deleted."""
    if routine.builtin:
        raise ValueError(f"{routine.id} is a shipped routine; only your own can be deleted")
    routine.path.unlink(missing_ok=True)
