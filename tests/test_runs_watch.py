"""The watched folder's listing: new and changed run files only, settled ones only."""

from __future__ import annotations

import os
import time
from pathlib import Path

from backcoach.runs.watch import new_files


def _file(path: Path, age_s: float, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    t = time.time() - age_s
    os.utime(path, (t, t))
    return path


def test_new_changed_settled_and_hidden(tmp_path: Path) -> None:
    a = _file(tmp_path / "Activity" / "a.fit", 60)
    b = _file(tmp_path / "Activity" / "b.GPX.gz", 50)
    _file(tmp_path / "Activity" / "c.fit", 1)  # still arriving
    _file(tmp_path / "Activity" / "notes.txt", 60)
    _file(tmp_path / ".Trash" / "d.fit", 60)
    _file(tmp_path / "1" / "2" / "3" / "4" / "5" / "deep.fit", 60)
    found = new_files(tmp_path, {})
    assert [Path(c.path) for c in found] == [a, b]  # oldest first
    seen = {c.path: (c.size, c.mtime_ns) for c in found}
    assert new_files(tmp_path, seen) == []
    _file(a, 30, b"longer now")
    assert [Path(c.path) for c in new_files(tmp_path, seen)] == [a]


def test_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert new_files(tmp_path / "unplugged", {}) == []
