"""Words in the right form: counted nouns ("1 routine hidden", "3 routines hidden"),
and a list read as a sentence ("Mondays, Wednesdays and Fridays")."""

from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun in the form that goes with it (``many`` defaults to one + "s")."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def joined(names: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
