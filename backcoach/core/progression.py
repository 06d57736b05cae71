"""When to step up and when to step back: one rule set, written down in docs/progression.md.

After every session of a routine, ``propose`` looks at what the back said and returns a
``Proposal``: changes to the runner's levels, each with its reason. Nothing changes until
the runner confirms (``decide``); a proposal they turn down is recorded too, so it is not
asked again straight away. The ladder itself (what one step is) lives in ``levels``.

- **Step back** (from the session just done, completed or stopped): an exercise marked
  "this hurts" steps back one level; pain after that rose by 2 or more, or is above 6,
  steps every exercise done in the session back one level, and the rounds too.
- **Step up** (only after a completed session): once ``READY_AFTER`` completed sessions in
  a row since the last change had pain after not above pain before, every exercise done
  in full in them, without "this hurts", is offered its next step. A round adds every
  exercise once more, so it is never offered together with other steps: when both are
  due, they take turns, the exercises first (and first again after a step back).
- Stopped and interrupted sessions are neither good nor bad for stepping up.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from backcoach.core.catalog import Catalog, Routine
from backcoach.core.levels import ROUNDS_KEY, Bound, Level, Slot, rounds_bound, slots_for
from backcoach.core.records import SessionStatus
from backcoach.core.safety import PAIN_HIGH, PAIN_RISE, pain_flag
from backcoach.core.words import joined

READY_AFTER = 2  # good sessions in a row at a level before the next step is offered

Kind = Literal["up", "back", "declined-up", "declined-back", "by-hand", "reset"]
SETS_LEVEL: tuple[Kind, ...] = ("up", "back", "by-hand", "reset")  # kinds that change a level


@dataclass(frozen=True, slots=True)
class Mark:
    """What one work segment of a session says about its exercise."""

    item_index: int | None  # None in sessions recorded before levels existed
    exercise_id: str
    complete: bool
    skipped: bool
    hurt: bool


@dataclass(frozen=True, slots=True)
class PastSession:
    session_id: int
    status: SessionStatus
    pain_before: int | None
    pain_after: int | None
    marks: tuple[Mark, ...] = ()

    @property
    def pain_ok(self) -> bool:
        """Pain after rated and not above pain before."""
        return (
            self.pain_before is not None
            and self.pain_after is not None
            and self.pain_after <= self.pain_before
        )


@dataclass(frozen=True, slots=True)
class SlotResult:
    present: bool = False
    clean: bool = False  # every set done in full, none skipped, none hurting
    hurt: bool = False


@dataclass(frozen=True, slots=True)
class LevelChange:
    """One stored decision about a level: a change, a hand setting, a reset or a "not now"."""

    routine_id: str
    slot: str  # the slot key, or ROUNDS_KEY for the routine's rounds
    kind: Kind
    reason: str
    after_session: int  # the routine's latest session when this was decided (0: none yet)
    decided_at: datetime
    exercise_id: str = ""
    level: Level | None = None  # for an exercise: the level it moved to (or was offered)
    rounds: int | None = None  # for the rounds: the number it moved to (or was offered)


@dataclass(frozen=True, slots=True)
class Change:
    slot: str
    name: str
    direction: Literal["up", "back"]
    reason: str
    before: Level | int
    after: Level | int
    before_text: str = ""  # "45 s × 3"; a level in another form is named: "Side plank, 45 s × 3"
    after_text: str = ""

    def describe(self) -> str:
        """ "Plank: 45 s × 3 → 50 s × 3"."""
        return f"{self.name}: {self.before_text} → {self.after_text}"


@dataclass(frozen=True, slots=True)
class Proposal:
    routine_id: str
    after_session: int
    changes: tuple[Change, ...] = ()
    notes: tuple[str, ...] = ()  # things worth saying that change nothing

    @property
    def empty(self) -> bool:
        return not self.changes and not self.notes


@dataclass(frozen=True)
class RoutineLevels:
    """Where the runner is in one routine: a level per exercise, and the rounds."""

    routine: Routine
    slots: tuple[Slot, ...]
    levels: Mapping[str, Level]  # every slot key
    rounds: int
    rounds_limits: Bound | None
    changes: tuple[LevelChange, ...] = field(default=())  # this routine's, oldest first

    def slot(self, key: str) -> Slot:
        return next(s for s in self.slots if s.key == key)

    def names(self) -> dict[str, str]:
        return {s.key: s.name for s in self.slots}


def current_levels(
    routine: Routine, catalog: Catalog, changes: Iterable[LevelChange]
) -> RoutineLevels:
    """Replay the stored decisions over the routine's own dosage (kept inside today's limits)."""
    slots = slots_for(routine, catalog)
    by_key = {s.key: s for s in slots}
    levels = {s.key: s.base for s in slots}
    limits = rounds_bound(routine)
    rounds = routine.rounds
    mine = tuple(c for c in changes if c.routine_id == routine.id)
    for c in mine:
        if c.kind not in SETS_LEVEL:
            continue
        if c.slot == ROUNDS_KEY and c.rounds is not None:
            rounds = c.rounds if limits is None else int(min(max(c.rounds, limits.lo), limits.hi))
        elif c.slot in by_key and c.level is not None:
            levels[c.slot] = by_key[c.slot].clamp(c.level)
    if limits is None:
        rounds = routine.rounds  # the articles give no range, so the rounds never move
    return RoutineLevels(routine, slots, levels, rounds, limits, mine)


def slot_results(slots: Sequence[Slot], outcome: PastSession) -> dict[str, SlotResult]:
    """Each slot's result in one session. Old records without an item index are matched
    to the first slot of their exercise."""
    by_index = {s.item_index: s.key for s in slots}
    by_exercise: dict[str, str] = {}
    for s in slots:
        by_exercise.setdefault(s.exercise_id, s.key)
    marks: dict[str, list[Mark]] = {}
    for m in outcome.marks:
        key = by_index.get(m.item_index) if m.item_index is not None else None
        key = key or by_exercise.get(m.exercise_id)
        if key is not None:
            marks.setdefault(key, []).append(m)
    return {
        key: SlotResult(
            present=True,
            clean=all(m.complete and not m.skipped and not m.hurt for m in ms),
            hurt=any(m.hurt for m in ms),
        )
        for key, ms in marks.items()
    }


def propose(
    state: RoutineLevels, outcomes: Sequence[PastSession], ready_after: int = READY_AFTER
) -> Proposal:
    """What the latest session of ``outcomes`` (this routine's, oldest first) suggests."""
    if not outcomes:
        return Proposal(state.routine.id, 0)
    latest = outcomes[-1]
    empty = Proposal(state.routine.id, latest.session_id)
    if any(c.after_session >= latest.session_id for c in state.changes):
        return empty  # already decided
    backs = _step_backs(state, latest)
    if not backs.empty:
        return backs
    if latest.status is not SessionStatus.COMPLETED or not latest.pain_ok:
        return empty
    return _step_ups(state, outcomes, ready_after) or empty


def _step_backs(state: RoutineLevels, latest: PastSession) -> Proposal:
    results = slot_results(state.slots, latest)
    flagged = pain_flag(latest.pain_before, latest.pain_after)
    why = ""
    if flagged:
        if latest.pain_after is not None and latest.pain_after > PAIN_HIGH:
            why = f"Your back pain was {latest.pain_after} after this session"
        else:
            why = f"Your pain went from {latest.pain_before} to {latest.pain_after}"
    changes: list[Change] = []
    at_start: list[str] = []
    for slot in state.slots:
        result = results.get(slot.key, SlotResult())
        if not slot.progresses or not (result.hurt or (flagged and result.present)):
            continue
        reason = "You said it hurt" if result.hurt else why
        before = state.levels[slot.key]
        after = slot.back(before)
        if after is None:
            if result.hurt:  # said outright, so worth an answer even when nothing changes
                at_start.append(slot.name)
            continue
        changes.append(_change(slot, "back", f"{reason}: one step back.", before, after))
    limits = state.rounds_limits
    if flagged and limits is not None and state.rounds > limits.lo:
        changes.append(_rounds_change("back", f"{why}: one round fewer.", state.rounds, -1))
    notes: tuple[str, ...] = ()
    if at_start:
        notes = (
            f"{joined(at_start)} {'is' if len(at_start) == 1 else 'are'} at the start already. "
            "If it keeps hurting, try an easier form or another routine, and see a "
            "physiotherapist if the pain stays.",
        )
    return Proposal(state.routine.id, latest.session_id, tuple(changes), notes)


def _step_ups(
    state: RoutineLevels, outcomes: Sequence[PastSession], ready_after: int
) -> Proposal | None:
    last_decided = max((c.after_session for c in state.changes), default=0)
    window = [
        o for o in outcomes if o.session_id > last_decided and o.status is SessionStatus.COMPLETED
    ][-ready_after:]
    if len(window) < ready_after or not all(o.pain_ok for o in window):
        return None
    results = [slot_results(state.slots, o) for o in window]
    why = f"Your back was no sorer after your last {ready_after} sessions"
    exercise_steps: list[Change] = []
    all_clean = True
    for slot in state.slots:
        clean = all(r.get(slot.key, SlotResult()).clean for r in results)
        all_clean = all_clean and clean
        before = state.levels[slot.key]
        after = slot.up(before) if slot.progresses and clean else None
        if after is None:
            continue
        reason = f"{why}: one step up."
        if after.variant != before.variant:
            form = slot.form(after.variant)
            name = form.name if form else after.variant
            reason = (
                f"{why}, and you are at the top of the range. The articles give a harder "
                f"form: {name}, starting again from its beginning."
            )
        exercise_steps.append(_change(slot, "up", reason, before, after))
    limits = state.rounds_limits
    round_step = None
    if all_clean and limits is not None and state.rounds < limits.hi:
        reason = f"{why}, with every exercise done in full: one more round."
        round_step = _rounds_change("up", reason, state.rounds, +1)
    # Turns: a round after exercise steps; exercises after a round, and after a step back.
    last = next((c for c in reversed(state.changes) if c.kind not in ("by-hand", "reset")), None)
    round_turn = last is not None and last.kind in ("up", "declined-up") and last.slot != ROUNDS_KEY
    if round_step is not None and (round_turn or not exercise_steps):
        return Proposal(state.routine.id, window[-1].session_id, (round_step,))
    if exercise_steps:
        return Proposal(state.routine.id, window[-1].session_id, tuple(exercise_steps))
    return None


def decide(
    proposal: Proposal, accepted: Collection[str], state: RoutineLevels, at: datetime
) -> list[LevelChange]:
    """The rows to store for the runner's answer: each change accepted (its slot key in
    ``accepted``) or turned down."""
    exercise_ids = {s.key: s.exercise_id for s in state.slots}
    rows = []
    for c in proposal.changes:
        yes = c.slot in accepted
        kind: Kind = (
            c.direction if yes else ("declined-up" if c.direction == "up" else "declined-back")
        )
        rows.append(
            LevelChange(
                routine_id=proposal.routine_id,
                slot=c.slot,
                kind=kind,
                reason=c.reason,
                after_session=proposal.after_session,
                decided_at=at,
                exercise_id=exercise_ids.get(c.slot, ""),
                level=c.after if isinstance(c.after, Level) else None,
                rounds=c.after if isinstance(c.after, int) else None,
            )
        )
    return rows


def set_by_hand(
    state: RoutineLevels, slot_key: str, level: Level, at: datetime, after_session: int
) -> LevelChange:
    """The runner chose a level themselves; it is kept inside the slot's limits."""
    slot = state.slot(slot_key)
    return LevelChange(
        state.routine.id,
        slot_key,
        "by-hand",
        "Set by hand.",
        after_session,
        at,
        slot.exercise_id,
        level=slot.clamp(level),
    )


def set_rounds_by_hand(
    state: RoutineLevels, rounds: int, at: datetime, after_session: int
) -> LevelChange:
    limits = state.rounds_limits
    if limits is not None:
        rounds = int(min(max(rounds, limits.lo), limits.hi))
    return LevelChange(
        state.routine.id, ROUNDS_KEY, "by-hand", "Set by hand.", after_session, at, rounds=rounds
    )


def reset(state: RoutineLevels, at: datetime, after_session: int) -> list[LevelChange]:
    """Back to the routine's own dosage, every exercise and the rounds."""
    rows = [
        LevelChange(
            state.routine.id,
            s.key,
            "reset",
            "Reset to the routine's start.",
            after_session,
            at,
            s.exercise_id,
            level=s.base,
        )
        for s in state.slots
        if state.levels[s.key] != s.base
    ]
    if state.rounds != state.routine.rounds:
        rows.append(
            LevelChange(
                state.routine.id,
                ROUNDS_KEY,
                "reset",
                "Reset to the routine's start.",
                after_session,
                at,
                rounds=state.routine.rounds,
            )
        )
    return rows


def _change(
    slot: Slot, direction: Literal["up", "back"], reason: str, before: Level, after: Level
) -> Change:
    def text(level: Level) -> str:
        if level.variant == slot.base.variant:  # the slot's own name says which form
            return level.describe()
        form = slot.form(level.variant)
        return f"{form.name if form else slot.name}, {level.describe()}"

    return Change(slot.key, slot.name, direction, reason, before, after, text(before), text(after))


def _rounds_change(direction: Literal["up", "back"], reason: str, rounds: int, by: int) -> Change:
    return Change(
        ROUNDS_KEY, "Rounds", direction, reason, rounds, rounds + by, str(rounds), str(rounds + by)
    )


__all__ = [
    "PAIN_HIGH",
    "PAIN_RISE",
    "READY_AFTER",
    "Change",
    "LevelChange",
    "Mark",
    "PastSession",
    "Proposal",
    "RoutineLevels",
    "current_levels",
    "decide",
    "propose",
    "reset",
    "set_by_hand",
    "set_rounds_by_hand",
    "slot_results",
]
