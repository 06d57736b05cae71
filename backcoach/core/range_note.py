"""How a figure compares with what the source articles say, in a few words.

One small function on purpose: the content work (the "… in the article" lines and
"ours" marks for tempo figures) may bring its own wording, and this is the one place
to swap it in.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.catalog import SeedRange

BEYOND = "beyond the articles' range"
_UNITS = {"hold_s": " s", "rest_s": " s", "reps": "", "sets": "", "rounds": ""}


@dataclass(frozen=True, slots=True)
class RangeNote:
    text: str  # "30–60 s in the articles", or "" when they give no figure
    beyond: bool  # the figure lies outside that range (allowed, but said)


def range_note(rng: tuple[float, float] | None, value: float | None, key: str) -> RangeNote:
    if rng is None:
        return RangeNote("", False)
    lo, hi = rng
    unit = _UNITS.get(key, "")
    span = f"{lo:g}{unit}" if lo == hi else f"{lo:g}–{hi:g}{unit}"
    beyond = value is not None and not lo <= value <= hi
    return RangeNote(f"{span} in the articles", beyond)


def seed_range(seed: SeedRange, key: str) -> tuple[float, float] | None:
    value: tuple[float, float] | None = getattr(seed, key, None)
    return value
