"""Opening what a session needs outside the core: the history store and the speaker.

Both degrade instead of failing: a damaged or read-only history still lets the
session run (with a notice), a missing speech engine leaves captions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from backcoach import paths
from backcoach.core.history import HistoryStore

if TYPE_CHECKING:
    from backcoach.speech.base import Speaker

log = logging.getLogger(__name__)


def claim_data_folder(role: str) -> None:
    """Own the data folder for the life of this process (see core.folder_lock).

    Raises FolderInUse, naming the copy that owns it, when another one does.
    """
    from backcoach.core.folder_lock import claim

    claim(paths.data_dir(), role)


def open_history(report: Callable[[str], None]) -> HistoryStore:
    """The history store; ``report`` hears its notice (a damaged file set aside...)."""
    store = HistoryStore.open(paths.history_db())
    if store.notice:
        report(store.notice)
    return store


def open_speaker(muted: bool, notice: Callable[[str], None]) -> Speaker | None:
    """The speaker with the runner's voice settings, or None for captions only."""
    if muted:
        return None
    from backcoach.core.settings import load_settings
    from backcoach.speech import create_speaker

    return create_speaker(load_settings(paths.settings_file()).settings, notice=notice)
