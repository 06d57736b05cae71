"""Back and running together: did pain after sessions rise in the weeks the running
jumped? An observation from the runner's own log, never a diagnosis."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from backcoach.runs.load import JUMP_SHARE, Jump, monday_of

# Pain after sessions "rose" when that week's average is at least this much above the
# average of the 4 weeks before (ours: half a point on the 0-10 scale).
ROSE_BY = 0.5


@dataclass(frozen=True, slots=True)
class PainWeek:
    monday: date
    rose: bool
    pain: float  # that week's average pain after sessions
    before: float  # the 4 weeks before


@dataclass(frozen=True, slots=True)
class Observation:
    compared: tuple[PainWeek, ...]  # jump weeks with pain ratings to compare

    @property
    def rose(self) -> tuple[PainWeek, ...]:
        return tuple(w for w in self.compared if w.rose)

    def sentence(self) -> str:
        n, k = len(self.compared), len(self.rose)
        jumped = f"your distance jumped by more than {JUMP_SHARE:.0%}"
        if n == 0:
            return ""
        weeks = "week" if n == 1 else f"{n} weeks"
        if n == 1:
            return (
                f"Pain after your sessions {'rose' if k else 'did not rise'} in the one week "
                f"{jumped}."
            )
        if k == 0:
            return f"Pain after your sessions did not rise in any of the {weeks} {jumped}."
        return f"Pain after your sessions rose in {k} of the {weeks} {jumped}."


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def observe(jumps: Iterable[Jump], pain_after: Iterable[tuple[date, int]]) -> Observation:
    """Compare each jump week's average pain after sessions with the 4 weeks before it."""
    by_week: dict[date, list[int]] = {}
    for day, pain in pain_after:
        by_week.setdefault(monday_of(day), []).append(pain)
    compared = []
    for j in jumps:
        now = _mean(by_week.get(j.week.monday, []))
        earlier = [
            p for i in range(1, 5) for p in by_week.get(j.week.monday - timedelta(weeks=i), [])
        ]
        before = _mean(earlier)
        if now is None or before is None:
            continue
        compared.append(PainWeek(j.week.monday, now >= before + ROSE_BY, now, before))
    return Observation(tuple(compared))
