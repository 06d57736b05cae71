"""``backcoach routines [--json]``: list routines with their minutes and equipment."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("routines", help="list the routines: id, name, minutes, equipment")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(handler=cmd_routines)


def cmd_routines(args: argparse.Namespace) -> int:
    from backcoach import content
    from backcoach.core.plan import build_plan

    catalog = content.load()
    for error in catalog.errors:
        print(f"backcoach: skipped: {error}", file=sys.stderr)
    rows = []
    for routine in sorted(catalog.routines.values(), key=lambda r: r.name):
        plan = build_plan(routine, catalog, with_cues=False)
        rows.append(
            {
                "id": routine.id,
                "name": routine.name,
                "minutes": round(plan.total_s / 60, 1),
                "equipment": list(routine.equipment),
                "when": routine.when,
                "exercises": len(routine.items),
                "builtin": routine.builtin,
            }
        )
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
        return 0
    width = max((len(r["id"]) for r in rows), default=2)
    print(f"{'ID':<{width}}  {'MIN':>5}  {'EQUIPMENT':<22}  NAME")
    for r in rows:
        equipment = ", ".join(r["equipment"]) or "none"
        print(f"{r['id']:<{width}}  {r['minutes']:>5}  {equipment:<22}  {r['name']}")
    return 0
