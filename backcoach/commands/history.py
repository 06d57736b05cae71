"""``backcoach history [--csv | --json]``: print the session log.

Without a flag, a short table for reading in a terminal; ``--json`` and ``--csv``
export everything (the same code as the review page's Export button).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("history", help="print or export the session log")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json", dest="fmt", action="store_const", const="json", help="sessions with segments"
    )
    fmt.add_argument(
        "--csv", dest="fmt", action="store_const", const="csv", help="one row per segment"
    )
    p.set_defaults(handler=cmd_history, fmt=None)


def cmd_history(args: argparse.Namespace) -> int:
    from backcoach import paths
    from backcoach.core import history_export
    from backcoach.core.history import HistoryStore

    # A reader: a window may be in the middle of a session in this same file, so
    # nothing is written, moved or created; a dead owner's session reads interrupted.
    with HistoryStore.open_reader(paths.history_db()) as store:
        if store.notice:
            print(f"backcoach: {store.notice}", file=sys.stderr)
        if args.fmt:
            history_export.write(store.all_sessions(), sys.stdout, args.fmt)
            return 0
        return _print_table(store)


def _print_table(store: Any) -> int:
    total = store.count()
    if total == 0:
        print("No sessions yet.")
        return 0
    print(f"{'STARTED':<16}  {'MIN':>5}  {'DONE':>4}  {'PAIN':<7}  {'STATUS':<11}  ROUTINE")
    for s in store.sessions(0, total):
        pain = f"{_pain(s.pain_before)}→{_pain(s.pain_after)}"
        done = "–" if s.completion is None else f"{s.completion:.0%}"  # an old stopped one
        print(
            f"{s.started_at:%Y-%m-%d %H:%M}  {s.done_s / 60:>5.1f}  {done:>4}  "
            f"{pain:<7}  {s.status:<11}  {s.routine_name}"
        )
    return 0


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)
