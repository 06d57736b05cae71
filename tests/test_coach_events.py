"""What the Coach keeps of a session's events: the auto-pause with its real time."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.core.coach import Coach, SessionInfo
from backcoach.core.effects import State
from backcoach.core.history import HistoryStore
from backcoach.core.plan import build_plan
from tests.fakes import FakeClock


@pytest.mark.parametrize("speed", [1.0, 20.0])
def test_an_auto_pause_is_kept_with_when_it_happened_and_the_real_gap(
    catalog, tmp_path: Path, speed: float
) -> None:
    clock = FakeClock()
    plan = build_plan(catalog.routine("post-run-cooldown"), catalog)
    with HistoryStore.open(tmp_path / "h.db") as store:
        coach = Coach(
            plan,
            clock,
            history=store,
            info=SessionInfo(time_scale=speed),
            suspend_gap_s=2.0 * speed,  # as the terminal runner sets it
        )
        coach.start()
        for _ in range(250):  # 25 s of session time in ticks of 0.1 s
            clock.advance(0.1)
            coach.tick()
        clock.advance(600.0 * speed)  # the laptop slept ten real minutes
        coach.tick()
        assert coach.state == State.PAUSED
        (event,) = [e for e in coach.events if e.kind == "auto-pause"]
        assert event.value == "600.0"  # real seconds, whatever the speed
        assert event.at_s == pytest.approx(25.0, abs=0.11)  # not 0.0: when it happened
        coach.stop()
        (saved,) = store.session(coach.session_id or 0).events  # type: ignore[union-attr]
        assert (saved.kind, saved.value, saved.at_s) == ("auto-pause", "600.0", event.at_s)
