"""The routine editor's model: a draft routine, its edits, and its check.

A draft is an immutable value; every edit gives a new one, so the window's undo stack
only keeps (before, after) pairs. A draft is checked by turning it into the documented
file format and reading that with the loader itself, so the editor can never accept
what the loader would refuse, and its messages are the loader's own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from backcoach.core.catalog import EQUIPMENT, Catalog, Dosage, Routine, RoutineItem, resolve_dosage
from backcoach.core.fields import CatalogError

FIGURES = ("hold_s", "reps", "sets", "rest_s")
_ITEM_OURS = re.compile(r"^items\[(\d+)\]\.(hold_s|reps|sets|rest_s)$")


@dataclass(frozen=True, slots=True)
class DraftItem:
    exercise: str
    variant: str = ""
    hold_s: float | None = None  # None: the exercise's own figure
    reps: int | None = None
    sets: int | None = None
    rest_s: float | None = None
    ours: frozenset[str] = frozenset()  # figures backcoach chose (from a shipped routine)

    def as_item(self) -> RoutineItem:
        return RoutineItem(
            self.exercise, self.variant or None, self.hold_s, self.reps, self.sets, self.rest_s
        )


@dataclass(frozen=True, slots=True)
class RoutineDraft:
    name: str = ""
    purpose: str = ""
    when: str = "any"
    rounds: int = 1
    rest_between_exercises_s: float = 0.0
    rest_between_rounds_s: float = 0.0
    items: tuple[DraftItem, ...] = ()
    editing: str = ""  # the id of the runner's own routine being edited; "" for a new one
    rounds_range: tuple[float, float] | None = None  # kept from a duplicated routine
    notes: tuple[str, ...] = ()
    ours: frozenset[str] = frozenset()

    # ----- edits: each returns a new draft ---------------------------------------------
    def with_fields(self, **changes: Any) -> RoutineDraft:
        """Change routine fields; a figure the runner sets is theirs, no longer ours."""
        return replace(self, ours=self.ours - set(changes), **changes)

    def with_item(self, index: int, **changes: Any) -> RoutineDraft:
        items = list(self.items)
        item = items[index]
        items[index] = replace(item, ours=item.ours - set(changes), **changes)
        return replace(self, items=tuple(items))

    def added(self, exercise_id: str, at: int | None = None) -> RoutineDraft:
        items = list(self.items)
        items.insert(len(items) if at is None else at, DraftItem(exercise_id))
        return replace(self, items=tuple(items))

    def removed(self, index: int) -> RoutineDraft:
        return replace(self, items=self.items[:index] + self.items[index + 1 :])

    def moved(self, index: int, to: int) -> RoutineDraft:
        """Item ``index`` taken out and put back at position ``to`` (clamped to the ends)."""
        items = list(self.items)
        to = max(0, min(to, len(items) - 1))
        items.insert(to, items.pop(index))
        return replace(self, items=tuple(items))


@dataclass(frozen=True, slots=True)
class DraftCheck:
    routine_id: str
    routine: Routine | None  # None while the draft has mistakes
    errors: tuple[CatalogError, ...]
    equipment: tuple[str, ...]
    total_s: float | None  # exactly as ``backcoach plan`` computes it; None with mistakes
    table: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.routine is not None

    def messages(self, field_name: str) -> list[str]:
        return [e.message for e in self.errors if e.field == field_name]


def slug(text: str, fallback: str = "my-routine") -> str:
    """An id from a name: "Sam's hips, après run" → "sams-hips-apres-run"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower().replace("'", ""))
    return "-".join(words)[:60].strip("-") or fallback


def draft_from_routine(routine: Routine, edit: bool) -> RoutineDraft:
    """A draft of ``routine``: to edit it (the runner's own), or a copy to change."""
    item_ours: dict[int, set[str]] = {}
    routine_ours = set()
    for name in routine.ours:
        m = _ITEM_OURS.match(name)
        if m:
            item_ours.setdefault(int(m.group(1)), set()).add(m.group(2))
        else:
            routine_ours.add(name)
    items = tuple(
        DraftItem(
            i.exercise,
            i.variant or "",
            i.hold_s,
            i.reps,
            i.sets,
            i.rest_s,
            frozenset(item_ours.get(n, ())),
        )
        for n, i in enumerate(routine.items)
    )
    return RoutineDraft(
        name=routine.name if edit else f"{routine.name} (my copy)",
        purpose=routine.purpose,
        when=routine.when,
        rounds=routine.rounds,
        rest_between_exercises_s=routine.rest_between_exercises_s,
        rest_between_rounds_s=routine.rest_between_rounds_s,
        items=items,
        editing=routine.id if edit else "",
        rounds_range=routine.rounds_range,
        notes=routine.notes,
        ours=frozenset(routine_ours),
    )


def item_dosage(catalog: Catalog, item: DraftItem) -> Dosage | None:
    """What the item will do (its exercise's dosage with the item's changes)."""
    ex = catalog.exercises.get(item.exercise)
    if ex is None:
        return None
    variant = item.variant if item.variant in {v.id for v in ex.variants} else None
    return resolve_dosage(ex, item.as_item(), variant or "")


def needed_equipment(draft: RoutineDraft, catalog: Catalog) -> tuple[str, ...]:
    """Everything the items need, in the catalogue's order."""
    needs: set[str] = set()
    for item in draft.items:
        ex = catalog.exercises.get(item.exercise)
        if ex is not None:
            variant = item.variant if item.variant in {v.id for v in ex.variants} else None
            needs.update(ex.equipment_for(variant))
    return tuple(e for e in EQUIPMENT if e in needs)


def draft_table(draft: RoutineDraft, catalog: Catalog, routine_id: str) -> dict[str, Any]:
    """The draft in the documented file format (what Save writes, before TOML)."""
    sources: dict[str, None] = {}
    items = []
    ours = sorted(draft.ours)
    for n, item in enumerate(draft.items):
        ex = catalog.exercises.get(item.exercise)
        sources.update(dict.fromkeys(ex.sources if ex is not None else ()))
        it: dict[str, Any] = {"exercise": item.exercise}
        if item.variant:
            it["variant"] = item.variant
        for key in FIGURES:
            value = getattr(item, key)
            if value is not None:
                it[key] = value
                if key in item.ours:
                    ours.append(f"items[{n}].{key}")
        items.append(it)
    table: dict[str, Any] = {
        "id": routine_id,
        "name": draft.name,
        "purpose": draft.purpose,
        "when": draft.when,
        "rounds": draft.rounds,
        "rest_between_exercises_s": draft.rest_between_exercises_s,
        "rest_between_rounds_s": draft.rest_between_rounds_s,
        "equipment": list(needed_equipment(draft, catalog)),
    }
    if draft.rounds_range is not None:
        table["rounds_range"] = list(draft.rounds_range)
    if sources:
        table["sources"] = sorted(sources)
    if ours:
        table["ours"] = ours
    if draft.notes:
        table["notes"] = list(draft.notes)
    table["items"] = items
    return table


def draft_id(draft: RoutineDraft, taken: set[str]) -> str:
    """The id Save uses: the edited routine's own, or a free one made from the name."""
    if draft.editing:
        return draft.editing
    from backcoach.core.routine_import import free_id

    return free_id(slug(draft.name), taken)


def check_draft(draft: RoutineDraft, catalog: Catalog, folder: Path, taken: set[str]) -> DraftCheck:
    """Read the draft with the loader, as if it were ``folder/<id>.toml``."""
    from backcoach.core.catalog_parse import parse_routine
    from backcoach.core.plan import build_plan

    routine_id = draft_id(draft, taken)
    table = draft_table(draft, catalog, routine_id)
    errors: list[CatalogError] = []
    path = folder / f"{routine_id}.toml"
    routine = parse_routine(path, table, False, catalog.exercises, errors)
    if errors:
        routine = None
    total = build_plan(routine, catalog, with_cues=False).total_s if routine else None
    return DraftCheck(
        routine_id, routine, tuple(errors), needed_equipment(draft, catalog), total, table
    )
