"""Writing a file so that a crash or a full disk leaves the old file, never half a new one."""

from __future__ import annotations

import os
from pathlib import Path


def write_text_atomic(path: Path, text: str, durable: bool = True) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file beside it.

    Raises OSError when the folder is read-only or the disk is full; the old file, if
    any, is then still there as it was. ``durable=False`` (a cache, made again when
    lost) skips waiting for the disk.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
