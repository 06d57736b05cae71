"""The read side: pages of sessions, one session's detail, weekly minutes, the
calendar's days, the streak, and pain over time."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from backcoach.core.history import HistoryStore
from backcoach.core.history_sample import SampleSpec, write_sample_history
from backcoach.core.records import SessionStatus
from tests.history_helpers import add_session, day

TODAY = date(2025, 6, 18)  # a Wednesday; day(18) in the helpers


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    s = HistoryStore.open(tmp_path / "history.sqlite3")
    yield s
    s.close()


def test_pages_come_newest_first_without_gaps_or_repeats(store: HistoryStore) -> None:
    ids = [add_session(store, day(d), segments=1) for d in range(1, 26)]
    # Two sessions on one day, to check the tie-break on the same start time.
    ids.append(add_session(store, day(25), segments=1))
    assert store.count() == 26
    pages = [store.sessions(offset, 10) for offset in (0, 10, 20, 30)]
    assert [len(p) for p in pages] == [10, 10, 6, 0]
    seen = [s.id for page in pages for s in page]
    assert seen == [ids[25], *reversed(ids[:25])]  # same start: the later id first


def test_completion_and_detail(store: HistoryStore) -> None:
    sid = add_session(store, day(1), segments=4, done_s=15.0, pain=(6, 4))
    (row,) = store.sessions()
    assert row.id == sid and row.completion == 0.5 and row.done_s == 60.0
    assert row.started_at.isoformat() == "2025-06-01T18:00:00+02:00"
    assert (row.pain_before, row.pain_after, row.status) == (6, 4, SessionStatus.COMPLETED)
    detail = store.session(sid)
    assert detail is not None and [r.index for r in detail.segments] == [0, 1, 2, 3]
    assert store.session(sid + 100) is None


def test_weekly_minutes_buckets_by_iso_week(store: HistoryStore) -> None:
    # Mon 2 June 2025 starts an ISO week; Sun 1 June ends the previous one.
    add_session(store, day(1, hour=23), segments=2, done_s=60.0)  # Sun: 2 min
    add_session(store, day(2, hour=6), segments=3, done_s=60.0)  # Mon: 3 min
    add_session(store, day(8), segments=1, done_s=90.0)  # Sun: 1.5 min
    add_session(store, day(16), segments=10, done_s=60.0)  # Mon 16th: 10 min
    add_session(store, day(18), segments=5, done_s=60.0)  # Wed 18th (today): 5 min
    weeks = store.weekly_minutes(4, TODAY)
    assert [(w.week_start, w.minutes) for w in weeks] == [
        (date(2025, 5, 26), 2.0),
        (date(2025, 6, 2), 4.5),
        (date(2025, 6, 9), 0.0),
        (date(2025, 6, 16), 15.0),
    ]


def test_days_are_the_local_days_the_runner_saw(store: HistoryStore) -> None:
    # 23:30 at UTC+2 is already the next day in UTC; the calendar must not move it.
    add_session(store, day(3, hour=23), segments=1, done_s=120.0)
    assert store.daily_minutes(date(2025, 6, 1), date(2025, 6, 5)) == {date(2025, 6, 3): 2.0}


def test_streak_counts_back_from_today_or_yesterday(store: HistoryStore) -> None:
    for d in (10, 12, 13, 14, 15, 16, 17):
        add_session(store, day(d))
    add_session(store, day(16, hour=7))  # two sessions on a day count once
    add_session(store, day(11), done_s=0.0)  # opened and abandoned: not a day of exercise
    assert store.streak(TODAY) == 6  # 12th..17th; nothing yet today keeps it alive
    add_session(store, day(18))
    assert store.streak(TODAY) == 7
    assert store.streak(TODAY + timedelta(days=1)) == 7
    assert store.streak(TODAY + timedelta(days=2)) == 0


def test_streak_on_an_empty_history(store: HistoryStore) -> None:
    assert store.streak(TODAY) == 0
    assert store.weekly_minutes(3, TODAY)[-1].minutes == 0.0
    assert store.pain_series(date(2000, 1, 1)) == []


def test_pain_series_and_recent_pain_for_the_safety_check(store: HistoryStore) -> None:
    add_session(store, day(1), pain=(6, 5))
    add_session(store, day(2), pain=(None, None))  # not rated: left out
    add_session(store, day(3), pain=(3, 5))
    add_session(store, day(4), pain=(None, 7))
    add_session(store, day(5), pain=(2, 2))
    series = store.pain_series(date(2025, 6, 2))
    assert [(p.started_at.day, p.before, p.after, p.delta) for p in series] == [
        (3, 3, 5, 2),
        (4, None, 7, None),
        (5, 2, 2, 0),
    ]
    recent = store.recent_pain(3)
    assert [(p.before, p.after) for p in recent] == [(2, 2), (None, 7), (3, 5)]
    # The question the safety feature asks: pain up by 2+ or above 6 in 2 of the last 3.
    flagged = [p for p in recent if (p.delta or 0) >= 2 or (p.after or 0) > 6]
    assert len(flagged) == 2


def test_sample_history_is_plausible(tmp_path: Path) -> None:
    path = tmp_path / "sample.sqlite3"
    n = write_sample_history(path, SampleSpec(days=84, today=TODAY))
    with HistoryStore.open(path) as store:
        assert store.count() == n and 40 < n < 84
        rows = store.sessions(0, n)
        assert rows[0].started_at.date() == TODAY
        first_month = [r.pain_before for r in rows if r.started_at.date() < date(2025, 4, 20)]
        last_month = [r.pain_before for r in rows if r.started_at.date() > date(2025, 5, 20)]
        assert sum(first_month) / len(first_month) > sum(last_month) / len(last_month) + 1.5  # type: ignore[arg-type]
        sizes = [len(store.session(r.id).segments) for r in rows[:20]]  # type: ignore[union-attr]
        assert 9 <= sum(sizes) / len(sizes) <= 16
        assert store.streak(TODAY) >= 1


def test_the_sample_history_follows_the_shipped_catalogue(catalog) -> None:
    """Screenshots and benchmarks read the sample: a routine id the catalogue lacks shows
    as a routine never done (the cool-down once did)."""
    from backcoach.core.history_sample import _ROUTINES

    for routine_id, (name, items) in _ROUTINES.items():
        routine = catalog.routines[routine_id]
        assert name == routine.name
        shipped = {item.exercise for item in routine.items}
        for ex_id, per_side, *_, ex_name in items:
            assert ex_id in shipped, (routine_id, ex_id)
            assert (catalog.exercises[ex_id].name, catalog.exercises[ex_id].per_side) == (
                ex_name,
                per_side,
            ), ex_id
