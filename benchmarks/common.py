"""Shared pieces: the result row, medians, and running a child Python."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    figure: str
    value: float
    baseline: float | None  # None where the baseline is a physical limit, not a run
    unit: str
    target: str  # human form, e.g. "≤ 1.5×" or "≤ 15 ms"
    ok: bool
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    def as_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["ratio"] = self.ratio
        return d


def median_runs(fn: Callable[[], float], runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    # An installed program has its bytecode compiled at install; a launch from source
    # must be allowed to write it too (the first, discarded launch does), or every
    # launch would time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def run_json(argv: list[str], timeout: float = 300, **env: str) -> dict[str, object]:
    """Run a child that prints one JSON object on its last line of stdout."""
    out = subprocess.run(
        argv, capture_output=True, text=True, timeout=timeout, env=child_env(**env), cwd=REPO
    )
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({out.returncode}): {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def first_paint(argv: list[str], data: Path, cache: Path | None = None) -> tuple[float, float]:
    """Launch ``argv``; seconds from launch to its window's first paint, and its peak RSS (MB).

    The program, started with BACKCOACH_EXIT_AFTER_FIRST_PAINT=1, prints
    {"first_paint": time.time()} at its first Paint event and exits; peak RSS comes from
    the kernel's accounting of that child (os.wait4), so it is the process's own high
    water mark, not a sample.
    """
    data.mkdir(parents=True, exist_ok=True)
    env = child_env(BACKCOACH_EXIT_AFTER_FIRST_PAINT="1", BACKCOACH_DATA_DIR=str(data))
    # Never the runner's own cache folder; one of the run's own when given, else fresh.
    env["XDG_CACHE_HOME"] = str(cache or data / "cache")
    with tempfile.TemporaryFile("w+") as errfile:
        started = time.time()
        proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=errfile, text=True, env=env, cwd=REPO
        )
        assert proc.stdout is not None
        out = proc.stdout.read()  # until the program exits and closes it
        # Reap it ourselves: wait4 also returns the child's resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        errfile.seek(0)
        err = errfile.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {proc.returncode}: {err[-2000:]}")
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"{argv[0]} printed no first_paint line: {out[-500:]}")
    return float(json.loads(lines[-1])["first_paint"]) - started, usage.ru_maxrss / 1024


def first_paint_s(argv: list[str], data: Path) -> float:
    return first_paint(argv, data)[0]


def python() -> str:
    return sys.executable


def format_table(rows: list[Row]) -> str:
    head = f"{'figure':<46} {'value':>12} {'baseline':>12} {'ratio':>7}  {'target':<18} ok"
    lines = [head, "-" * len(head)]
    for r in rows:
        base = f"{r.baseline:.2f} {r.unit}" if r.baseline is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        lines.append(
            f"{r.figure:<46} {r.value:>9.2f} {r.unit:<2} {base:>12} {ratio:>7}  {r.target:<18} "
            f"{'yes' if r.ok else 'NO'}"
        )
        if r.note:
            lines.append(f"    {r.note}")
    return "\n".join(lines)
