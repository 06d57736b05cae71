"""Opening what a session needs outside the core: the history store and the speaker.

Both degrade instead of failing: a damaged or read-only history still lets the
session run (with a notice), a missing speech engine leaves captions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TextIO

from backcoach import paths
from backcoach.core.history import HistoryStore

log = logging.getLogger(__name__)


def open_history(warn: TextIO) -> HistoryStore:
    """The history store; its notice (if any) is printed to ``warn``."""
    store = HistoryStore.open(paths.history_db())
    if store.notice:
        print(f"backcoach: {store.notice}", file=warn)
    return store


def open_history_quietly(notices: list[str]) -> HistoryStore:
    """Like ``open_history`` but collects the notice for the window to show."""
    store = HistoryStore.open(paths.history_db())
    if store.notice:
        notices.append(store.notice)
    return store


def open_speaker(muted: bool, notice: Callable[[str], None]) -> Any:
    """The configured speaker, or None for captions only."""
    if muted:
        return None
    try:
        from backcoach.speech import create_speaker
    except ImportError:
        return None
    return create_speaker(notice=notice)
