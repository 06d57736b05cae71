"""Elevation gain from a series of altitudes, for files that do not state it."""

from __future__ import annotations

from collections.abc import Iterable

# GPS and barometric altitude jitter by a metre or two; counting every wiggle would
# turn a flat run into a hilly one. A rise counts once it clears this much.
NOISE_M = 3.0


def ascent(altitudes: Iterable[float | None], noise_m: float = NOISE_M) -> float | None:
    """Metres climbed, ignoring rises smaller than ``noise_m``; None with no altitudes."""
    total = 0.0
    low: float | None = None  # lowest point since the last counted climb
    high: float | None = None
    seen = False
    for alt in altitudes:
        if alt is None:
            continue
        seen = True
        if low is None or high is None:
            low = high = alt
            continue
        if alt > high:
            high = alt
        if high - low >= noise_m and alt <= high - noise_m:
            total += high - low  # a climb that has ended: count it, start again here
            low = high = alt
        elif alt < low and high - low < noise_m:
            low = high = alt  # still going down: move the base with it
    if not seen:
        return None
    if low is not None and high is not None and high - low >= noise_m:
        total += high - low
    return total
