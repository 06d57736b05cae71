"""The words on the session page, worked out from the plan and where the session is.

The header names what the runner does now; "Next:" names what follows it (for a rest
or a get-ready, what follows the exercise about to start); the ring's lines follow the
segment's kind (the rep and its phase during reps, the seconds otherwise). Captions say
a spoken cue for as long as it is true, then give way (``CAPTION_LIFE_S``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from backcoach.core.cues import CueKind
from backcoach.core.effects import Progress
from backcoach.core.plan import Plan, Segment, SegmentKind
from backcoach.ui.widgets.countdown_ring import RingText, seconds_shown


def tr(text: str) -> str:
    return QCoreApplication.translate("SessionPage", text)


KIND_WORDS = {
    SegmentKind.PREPARE: "Get ready",
    SegmentKind.WORK: "Work",
    SegmentKind.REST: "Rest",
    SegmentKind.SWITCH: "Switch sides",
    SegmentKind.DONE: "Done",
}

# How long a cue's caption stays true (seconds after it was due); kinds not listed
# stay up until the next cue or the next segment. "10 seconds left." is not true at 5.
CAPTION_LIFE_S = {
    CueKind.COUNTDOWN: 1.0,
    CueKind.GO: 3.0,
    CueKind.REP: 1.5,
    CueKind.HALFWAY: 3.0,
    CueKind.REMAINING: 3.0,
    CueKind.ENCOURAGE: 6.0,
    CueKind.NOTICE: 6.0,
}


@dataclass(frozen=True, slots=True)
class Header:
    kind: str  # "WORK"
    title: str  # the exercise, or "Rest"
    detail: str  # "set 1 of 3 · 15 reps"
    side: str  # "◀  LEFT SIDE", or ""


def header(seg: Segment) -> Header:
    kind = tr(KIND_WORDS[seg.kind]).upper()
    side = {"left": tr("◀  LEFT SIDE"), "right": tr("RIGHT SIDE  ▶")}.get(seg.side, "")
    if seg.kind == SegmentKind.DONE:
        return Header(kind, tr("Session complete"), "", "")
    if seg.kind == SegmentKind.REST:
        # A rest carries the exercise that follows it: say so, rather than title it.
        side = tr("{0} side").format(seg.side) if seg.side != "none" else ""
        coming = ", ".join(p for p in (seg.exercise_name, side) if p)
        then = tr("then {0}").format(coming) if seg.exercise_name else ""
        parts = [then, *_counts(seg)] if then else []
        return Header(kind, tr("Rest"), " · ".join(p for p in parts if p), "")
    parts = _counts(seg)
    if seg.kind == SegmentKind.WORK and seg.mode == "reps":
        parts.append(tr("{0} reps").format(seg.reps))
    elif seg.kind == SegmentKind.WORK:
        parts.append(tr("{0} s hold").format(round(seg.duration_s)))
    return Header(kind, seg.exercise_name, " · ".join(parts), side)


def _counts(seg: Segment) -> list[str]:
    parts = []
    if seg.sets > 1:
        parts.append(tr("set {0} of {1}").format(seg.set_no, seg.sets))
    if seg.rounds > 1:
        parts.append(tr("round {0} of {1}").format(seg.round_no, seg.rounds))
    return parts


def anchor(plan: Plan, seg: Segment) -> Segment | None:
    """The work the header is about: this one, or the one a rest/get-ready leads into."""
    if seg.kind == SegmentKind.WORK:
        return seg
    if seg.kind == SegmentKind.DONE:
        return None
    return plan.next_work(seg.index)


def next_up(plan: Plan, seg: Segment) -> tuple[str, Segment | None]:
    """("Next: …", the work it names), or the last-one line with None."""
    now = anchor(plan, seg)
    if now is None:
        return "", None
    upcoming = plan.next_work(now.index)
    if upcoming is None:
        return tr("Last one: finish strong"), None
    return tr("Next: {0}").format(describe_after(now, upcoming)), upcoming


def describe_after(now: Segment, upcoming: Segment) -> str:
    """``upcoming`` as the runner needs it after ``now``: its side or set if it is the
    same exercise, its name (and side) otherwise."""
    side = tr("{0} side").format(upcoming.side) if upcoming.side != "none" else ""
    if upcoming.exercise_id == now.exercise_id and upcoming.item_index == now.item_index:
        if upcoming.set_no != now.set_no or upcoming.round_no != now.round_no:
            which = tr("set {0} of {1}").format(upcoming.set_no, upcoming.sets)
            if upcoming.round_no != now.round_no:
                which = tr("round {0} of {1}").format(upcoming.round_no, upcoming.rounds)
            return ", ".join(p for p in (which, side) if p)
        if side:
            return side
    return ", ".join(p for p in (upcoming.exercise_name, side) if p)


def reps_shown(seg: Segment) -> bool:
    return seg.kind == SegmentKind.WORK and seg.mode == "reps" and bool(seg.reps)


def rep_line(seg: Segment, p: Progress) -> str:
    """ "Rep 2 of 15 · LIFT", "LIFT" for a flowing hold, "Hold", or "" outside work."""
    if reps_shown(seg):
        phase = f" · {p.phase.upper()}" if p.phase else ""
        return tr("Rep {0} of {1}").format(p.rep, seg.reps) + phase
    if seg.kind == SegmentKind.WORK and p.phase:
        return p.phase.upper()
    if seg.kind == SegmentKind.WORK:
        return tr("Hold")
    return ""


def ring_text(seg: Segment, p: Progress, paused: bool) -> RingText:
    """Seconds big in a hold, rest or get-ready; the rep big (seconds small) in reps;
    the lead-in's 3, 2, 1 big while it counts."""
    secs = seconds_shown(p.remaining_s)
    width = "8" * len(str(seconds_shown(seg.duration_s)))
    if p.lead_in_s > 0 and not paused:
        small = tr("{0} s").format(secs) if reps_shown(seg) else ""
        return RingText(str(seconds_shown(p.lead_in_s)), tr("Ready"), small, "8")
    if reps_shown(seg):
        reps = str(seg.reps)
        big = f"{p.rep} / {reps}"
        word = p.phase or tr(KIND_WORDS[seg.kind])
        return RingText(big, word, tr("{0} s").format(secs), f"{'8' * len(reps)} / {reps}")
    word = p.phase if seg.kind == SegmentKind.WORK and p.phase else tr(KIND_WORDS[seg.kind])
    return RingText(str(secs), word, "", width)


def ring_description(seg: Segment, p: Progress, paused: bool) -> str:
    """The ring for a screen reader: what the runner sees, in a sentence."""
    secs = seconds_shown(p.remaining_s)
    left = tr("1 second left") if secs == 1 else tr("{0} seconds left").format(secs)
    if paused:
        return tr("Paused, {0}").format(left)
    if p.lead_in_s > 0:
        return tr("Starting again in {0}").format(seconds_shown(p.lead_in_s))
    if reps_shown(seg):
        return tr("Rep {0} of {1}, {2}").format(p.rep, seg.reps, left)
    return tr("{0}, {1}").format(tr(KIND_WORDS[seg.kind]), left)
