"""Building the real window on tmp_path with a fake clock, and stepping it."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from backcoach import content, paths
from backcoach.core.effects import State
from backcoach.core.history import HistoryStore
from backcoach.core.settings import Settings
from backcoach.speech.fake import RecordingSpeaker
from backcoach.ui.context import AppContext
from tests.fakes import FakeClock

TINY = """
id = "tiny"
name = "Tiny test routine"
purpose = "Short enough to walk through in a test."
equipment = ["mat"]
sources = ["002_28ac56f964d3cfe9.txt"]
rest_between_exercises_s = 5

[[items]]
exercise = "knee-to-chest"
hold_s = 20

[[items]]
exercise = "single-leg-bridge"
reps = 2
"""

TODAY = date(2026, 11, 21)


def make_context(data: Path) -> AppContext:
    """The real catalogue, settings and history on ``data``; a stepped clock shared by
    the session and a recording speaker (the real cue policy, no sound)."""
    (data / "routines").mkdir(parents=True, exist_ok=True)
    clock = FakeClock()
    (data / "routines" / "tiny.toml").write_text(TINY, encoding="utf-8")
    paths.set_data_dir(data)
    return AppContext(
        catalog=content.load(),
        settings=Settings(),
        settings_path=paths.settings_file(),
        history=HistoryStore.open(paths.history_db()),
        speaker=RecordingSpeaker(clock),
        clock=clock,
        autotick=False,
        today=lambda: TODAY,
        now=lambda: datetime.combine(TODAY, time(18, 0)).astimezone(),
    )


def step(window, seconds: float, dt: float = 0.05) -> None:  # type: ignore[no-untyped-def]
    """Advance the fake clock, ticking the driver as its timer would."""
    clock: FakeClock = window.ctx.clock
    speaker: RecordingSpeaker = window.ctx.speaker
    driver = window.flow.driver
    end = clock.now + seconds
    while clock.now < end - 1e-9 and driver.state == State.RUNNING:
        speaker.advance(min(dt, end - clock.now))  # moves the shared clock, plays speech
        driver.tick()
