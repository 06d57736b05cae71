"""What sport a file says it is, in one vocabulary for FIT, GPX and TCX.

FIT has an enum (``running``/``treadmill``); TCX has ``Running``/``Biking``/``Other``;
GPX has a free ``<type>`` that apps fill in their own way: words (``running``,
``trail_running``, ``Run``) or Strava's numbers (1 ride, 4 hike, 9 run, 10 walk).
"""

from __future__ import annotations

from backcoach.runs.model import Surface

RUNNING = "running"
UNKNOWN = ""

# Strava's activity type numbers as written in its GPX exports.
_STRAVA_NUMBERS = {"1": "cycling", "4": "hiking", "9": RUNNING, "10": "walking", "16": "swimming"}

# Checked in order: "trail_running" must read as running, "e-bike ride" as cycling.
_WORDS: tuple[tuple[str, str], ...] = (
    ("run", RUNNING),
    ("jog", RUNNING),
    ("treadmill", RUNNING),
    ("bik", "cycling"),
    ("cycl", "cycling"),
    ("ride", "cycling"),
    ("walk", "walking"),
    ("hik", "hiking"),
    ("swim", "swimming"),
    ("row", "rowing"),
    ("ski", "skiing"),
)

_SURFACE_WORDS: tuple[tuple[str, Surface], ...] = (
    ("treadmill", Surface.TREADMILL),
    ("indoor", Surface.TREADMILL),
    ("trail", Surface.TRAIL),
    ("track", Surface.TRACK),
    ("street", Surface.ROAD),
    ("road", Surface.ROAD),
)


def normalise(word: str | None) -> str:
    """The sport in our vocabulary; ``""`` when the file gives none (or ``generic``)."""
    text = (word or "").strip().lower()
    if not text or text in ("generic", "other", "all", "none", "unknown"):
        return UNKNOWN
    if text in _STRAVA_NUMBERS:
        return _STRAVA_NUMBERS[text]
    for needle, sport in _WORDS:
        if needle in text:
            return sport
    return text


def surface_of(*words: str | None) -> Surface:
    """A surface from a sub-sport or a type such as ``trail_running``; UNSET if none says."""
    for word in words:
        text = (word or "").lower()
        for needle, surface in _SURFACE_WORDS:
            if needle in text:
                return surface
    return Surface.UNSET


def describe(sport: str) -> str:
    """How the import report names a sport that is not a run."""
    return {
        "cycling": "a ride",
        "walking": "a walk",
        "hiking": "a hike",
        "swimming": "a swim",
    }.get(sport, f"a {sport.replace('_', ' ')} activity" if sport else "an activity")
