"""The runner's side at scale: importing a long FIT file, and ten years of daily runs.

* Importing a 1 MB FIT file (about six hours recorded every second) into a history
  file, against fitdecode alone reading the same file: ≤ 1 s and ≤ 3×.
* The Runs page with 3,650 runs: construct and first paint, against an empty log:
  ≤ 150 ms.
* ``backcoach runs --json`` with 3,650 runs, as a fresh process, against the same
  command on an empty log: ≤ 300 ms.

    PYTHONPATH=. python -m benchmarks --only runs
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import REPO, Row, child_env

TODAY = date.today()
FIT_TARGET_S = 1.0
FIT_TARGET_RATIO = 3.0
PAGE_TARGET_MS = 150.0
JSON_TARGET_MS = 300.0


def _median_s(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fit_rows(tmp: Path, runs: int) -> list[Row]:
    import fitdecode

    from backcoach.core.history import HistoryStore
    from backcoach.runs.store import RunLog
    from tests.fixtures.make_runs import big_fit

    fit = big_fit(tmp / "long-run.fit")
    size_mb = fit.stat().st_size / 1e6

    def fitdecode_alone() -> None:
        with fitdecode.FitReader(str(fit)) as reader:
            for _frame in reader:
                pass

    counter = iter(range(1000))

    def ours() -> None:
        with HistoryStore.open(tmp / f"h{next(counter)}.sqlite3") as store:
            report = RunLog(store).import_files([fit])
        assert report.imported == 1, report

    base = _median_s(runs, fitdecode_alone)
    value = _median_s(runs, ours)
    note = f"{size_mb:.2f} MB FIT; median of {runs}; ours includes opening a new history file and writing"
    return [
        Row(
            "import a 1 MB FIT file",
            value * 1000,
            base * 1000,
            "ms",
            f"≤ {FIT_TARGET_S * 1000:.0f} ms and ≤ {FIT_TARGET_RATIO:.0f}× fitdecode alone",
            value <= FIT_TARGET_S and value <= FIT_TARGET_RATIO * base,
            "baseline: fitdecode reading it alone; " + note,
        )
    ]


def _page_ms(data: Path, runs: int) -> float:
    from PySide6.QtWidgets import QApplication

    from backcoach import paths
    from backcoach.core.history import HistoryStore
    from backcoach.core.settings import Settings
    from backcoach.ui.context import AppContext
    from backcoach.ui.pages.runs_page import RunsPage
    from backcoach.ui.runs.importer import RunImporter

    app = QApplication.instance() or QApplication([sys.argv[0]])
    times = []
    for _ in range(runs):
        store = HistoryStore.open(data / "history.sqlite3")
        ctx = AppContext(
            catalog=None, settings=Settings(), settings_path=paths.settings_file(), history=store
        )  # type: ignore[arg-type]
        importer = RunImporter(lambda c=ctx: c.runs)
        start = time.perf_counter()
        page = RunsPage(ctx, importer)
        page.resize(1200, 760)
        page.grab()  # lays out and paints every child once, as a first show would
        times.append((time.perf_counter() - start) * 1000)
        page.deleteLater()
        app.processEvents()
        store.close()
    return statistics.median(times)


def _json_ms(data: Path, runs: int) -> float:
    env = child_env(BACKCOACH_DATA_DIR=str(data))
    argv = [sys.executable, "-m", "backcoach", "runs", "--json"]
    subprocess.run(argv, env=env, cwd=REPO, capture_output=True, check=True)  # warm the caches

    def once() -> None:
        subprocess.run(argv, env=env, cwd=REPO, capture_output=True, check=True)

    return _median_s(runs, once) * 1000


def log_rows(tmp: Path, runs: int) -> list[Row]:
    from backcoach.core.history import HistoryStore
    from backcoach.runs.sample import RunSampleSpec, write_sample_runs

    empty, full = tmp / "empty", tmp / "full"
    for folder in (empty, full):
        folder.mkdir()
    HistoryStore.open(empty / "history.sqlite3").close()
    n = write_sample_runs(
        full / "history.sqlite3", RunSampleSpec(days=3650, today=TODAY, runs_per_week=7)
    )
    page_base, page = _page_ms(empty, runs), _page_ms(full, runs)
    json_base, json_full = _json_ms(empty, runs), _json_ms(full, runs)
    return [
        Row(
            f"Runs page, 10 years ({n:,} runs): open + paint",
            page,
            page_base,
            "ms",
            f"≤ {PAGE_TARGET_MS:.0f} ms",
            page <= PAGE_TARGET_MS,
            f"baseline: no runs; median of {runs}",
        ),
        Row(
            f"backcoach runs --json, 10 years ({n:,} runs)",
            json_full,
            json_base,
            "ms",
            f"≤ {JSON_TARGET_MS:.0f} ms",
            json_full <= JSON_TARGET_MS,
            f"a fresh process each time; baseline: the same command with no runs; median of {runs}",
        ),
    ]


def run(quick: bool = False) -> list[Row]:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-runs-") as tmp:
        return fit_rows(Path(tmp), runs) + log_rows(Path(tmp), runs)


if __name__ == "__main__":
    from benchmarks.common import format_table

    print(format_table(run(quick="--quick" in sys.argv)))
