"""Typed settings with defaults, stored as JSON in the data folder.

Loading merges the file over the defaults field by field: a missing or wrong-typed
field keeps its default. A file that cannot be parsed at all is logged, moved aside
(``settings.json.corrupt-<timestamp>``) and the defaults are used.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from backcoach.core.atomic import write_text_atomic

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
RUNS_WEEKS = (12, 26)


@dataclass(frozen=True)
class Settings:
    # Voice
    voice: str = ""  # engine voice id; "" for the engine's default
    rate_wpm: int = 165
    volume: float = 1.0
    muted: bool = False
    # Window
    theme: str = "system"  # "system", "light" or "dark"
    window_geometry: str = ""  # Qt saveGeometry(), base64
    # Session
    prepare_s: float = 10.0
    first_side: str = "left"
    # Library filters
    # Everything shows until the runner unticks what they don't have.
    equipment_owned: tuple[str, ...] = ("mat", "stability-ball", "wall", "chair")
    max_minutes: int = 0  # 0: no limit
    # Safety
    welcomed: bool = False  # the first-run welcome (disclaimer and warning signs) was shown
    red_flags_cleared_on: str = ""  # ISO date the runner said they had been assessed
    red_flags_checked_on: str = ""  # ISO date of the last "none of these" answer
    # Runs
    watched_folder: str = ""  # imported from at start-up and while open; "" for none
    runs_weeks: int = 12  # weeks the Runs page charts, 12 to 26
    history_shows_distance: bool = False  # the pain chart overlays weekly distance
    # Per routine: {routine id: {exercise id: variant id}}
    variant_choices: dict[str, dict[str, str]] = field(default_factory=dict)
    # Per routine: {routine id: {"rounds": n, "hold_s": s, "voice": bool}}
    routine_options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


@dataclass(frozen=True)
class LoadResult:
    settings: Settings
    notice: str = ""  # for the runner when the file had to be set aside


def load_settings(path: Path) -> LoadResult:
    if not path.exists():
        return LoadResult(Settings())
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("top level is not an object")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        aside = _move_aside(path)
        log.warning("settings file %s unreadable (%s); moved to %s", path, exc, aside)
        where = f" The old file is at {aside}." if aside else ""
        return LoadResult(
            Settings(), f"Your settings file could not be read, so defaults are in use.{where}"
        )
    return LoadResult(_merge(raw))


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file.

    Raises OSError when the folder is read-only or the disk is full.
    """
    data = asdict(settings)
    data["equipment_owned"] = list(settings.equipment_owned)
    write_text_atomic(path, json.dumps(data, indent=2, sort_keys=True))


def _merge(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        default = getattr(defaults, f.name)
        value = raw[f.name]
        if (
            isinstance(default, tuple)
            and isinstance(value, list)
            and all(isinstance(v, str) for v in value)
        ):
            values[f.name] = tuple(value)
        elif isinstance(default, bool) and isinstance(value, bool):
            values[f.name] = value
        elif (
            isinstance(default, float)
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            values[f.name] = float(value)
        elif (
            isinstance(default, int)
            and not isinstance(default, bool)
            and isinstance(value, int)
            and not isinstance(value, bool)
        ):
            values[f.name] = value
        elif isinstance(default, str | dict) and isinstance(value, type(default)):
            values[f.name] = value
        else:
            log.warning("settings: ignoring %s=%r (wrong type), using %r", f.name, value, default)
    settings = replace(defaults, **values)
    if settings.theme not in THEMES:
        settings = replace(settings, theme="system")
    if not RUNS_WEEKS[0] <= settings.runs_weeks <= RUNS_WEEKS[1]:
        settings = replace(settings, runs_weeks=RUNS_WEEKS[0])
    if settings.first_side not in ("left", "right"):
        settings = replace(settings, first_side="left")
    return settings


def _move_aside(path: Path) -> Path | None:
    aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside
