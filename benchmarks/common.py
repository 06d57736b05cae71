"""Shared pieces: the result row, medians, and running a child Python."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
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
