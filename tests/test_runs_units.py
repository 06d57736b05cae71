"""Durations, distances and paces as runners write them."""

from __future__ import annotations

import pytest

from backcoach.runs.units import clock, pace, parse_duration, parse_km


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45", 2700),
        ("45:30", 2730),
        ("1:02:03", 3723),
        ("1h 5m", 3900),
        ("50 min", 3000),
        ("90s", 90),
    ],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "45:75", "1:75:00"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "metres"), [("10", 10_000), ("10,5 km", 10_500), ("800 m", 800), ("1 mi", 1609.344)]
)
def test_distances(text: str, metres: float) -> None:
    assert parse_km(text) == pytest.approx(metres)


def test_clock_and_pace() -> None:
    assert (clock(3723), clock(2730), clock(-5)) == ("1:02:03", "45:30", "0:00")
    assert pace(10_000, 3000) == "5:00 /km" and pace(0, 3000) == "–"
