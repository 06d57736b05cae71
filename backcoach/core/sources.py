"""The five articles behind backcoach, by title: what the runner reads instead of the
seed files' numbers (the catalogue's ``sources = ["000_….txt"]`` name them by number)."""

from __future__ import annotations

from collections.abc import Iterable

TITLES = {
    "000": 'Women\'s Running, "5 exercises to strengthen and mobilise the lower back"',
    "001": '"Runners With Low Back Pain: 5 Exercises To Help Fix It And Prevent It From Happening Again"',
    "002": "Tash Gale's seven-move mobility routine for runners' lower backs",
    "003": 'Jo Perkins (Run Mummy Run), "Lower back pain in runners – causes and prevention"',
    "004": 'PhysioFit Health, "Lower back pain when running"',
}


def title(source: str) -> str:
    """A seed file's article title; ``source`` is ``"003"`` or ``"003_173be5928d1b84be.txt"``."""
    key = source.split("_", 1)[0]
    return TITLES.get(key, source)


def titles_text(sources: Iterable[str]) -> str:
    """ "A, B and C": the articles' titles in the order given, each once."""
    names = list(dict.fromkeys(title(s) for s in sources))
    if len(names) <= 1:
        return "".join(names)
    return "; ".join(names[:-1]) + " and " + names[-1]
