"""The history store's "saving is failing / works again" news, brought onto the Qt thread.

The store may call its listeners from its background retry thread; a queued signal
hands each state to the widgets on the thread that owns them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class SaveStatusBridge(QObject):
    changed = Signal(object)  # a core.history_saver.SaveState

    def __init__(self, store: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        store.watch(self._heard)

    def _heard(self, state: object) -> None:
        self.changed.emit(state)  # queued across threads by Qt

    def detach(self) -> None:
        self._store.unwatch(self._heard)
