"""The History page's headline cards as sentences a runner reads at a glance: the big
figure, then the words that finish it ("2.0" + "out of 10 before sessions lately, down
from 3.1 at first"). Pure text; the page only shows it."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.history_stats import PainTrend

SAME = 0.05  # a smaller change in average pain reads as "the same"


@dataclass(frozen=True)
class CardWords:
    value: str
    caption: str
    tooltip: str = ""

    @property
    def sentence(self) -> str:
        return f"{self.value} {self.caption}"


def streak_words(days: int) -> CardWords:
    tip = "Days in a row with a session, counting today or yesterday"
    if days == 0:
        return CardWords("0", "days in a row with a session: one today starts a new streak", tip)
    return CardWords(str(days), f"{'day' if days == 1 else 'days'} in a row with a session", tip)


def week_words(this_week: float, last_week: float) -> CardWords:
    now, before = round(this_week), round(last_week)
    return CardWords(
        str(now),
        f"{'minute' if now == 1 else 'minutes'} of exercise this week ({before} last week)",
        "Minutes of exercise since Monday, and in the whole of last week",
    )


def pain_words(trend: PainTrend) -> CardWords:
    tip = "Average pain (0 to 10) before sessions: the first two weeks shown, then the last two"
    recent, earlier = trend.recent, trend.earlier
    if recent is None and earlier is None:
        return CardWords("–", "pain before sessions: not rated yet", tip)
    if recent is None:
        assert earlier is not None
        return CardWords(
            f"{earlier:.1f}", "out of 10 before sessions at first; none rated lately", tip
        )
    if earlier is None:
        return CardWords(f"{recent:.1f}", "out of 10 before sessions, the last two weeks", tip)
    if abs(recent - earlier) < SAME:
        how = "the same as at first"
    else:
        how = f"{'down' if recent < earlier else 'up'} from {earlier:.1f} at first"
    return CardWords(f"{recent:.1f}", f"out of 10 before sessions lately, {how}", tip)


def relief_words(relief: float | None) -> CardWords:
    """``relief``: pain before minus pain after, averaged (positive: sessions ease it)."""
    tip = "Pain after a session compared with before it, averaged over the sessions shown"
    if relief is None:
        return CardWords("–", "change in pain during a session: rate it after one to see", tip)
    if abs(relief) < SAME:
        return CardWords("No change", "in pain from before a session to after, on average", tip)
    more_or_less = "less" if relief > 0 else "more"
    return CardWords(
        f"{abs(relief):.1f} {more_or_less}",
        "pain after a session than before it, on average (0 to 10)",
        tip,
    )
