"""Reading typed fields out of parsed TOML while collecting every mistake.

A hand-written file can have several problems; the runner should see them all at
once, each naming the file, the field and what was expected, rather than fixing
one, reloading, and meeting the next.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class CatalogError(Exception):
    """A problem in one exercise or routine file."""

    file: Path
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else str(self.file)
        return f"{where}: {self.message}"


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}


class FieldReader:
    """Typed access to one file's tables; mistakes accumulate in ``errors``."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.errors: list[CatalogError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(CatalogError(self.file, field, message))

    def keys(self, table: Mapping[str, Any], prefix: str, allowed: set[str]) -> None:
        """Report keys the format does not know (usually a typo)."""
        for key in sorted(set(table) - allowed):
            self.error(
                _join(prefix, key),
                f"unknown key; expected one of: {', '.join(sorted(allowed))}",
            )

    def get(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        kind: type[T],
        default: T | None = None,
    ) -> T | None:
        """``table[key]`` if it has type ``kind``; ``default`` when absent or wrong.

        A missing key is an error only when no default is given.
        """
        field = _join(prefix, key)
        if key not in table:
            if default is None:
                self.error(field, f"missing; expected {_TYPE_NAMES.get(kind, kind.__name__)}")
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            try:
                value = float(value)
            except OverflowError:
                self.error(field, f"{_describe(value)} is far too large")
                return default
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.error(
                field,
                f"expected {_TYPE_NAMES.get(kind, kind.__name__)}, got {_describe(value)}",
            )
            return default
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        allowed: tuple[str, ...],
        default: str | None = None,
    ) -> str:
        """One of ``allowed`` (an error naming them all otherwise)."""
        value = self.get(table, prefix, key, str, default)
        if value is not None and value not in allowed:
            self.error(
                f"{prefix}.{key}" if prefix else key,
                f"'{value}' is not allowed; expected one of: {', '.join(allowed)}",
            )
            return default or allowed[0]
        return value or allowed[0]

    def text(
        self, table: Mapping[str, Any], prefix: str, key: str, default: str | None = None
    ) -> str:
        value = self.get(table, prefix, key, str, default)
        if value is not None and not value.strip() and default is None:
            self.error(_join(prefix, key), "must not be empty")
        return value or ""

    def number(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        lo: float,
        hi: float,
        default: float | None = None,
        unit: str = "",
    ) -> float | None:
        value = self.get(table, prefix, key, float, default)
        if value is not None and not lo <= value <= hi:
            self.error(
                _join(prefix, key), f"{value:g}{unit} is out of range; expected {lo:g}–{hi:g}{unit}"
            )
            return default
        return value

    def whole(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        lo: int,
        hi: int,
        default: int | None = None,
    ) -> int | None:
        value = self.get(table, prefix, key, int, default)
        if value is not None and not lo <= value <= hi:
            shown = _describe(value).removeprefix("the number ")
            self.error(_join(prefix, key), f"{shown} is out of range; expected {lo}–{hi}")
            return default
        return value

    def texts(
        self, table: Mapping[str, Any], prefix: str, key: str, required: bool = False
    ) -> tuple[str, ...]:
        field = _join(prefix, key)
        if key not in table:
            if required:
                self.error(field, "missing; expected a list of text")
            return ()
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(field, f"expected a list of text, got {_describe(value)}")
            return ()
        if required and not value:
            self.error(field, "must list at least one entry")
        return tuple(value)

    def tables(self, table: Mapping[str, Any], prefix: str, key: str) -> list[dict[str, Any]]:
        """An array of tables (``[[key]]``); each is returned as-is for further reading."""
        if key not in table:
            return []
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(
                _join(prefix, key), f"expected a list of tables ([[{key}]]), got {_describe(value)}"
            )
            return []
        return value

    def subtable(self, table: Mapping[str, Any], prefix: str, key: str) -> dict[str, Any] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, dict):
            self.error(
                _join(prefix, key),
                f"expected a table ([{_join(prefix, key)}]), got {_describe(value)}",
            )
            return None
        return value

    def pair(
        self, table: Mapping[str, Any], prefix: str, key: str, lo: float, hi: float
    ) -> tuple[float, float] | None:
        """An inclusive ``[low, high]`` range, as the seeds give them."""
        if key not in table:
            return None
        value = table[key]
        field = _join(prefix, key)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            self.error(field, f"expected [low, high], got {_describe(value)}")
            return None
        low, high = float(value[0]), float(value[1])
        if not lo <= low <= high <= hi:
            self.error(field, f"[{low:g}, {high:g}] is not a range within {lo:g}–{hi:g}")
            return None
        return (low, high)


def join_field(prefix: str, key: str) -> str:
    """``items[2]`` + ``hold_s`` → ``items[2].hold_s``: how fields are named in errors."""
    return f"{prefix}.{key}" if prefix else key


_join = join_field


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f'text "{value}"' if len(value) < 40 else "text"
    if isinstance(value, int | float):
        text = str(value)
        return f"the number {text}" if len(text) < 24 else f"a number of {len(text)} digits"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
