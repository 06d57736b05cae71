"""Hostile files and a refusing history file: how fast backcoach shrugs them off.

* ``backcoach routines`` with a deep-nesting file, a huge-number file and a FIFO in
  the data folder, against the same command on a clean folder;
* loading the catalogue with a 10,000-item routine in it (refused), against without;
* how long saving takes to work again once another process lets go of the file.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Row, child_env


def _routines_s(data: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(data), "routines"],
        cwd=REPO, env=child_env(), capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return time.perf_counter() - started


def _hostile_folder(root: Path) -> Path:
    data = root / "hostile"
    (data / "routines").mkdir(parents=True)
    (data / "exercises").mkdir()
    for name in ("deep-nesting.toml", "huge-number.toml"):
        shutil.copyfile(REPO / "tests" / "hostile" / name, data / "routines" / name)
    os.mkfifo(data / "exercises" / "x.toml")
    return data


def _catalog_ms(user: Path, runs: int) -> float:
    sys.path.insert(0, str(REPO))
    from backcoach.core.catalog import load_catalog

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        load_catalog(REPO / "assets", user)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _recovery_s(root: Path) -> float:
    """Lock the file from another process, write, let go: seconds until it is saved."""
    sys.path.insert(0, str(REPO))
    from backcoach.core.history import HistoryStore
    from tests.faults import LockHolder
    from tests.history_helpers import seg

    db = root / "history.sqlite3"
    with HistoryStore.open(db) as store:
        sid = store.begin_session("r", "R", 60.0, None, "bench")
        holder = LockHolder(db)
        store.record_segment(sid, seg(0))
        assert not store.saving
        released = holder.release()
        while not store.saving:
            time.sleep(0.005)
        return time.monotonic() - released


def run(quick: bool = False) -> list[Row]:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-faults-") as tmp:
        root = Path(tmp)
        clean = root / "clean"
        clean.mkdir()
        hostile = _hostile_folder(root)
        _routines_s(clean)  # warm the bytecode cache
        base = statistics.median(_routines_s(clean) for _ in range(runs))
        bad = statistics.median(_routines_s(hostile) for _ in range(runs))

        big = root / "big"
        (big / "routines").mkdir(parents=True)
        items = ",".join(['{exercise="plank"}'] * 10_000)
        (big / "routines" / "big.toml").write_text(
            'id = "big"\nname = "Big"\npurpose = "x"\nequipment = ["mat"]\n'
            f'sources = ["002_28ac56f964d3cfe9.txt"]\nitems = [{items}]\n',
            encoding="utf-8",
        )
        plain = _catalog_ms(clean, runs)
        with_big = _catalog_ms(big, runs)
        tables = root / "tables"
        (tables / "routines").mkdir(parents=True)
        (tables / "routines" / "big.toml").write_text(
            'id = "big"\nname = "Big"\npurpose = "x"\nequipment = ["mat"]\n'
            'sources = ["002_28ac56f964d3cfe9.txt"]\n'
            + '[[items]]\nexercise = "knee-to-chest"\n'
            * 10_000,
            encoding="utf-8",
        )
        with_tables = _catalog_ms(tables, runs)
        recovery = statistics.median(_recovery_s(root / f"r{i}") for i in range(3 if quick else 5))
    return [
        Row("`backcoach routines`, 3 hostile files", bad, base, "s", "≤ 2 s", bad <= 2.0,
            "deep nesting, a 401-digit number, a FIFO; all named"),
        Row("catalogue with a 10,000-item routine, [[items]]", with_tables, plain, "ms",
            "refused, ≤ +50 ms", with_tables - plain <= 50, "370 KB: refused by size, unread"),
        Row("catalogue with a 10,000-item routine, inline", with_big, plain, "ms",
            "refused, ≤ +300 ms", with_big - plain <= 300,
            "180 KB: parsed (tomllib), refused by its item count; was 59 s to plan"),
        Row("saving works again after a lock is let go", recovery, None, "s", "≤ 1.5 s",
            recovery <= 1.5, "retried twice a second in the background"),
    ]  # fmt: skip
