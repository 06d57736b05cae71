"""The exercise catalogue: typed, immutable objects loaded from TOML files.

``load_catalog`` reads the shipped files under the asset root and the runner's own
files in the data folder. A broken file is reported (every mistake in it, as a
``CatalogError``) and skipped; the rest of the catalogue still loads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from backcoach.core.fields import CatalogError

if TYPE_CHECKING:
    from backcoach.core.catalog_cache import ParsedCache

Mode = Literal["hold", "reps"]
Level = Literal["easier", "harder", "alternative"]
When = Literal["after-run", "before-run", "any"]

EQUIPMENT: dict[str, str] = {
    "mat": "Exercise mat",
    "stability-ball": "Large stability ball",
    "wall": "A clear wall",
    "chair": "A bench or sturdy chair",
}

WHEN_LABELS: dict[str, str] = {
    "after-run": "After a run",
    "before-run": "Before a run",
    "any": "Any time",
}


@dataclass(frozen=True, slots=True)
class TempoPhase:
    """One named phase of a rep (or of a repeating cycle in a hold)."""

    name: str
    seconds: float
    cue: str  # what the coach says as the phase starts; "" to stay quiet


@dataclass(frozen=True, slots=True)
class SeedRange:
    """What the source articles say about dosage; ``None`` where they are silent."""

    hold_s: tuple[float, float] | None = None
    reps: tuple[float, float] | None = None
    sets: tuple[float, float] | None = None
    rest_s: tuple[float, float] | None = None
    text: str = ""
    # Tempo phases whose seconds the sources give ("pause for 3 seconds"): (name, seconds).
    tempo_s: tuple[tuple[str, float], ...] = ()

    def phase_s(self, name: str) -> float | None:
        return next((s for n, s in self.tempo_s if n == name), None)


@dataclass(frozen=True, slots=True)
class Dosage:
    mode: Mode
    sets: int
    rest_s: float  # between sets
    hold_s: float | None = None  # hold mode: seconds per set (per side)
    reps: int | None = None  # reps mode: reps per set (per side)
    tempo: tuple[TempoPhase, ...] = ()  # reps: one rep; hold: a cycle repeated through the hold
    # True where any figure, tempo seconds included, is not the sources' and we chose it
    default_is_ours: bool = False
    seed: SeedRange = field(default_factory=SeedRange)

    @property
    def rep_s(self) -> float:
        return sum(p.seconds for p in self.tempo)

    @property
    def work_s(self) -> float:
        """Length of one set on one side."""
        if self.mode == "hold":
            return float(self.hold_s or 0)
        return self.rep_s * (self.reps or 0)

    def describe(self) -> str:
        """Short human form: "45 s hold × 3" or "15 reps"."""
        text = f"{self.hold_s:g} s hold" if self.mode == "hold" else f"{self.reps} reps"
        return text if self.sets == 1 else f"{text} × {self.sets}"


@dataclass(frozen=True, slots=True)
class ExerciseCues:
    setup: str = ""  # one short line said while getting into position
    during: tuple[str, ...] = ()  # encouragement for longer holds


@dataclass(frozen=True, slots=True)
class Answer:
    id: str
    label: str
    advice: str
    routine: str = ""  # a routine to point to for this answer


@dataclass(frozen=True, slots=True)
class Check:
    """A question asked after the exercise, whose answer is recorded (the glute check)."""

    id: str
    question: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True, slots=True)
class Variant:
    id: str
    name: str
    level: Level
    summary: str
    instructions: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    dosage: Dosage | None = None
    cues: ExerciseCues | None = None
    # A form can change sidedness: a double-leg bridge has no sides, a side plank has two.
    per_side: bool | None = None  # None: as the exercise


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    summary: str
    position: str
    instructions: tuple[str, ...]
    equipment: tuple[str, ...]
    per_side: bool
    dosage: Dosage
    cues: ExerciseCues
    safety: tuple[str, ...]
    sources: tuple[str, ...]
    variants: tuple[Variant, ...] = ()
    check: Check | None = None
    path: Path = Path()
    builtin: bool = True
    # Whose figure to draw: a shipped exercise's id (shipped ones draw their own), or ""
    # for the neutral placeholder.
    picture: str = ""

    def variant(self, variant_id: str | None) -> Variant | None:
        if not variant_id:
            return None
        for v in self.variants:
            if v.id == variant_id:
                return v
        raise KeyError(f"{self.id} has no variant '{variant_id}'")

    def easier(self) -> Variant | None:
        return next((v for v in self.variants if v.level == "easier"), None)

    def harder(self) -> Variant | None:
        return next((v for v in self.variants if v.level == "harder"), None)

    def per_side_for(self, variant_id: str | None) -> bool:
        """Whether this exercise (in the given form) is done on the left, then the right."""
        v = self.variant(variant_id)
        return v.per_side if v is not None and v.per_side is not None else self.per_side

    def equipment_for(self, variant_id: str | None) -> tuple[str, ...]:
        v = self.variant(variant_id)
        extra = v.equipment if v else ()
        return tuple(dict.fromkeys((*self.equipment, *extra)))


@dataclass(frozen=True, slots=True)
class RoutineItem:
    exercise: str
    variant: str | None = None
    hold_s: float | None = None
    reps: int | None = None
    sets: int | None = None
    rest_s: float | None = None


@dataclass(frozen=True, slots=True)
class Routine:
    id: str
    name: str
    purpose: str
    when: When
    items: tuple[RoutineItem, ...]
    rounds: int
    rest_between_exercises_s: float
    rest_between_rounds_s: float
    equipment: tuple[str, ...]
    sources: tuple[str, ...]
    rounds_range: tuple[float, float] | None = None  # the seeds' range, when given
    ours: tuple[str, ...] = ()  # fields whose figure we chose because the seeds give none
    notes: tuple[str, ...] = ()
    path: Path = Path()
    builtin: bool = True


def resolve_dosage(exercise: Exercise, item: RoutineItem, variant_id: str | None = None) -> Dosage:
    """The dosage for one routine item: exercise default, then variant, then item overrides."""
    dosage = exercise.dosage
    variant = exercise.variant(variant_id if variant_id is not None else item.variant)
    if variant is not None and variant.dosage is not None:
        dosage = variant.dosage
    changes: dict[str, object] = {}
    if item.hold_s is not None and dosage.mode == "hold":
        changes["hold_s"] = item.hold_s
    if item.reps is not None and dosage.mode == "reps":
        changes["reps"] = item.reps
    if item.sets is not None:
        changes["sets"] = item.sets
    if item.rest_s is not None:
        changes["rest_s"] = item.rest_s
    return replace(dosage, **changes) if changes else dosage  # type: ignore[arg-type]


@dataclass
class Catalog:
    exercises: dict[str, Exercise] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    errors: list[CatalogError] = field(default_factory=list)

    def exercise(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def routine(self, routine_id: str) -> Routine:
        try:
            return self.routines[routine_id]
        except KeyError:
            known = ", ".join(sorted(self.routines)) or "none"
            raise KeyError(f"no routine called '{routine_id}'; known routines: {known}") from None


def load_catalog(
    asset_root: Path, user_dir: Path | None = None, cache: ParsedCache | None = None
) -> Catalog:
    """Load shipped exercises and routines, then the runner's own from ``user_dir``;
    with ``cache`` (``catalog_cache``), unchanged files come from their last parse."""
    from backcoach.core.catalog_files import read_folder
    from backcoach.core.catalog_parse import parse_exercise
    from backcoach.core.routine_file import check_pictures, parse_routine_file

    catalog = Catalog()
    errors = catalog.errors
    sources = [(asset_root, True)] + ([(user_dir, False)] if user_dir else [])
    for root, builtin in sources:
        for path, data in read_folder(root / "exercises", errors, cache):
            ex = _guarded(path, errors, parse_exercise, path, data, builtin, errors)
            if ex is not None:
                _add_unique(catalog.exercises, ex.id, ex, path, errors)
    check_pictures(catalog.exercises, errors)
    for root, builtin in sources:
        for path, data in read_folder(root / "routines", errors, cache):
            # A routine file may carry its own exercises ([[exercise]] tables).
            found = _guarded(
                path, errors, parse_routine_file, path, data, builtin, catalog.exercises
            )
            if found is None:
                continue
            errors.extend(found.errors)
            if found.routine is None:
                continue
            for ex in found.exercises:
                catalog.exercises.setdefault(ex.id, ex)
            _add_unique(catalog.routines, found.routine.id, found.routine, path, errors)
    _check_answer_links(catalog)
    if cache is not None:
        cache.save()
    return catalog


T = TypeVar("T")

# Marks an error the parser did not foresee; the fuzz test counts these as crashes.
UNFORESEEN = "could not be read because of a problem backcoach did not foresee"


def _guarded(
    path: Path, errors: list[CatalogError], parse: Callable[..., T | None], *args: Any
) -> T | None:
    """Last line of defence: whatever a file makes the parser raise is that file's error,
    never the whole catalogue's."""
    try:
        return parse(*args)
    except Exception as exc:
        errors.append(CatalogError(path, "(file)", f"{UNFORESEEN} ({type(exc).__name__}: {exc})"))
        return None


def _check_answer_links(catalog: Catalog) -> None:
    """A check's answer may point to a routine; routines load after exercises, so look now.

    A broken link is reported and dropped (the advice is still worth showing); dropping
    the whole exercise would also break every routine already built on it.
    """
    for ex_id, ex in list(catalog.exercises.items()):
        if ex.check is None:
            continue
        answers = []
        for i, answer in enumerate(ex.check.answers):
            if answer.routine and answer.routine not in catalog.routines:
                known = ", ".join(sorted(catalog.routines)) or "none"
                catalog.errors.append(
                    CatalogError(
                        ex.path,
                        f"check.answers[{i}].routine",
                        f"unknown routine '{answer.routine}'; expected one of: {known}",
                    )
                )
                answer = replace(answer, routine="")
            answers.append(answer)
        catalog.exercises[ex_id] = replace(ex, check=replace(ex.check, answers=tuple(answers)))


def _add_unique(
    into: dict[str, Exercise] | dict[str, Routine],
    key: str,
    value: Exercise | Routine,
    path: Path,
    errors: list[CatalogError],
) -> None:
    if key in into:
        first = into[key].path
        errors.append(
            CatalogError(
                path, "id", f"duplicate id '{key}', already defined in {first}; rename one of them"
            )
        )
        return
    into[key] = value  # type: ignore[assignment]


def read_toml(path: Path, errors: list[CatalogError]) -> dict[str, Any] | None:
    """One file's tables, or None with the reason in ``errors``.

    Every file the catalogue reads comes through here (``catalog_files``), a dropped or
    imported one too, so they all meet the same checks and limits.
    """
    from backcoach.core.catalog_files import read_file

    return read_file(path, errors)
