from datetime import date

import pytest

from backcoach.core.safety import (
    RED_FLAGS,
    clearance_valid,
    firm_warning,
    may_start,
    pain_advice,
    pain_flag,
)

TODAY = date(2026, 11, 21)


def test_the_five_red_flags_from_the_sources() -> None:
    assert [f.id for f in RED_FLAGS] == [
        "leg-pain", "leg-weakness", "sensation", "bladder-bowel", "weight-loss",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("cleared_on", "valid"),
    [("", False), ("2026-11-21", True), ("2026-10-23", True), ("2026-10-22", False), ("soon", False),
     ("2026-12-01", False)],
)  # fmt: skip
def test_clearance_lasts_thirty_days(cleared_on, valid) -> None:
    assert clearance_valid(cleared_on, TODAY) is valid


def test_any_red_flag_blocks_unless_recently_cleared() -> None:
    assert may_start([], "", TODAY)
    assert not may_start(["leg-weakness"], "", TODAY)
    assert may_start(["leg-weakness"], "2026-11-01", TODAY)
    assert not may_start(["leg-weakness"], "2026-10-01", TODAY)


@pytest.mark.parametrize(
    ("before", "after", "flag"),
    [(3, 4, False), (3, 5, True), (6, 6, False), (6, 7, True), (None, 7, True), (None, 5, False),
     (5, None, False), (8, 7, True)],
)  # fmt: skip
def test_pain_rule(before, after, flag) -> None:
    assert pain_flag(before, after) is flag
    assert bool(pain_advice(before, after)) is flag


def test_firm_warning_after_two_of_the_last_three() -> None:
    assert firm_warning([(2, 5), (2, 2), (1, 1)]) == ""
    assert "2 of your last 3" in firm_warning([(2, 5), (2, 2), (1, 8)])
    assert firm_warning([(2, 2), (2, 2), (1, 1), (2, 5), (2, 5)]) == ""  # older ones don't count
