"""``backcoach shoes [--json]`` and ``shoes add NAME``: shoe mileage against the
distance the runner set for each."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from backcoach.commands.errors import UsageError


def register(sub: Any) -> None:
    from backcoach.runs.shoes import DEFAULT_RETIRE_AT_M

    p = sub.add_parser("shoes", help="your shoes: distance run in each and when to change them")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_shoes)
    actions = p.add_subparsers(dest="shoes_action", metavar="ACTION")
    add = actions.add_parser("add", help="add a pair of shoes")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--retire-at",
        type=float,
        metavar="KM",
        default=DEFAULT_RETIRE_AT_M / 1000,
        help=f"change them after this many km (default {DEFAULT_RETIRE_AT_M / 1000:.0f}, ours: "
        "the articles give no number)",
    )
    add.add_argument("--since", help="first worn, YYYY-MM-DD (default today)")
    add.add_argument("--already", type=float, default=0.0, metavar="KM", help="km on them already")
    add.add_argument("--default", action="store_true", help="new runs count toward these")
    add.set_defaults(handler=cmd_add_shoe)


def cmd_shoes(args: argparse.Namespace) -> int:
    from backcoach.commands.runs import open_log
    from backcoach.runs import shoes as rules
    from backcoach.runs.export import shoe_dict

    log = open_log()
    try:
        shoes = log.shoes()
    finally:
        log.history.close()
    if args.json:
        json.dump(
            {"shoes": [shoe_dict(s, full=True) for s in shoes]},
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        print()
        return 0
    if not shoes:
        print("No shoes yet. Add a pair with: backcoach shoes add NAME --retire-at KM --default")
        return 0
    width = max(len(s.name) for s in shoes)
    print(f"{'NAME':<{width}}  {'KM':>6}  {'OF':>6}  {'RUNS':>4}  STATUS")
    for s in shoes:
        mark = " (default)" if s.is_default else ""
        print(
            f"{s.name:<{width}}  {s.distance_m / 1000:>6.0f}  {s.retire_at_m / 1000:>6.0f}  "
            f"{s.runs:>4}  {rules.status(s)}{mark}"
        )
    return 0


def cmd_add_shoe(args: argparse.Namespace) -> int:
    from backcoach.commands.runs import open_log
    from backcoach.runs.store import ShoeError

    try:
        since = date.fromisoformat(args.since) if args.since else date.today()
    except ValueError:
        raise UsageError(f"--since {args.since}: write YYYY-MM-DD") from None
    log = open_log(write=True)
    try:
        shoe_id = log.add_shoe(
            args.name, since, args.retire_at * 1000, args.already * 1000, args.default
        )
    except ShoeError as exc:
        raise UsageError(str(exc)) from None
    finally:
        log.history.close()
    if shoe_id is None:
        return 1
    print(f"Added {args.name}: change after {args.retire_at:.0f} km.")
    return 0
