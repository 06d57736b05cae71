"""A runner's level for one exercise in one routine, and the ladder of steps between levels.

A level is the form (easier, standard, harder), the hold or the reps, and the sets. The
ladder goes up one small step at a time: a hold +5 s, then a rep +1, then a set +1, each
only inside its limits, and at the top of a form on to the next harder form, starting it
again from its own beginning. Stepping back walks the same ladder down.

Limits come from the articles (``SeedRange``) where they give one. An exercise the
articles give no figures for at all moves inside limits that are ours (``ours=True``):
a hold by up to 15 s, reps by up to 4, one more set. Where the articles give some figures
but not others, the others stay as the routine has them: the articles are the guide.

The rules that decide *when* to take a step live in ``progression``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from backcoach.core.catalog import Catalog, Dosage, Exercise, Routine, RoutineItem, resolve_dosage

HOLD_STEP_S = 5.0
OURS_HOLD_GAIN_S = 15.0  # three hold steps
OURS_REPS_GAIN = 4
OURS_SETS_GAIN = 1
ROUNDS_KEY = ""  # the slot key under which the routine's rounds are stored


@dataclass(frozen=True, slots=True)
class Level:
    variant: str = ""  # "" for the exercise's standard form
    hold_s: float | None = None  # hold mode
    reps: int | None = None  # reps mode
    sets: int = 1

    def describe(self) -> str:
        """Short and spoken-friendly: "50 s × 4", "13 reps", "8 reps × 2"."""
        amount = f"{self.hold_s:g} s" if self.hold_s is not None else f"{self.reps} reps"
        return amount if self.sets == 1 else f"{amount} × {self.sets}"


@dataclass(frozen=True, slots=True)
class Bound:
    lo: float
    hi: float
    ours: bool = False  # True: the articles give no figure; these limits are backcoach's

    def text(self, unit: str = "") -> str:
        span = f"{self.lo:g}" if self.lo == self.hi else f"{self.lo:g}–{self.hi:g}"
        return span + unit


@dataclass(frozen=True, slots=True)
class Form:
    """One rung group of the ladder: a form of the exercise and the limits inside it."""

    variant: str
    name: str
    base: Level  # where this form starts
    hold: Bound | None
    reps: Bound | None
    sets: Bound

    @property
    def top(self) -> Level:
        return replace(
            self.base,
            hold_s=self.hold.hi if self.hold and self.base.hold_s is not None else self.base.hold_s,
            reps=int(self.reps.hi) if self.reps and self.base.reps is not None else self.base.reps,
            sets=int(self.sets.hi),
        )

    def clamp(self, level: Level) -> Level:
        """The same level kept inside this form's limits (for levels set by hand or
        stored before the catalogue changed)."""

        def inside(value: float | None, bound: Bound | None, base: float | None) -> float | None:
            if base is None:
                return None
            wanted = base if value is None else value
            return wanted if bound is None else min(max(wanted, bound.lo), bound.hi)

        hold = inside(level.hold_s, self.hold, self.base.hold_s)
        reps = inside(level.reps, self.reps, self.base.reps)
        sets = inside(level.sets, self.sets, self.base.sets)
        return Level(
            self.variant, hold, None if reps is None else int(reps), int(sets or self.base.sets)
        )

    @property
    def ours(self) -> bool:
        return any(b is not None and b.ours for b in (self.hold, self.reps, self.sets))

    def range_text(self) -> str:
        """The limits as the runner reads them: "45–60 s × 3–5" or "12–15 reps"."""
        parts = []
        if self.hold is not None and self.base.hold_s is not None:
            parts.append(self.hold.text(" s"))
        if self.reps is not None and self.base.reps is not None:
            parts.append(self.reps.text(" reps"))
        if self.sets.lo != self.sets.hi or self.sets.lo > 1:
            parts.append(self.sets.text())
        return " × ".join(parts)


@dataclass(frozen=True, slots=True)
class Slot:
    """One exercise in one routine: its place, and its ladder of forms."""

    key: str  # stable within the routine: the exercise id, with the item's form and a count
    item_index: int
    exercise_id: str
    name: str
    forms: tuple[Form, ...]  # easier first, then the routine's form, then harder ones
    start: int  # index of the routine's own form in ``forms``
    progresses: bool = True  # False: a check or a warm-up, kept as the routine has it

    @property
    def base(self) -> Level:
        return self.forms[self.start].base

    def form(self, variant: str) -> Form | None:
        return next((f for f in self.forms if f.variant == variant), None)

    def clamp(self, level: Level) -> Level:
        """A stored level made valid today; an unknown form falls back to the start."""
        form = self.form(level.variant)
        return self.base if form is None else form.clamp(level)

    def up(self, level: Level) -> Level | None:
        """The next step: hold +5 s, else rep +1, else set +1, else the next harder form."""
        i = self._index(level)
        form = self.forms[i]
        if form.hold is not None and level.hold_s is not None and level.hold_s < form.hold.hi:
            return replace(level, hold_s=min(level.hold_s + HOLD_STEP_S, form.hold.hi))
        if form.reps is not None and level.reps is not None and level.reps < form.reps.hi:
            return replace(level, reps=level.reps + 1)
        if level.sets < form.sets.hi:
            return replace(level, sets=level.sets + 1)
        if i + 1 < len(self.forms):
            return self.forms[i + 1].base
        return None

    def back(self, level: Level) -> Level | None:
        """One step down the same ladder: the last kind of step up is undone first."""
        i = self._index(level)
        form = self.forms[i]
        if level.sets > form.sets.lo:
            return replace(level, sets=level.sets - 1)
        if form.reps is not None and level.reps is not None and level.reps > form.reps.lo:
            return replace(level, reps=level.reps - 1)
        if form.hold is not None and level.hold_s is not None and level.hold_s > form.hold.lo:
            return replace(level, hold_s=max(level.hold_s - HOLD_STEP_S, form.hold.lo))
        if i > 0:
            return self.forms[i - 1].top
        return None

    def is_harder_form(self, level: Level) -> bool:
        return self._index(level) > self.start

    def _index(self, level: Level) -> int:
        for i, f in enumerate(self.forms):
            if f.variant == level.variant:
                return i
        return self.start


def dimension_bound(
    seed: tuple[float, float] | None, base: float, has_figures: bool, ours_gain: float
) -> Bound:
    """The articles' range (never narrowed below where the routine starts), else ours."""
    if seed is not None:
        lo, hi = seed
        return Bound(min(lo, base), max(hi, base))
    if has_figures:  # the articles give other figures for it: keep this one as it is
        return Bound(base, base)
    return Bound(base, base + ours_gain, ours=True)


def _form(ex: Exercise, item: RoutineItem, variant: str, name: str) -> Form:
    dosage: Dosage = resolve_dosage(ex, item, variant or None)
    seed = dosage.seed
    figures = any(r is not None for r in (seed.hold_s, seed.reps, seed.sets))
    hold = reps = None
    if dosage.mode == "hold" and dosage.hold_s is not None:
        hold = dimension_bound(seed.hold_s, dosage.hold_s, figures, OURS_HOLD_GAIN_S)
    if dosage.mode == "reps" and dosage.reps is not None:
        reps = dimension_bound(seed.reps, dosage.reps, figures, OURS_REPS_GAIN)
    sets = dimension_bound(seed.sets, dosage.sets, figures, OURS_SETS_GAIN)
    base = Level(
        variant,
        dosage.hold_s if dosage.mode == "hold" else None,
        dosage.reps if dosage.mode == "reps" else None,
        dosage.sets,
    )
    return Form(variant, name, base, hold, reps, sets)


def _ladder(ex: Exercise, item: RoutineItem) -> tuple[tuple[Form, ...], int]:
    own = ex.variant(item.variant) if item.variant else None
    if own is not None and own.level == "alternative":
        return (_form(ex, item, own.id, own.name),), 0  # another way of doing it: no ladder
    rungs: list[tuple[str, str]] = [(v.id, v.name) for v in ex.variants if v.level == "easier"]
    rungs.append(("", ex.name))
    rungs += [(v.id, v.name) for v in ex.variants if v.level == "harder"]
    forms = tuple(_form(ex, item, variant, name) for variant, name in rungs)
    start = next(i for i, (variant, _) in enumerate(rungs) if variant == (item.variant or ""))
    return forms, start


def slots_for(routine: Routine, catalog: Catalog) -> tuple[Slot, ...]:
    """Every exercise of ``routine`` as a slot with its ladder."""
    seen: dict[str, int] = {}
    slots = []
    for index, item in enumerate(routine.items):
        ex = catalog.exercise(item.exercise)
        key = ex.id + (f"@{item.variant}" if item.variant else "")
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key += f"#{seen[key]}"
        forms, start = _ladder(ex, item)
        # A check asks a question; a warm-up gets the body ready. Neither is training load.
        progresses = ex.check is None and routine.when != "before-run"
        slots.append(Slot(key, index, ex.id, ex.name, forms, start, progresses))
    return tuple(slots)


def rounds_bound(routine: Routine) -> Bound | None:
    """The articles' range of rounds; None where they give none (the rounds then stay)."""
    if routine.rounds_range is None:
        return None
    lo, hi = routine.rounds_range
    return Bound(min(lo, routine.rounds), max(hi, routine.rounds))


def apply_level(dosage: Dosage, level: Level) -> Dosage:
    """The dosage with the runner's hold or reps and sets in place of the routine's."""
    changes: dict[str, object] = {"sets": level.sets}
    if dosage.mode == "hold" and level.hold_s is not None:
        changes["hold_s"] = level.hold_s
    if dosage.mode == "reps" and level.reps is not None:
        changes["reps"] = level.reps
    return replace(dosage, **changes)  # type: ignore[arg-type]


def levels_by_item(slots: tuple[Slot, ...], levels: Mapping[str, Level]) -> dict[int, Level]:
    """The runner's levels keyed by the routine item they belong to (for ``PlanOptions``)."""
    return {s.item_index: levels[s.key] for s in slots if s.key in levels}
