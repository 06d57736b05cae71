"""How the history store and review page cope with ten years of daily sessions.

Seeds ~3,650 sessions of ~14 segments each into a temporary file and measures, next
to an empty history in the same run:

* opening the store (connect, quick_check, migrations, crash recovery),
* opening the review page (construct + first paint, offscreen),
* computing the charts' data (weekly minutes, calendar days, pain series, streak),
* exporting everything as CSV (no target; for scale),
* the file's size.

Prints the median of several runs, the ratio to the empty baseline, and the target.

    PYTHONPATH=. python benchmarks/history.py [--runs 7] [--years 10]
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from backcoach.core import history_export
from backcoach.core.history import HistoryStore
from backcoach.core.history_sample import SampleSpec, write_sample_history
from benchmarks.common import Row

TARGET_MS = 150.0
TODAY = date.today()


def median_ms(runs: int, setup: Callable[[], object], work: Callable[[object], object]) -> float:
    """Median wall time of ``work(setup())``; setup and teardown are not timed."""
    times = []
    for _ in range(runs):
        arg = setup()
        start = time.perf_counter()
        result = work(arg)
        times.append((time.perf_counter() - start) * 1000)
        for thing in (result, arg):
            if isinstance(thing, HistoryStore):
                thing.close()
    return statistics.median(times)


def measure(path: Path, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from backcoach.ui.pages.history_page import HistoryPage

    app = QApplication.instance() or QApplication([sys.argv[0]])
    first = TODAY - timedelta(days=TODAY.weekday(), weeks=11)

    def open_page(store: object) -> object:
        assert isinstance(store, HistoryStore)
        page = HistoryPage(store)
        page.resize(1000, 720)
        page.grab()  # lays out and paints every child once, as a first show would
        page.deleteLater()
        return None

    def chart_data(store: object) -> object:
        assert isinstance(store, HistoryStore)
        store.weekly_minutes(12, TODAY)
        store.daily_minutes(first, TODAY)
        store.pain_series(first)
        store.streak(TODAY)
        store.recent_pain(3)
        return None

    def export(store: object) -> object:
        assert isinstance(store, HistoryStore)
        history_export.write(store.all_sessions(), io.StringIO(), "csv")
        return None

    def store() -> HistoryStore:
        return HistoryStore.open(path)

    figures = {
        "open store": median_ms(runs, lambda: None, lambda _: HistoryStore.open(path)),
        "open page (construct + paint)": median_ms(runs, store, open_page),
        "chart data": median_ms(runs, store, chart_data),
        "export all as CSV": median_ms(max(1, runs // 2), store, export),
    }
    app.processEvents()  # let deleteLater() free the pages
    figures["file size (KiB)"] = path.stat().st_size / 1024
    return figures


def run(quick: bool = False) -> list[Row]:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.sqlite3"
        HistoryStore.open(empty).close()
        full = Path(tmp) / "full.sqlite3"
        n = write_sample_history(full, SampleSpec(days=3650, today=TODAY, active_share=1.0))
        base, big = measure(empty, runs), measure(full, runs)
    rows = []
    for key, value in big.items():
        if key.startswith("export"):
            continue
        is_size = key.startswith("file size")
        rows.append(
            Row(
                f"history, 10 years ({n:,} sessions): {key.replace(' (KiB)', '')}",
                value,
                base[key],
                "KiB" if is_size else "ms",
                "—" if is_size else f"≤ {TARGET_MS:.0f} ms",
                True if is_size else value <= TARGET_MS,
                "baseline: empty history" + ("" if is_size else f"; median of {runs} runs"),
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.sqlite3"
        HistoryStore.open(empty).close()
        full = Path(tmp) / "full.sqlite3"
        t0 = time.perf_counter()
        n = write_sample_history(
            full, SampleSpec(days=365 * args.years, today=TODAY, active_share=1.0)
        )
        with sqlite3.connect(full) as con:
            segments = con.execute("SELECT count(*) FROM segments").fetchone()[0]
        print(
            f"seeded {n:,} sessions, {segments:,} segments in {time.perf_counter() - t0:.1f} s;"
            f" median of {args.runs} runs\n"
        )
        base = measure(empty, args.runs)
        big = measure(full, args.runs)
    print(f"{'':32} {'empty':>10} {f'{args.years} years':>10} {'ratio':>7} {'target':>8}")
    failed = False
    for key, value in big.items():
        is_size = key.startswith("file size")
        target = "" if is_size or key.startswith("export") else f"<{TARGET_MS:.0f} ms"
        unit = "" if is_size else " ms"
        # A ratio to a near-zero baseline says nothing; show it only when both are real.
        ratio_text = f"{value / base[key]:>6.1f}x" if base[key] >= 0.05 else f"{'–':>7}"
        verdict = ""
        if target:
            ok = value < TARGET_MS
            failed |= not ok
            verdict = " ok" if ok else " MISSED"
        print(
            f"{key:32} {base[key]:>8.1f}{unit:3} {value:>8.1f}{unit:3} {ratio_text} "
            f"{target:>8}{verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
