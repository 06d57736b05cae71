"""The words a coach says during each segment, and when.

Rules (see docs/session-model.md):
- prepare: "Get ready: <exercise>, <side> side", the set-up line, then 3, 2, 1 ending
  exactly when the work starts;
- holds: "Go"; "Halfway" and "10 seconds left" for holds of 20 s or more; a short
  encouragement in long holds; 3, 2, 1 at the end;
- reps: each tempo phase spoken as it starts (a "hold, 2, 3" phase is counted on the
  second), the rep number after each rep, "Last one" before the final rep;
- switch: "Switch sides: <side> side", then 3, 2, 1;
- rest: "Rest", "Next up: <exercise>", and 3, 2, 1 when work follows directly;
- done: a closing line.
Cues never overlap: when one cannot be said (at ``DEFAULT_WPM``) before the next
starts, it is first shortened to its short form, otherwise the less urgent of the two
is dropped (the later one when they are equally urgent). Timed cues never move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from backcoach.core.cues import PRIORITY, Cue, CueKind, estimate_speech_s

if TYPE_CHECKING:
    from backcoach.core.catalog import Catalog, TempoPhase
    from backcoach.core.plan import Segment

LONG_HOLD_S = 20.0  # holds at least this long get "halfway" and "10 seconds left"
ENCOURAGE_MIN_S = 40.0  # and from this long, an encouragement in each half
# Cue times are sums of floats (segment start + offset): a cue that ends exactly as the
# next begins must not count as overlapping because of rounding in the last bit.
_EPS = 1e-6
_COUNTED = re.compile(r"^(?P<head>[^,]+),\s*2(?:,\s*\d+)*\s*$")  # "Hold, 2, 3"

CLOSING_LINE = "That's the session done. Well done. Notice how your back feels now."


@dataclass(frozen=True, slots=True)
class _Pending:
    at: float  # absolute seconds from session start
    seg: int  # segment index
    kind: CueKind
    texts: tuple[str, ...]  # longest first; later entries are shorter forms

    @property
    def priority(self) -> int:
        return PRIORITY[self.kind]

    def end(self) -> float:
        return self.at + estimate_speech_s(self.texts[0])

    def fit(self, room: float) -> _Pending | None:
        """This cue in the longest form that can be said within ``room`` seconds."""
        for i, text in enumerate(self.texts):
            if estimate_speech_s(text) <= room + _EPS:
                return replace(self, texts=self.texts[i:])
        return None


def schedule_cues(segments: list[Segment], catalog: Catalog) -> tuple[Segment, ...]:
    from backcoach.core.plan import SegmentKind

    pending: list[_Pending] = []
    for i, seg in enumerate(segments):
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        work_follows = nxt is not None and nxt.kind == SegmentKind.WORK
        for offset, kind, texts in _segment_cues(seg, catalog, work_follows):
            pending.append(_Pending(seg.start_s + offset, i, kind, texts))
    kept = resolve_overlaps(pending)
    by_seg: dict[int, list[Cue]] = {}
    for p in kept:
        start = segments[p.seg].start_s
        by_seg.setdefault(p.seg, []).append(Cue(p.at - start, p.texts[0], p.kind))
    return tuple(replace(s, cues=tuple(by_seg.get(i, ()))) for i, s in enumerate(segments))


def resolve_overlaps(pending: list[_Pending]) -> list[_Pending]:
    """Keep cues apart: shorten the earlier one, else drop the less urgent (by rule)."""
    order = sorted(pending, key=lambda p: (p.at, -p.priority))
    kept: list[_Pending] = []
    for cue in order:
        while kept and kept[-1].end() > cue.at + _EPS:
            prev = kept[-1]
            shorter = prev.fit(cue.at - prev.at)
            if shorter is not None:
                kept[-1] = shorter
                break
            if cue.priority > prev.priority:
                kept.pop()  # the more urgent newcomer wins; re-check against the one before
                continue
            cue = None  # type: ignore[assignment]
            break
        if cue is not None:
            kept.append(cue)
    return kept


Spec = tuple[float, CueKind, tuple[str, ...]]


def _segment_cues(seg: Segment, catalog: Catalog, work_follows: bool) -> list[Spec]:
    from backcoach.core.plan import SegmentKind

    d = seg.duration_s
    if seg.kind == SegmentKind.DONE:
        return [(0.0, CueKind.CLOSING, (CLOSING_LINE, "Session done. Well done."))]
    if seg.kind == SegmentKind.PREPARE:
        side = f", {seg.side} side" if seg.side != "none" else ""
        announce = f"Get ready: {seg.exercise_name}{side}."
        out: list[Spec] = [(0.0, CueKind.ANNOUNCE, (announce, f"{seg.exercise_name}{side}."))]
        setup, _ = _lines(catalog, seg)
        if setup:  # after the name has been said, with a breath between
            out.append((estimate_speech_s(announce) + 0.3, CueKind.INSTRUCTION, (setup,)))
        return out + _countdown(d)
    if seg.kind == SegmentKind.SWITCH:
        return [
            (0.0, CueKind.SWITCH, (f"Switch sides: {seg.side} side.", "Switch sides.")),
            *_countdown(d),
        ]
    if seg.kind == SegmentKind.REST:
        return _rest_cues(seg, d, work_follows)
    if seg.mode == "reps":
        return _rep_cues(seg)
    return _hold_cues(seg, catalog)


def _countdown(d: float) -> list[Spec]:
    return [(d - n, CueKind.COUNTDOWN, (str(n),)) for n in (3, 2, 1) if d - n >= 0]


def _lines(catalog: Catalog, seg: Segment) -> tuple[str, tuple[str, ...]]:
    """(set-up line, encouragements) for a segment: the variant's own where it has them."""
    ex = catalog.exercises.get(seg.exercise_id)
    if ex is None:
        return "", ()
    v = ex.variant(seg.variant or None)
    own = v.cues if v is not None and v.cues is not None else None
    setup = own.setup if own is not None and own.setup else ex.cues.setup
    during = own.during if own is not None and own.during else ex.cues.during
    return setup, during


def _rest_cues(seg: Segment, d: float, work_follows: bool) -> list[Spec]:
    out: list[Spec] = [(0.0, CueKind.REST, ("Rest.",))]
    if seg.exercise_name:
        if work_follows and seg.sets > 1:
            side = f", {seg.side} side" if seg.side != "none" else ""
            nxt = (f"Next up: set {seg.set_no} of {seg.sets}{side}.", f"Set {seg.set_no} next.")
        elif seg.round_no > 1 and seg.item_index == 0:
            nxt = (
                f"Next up: round {seg.round_no} of {seg.rounds}, {seg.exercise_name}.",
                f"Round {seg.round_no}: {seg.exercise_name}.",
            )
        else:
            nxt = (f"Next up: {seg.exercise_name}.", seg.exercise_name)
        out.append((min(1.5, d / 3), CueKind.NEXT_UP, nxt))
    if work_follows:
        out += _countdown(d)
    return out


def _hold_cues(seg: Segment, catalog: Catalog) -> list[Spec]:
    d = seg.duration_s
    out: list[Spec] = []
    if seg.tempo:  # a flowing hold (cat-cow): the cycle's phases take the place of "Go"
        out += _tempo_cues(seg.tempo, until=d - 3)
    else:
        out.append((0.0, CueKind.GO, ("Go.",)))
    if d >= LONG_HOLD_S:
        out.append((d / 2, CueKind.HALFWAY, ("Halfway.",)))
        out.append((d - 10, CueKind.REMAINING, ("10 seconds left.", "10 seconds.")))
    _, lines = _lines(catalog, seg)
    if d >= ENCOURAGE_MIN_S and lines and not seg.tempo:
        n = seg.set_no + seg.round_no  # vary the line between sets and rounds
        out.append((d * 0.25, CueKind.ENCOURAGE, (lines[n % len(lines)],)))
        out.append((d * 0.7, CueKind.ENCOURAGE, (lines[(n + 1) % len(lines)],)))
    return out + _countdown(d)


def _rep_cues(seg: Segment) -> list[Spec]:
    reps = seg.reps or 0
    rep_s = sum(p.seconds for p in seg.tempo)
    out = _tempo_cues(seg.tempo, until=reps * rep_s)
    last_phase = seg.tempo[-1] if seg.tempo else None
    for rep in range(1, reps):
        rep_end = rep * rep_s
        text = "Last one." if rep == reps - 1 else f"{rep}."
        if last_phase is not None:
            # After the last phase's own words, before the next rep begins.
            spoken = rep_end - last_phase.seconds + estimate_speech_s(last_phase.cue or "")
            at = max(spoken, rep_end - estimate_speech_s(text))
            out.append((at, CueKind.REP, (text,)))
    return out


def _tempo_cues(phases: tuple[TempoPhase, ...], until: float) -> list[Spec]:
    """Each phase's cue at the moment it starts, repeated cycle after cycle."""
    cycle = sum(p.seconds for p in phases)
    out: list[Spec] = []
    if cycle <= 0:
        return out
    t = 0.0
    while t < until - 1e-9:
        for p in phases:
            if t >= until - 1e-9:
                break
            out += _phase_words(t, p.cue, p.seconds)
            t += p.seconds
    return out


def _phase_words(t: float, cue: str, seconds: float) -> list[Spec]:
    if not cue:
        return []
    m = _COUNTED.match(cue)
    if m is None:
        return [(t, CueKind.TEMPO, (cue,))]
    # "Hold, 2, 3": the head now, then each number on its second.
    words: list[Spec] = [(t, CueKind.TEMPO, (m.group("head"),))]
    numbers = [n.strip() for n in cue.split(",")[1:]]
    for k, n in enumerate(numbers, start=1):
        if k < seconds:
            words.append((t + k, CueKind.TEMPO, (n,)))
    return words
