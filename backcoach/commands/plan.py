"""``backcoach plan ROUTINE [--json]``: the timeline, every segment with its length and cues."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from backcoach.commands.options import add_plan_options, plan_from_args


def register(sub: Any) -> None:
    p = sub.add_parser("plan", help="print a routine's timeline: segments, lengths and cues")
    add_plan_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    from backcoach.core.plan_export import format_total, plan_to_dict, segment_label

    _, plan = plan_from_args(args)
    if args.json:
        json.dump(plan_to_dict(plan), sys.stdout, indent=2)
        print()
        return 0
    print(f"{plan.routine_name} ({plan.routine_id})")
    for seg in plan.segments:
        print(f"{_clock(seg.start_s)}  {seg.duration_s:5.0f} s  {segment_label(seg)}")
        for cue in seg.cues:
            at = _clock(seg.start_s + cue.offset_s, tenths=True)
            print(f"{'':8}{at:>9}  {cue.text}  [{cue.kind}]")
    print(f"Total: {format_total(plan.total_s)}")
    return 0


def _clock(seconds: float, tenths: bool = False) -> str:
    m, s = divmod(seconds, 60)
    return f"{int(m):02d}:{s:04.1f}" if tenths else f"{int(m):02d}:{int(s):02d}"
