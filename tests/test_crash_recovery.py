"""A session killed mid-way keeps every finished segment (issue: crash-safe history)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO


def _backcoach(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "backcoach", "--data-dir", str(data), *args]


def _read_until(proc: subprocess.Popen[str], needle: str, count: int, timeout: float) -> list[str]:
    """Lines of ``proc``'s output up to the ``count``-th one containing ``needle``."""
    lines: list[str] = []
    seen = 0
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()  # blocks until the runner prints; no sleeping here
        if not line:
            break
        lines.append(line)
        if needle in line:
            seen += 1
            if seen == count:
                return lines
    raise AssertionError(f"never saw {needle!r} {count} times in:\n{''.join(lines)}")


def test_sigkill_mid_session_leaves_an_interrupted_session_with_every_finished_set(
    tmp_path,
) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        _backcoach(tmp_path, "run", "extra-stretches", "--speed", "20", "--mute"),
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    try:
        # The runner prints a segment's header only after the previous segment's record
        # was committed, so when the third hold starts, two holds are safely on disk.
        _read_until(proc, "s hold  (", 3, timeout=60)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    db = tmp_path / "history.sqlite3"
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT status FROM sessions").fetchall() == [("running",)]

    # Start backcoach again: a short session, which opens the store and tidies it up.
    again = subprocess.run(
        _backcoach(tmp_path, "run", "extra-stretches", "--speed", "100", "--mute", "--hold", "30"),
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr

    out = subprocess.run(
        _backcoach(tmp_path, "history", "--json"),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    sessions = sorted(json.loads(out.stdout)["sessions"], key=lambda s: s["id"])
    first, second = sessions
    assert first["status"] == "interrupted"
    done = [(s["exercise_id"], s["side"]) for s in first["segments"]]
    assert done == [("knee-to-chest", "left"), ("knee-to-chest", "right")]
    assert all(s["done_s"] == s["planned_s"] == 30 for s in first["segments"])
    assert first["done_s"] == 60
    assert second["status"] == "completed", again.stderr + again.stdout[-500:]

    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
