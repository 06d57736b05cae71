"""Settings moved from the data folder to the config folder (0.2): moved once, at start.

The copy is written beside its destination and renamed into place before the old file
goes, so a crash at any point leaves one whole settings file that ``paths.settings_file``
finds. Failing to move is logged and the old file stays in use; it is never lost.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil

from backcoach import paths

log = logging.getLogger(__name__)


def migrate_settings() -> bool:
    """Move ``settings.json`` to the config folder if it is still in the old place."""
    old = paths.legacy_settings_file()
    new = paths.config_dir() / paths.SETTINGS_NAME
    if old is None or new.exists() or not old.is_file():
        return False
    tmp = new.with_name(new.name + ".moving")
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(old, tmp)
        os.replace(tmp, new)
    except OSError as exc:
        log.warning("could not move settings from %s to %s: %s", old, new, exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return False
    try:
        old.unlink()
    except OSError as exc:  # the new file is in use either way
        log.warning("settings copied to %s; could not remove %s: %s", new, old, exc)
    log.info("settings moved from %s to %s", old, new)
    return True
