"""What a setting's value may be: its type, its range, its shape.

Each check takes a value straight from JSON and returns it cleaned, or raises
``Invalid`` saying what was wrong in words for the runner. Checks compose, so a
setting such as "per routine, a table of rounds, hold and voice" is one expression.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


class Invalid(ValueError):
    """A value a setting cannot take; the message says why."""


Check = Callable[[Any], Any]


def _plain(value: Any) -> str:
    """A short, safe rendering of a bad value for a notice."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float | int):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text if len(text) < 24 else f"{text[:12]}… ({len(text)} digits)"
    if isinstance(value, str):
        return repr(value) if len(value) < 40 else f"text of {len(value)} characters"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(f"expected a number, got {_plain(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise Invalid(f"{_plain(value)} is far too large") from None
    if not math.isfinite(number):
        raise Invalid(f"{_plain(value)} is not a number backcoach can use")
    return number


@dataclass(frozen=True)
class Number:
    lo: float
    hi: float

    def __call__(self, value: Any) -> float:
        number = self._read(value)
        if not self.lo <= number <= self.hi:
            raise Invalid(f"{_plain(value)} is outside {self.lo:g}–{self.hi:g}")
        return number

    def _read(self, value: Any) -> float:
        return _number(value)


@dataclass(frozen=True)
class Whole(Number):
    def __call__(self, value: Any) -> int:
        return int(super().__call__(value))

    def _read(self, value: Any) -> float:
        number = _number(value)
        if number != int(number):
            raise Invalid(f"expected a whole number, got {_plain(value)}")
        return number


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {_plain(value)}")
    return value


@dataclass(frozen=True)
class Text:
    max_len: int = 200
    choices: tuple[str, ...] = ()
    pattern: str = ""

    def __call__(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid(f"expected text, got {_plain(value)}")
        if len(value) > self.max_len:
            raise Invalid(f"{_plain(value)} is longer than {self.max_len} characters")
        if self.choices and value not in self.choices:
            raise Invalid(f"{_plain(value)} is not one of {', '.join(self.choices)}")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise Invalid(f"{_plain(value)} is not in the expected form")
        return value


def iso_date_or_empty(value: Any) -> str:
    text = Text(max_len=10)(value)
    if text:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise Invalid(f"{_plain(value)} is not a date such as 2026-05-01") from None
    return text


@dataclass(frozen=True)
class Optional:
    inner: Check

    def __call__(self, value: Any) -> Any:
        return None if value is None else self.inner(value)


@dataclass(frozen=True)
class ListOf:
    item: Check
    max_items: int = 50

    def __call__(self, value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise Invalid(f"expected a list, got {_plain(value)}")
        if len(value) > self.max_items:
            raise Invalid(f"a list of {len(value)}; at most {self.max_items}")
        try:
            return tuple(self.item(v) for v in value)
        except Invalid as exc:
            raise Invalid(f"an entry: {exc}") from None


@dataclass(frozen=True)
class MapOf:
    """A table keyed by ids. A bad entry is dropped (and told), the good ones kept."""

    key: Check
    value: Check
    max_items: int = 500

    def __call__(self, value: Any) -> dict[str, Any]:
        clean, dropped = self.clean(value)
        if dropped:
            raise Partly(clean, dropped)
        return clean

    def clean(self, value: Any) -> tuple[dict[str, Any], list[str]]:
        if not isinstance(value, Mapping):
            raise Invalid(f"expected a table, got {_plain(value)}")
        if len(value) > self.max_items:
            raise Invalid(f"a table of {len(value)} entries; at most {self.max_items}")
        clean: dict[str, Any] = {}
        dropped: list[str] = []
        for k, v in value.items():
            try:
                clean[self.key(k)] = self.value(v)
            except Partly as part:
                clean[self.key(k)] = part.clean
                dropped += [f"{_plain(k)} → {d}" for d in part.dropped]
            except Invalid as exc:
                dropped.append(f"{_plain(k)}: {exc}")
        return clean, dropped


@dataclass(frozen=True)
class Record:
    """A table with known keys, each with its own check; unknown keys are dropped."""

    fields: Mapping[str, Check]

    def __call__(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise Invalid(f"expected a table, got {_plain(value)}")
        clean: dict[str, Any] = {}
        for k, v in value.items():
            check = self.fields.get(k) if isinstance(k, str) else None
            if check is None:
                raise Invalid(f"unknown key {_plain(k)}")
            try:
                clean[k] = check(v)
            except Invalid as exc:
                raise Invalid(f"{k}: {exc}") from None
        return clean


class Partly(Invalid):
    """A table with some bad entries: ``clean`` keeps the good ones."""

    def __init__(self, clean: dict[str, Any], dropped: list[str]) -> None:
        super().__init__("; ".join(dropped))
        self.clean = clean
        self.dropped = dropped


ID = Text(max_len=80, pattern=r"[a-z0-9]+(-[a-z0-9]+)*")
