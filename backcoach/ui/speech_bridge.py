"""Speaker callbacks as Qt signals, always delivered on the GUI thread.

A Speaker calls its listeners from whatever thread learnt the news (a worker's reader
thread, the supervisor, or the caller of ``say``). The bridge forwards each callback
through a queued connection to itself, so its public signals are emitted on the thread
the bridge lives in (the GUI thread) whatever the receivers' connection type.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from backcoach.core.cues import Cue
from backcoach.speech.base import Speaker


class SpeechBridge(QObject):
    started = Signal(str, str, float)  # text, cue kind, latency in seconds
    finished = Signal(str, bool)  # text, completed (False: cut short)
    dropped = Signal(str, str)  # text, reason ("stale", "muted", ...)
    notice = Signal(str)  # a sentence for the runner, each kind once
    ready = Signal()  # the engine works; speaker.voices() is filled

    _relay = Signal(str, object)

    def __init__(self, speaker: Speaker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._relay.connect(self._forward, Qt.ConnectionType.QueuedConnection)
        self._subscription = speaker.listen(
            started=lambda cue, latency: self._post("started", cue.text, str(cue.kind), latency),
            finished=lambda cue, completed: self._post("finished", cue.text, completed),
            dropped=lambda cue, why: self._post("dropped", cue.text, why),
            notice=lambda text: self._post("notice", text),
            ready=lambda: self._post("ready"),
        )
        subscription = self._subscription
        self.destroyed.connect(lambda *_: subscription.cancel())

    @property
    def speaker(self) -> Speaker:
        return self._speaker

    def say(self, cue: Cue, due: float) -> None:
        self._speaker.say(cue, due)

    def stop(self) -> None:
        self._speaker.stop()

    def detach(self) -> None:
        """Stop forwarding (the speaker itself stays open; its owner closes it)."""
        self._subscription.cancel()

    def _post(self, kind: str, *args: Any) -> None:
        try:
            self._relay.emit(kind, args)
        except RuntimeError:  # the C++ side is gone while a worker thread reports
            self._subscription.cancel()

    @Slot(str, object)
    def _forward(self, kind: str, args: tuple[Any, ...]) -> None:
        getattr(self, kind).emit(*args)
