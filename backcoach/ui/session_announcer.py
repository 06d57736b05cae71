"""What a screen reader hears during a session, and when.

The instruction, the rep, the side and what is next are announced when they change;
the countdown at sensible moments only (every ten seconds and the last three), never
every second, and "paused" when the session pauses. The ring's accessible description
is updated at those same moments, so a reader that looks at it hears the same thing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from backcoach.ui.announce import announce

COUNTED = (3, 2, 1)  # the last seconds, each said
EVERY_S = 10


class SessionAnnouncer:
    def __init__(self) -> None:
        self._said: dict[str, str] = {}
        self._moment: tuple[int, int, bool] | None = None  # (segment, seconds, paused)

    def reset(self) -> None:
        self._said.clear()
        self._moment = None

    def changed(self, widget: QWidget, what: str, text: str) -> None:
        """Announce ``text`` for ``what`` ("instruction", "rep"…) if it is new."""
        if not text or self._said.get(what) == text:
            return
        self._said[what] = text
        announce(widget, text)

    def forget(self, what: str) -> None:
        self._said.pop(what, None)

    def countdown(
        self, ring: QWidget, segment: int, seconds: int, paused: bool, description: str
    ) -> None:
        """The ring's time, at every tenth second, the last three, and on pausing."""
        due = paused or seconds in COUNTED or (seconds > 0 and seconds % EVERY_S == 0)
        moment = (segment, seconds, paused)
        if not due or moment == self._moment:
            return
        if self._moment is not None and paused and self._moment[2] and self._moment[0] == segment:
            return  # still paused: said once
        self._moment = moment
        ring.setAccessibleDescription(description)
        announce(ring, description)
