"""The quiet line under a dose: which figures are the articles' and which are backcoach's.

"45–60 s hold, 3–5 sets in the article · backcoach's own: 15 s rest between sets". The
articles' figures are given as the articles give them (a range where they give one, so
the runner sees the room they have); backcoach's own are the figures it planned. The
split itself is decided in core (``backcoach.core.provenance``); this only words it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.core.catalog import Dosage, Exercise, Routine
from backcoach.core.provenance import DoseFigure, dose_figures, routine_figures

SEPARATOR = " · "


def _tr(text: str) -> str:
    return QCoreApplication.translate("DoseOrigin", text)


def _amount(lo: float, hi: float) -> str:
    return f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"


def _figure(f: DoseFigure, theirs: bool) -> str:
    lo, hi = f.source if theirs and f.source else (f.value, f.value)
    n = _amount(lo, hi)
    if f.field == "hold_s":
        return _tr("{0} s hold").format(n)
    if f.field == "reps":
        return _tr("{0} reps").format(n)
    if f.field == "sets":
        return _tr("{0} sets").format(n)
    if f.field == "rest_s":
        return _tr("{0} s rest between sets").format(n)
    if f.field == "tempo":
        return _tr("{0} {1} s").format(f.phase, n)
    if f.field == "rounds":
        return _tr("{0} rounds").format(n)
    if f.field == "rest_between_exercises_s":
        if not hi:
            return _tr("no rest between exercises beyond the get-ready")
        return _tr("{0} s from one exercise to the next").format(n)
    if not hi:
        return _tr("no rest between rounds beyond the get-ready")
    return _tr("{0} s from one round to the next").format(n)


def _line(
    figures: list[DoseFigure], articles: int, says: str = "", yours: frozenset[str] = frozenset()
) -> str:
    article = _tr("the articles") if articles > 1 else _tr("the article")
    mine = [f for f in figures if f.field in yours]
    rest = [f for f in figures if f.field not in yours]
    theirs = [_figure(f, True) for f in rest if not f.ours]
    ours = [_figure(f, False) for f in rest if f.ours]
    parts = []
    if theirs:
        parts.append(_tr("{0} in {1}").format(", ".join(theirs), article))
    elif says:
        parts.append(_tr("In {0}: {1}").format(article, says[:1].lower() + says[1:]))
    if ours:
        parts.append(_tr("backcoach's own: {0}").format(", ".join(ours)))
    if mine:
        parts.append(_tr("your routine's: {0}").format(", ".join(_figure(f, False) for f in mine)))
    return SEPARATOR.join(parts)


def dose_origin_text(
    exercise: Exercise, dosage: Dosage, yours: frozenset[str] = frozenset()
) -> str:
    """The line for an exercise card; ``yours`` names the figures the runner's own routine
    file sets for it (see ``provenance.runners_fields``)."""
    if not exercise.builtin:
        return _tr("Figures from your own exercise file")
    return _line(dose_figures(dosage), len(exercise.sources), dosage.seed.text, yours)


def routine_origin_text(routine: Routine) -> str:
    """The line for a routine's own figures (rounds, rests between exercises and rounds)."""
    if not routine.builtin:
        return _tr("Figures from your own routine file")
    return _line(routine_figures(routine), len(routine.sources))
