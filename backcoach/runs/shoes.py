"""Shoe mileage. The articles tell runners to replace their shoes often, the more so
the more they run, and give no distance; the runner sets one per shoe.
Our default is the middle of what running shops commonly quote (500–800 km)."""

from __future__ import annotations

from collections.abc import Sequence

from backcoach.runs.model import Shoe

DEFAULT_RETIRE_AT_M = 650_000.0
NEARLY_DUE_SHARE = 0.9
DEFAULT_NOTE = (
    "The articles say to replace running shoes often, more so when you run a lot, "
    "but give no distance. 650 km is our default, from the 500–800 km commonly quoted; "
    "set your own."
)


def status(shoe: Shoe) -> str:
    """A few words for the shoe list: retired, due for a change, nearly due, or km left."""
    if shoe.retired_on is not None:
        return f"retired on {shoe.retired_on.isoformat()}"
    if shoe.due:
        over = (shoe.distance_m - shoe.retire_at_m) / 1000
        return "due for a change" + (f" ({over:.0f} km past your limit)" if over >= 1 else "")
    left = (shoe.retire_at_m - shoe.distance_m) / 1000
    if shoe.worn_share >= NEARLY_DUE_SHARE:
        return f"nearly due: {left:.0f} km left"
    return f"{left:.0f} km left"


def short_status(shoe: Shoe) -> str:
    """For a narrow column: the distance against the limit, and what that means."""
    worn = f"{shoe.distance_m / 1000:.0f} of {shoe.retire_at_m / 1000:.0f} km"
    if shoe.retired_on is not None:
        return f"{worn}, retired"
    if shoe.due:
        return f"{worn}: due for a change"
    return f"{worn}, {(shoe.retire_at_m - shoe.distance_m) / 1000:.0f} km left"


def due(shoes: Sequence[Shoe]) -> list[Shoe]:
    return [s for s in shoes if s.due]


def default(shoes: Sequence[Shoe]) -> Shoe | None:
    return next((s for s in shoes if s.is_default and s.retired_on is None), None)
