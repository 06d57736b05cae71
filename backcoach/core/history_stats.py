"""Headline numbers for the review page: is the back getting better?

Pure functions over the pain series the store returns, so they can be checked
without a window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from backcoach.core.history_queries import PainPoint


@dataclass(frozen=True, slots=True)
class PainTrend:
    earlier: float | None  # mean pain before sessions in the first days of the series
    recent: float | None  # ... and in the last days up to today
    relief: float | None  # mean of (before - after): how much a session eases the back


def pain_trend(points: Sequence[PainPoint], today: date, span_days: int = 14) -> PainTrend:
    """Compare the first ``span_days`` of ``points`` with the last ``span_days`` to today.

    With less than two spans of data the two windows would overlap and say nothing,
    so ``earlier`` is None then.
    """
    befores = [(p.started_at.date(), p.before) for p in points if p.before is not None]
    deltas = [p.delta for p in points if p.delta is not None]
    relief = -fmean(deltas) if deltas else None
    if not befores:
        return PainTrend(None, None, relief)
    span = timedelta(days=span_days)
    recent_from = today - span + timedelta(days=1)
    recent = [v for d, v in befores if d >= recent_from]
    first_day = befores[0][0]
    earlier = [v for d, v in befores if d < first_day + span and d < recent_from]
    return PainTrend(
        earlier=fmean(earlier) if earlier else None,
        recent=fmean(recent) if recent else None,
        relief=relief,
    )
