"""Care built into the session: red flags, pain check-ins, and when to suggest a change.

The wording of the red flags comes from the source articles (000, 001, 003): symptoms
for which a runner should stop and be assessed by a professional before exercising.
The rules are deliberately simple and conservative; backcoach never diagnoses. When to
step an exercise up or back (the harder form included) is ``progression``'s, which
uses the same pain rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

CLEARANCE_DAYS = 30  # an "I have been assessed" answer is asked again after this long
PAIN_RISE = 2  # points of pain after the session above pain before
PAIN_HIGH = 6  # pain after above this is worth a word whatever it was before
FIRM_WINDOW = 3  # look at this many recent sessions...
FIRM_COUNT = 2  # ...and speak firmly when this many had a pain flag


@dataclass(frozen=True)
class RedFlag:
    id: str
    question: str


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("leg-pain", "Pain that shoots down one or both legs"),
    RedFlag("leg-weakness", "Weakness in a leg"),
    RedFlag("sensation", "Numbness, pins and needles, or any other change in feeling"),
    RedFlag("bladder-bowel", "Any change in bladder or bowel control"),
    RedFlag("weight-loss", "Weight loss you can't explain"),
)

RED_FLAG_ADVICE = (
    "Please don't start a session today. These signs need a professional's eyes: see a "
    "physiotherapist or doctor before you exercise your back. Sudden changes in bladder or "
    "bowel control, or numbness around the groin, need urgent medical care."
)


# The questions asked before and after a session, worded once for the window and the
# terminal (``backcoach run``), so both ask exactly the same thing.
RED_FLAG_QUESTION = "Today, do you have any of these?"
CLEARED_STATEMENT = "I have been assessed by a physiotherapist or doctor and cleared to exercise"
PAIN_NOW_QUESTION = "Back pain right now (0–10)"

DISCLAIMER = (
    "backcoach gives exercise guidance, not a diagnosis. Work within comfort, and see a "
    "professional if pain persists or you notice any warning signs."
)
WELCOME_BEFORE = "See a physiotherapist or doctor before you start a new routine."
WELCOME_SIGNS = "Stop and get assessed by a professional if you notice any of these warning signs:"
WELCOME_AFTER = "backcoach asks about them again before every session."


def welcome_text() -> str:
    """The first-run welcome as plain text (the window sets the same words as HTML)."""
    signs = "\n".join(f"  - {flag.question}" for flag in RED_FLAGS)
    return "\n\n".join((DISCLAIMER, WELCOME_BEFORE, f"{WELCOME_SIGNS}\n{signs}", WELCOME_AFTER))


def covered_text(cleared_on: str) -> str:
    """Said instead of the advice when a recent clearance covers a warning sign."""
    return (
        f"You told us on {cleared_on} that a professional had assessed you and cleared you "
        "to exercise. If anything has changed since, stop and get checked again."
    )


def clearance_valid(cleared_on: str, today: date) -> bool:
    """True if the runner said they were assessed and cleared within the last 30 days."""
    if not cleared_on:
        return False
    try:
        when = date.fromisoformat(cleared_on)
    except ValueError:
        return False
    return today - timedelta(days=CLEARANCE_DAYS) < when <= today


def may_start(flags_ticked: Sequence[str], cleared_on: str, today: date) -> bool:
    """A session may start when no red flag is ticked, or when a recent clearance covers it."""
    return not flags_ticked or clearance_valid(cleared_on, today)


def pain_flag(before: int | None, after: int | None) -> bool:
    """Pain after rose by 2 or more points, or is above 6."""
    if after is None:
        return False
    return after > PAIN_HIGH or (before is not None and after - before >= PAIN_RISE)


def pain_advice(before: int | None, after: int | None) -> str:
    """A kind word after a session that hurt more than it should, or "" when all is well."""
    if not pain_flag(before, after):
        return ""
    return (
        "Your back hurts more than it should after this session. That happens, and it is "
        "worth listening to: next time, try the easier forms, shorter holds or fewer rounds, "
        "and stay within comfort. If it keeps happening, see a physiotherapist or doctor."
    )


def firm_warning(recent: Sequence[tuple[int | None, int | None]]) -> str:
    """For the library: pain went up in two of the last three sessions.

    ``recent`` is (pain before, pain after) for the latest sessions, newest first.
    """
    flagged = sum(pain_flag(b, a) for b, a in recent[:FIRM_WINDOW])
    if flagged < FIRM_COUNT:
        return ""
    return (
        f"Your pain went up after {flagged} of your last {min(len(recent), FIRM_WINDOW)} "
        "sessions. Please see a physiotherapist or doctor before you carry on, and until then "
        "choose the easier forms and gentler routines. Pain is complex: sleep and stress "
        "play a part too."
    )
