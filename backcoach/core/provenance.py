"""Whose figure is it: the source articles', or one backcoach chose where they give none.

Every number a runner is told (a hold, a count, sets, rests, the seconds of each tempo
phase, rounds, rests between exercises) is either in the articles or backcoach's own.
The files say which: an exercise's ``[dosage.seed]`` holds the articles' ranges (and
``tempo_s`` the phase seconds they give); a routine's ``ours`` lists the routine figures
backcoach chose. Anything outside what the articles give is backcoach's. The window shows
both, quietly, next to the figure itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.catalog import Dosage, Routine, RoutineItem

Range = tuple[float, float]


@dataclass(frozen=True, slots=True)
class DoseFigure:
    """One figure as it is planned, and what the articles say about it."""

    field: str  # hold_s, reps, sets, rest_s, tempo, rounds, rest_between_exercises_s, ...
    value: float
    source: Range | None  # the articles' figure or range; None when they give none
    phase: str = ""  # for field "tempo": the phase's name

    @property
    def ours(self) -> bool:
        if self.source is None:
            return True
        lo, hi = self.source
        return not lo <= self.value <= hi


def dose_figures(dosage: Dosage) -> list[DoseFigure]:
    """The figures of one dose, in the order they are shown: the hold or the count, sets
    and the rest between them (when there is more than one set), then each tempo phase.

    Once and no rest are what the articles mean when they give no sets or rests, so they
    are theirs and not listed."""
    seed = dosage.seed
    out: list[DoseFigure] = []
    if dosage.mode == "hold" and dosage.hold_s is not None:
        out.append(DoseFigure("hold_s", dosage.hold_s, seed.hold_s))
    elif dosage.reps is not None:
        out.append(DoseFigure("reps", dosage.reps, seed.reps))
    if dosage.sets > 1 or seed.sets is not None:
        out.append(DoseFigure("sets", dosage.sets, seed.sets or (1, 1)))
    if dosage.sets > 1:
        out.append(DoseFigure("rest_s", dosage.rest_s, seed.rest_s or (0, 0)))
    for phase in dosage.tempo:
        given = seed.phase_s(phase.name)
        out.append(
            DoseFigure("tempo", phase.seconds, (given, given) if given else None, phase.name)
        )
    return out


def routine_figures(routine: Routine) -> list[DoseFigure]:
    """The routine's own figures: rounds, and the rests between exercises and rounds."""
    ours = set(routine.ours)
    out: list[DoseFigure] = []

    def theirs(name: str, value: float) -> Range | None:
        return None if name in ours else (value, value)

    if routine.rounds > 1 or routine.rounds_range is not None:
        source = routine.rounds_range or theirs("rounds", routine.rounds)
        out.append(DoseFigure("rounds", routine.rounds, None if "rounds" in ours else source))
    if len(routine.items) > 1:
        value = routine.rest_between_exercises_s
        out.append(
            DoseFigure("rest_between_exercises_s", value, theirs("rest_between_exercises_s", value))
        )
    if routine.rounds > 1:
        value = routine.rest_between_rounds_s
        out.append(
            DoseFigure("rest_between_rounds_s", value, theirs("rest_between_rounds_s", value))
        )
    return out


def runners_fields(routine: Routine, item: RoutineItem) -> frozenset[str]:
    """The dose figures the runner's own routine file sets for this item: theirs, neither
    the articles' nor backcoach's."""
    if routine.builtin:
        return frozenset()
    return frozenset(
        f for f in ("hold_s", "reps", "sets", "rest_s") if getattr(item, f) is not None
    )
