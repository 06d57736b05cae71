"""Training-load maths against examples worked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, timedelta

import pytest

from backcoach.runs import climb, dedup, load, pain_link, shoes
from backcoach.runs.load import DayTotal, Week, Zone
from backcoach.runs.model import Shoe, Surface

TODAY = date(2025, 6, 18)  # a Wednesday; its ISO week is 2025-W25


def _day(
    days_ago: int, km: float, surface: Surface = Surface.ROAD, hilly: bool | None = False
) -> DayTotal:
    return DayTotal(TODAY - timedelta(days=days_ago), surface, hilly, km * 1000, km * 330)


def test_weeks_are_iso_weeks_oldest_first_with_empty_ones() -> None:
    totals = [_day(0, 5), _day(2, 10), _day(3, 8, Surface.TRAIL, True), _day(15, 12)]
    weeks = load.weeks(totals, 4, TODAY)
    # Today (Wed 18th) and Mon 16th are this week; Sun 15th is last week; 3rd is two back.
    assert [w.iso for w in weeks] == ["2025-W22", "2025-W23", "2025-W24", "2025-W25"]
    assert [w.monday for w in weeks] == [
        date(2025, 5, 26),
        date(2025, 6, 2),
        date(2025, 6, 9),
        date(2025, 6, 16),
    ]
    assert [w.distance_m for w in weeks] == [0, 12_000, 8_000, 15_000]
    assert weeks[-1].runs == 2
    assert weeks[-2].by_surface == {Surface.TRAIL: 8_000} and weeks[-2].hilly_m == 8_000
    assert weeks[-1].moving_s == pytest.approx(15 * 330)


def test_ratio_hand_worked_steady_week() -> None:
    # 28 days: 20 km in each of the three earlier weeks, 20 km in the last 7 days.
    by_day = {TODAY - timedelta(days=d): 10_000.0 for d in (1, 4, 8, 11, 15, 18, 22, 25)}
    result = load.acute_chronic(by_day, TODAY, first_run=TODAY - timedelta(days=60))
    assert result.acute_m == 20_000
    assert result.chronic_m == 20_000  # 80 km over 28 days = 20 km a week
    assert result.ratio == 1.0 and result.zone is Zone.STEADY


def test_ratio_hand_worked_jump() -> None:
    # 10 km a week for three weeks, then 40 km in the last 7 days:
    # chronic = (30 + 40) / 4 = 17.5 km; ratio = 40 / 17.5 = 2.29.
    by_day = {TODAY - timedelta(days=d): 10_000.0 for d in (8, 15, 22)}
    by_day |= {TODAY - timedelta(days=d): 20_000.0 for d in (0, 3)}
    result = load.acute_chronic(by_day, TODAY, first_run=TODAY - timedelta(days=40))
    assert (result.acute_m, result.chronic_m) == (40_000, 17_500)
    assert result.ratio == pytest.approx(40 / 17.5)
    assert result.zone is Zone.JUMP


def test_day_28_counts_and_day_29_does_not() -> None:
    first = TODAY - timedelta(days=27)
    by_day = {TODAY - timedelta(days=27): 8_000.0, TODAY - timedelta(days=28): 99_000.0}
    result = load.acute_chronic(by_day, TODAY, first_run=first)
    assert result.chronic_m == 2_000 and result.acute_m == 0 and result.ratio == 0
    assert result.zone is Zone.LOW


def test_no_ratio_before_four_weeks_of_log() -> None:
    by_day = {TODAY: 10_000.0}
    result = load.acute_chronic(by_day, TODAY, first_run=TODAY - timedelta(days=10))
    assert result.ratio is None and result.zone is Zone.NO_HISTORY
    assert load.acute_chronic({}, TODAY, None).zone is Zone.NO_HISTORY


@pytest.mark.parametrize(
    ("ratio", "zone"),
    [
        (0.79, Zone.LOW),
        (0.8, Zone.STEADY),
        (1.3, Zone.STEADY),
        (1.31, Zone.STEP),
        (1.5, Zone.STEP),
        (1.51, Zone.JUMP),
    ],
)
def test_zone_edges(ratio: float, zone: Zone) -> None:
    assert load.zone_of(ratio) is zone


def _weeks(kms: list[float]) -> list[Week]:
    first = load.monday_of(TODAY) - timedelta(weeks=len(kms) - 1)
    return [Week(first + timedelta(weeks=i), km * 1000) for i, km in enumerate(kms)]


def test_jumps_compare_with_the_four_weeks_before() -> None:
    # Week 5: 4-week average 20, 27 is 35 % above. Week 6: average (20+20+20+27)/4 = 21.75;
    # 28 is 28.7 % above: not a jump. Week 8 follows a zero week after a break: average
    # (27+28+0)/4... weeks 4..7 = 27, 28, 0, 0 → 13.75; 30 is a jump.
    weeks = _weeks([20, 20, 20, 20, 27, 28, 0, 0, 30])
    found = load.jumps(weeks)
    assert [(j.week.distance_m, round(j.share, 3)) for j in found] == [
        (27_000, 0.35),
        (30_000, round(30 / 13.75 - 1, 3)),
    ]
    assert load.jumps(_weeks([0, 0, 0, 0, 10])) == []  # nothing before: a start, not a jump


def test_pain_rose_in_three_of_four_jump_weeks() -> None:
    weeks = _weeks([10, 10, 10, 10, 20, 10, 10, 10, 10, 20, 10, 10, 10, 10, 20, 10, 10, 10, 10, 20])
    jumps = load.jumps(weeks)
    assert len(jumps) == 4
    pains: list[tuple[date, int]] = []
    for w in weeks:
        pains.append((w.monday + timedelta(days=1), 2))
    for i, j in enumerate(jumps):
        if i != 2:  # the third jump week: no rise
            pains.append((j.week.monday + timedelta(days=2), 6))
    obs = pain_link.observe(jumps, pains)
    assert len(obs.compared) == 4 and len(obs.rose) == 3
    assert (
        obs.sentence()
        == "Pain after your sessions rose in 3 of the 4 weeks your distance jumped by more than 30%."
    )


def test_jump_weeks_without_ratings_are_left_out() -> None:
    jumps = load.jumps(_weeks([10, 10, 10, 10, 20]))
    assert pain_link.observe(jumps, []).sentence() == ""


def test_hilly_threshold_is_per_km() -> None:
    assert load.is_hilly(150, 10_000) is True  # 15 m/km
    assert load.is_hilly(149, 10_000) is False
    assert load.is_hilly(None, 10_000) is None and load.is_hilly(10, 0) is None


def test_climb_ignores_jitter_and_counts_real_hills() -> None:
    assert climb.ascent([10, 11, 10, 11.5, 10, 11]) == 0  # 1.5 m of jitter
    assert climb.ascent([10, 20, 15, 30]) == 25  # up 10, down 5, up 15
    assert climb.ascent([None, None]) is None
    assert climb.ascent([5.0]) == 0


def test_same_run_within_a_minute_and_two_percent() -> None:
    from datetime import datetime

    t = datetime(2025, 5, 4, 7, 0, tzinfo=UTC)
    assert dedup.same_run(t, 10_000, t + timedelta(seconds=60), 10_200)
    assert not dedup.same_run(t, 10_000, t + timedelta(seconds=61), 10_000)
    assert not dedup.same_run(t, 10_000, t, 10_205)
    assert dedup.same_run(t, 0, t, 0)  # two treadmill files without distance


def test_shoe_status_words() -> None:
    base = Shoe(1, "Pegasus", date(2025, 1, 1), 650_000)
    assert shoes.status(replace(base, distance_m=100_000)) == "550 km left"
    assert shoes.status(replace(base, distance_m=600_000)) == "nearly due: 50 km left"
    due = replace(base, distance_m=700_000)
    assert due.due and shoes.status(due) == "due for a change (50 km past your limit)"
    retired = replace(base, distance_m=700_000, retired_on=date(2025, 6, 1))
    assert not retired.due and shoes.status(retired) == "retired on 2025-06-01"
