"""Distances, durations and paces as a runner writes and reads them."""

from __future__ import annotations

import re

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})$")
_WORDS = re.compile(
    r"^(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s)?$"
)


def parse_duration(text: str) -> float:
    """Seconds from "45", "45:30", "1:02:03", "1h 5m" or "50 min"; ValueError otherwise.

    A bare number is minutes: that is how runners say how long they ran.
    """
    t = text.strip().lower()
    if not t:
        raise ValueError("give a duration, e.g. 45:30 or 1:02:03")
    try:
        return float(t) * 60.0
    except ValueError:
        pass
    m = _CLOCK.match(t)
    if m:
        h, mins, secs = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
        if secs >= 60 or (m.group(1) and mins >= 60):
            raise ValueError(f"“{text}” is not a time: minutes and seconds go up to 59")
        return float(h * 3600 + mins * 60 + secs)
    w = _WORDS.match(t)
    if w and any(w.groups()):
        hours, minutes, seconds = (float(g) if g else 0.0 for g in w.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise ValueError(f"“{text}” is not a duration: write 45:30, 1:02:03 or 50 min")


def parse_km(text: str) -> float:
    """Metres from "10", "10.5", "10,5 km", "800 m", "6.2 mi"; ValueError otherwise."""
    t = text.strip().lower().replace(",", ".")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(km|k|m|mi|miles?)?", t)
    if not m:
        raise ValueError(f"“{text}” is not a distance: write 10.5 (km), 800 m or 6.2 mi")
    value, unit = float(m.group(1)), m.group(2) or "km"
    if unit in ("km", "k"):
        return value * 1000
    if unit == "m":
        return value
    return value * 1609.344


def clock(seconds: float) -> str:
    """1:02:03 or 45:30."""
    s = round(max(seconds, 0.0))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def km(metres: float, digits: int = 1) -> str:
    return f"{metres / 1000:.{digits}f} km"


def pace(distance_m: float, seconds: float) -> str:
    """Minutes per km, or "–" without a distance."""
    if distance_m <= 0 or seconds <= 0:
        return "–"
    return f"{clock(seconds / (distance_m / 1000))} /km"
