"""The custom exercise form's model: what the runner typed, checked by the loader.

Like the routine draft, it becomes the documented file format and is read with the
loader's own ``parse_exercise``, so the form refuses exactly what a file would, in the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcoach.core.catalog import Exercise
from backcoach.core.fields import CatalogError


@dataclass(frozen=True, slots=True)
class PhaseDraft:
    name: str
    seconds: float
    cue: str = ""


@dataclass(frozen=True, slots=True)
class ExerciseDraft:
    name: str = ""
    summary: str = ""
    position: str = ""
    steps: tuple[str, ...] = ()
    per_side: bool = False
    equipment: tuple[str, ...] = ()
    mode: str = "hold"
    hold_s: float = 30.0
    reps: int = 10
    sets: int = 1
    rest_s: float = 0.0
    tempo: tuple[PhaseDraft, ...] = ()
    setup_cue: str = ""
    during: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    picture: str = ""  # a shipped exercise's id, or "" for the plain placeholder
    editing: str = ""  # the id of the runner's own exercise being changed


def _lines(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for v in values if v.strip()]


def exercise_draft_table(draft: ExerciseDraft, exercise_id: str) -> dict[str, Any]:
    dosage: dict[str, Any] = {"mode": draft.mode, "sets": draft.sets, "rest_s": draft.rest_s}
    if draft.mode == "hold":
        dosage["hold_s"] = draft.hold_s
    else:
        dosage["reps"] = draft.reps
    if draft.tempo:
        dosage["tempo"] = [
            {"name": p.name, "seconds": p.seconds, **({"cue": p.cue} if p.cue else {})}
            for p in draft.tempo
        ]
    table: dict[str, Any] = {
        "id": exercise_id,
        "name": draft.name,
        "summary": draft.summary,
        "position": draft.position,
        "instructions": _lines(draft.steps),
        "equipment": list(draft.equipment),
        "per_side": draft.per_side,
        "dosage": dosage,
    }
    if _lines(draft.safety):
        table["safety"] = _lines(draft.safety)
    cues: dict[str, Any] = {}
    if draft.setup_cue.strip():
        cues["setup"] = draft.setup_cue.strip()
    if _lines(draft.during):
        cues["during"] = _lines(draft.during)
    if cues:
        table["cues"] = cues
    if draft.picture:
        table["picture"] = draft.picture
    return table


@dataclass(frozen=True, slots=True)
class ExerciseCheck:
    exercise_id: str
    exercise: Exercise | None
    errors: tuple[CatalogError, ...]

    def messages(self, field_name: str) -> list[str]:
        return [e.message for e in self.errors if e.field == field_name]


def check_exercise_draft(
    draft: ExerciseDraft, known: dict[str, Exercise], folder: Path
) -> ExerciseCheck:
    """Read the form as ``folder/<id>.toml`` would be read, picture check included."""
    from backcoach.core.catalog_parse import parse_exercise
    from backcoach.core.routine_draft import slug
    from backcoach.core.routine_file import picture_error
    from backcoach.core.routine_import import free_id

    taken = set(known) | ({p.stem for p in folder.glob("*.toml")} if folder.is_dir() else set())
    ex_id = draft.editing or free_id(slug(draft.name, "my-exercise"), taken)
    errors: list[CatalogError] = []
    path = folder / f"{ex_id}.toml"
    ex = parse_exercise(path, exercise_draft_table(draft, ex_id), False, errors)
    if ex is not None:
        bad = picture_error(ex, known, "picture")
        if bad is not None:
            errors.append(bad)
    return ExerciseCheck(ex_id, None if errors else ex, tuple(errors))


def draft_from_exercise(ex: Exercise) -> ExerciseDraft:
    d = ex.dosage
    return ExerciseDraft(
        name=ex.name,
        summary=ex.summary,
        position=ex.position,
        steps=ex.instructions,
        per_side=ex.per_side,
        equipment=ex.equipment,
        mode=d.mode,
        hold_s=d.hold_s or 30.0,
        reps=d.reps or 10,
        sets=d.sets,
        rest_s=d.rest_s,
        tempo=tuple(PhaseDraft(p.name, p.seconds, p.cue) for p in d.tempo),
        setup_cue=ex.cues.setup,
        during=ex.cues.during,
        safety=ex.safety,
        picture=ex.picture,
        editing=ex.id,
    )
