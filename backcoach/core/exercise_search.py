"""Finding exercises for a routine: a search box and a few filters, without Qt."""

from __future__ import annotations

from collections.abc import Iterable

from backcoach.core.catalog import Exercise

# Words in an exercise's ``position`` → the group the filter shows. First match wins.
POSITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Lying on your back", ("on your back",)),
    ("Face down", ("face down", "on forearms and toes")),
    ("On your side", ("on your side", "side plank", "side-lying")),
    ("Hands and knees", ("hands and knees", "hands and feet", "all fours")),
    ("Kneeling", ("kneel",)),
    ("Standing", ("standing", "stand ", "lunge")),
)
OTHER = "Other"


def position_group(position: str) -> str:
    text = position.lower()
    for group, words in POSITIONS:
        if any(w in text for w in words):
            return group
    return OTHER


def position_groups() -> tuple[str, ...]:
    return (*(g for g, _ in POSITIONS), OTHER)


def find_exercises(
    exercises: Iterable[Exercise],
    text: str = "",
    position: str = "",
    equipment: str = "",  # "" any, "none" nothing needed, or an equipment key
    per_side: bool | None = None,
) -> list[Exercise]:
    """Exercises matching every filter given, shipped first, then by name."""
    words = text.lower().split()
    found = []
    for ex in exercises:
        hay = " ".join((ex.name, ex.summary, ex.position, ex.id)).lower()
        if any(w not in hay for w in words):
            continue
        if position and position_group(ex.position) != position:
            continue
        if equipment == "none" and ex.equipment:
            continue
        if equipment not in ("", "none") and equipment not in ex.equipment:
            continue
        if per_side is not None and ex.per_side != per_side:
            continue
        found.append(ex)
    return sorted(found, key=lambda e: (not e.builtin, e.name.lower()))
