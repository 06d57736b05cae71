"""Plain-data views of a plan, for ``backcoach plan --json`` and for captions."""

from __future__ import annotations

from typing import Any

from backcoach.core.plan import Plan, Segment, SegmentKind


def segment_label(seg: Segment) -> str:
    """A one-line description: "Plank · set 2 of 3" or "Rest · next: Glute bridge"."""
    side = f" · {seg.side} side" if seg.side != "none" else ""
    sets = f" · set {seg.set_no} of {seg.sets}" if seg.sets > 1 else ""
    rounds = f" · round {seg.round_no} of {seg.rounds}" if seg.rounds > 1 else ""
    if seg.kind == SegmentKind.WORK:
        amount = f"{seg.reps} reps" if seg.mode == "reps" else f"{seg.duration_s:g} s hold"
        return f"{seg.exercise_name}{side}{sets}{rounds} · {amount}"
    if seg.kind == SegmentKind.PREPARE:
        return f"Get ready: {seg.exercise_name}{side}"
    if seg.kind == SegmentKind.SWITCH:
        return f"Switch to the {seg.side} side"
    if seg.kind == SegmentKind.REST:
        return f"Rest · next: {seg.exercise_name}{side}{sets}" if seg.exercise_name else "Rest"
    return "Done"


def format_total(total_s: float) -> str:
    """ "13:57 (13.9 min)": the length as ``backcoach plan`` and the editor show it."""
    m, s = divmod(total_s, 60)
    return f"{int(m):02d}:{int(s):02d} ({total_s / 60:.1f} min)"


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    o = plan.options
    return {
        "routine": plan.routine_id,
        "name": plan.routine_name,
        "total_s": round(plan.total_s, 3),
        "minutes": round(plan.total_s / 60, 1),
        "options": {
            "rounds": o.rounds,
            "hold_s": o.hold_s,
            "variants": dict(o.variants),
            "rest_s": o.rest_s,
            "prepare_s": o.prepare_s,
            "switch_s": o.switch_s,
            "first_side": o.first_side,
        },
        "segments": [_segment(s) for s in plan.segments],
    }


def _segment(s: Segment) -> dict[str, Any]:
    return {
        "index": s.index,
        "kind": s.kind.value,
        "label": segment_label(s),
        "start_s": round(s.start_s, 3),
        "duration_s": round(s.duration_s, 3),
        "exercise": s.exercise_id,
        "variant": s.variant,
        "side": s.side,
        "set": s.set_no,
        "sets": s.sets,
        "round": s.round_no,
        "rounds": s.rounds,
        "mode": s.mode,
        "reps": s.reps,
        "tempo": [{"name": p.name, "seconds": p.seconds, "cue": p.cue} for p in s.tempo],
        "cues": [
            {
                "offset_s": round(c.offset_s, 3),
                "at_s": round(s.start_s + c.offset_s, 3),
                "text": c.text,
                "kind": c.kind.value,
            }
            for c in s.cues
        ],
    }
