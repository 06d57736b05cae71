"""Real faults for the history tests: another process holding the file, a full disk."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

# A second process that takes the history file with BEGIN EXCLUSIVE and holds it: for
# ``hold_s`` seconds, or (hold_s < 0) until a line arrives on its stdin. It reports
# the monotonic times it took and let go (one clock for every process on the machine).
_HOLDER = """
import json, sqlite3, sys, time
path, hold_s = sys.argv[1], float(sys.argv[2])
con = sqlite3.connect(path, isolation_level=None, timeout=30)
con.execute("BEGIN EXCLUSIVE")
print(json.dumps({"locked": time.monotonic()}), flush=True)
if hold_s >= 0:
    time.sleep(hold_s)  # the fault itself: a lock held this long
else:
    sys.stdin.readline()
con.execute("COMMIT")
print(json.dumps({"released": time.monotonic()}), flush=True)
"""


def python_child(script: str, *args: str) -> subprocess.Popen[str]:
    """A real second process running ``script`` with the repository importable; it talks
    over its stdin and stdout, a line at a time."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


class LockHolder:
    def __init__(self, db: Path, hold_s: float = -1.0) -> None:
        self.proc = python_child(_HOLDER, str(db), str(hold_s))
        assert self.proc.stdout is not None
        self.locked = float(json.loads(self.proc.stdout.readline())["locked"])
        self.released: float | None = None

    def wait_released(self, timeout: float = 60) -> float:
        """Blocks until the holder let go (of its own accord, or after ``release``)."""
        assert self.proc.stdout is not None
        self.released = float(json.loads(self.proc.stdout.readline())["released"])
        self.proc.wait(timeout=timeout)
        return self.released

    def release(self) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        return self.wait_released()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


@contextlib.contextmanager
def small_disk(where: Path, size_kb: int = 512) -> Iterator[Path | None]:
    """A real tmpfs of ``size_kb`` mounted at ``where``; None when mounting is refused."""
    where.mkdir(parents=True, exist_ok=True)
    name = f"bc-{uuid.uuid4().hex[:8]}"
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", name, str(where)]
    mounted = os.geteuid() == 0 and subprocess.run(mount, capture_output=True).returncode == 0
    try:
        yield where if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path, leave_bytes: int = 0) -> Path:
    """Fill ``disk`` up, leaving about ``leave_bytes`` free; returns the filler file."""
    filler = disk / "filler"
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    with filler.open("wb", buffering=0) as fh:
        try:
            fh.write(b"\0" * max(free - leave_bytes, 0))
            while leave_bytes == 0:  # top it up to the last block
                fh.write(b"\0" * 4096)
        except OSError:
            pass  # ENOSPC: full, as wanted
    return filler
