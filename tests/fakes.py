"""Test doubles shared by several test files."""

from __future__ import annotations


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


class SpokenLog:
    """A minimal cue sink: remembers what it was asked to say and when it was hushed."""

    def __init__(self) -> None:
        self.said: list[str] = []
        self.stops = 0

    def say(self, cue, due: float) -> None:  # type: ignore[no-untyped-def]
        self.said.append(cue.text)

    def stop(self) -> None:
        self.stops += 1

    def close(self) -> None:
        pass
