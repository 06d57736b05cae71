"""A routine plus the runner's options becomes a Plan: a flat, timed list of Segments.

Segments are prepare (get into position), work (a hold, or reps at a tempo), switch
(changeover to the other side), rest, and a final done. Every segment carries the
cues to speak during it; ``cue_rules`` decides their words and keeps them apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from backcoach.core.catalog import Catalog, Dosage, Exercise, Routine, TempoPhase, resolve_dosage
from backcoach.core.cues import Cue

if TYPE_CHECKING:  # levels load when a plan has some, not at start-up
    from backcoach.core.levels import Level

Side = Literal["left", "right", "none"]


class SegmentKind(StrEnum):
    PREPARE = "prepare"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class PlanOptions:
    rounds: int | None = None  # None: the routine's own
    hold_s: float | None = None  # wanted hold length, kept inside each exercise's seed range
    variants: Mapping[str, str] = field(default_factory=dict)  # exercise id -> variant id
    rest_s: float | None = None  # rest between exercises; None: the routine's own
    prepare_s: float = 10.0  # get-ready time before each exercise
    switch_s: float = 8.0  # changeover between sides: long enough to turn over on a mat
    first_side: Literal["left", "right"] = "left"
    # The runner's levels by routine item (see ``levels``); an item without one keeps
    # the routine's dosage. ``variants`` still wins: it is a choice made for this session.
    levels: Mapping[int, Level] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    kind: SegmentKind
    start_s: float  # planned offset from the start of the session
    duration_s: float
    exercise_id: str = ""  # for rests: the exercise that comes next
    exercise_name: str = ""
    variant: str = ""
    side: Side = "none"
    item_index: int = -1  # position of the exercise in the routine
    set_no: int = 0
    sets: int = 0
    round_no: int = 0
    rounds: int = 0
    mode: str = ""  # "hold" or "reps" for work segments
    reps: int | None = None
    tempo: tuple[TempoPhase, ...] = ()
    cues: tuple[Cue, ...] = ()

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s

    @property
    def key(self) -> tuple[str, int, int, int, str]:
        """Identity that survives re-planning (e.g. after switching to an easier variant)."""
        return (self.kind, self.item_index, self.round_no, self.set_no, self.side)

    def phase_at(self, t: float) -> tuple[int, str]:
        """(rep number, phase name) at ``t`` seconds into this segment; (0, "") if none."""
        cycle = sum(p.seconds for p in self.tempo)
        if cycle <= 0 or self.kind != SegmentKind.WORK:
            return (0, "")
        t = min(max(t, 0.0), max(self.duration_s - 1e-9, 0.0))
        rep, within = divmod(t, cycle)
        for phase in self.tempo:
            if within < phase.seconds:
                break
            within -= phase.seconds
        rep_no = int(rep) + 1
        if self.reps is not None:
            rep_no = min(rep_no, self.reps)
        return (rep_no, phase.name)


@dataclass(frozen=True, slots=True)
class Plan:
    routine_id: str
    routine_name: str
    segments: tuple[Segment, ...]
    options: PlanOptions

    @property
    def total_s(self) -> float:
        return self.segments[-1].end_s if self.segments else 0.0

    @property
    def work_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind == SegmentKind.WORK)

    @property
    def work_s(self) -> float:
        """The exercise time alone: what a session's completion is measured against
        (get-ready, switches and rests are the timeline's, not work to be done)."""
        return sum(s.duration_s for s in self.work_segments)

    def cue_texts(self) -> list[str]:
        """Every line the session may say, in order, each once (for synthesis ahead)."""
        return list(dict.fromkeys(c.text for s in self.segments for c in s.cues))

    def ends_item(self, index: int) -> bool:
        """True when segment ``index`` is the last of its exercise in its round (after
        it, the exercise's question, such as the glute check, is asked)."""
        seg = self.segments[index]
        return not any(
            s.kind == seg.kind and s.item_index == seg.item_index and s.round_no == seg.round_no
            for s in self.segments[index + 1 :]
        )

    def next_work(self, index: int) -> Segment | None:
        """The first work segment after ``index`` (for the "next up" preview)."""
        return next((s for s in self.segments[index + 1 :] if s.kind == SegmentKind.WORK), None)


def clamp_hold(dosage: Dosage, wanted: float | None) -> Dosage:
    """Apply a wanted hold length, kept within the seeds' range for this exercise."""
    if wanted is None or dosage.mode != "hold" or dosage.seed.hold_s is None:
        return dosage
    lo, hi = dosage.seed.hold_s
    return replace(dosage, hold_s=min(max(wanted, lo), hi))


def build_plan(
    routine: Routine, catalog: Catalog, options: PlanOptions | None = None, with_cues: bool = True
) -> Plan:
    """The timeline; ``with_cues=False`` skips the words (for lengths: it is much faster)."""
    from backcoach.core.plan_inputs import check_dosage, check_options

    opts = options or PlanOptions()
    check_options(opts, routine, catalog)
    rounds = opts.rounds or routine.rounds
    rest_between = routine.rest_between_exercises_s if opts.rest_s is None else opts.rest_s
    b = _Builder()
    for round_no in range(1, rounds + 1):
        for item_index, item in enumerate(routine.items):
            ex = catalog.exercise(item.exercise)
            level = opts.levels.get(item_index)
            own = level.variant if level is not None else item.variant or ""
            variant = opts.variants.get(ex.id, own)
            dosage = resolve_dosage(ex, item, variant or None)
            if level is not None and variant == level.variant:
                from backcoach.core.levels import apply_level

                dosage = apply_level(dosage, level)
            dosage = clamp_hold(dosage, opts.hold_s)
            check_dosage(dosage, f"{routine.id}: items[{item_index}] {ex.id}")
            gap = 0.0
            if item_index > 0:
                gap = rest_between
            elif round_no > 1:
                gap = routine.rest_between_rounds_s
            rest = _rest_before_prepare(gap, opts.prepare_s)
            if rest > 0:
                b.add(SegmentKind.REST, rest, round_no=round_no, rounds=rounds)
            _add_exercise(b, ex, variant, dosage, item_index, round_no, rounds, opts)
    b.add(SegmentKind.DONE, 0.0)
    segments = _fill_next_exercise(b.segments)
    if not with_cues:  # the library's lengths, before the first frame: no cue rules loaded
        return Plan(routine.id, routine.name, tuple(segments), opts)
    from backcoach.core.cue_rules import schedule_cues

    return Plan(routine.id, routine.name, schedule_cues(segments, catalog), opts)


def _rest_before_prepare(gap: float, prepare_s: float) -> float:
    """The rest segment for a change of exercise whose whole gap is ``gap`` seconds.

    A rest between exercises (or rounds) is the time from the end of one exercise to the
    start of the next, as the sources count it ("rest 30 seconds between exercises"), so
    the get-ready that follows is part of it, not added on. A gap shorter than the
    runner's get-ready time is all get-ready.
    """
    return max(gap - prepare_s, 0.0) if gap > 0 else 0.0


def _add_exercise(
    b: _Builder,
    ex: Exercise,
    variant: str,
    dosage: Dosage,
    item_index: int,
    round_no: int,
    rounds: int,
    opts: PlanOptions,
) -> None:
    sides: tuple[Side, ...] = ("none",)
    if ex.per_side_for(variant or None):
        other: Side = "right" if opts.first_side == "left" else "left"
        sides = (opts.first_side, other)
    common: dict[str, Any] = dict(
        exercise_id=ex.id,
        exercise_name=_display_name(ex, variant),
        variant=variant,
        item_index=item_index,
        sets=dosage.sets,
        round_no=round_no,
        rounds=rounds,
    )
    b.add(SegmentKind.PREPARE, opts.prepare_s, side=sides[0], set_no=1, **common)
    for set_no in range(1, dosage.sets + 1):
        if set_no > 1 and dosage.rest_s > 0:
            b.add(SegmentKind.REST, dosage.rest_s, side=sides[0], set_no=set_no, **common)
        for n, side in enumerate(sides):
            if n > 0:
                b.add(SegmentKind.SWITCH, opts.switch_s, side=side, set_no=set_no, **common)
            b.add(
                SegmentKind.WORK,
                dosage.work_s,
                side=side,
                set_no=set_no,
                mode=dosage.mode,
                reps=dosage.reps,
                tempo=dosage.tempo,
                **common,
            )


def _display_name(ex: Exercise, variant: str) -> str:
    v = ex.variant(variant or None)
    return v.name if v is not None else ex.name


def _fill_next_exercise(segments: list[Segment]) -> list[Segment]:
    """Rests carry the exercise that follows them, for "next up" and the preview."""
    out = list(segments)
    upcoming: Segment | None = None
    for i in range(len(out) - 1, -1, -1):
        s = out[i]
        if s.kind == SegmentKind.REST and upcoming is not None and not s.exercise_id:
            out[i] = replace(
                s,
                exercise_id=upcoming.exercise_id,
                exercise_name=upcoming.exercise_name,
                variant=upcoming.variant,
                item_index=upcoming.item_index,
                side=upcoming.side,
                set_no=upcoming.set_no,
                sets=upcoming.sets,
            )
        if s.kind in (SegmentKind.PREPARE, SegmentKind.WORK):
            upcoming = s
    return out


class _Builder:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.t = 0.0

    def add(self, kind: SegmentKind, duration: float, **kw: Any) -> None:
        seg = Segment(
            index=len(self.segments), kind=kind, start_s=self.t, duration_s=duration, **kw
        )
        self.segments.append(seg)
        self.t += duration
