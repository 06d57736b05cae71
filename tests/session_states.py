"""The session page in every kind of segment, with the catalogue's longest name.

``SessionHost`` is the real session page in a window of its own, fed by a real
SessionDriver (real SessionMachine and Coach) on a stepped clock, so the page can be
measured at exactly the size a window would give it, whatever the other pages need.
``walk_states`` runs ``STATES_ROUTINE`` (the longest exercise name in the catalogue,
per side in sets, then a hold) and yields each state's name once the page shows it:
get-ready, reps, paused, the resume's lead-in, switch, rests, a hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from backcoach import content
from backcoach.core.effects import State
from backcoach.core.plan import SegmentKind, _display_name

STATES_ROUTINE = """
id = "layout-states"
name = "Every segment kind, longest name"
purpose = "The session page in each state, with the longest exercise name."
equipment = ["mat", "wall", "chair"]
sources = ["002_28ac56f964d3cfe9.txt"]
rest_between_exercises_s = 30

[[items]]
exercise = "{longest}"
variant = "{variant}"
sets = 2
rest_s = 20

[[items]]
exercise = "half-kneeling-couch-stretch"
"""

STATES = ("get-ready", "reps", "paused", "lead-in", "switch", "rest", "rest-between", "hold")


def longest_name() -> tuple[str, str, str]:
    """(exercise id, variant id, shown name) of the longest name in the catalogue."""
    catalog = content.load()
    names = [
        (len(_display_name(ex, v)), ex.id, v, _display_name(ex, v))
        for ex in catalog.exercises.values()
        for v in ["", *(x.id for x in ex.variants)]
    ]
    _, ex_id, variant, name = max(names)
    return ex_id, variant, name


def states_routine(catalog):  # type: ignore[no-untyped-def]
    """The routine, checked and loaded like one of the runner's own."""
    import tempfile

    from backcoach.core.routine_file import check_routine_file

    ex_id, variant, _ = longest_name()
    text = STATES_ROUTINE.format(longest=ex_id, variant=variant)
    path = Path(tempfile.mkdtemp()) / "layout-states.toml"
    path.write_text(text, encoding="utf-8")
    checked = check_routine_file(path, catalog)
    assert checked.ok, checked.errors
    return checked.routine


class SessionHost:
    """The session page alone in a top-level window, driven on a stepped clock."""

    def __init__(self, size: tuple[int, int]) -> None:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from backcoach.core.plan import build_plan
        from backcoach.ui.pages.session_page import SessionPage
        from backcoach.ui.session_driver import SessionDriver
        from tests.fakes import FakeClock

        self.catalog = content.load()
        self.clock = FakeClock()
        plan = build_plan(states_routine(self.catalog), self.catalog)
        self.window = QWidget()
        self.page = SessionPage(self.catalog)
        QVBoxLayout(self.window).addWidget(self.page)
        self.window.layout().setContentsMargins(8, 8, 8, 8)  # as the main window has
        self.driver = SessionDriver(plan, clock=self.clock, autotick=False)
        self.page.attach(self.driver)
        self.window.resize(*size)
        self.window.show()

    def step(self, seconds: float, dt: float = 0.05) -> None:
        end = self.clock.now + seconds
        while self.clock.now < end - 1e-9 and self.driver.state == State.RUNNING:
            self.clock.advance(min(dt, end - self.clock.now))
            self.driver.tick()

    def close(self) -> None:
        self.driver.shutdown()
        self.window.close()
        self.window.deleteLater()


def walk_states(host: SessionHost) -> Iterator[str]:
    driver, step = host.driver, host.step
    driver.start()
    seg = lambda: driver.coach.machine.segment  # noqa: E731

    def until(kind: SegmentKind) -> None:
        while seg().kind != kind:
            step(0.5)
        step(1.2)

    step(4.0)
    yield "get-ready"
    until(SegmentKind.WORK)
    step(4.0)
    yield "reps"
    driver.pause()
    yield "paused"
    driver.resume()
    step(0.5)
    yield "lead-in"
    until(SegmentKind.SWITCH)
    yield "switch"
    until(SegmentKind.REST)
    yield "rest-between"
    while seg().item_index == 0 or seg().kind != SegmentKind.REST:
        step(0.5)
    step(2.0)
    yield "rest"
    while seg().kind != SegmentKind.WORK:
        step(0.5)
    step(13.0)
    yield "hold"
