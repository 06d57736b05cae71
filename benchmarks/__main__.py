"""python -m benchmarks [--only NAME ...] [--json FILE] [--quick]"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from pathlib import Path

from benchmarks.common import Row, format_table

# In the order they are printed. Each module has run(quick) -> list[Row].
MODULES = ["startup", "timing", "speech", "history", "faults", "runs", "figure_frame", "bundle"]


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {os.cpu_count()} cores {cpu}"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", nargs="*", choices=MODULES, help="run only these")
    parser.add_argument("--json", metavar="FILE", help="also write the table as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    rows: list[Row] = []
    failed: list[str] = []
    started = time.monotonic()
    for name in args.only or MODULES:
        t = time.monotonic()
        try:
            module = importlib.import_module(f"benchmarks.{name}")
        except ImportError as exc:
            failed.append(f"{name}: not available ({exc})")
            continue
        try:
            rows += module.run(quick=args.quick)
        except Exception as exc:  # one broken benchmark must not hide the others
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
        print(f"[{name} done in {time.monotonic() - t:.0f} s]", file=sys.stderr)
    print(f"Machine: {machine()}")
    print(format_table(rows))
    for f in failed:
        print(f"FAILED {f}")
    print(f"Total time: {time.monotonic() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"machine": machine(), "rows": [r.as_dict() for r in rows], "failed": failed},
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
