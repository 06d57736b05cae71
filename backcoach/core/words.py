"""Counted words in the right form: "1 routine hidden", "3 routines hidden"."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun in the form that goes with it (``many`` defaults to one + "s")."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
