"""Typed settings with ranges and shapes, stored as JSON in the data folder.

Each setting is one declaration: its default and its check (``settings_shapes``), e.g.
``rate_wpm: int = setting(165, Whole(100, 240), "Rate on the Settings page")``. Loading checks the file field by
field: a value out of range or of the wrong type or shape is replaced by its default,
with one notice naming the setting, so nothing past this module ever sees an invalid
value. A file that cannot be parsed at all, or that failed a check, is kept aside
(``settings.json.corrupt-…`` / ``.invalid-…``) by the owner of the data folder.

Writes merge: ``update_settings_file`` re-reads the file and changes only the fields
asked for, so two writers (or a hand edit) cannot undo each other's changes, and keys
this version does not know (a newer backcoach's) are kept.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from backcoach.core.atomic import write_text_atomic
from backcoach.core.catalog import EQUIPMENT
from backcoach.core.reminders import DAY_KEYS
from backcoach.core.settings_shapes import (
    ID,
    Check,
    Invalid,
    ListOf,
    MapOf,
    Number,
    Optional,
    Partly,
    Record,
    Text,
    Whole,
    flag,
    iso_date_or_empty,
)
from backcoach.core.weekly_plan import MAX_TIMES, RULES

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
MAX_FILE_BYTES = 4 * 1024 * 1024  # far beyond real settings; refuses a runaway file


def setting(default: Any, check: Check, shown: str = "") -> Any:
    """One setting: its default, the check every value must pass, and where the runner
    sees it in the window (for messages about the file), if anywhere."""
    meta = {"check": check, "shown": shown}
    if isinstance(default, dict):
        return field(default_factory=dict, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Settings:
    # Voice
    voice: str = setting(
        "", Text(max_len=200), "Voice on the Settings page"
    )  # engine voice id; "" for the default
    rate_wpm: int = setting(165, Whole(100, 240), "Rate on the Settings page")
    volume: float = setting(1.0, Number(0.0, 1.0), "Volume on the Settings page")
    muted: bool = setting(False, flag)
    # Window
    theme: str = setting("system", Text(choices=THEMES), "Theme on the Settings page")
    window_geometry: str = setting("", Text(max_len=8192, pattern=r"[A-Za-z0-9+/=]*"))
    # Session
    prepare_s: float = setting(10.0, Number(5.0, 60.0), "Get-ready time on the Settings page")
    first_side: str = setting(
        "left", Text(choices=("left", "right")), "Start with the on the Settings page"
    )
    # Library filters: everything shows until the runner unticks what they don't have.
    equipment_owned: tuple[str, ...] = setting(
        ("mat", "stability-ball", "wall", "chair"), ListOf(Text(choices=tuple(EQUIPMENT)), 20)
    )
    max_minutes: int = setting(0, Whole(0, 600), "Time on the Routines page")  # 0: no limit
    # Safety
    welcomed: bool = setting(False, flag)  # the first-run welcome was shown
    red_flags_cleared_on: str = setting("", iso_date_or_empty)  # date they were assessed
    red_flags_checked_on: str = setting("", iso_date_or_empty)  # last "none of these"
    # Runs
    watched_folder: str = setting("", Text(max_len=4096))  # imported from; "" for none
    runs_weeks: int = setting(12, Whole(12, 26))  # weeks the Runs page charts
    history_shows_distance: bool = setting(False, flag)  # the pain chart overlays km
    # Per routine: {routine id: {exercise id: variant id}}
    variant_choices: dict[str, dict[str, str]] = setting({}, MapOf(ID, MapOf(ID, ID, 100)))
    # Per routine: {routine id: {"rounds": n, "hold_s": s, "voice": bool}}
    routine_options: dict[str, dict[str, Any]] = setting(
        {},
        MapOf(
            ID,
            Record({"rounds": Whole(1, 10), "hold_s": Optional(Number(1.0, 600.0)), "voice": flag}),
        ),
    )
    # The weekly plan: {routine id: {"rule": ..., "times": n, "days": [0..6]}}; which rules
    # need which keys is core/weekly_plan.py's to check (it leaves out what doesn't fit).
    weekly_plan: dict[str, dict[str, Any]] = setting(
        {},
        MapOf(
            ID,
            Record(
                {
                    "rule": Text(choices=RULES),
                    "times": Whole(1, MAX_TIMES),
                    "days": ListOf(Whole(0, 6), 7),
                }
            ),
            100,
        ),
    )
    # Reminders, off until the runner turns them on: {"mon": "18:30", ...}, and one after
    # a run is imported. Starting at login is the autostart file itself, not a setting.
    reminders_on: bool = setting(False, flag)
    reminder_times: dict[str, str] = setting(
        {}, MapOf(Text(choices=DAY_KEYS), Text(max_len=5, pattern=r"([01]\d|2[0-3]):[0-5]\d"), 7)
    )
    remind_after_run: bool = setting(True, flag)

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with ``changes``; raises ValueError for a value a setting can't take."""
        checked = {}
        for name, value in changes.items():
            try:
                checked[name] = _check(name, value)
            except Invalid as exc:
                raise ValueError(f"setting {name}: {exc}") from None
        return replace(self, **checked)


_CHECKS: dict[str, Check] = {f.name: f.metadata["check"] for f in fields(Settings)}


def _check(name: str, value: Any) -> Any:
    check = _CHECKS.get(name)
    if check is None:
        raise Invalid(f"there is no setting called {name}")
    return check(value)


@dataclass(frozen=True)
class LoadResult:
    settings: Settings
    notices: tuple[str, ...] = ()  # for the runner: one per bad setting, or the whole file

    @property
    def notice(self) -> str:
        return " ".join(self.notices)


def load_settings(path: Path, keep_aside: bool = False) -> LoadResult:
    """The settings in ``path``, every value checked. Never raises for the file.

    ``keep_aside``: the owner of the data folder (the window) moves a file that could
    not be read or failed a check aside, and writes the checked settings in its place;
    anyone else leaves the file as it is.
    """
    raw, problem = _read(path)
    if problem:
        aside = _move_aside(path, "corrupt") if keep_aside else None
        log.warning("settings file %s unreadable (%s); aside: %s", path, problem, aside)
        where = f" The old file is at {aside}." if aside else ""
        return LoadResult(
            Settings(),
            (f"Your settings file could not be read ({problem}), so defaults are in use.{where}",),
        )
    settings, notices = _merge(raw, path.name)
    if notices and keep_aside:
        aside = _move_aside(path, "invalid")
        if aside is not None:
            notices.append(f"The file as it was is kept at {aside}.")
            try:
                save_settings(path, settings, keep=raw)
            except OSError as exc:
                log.warning("could not write checked settings to %s: %s", path, exc)
    return LoadResult(settings, tuple(notices))


def update_settings_file(path: Path, changes: dict[str, Any]) -> Settings:
    """Change only ``changes`` in the file, keeping whatever else it says now.

    Raises OSError when it cannot be written, ValueError for an invalid change.
    """
    with _writing:
        raw, problem = _read(path)
        base, _ = _merge({} if problem else raw, path.name)
        new = base.with_changes(**changes)
        save_settings(path, new, keep={} if problem else raw)
    return new


_writing = threading.Lock()  # one read-merge-write at a time within this process


def save_settings(path: Path, settings: Settings, keep: dict[str, Any] | None = None) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file.

    ``keep``: the file's previous content, whose keys this version doesn't know are kept.
    Raises OSError when the folder is read-only or the disk is full.
    """
    data = {k: v for k, v in (keep or {}).items() if k not in _CHECKS}
    data.update(asdict(settings))
    data["equipment_owned"] = list(settings.equipment_owned)
    write_text_atomic(path, json.dumps(data, indent=2, sort_keys=True, allow_nan=False))


def _read(path: Path) -> tuple[dict[str, Any], str]:
    """(the file's top-level table, "") or ({}, why it could not be read)."""
    if not path.exists():
        return {}, ""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {}, f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:
        return {}, str(exc)
    if not isinstance(raw, dict):
        return {}, "its top level is not a table of settings"
    return raw, ""


def _merge(raw: dict[str, Any], file_name: str) -> tuple[Settings, list[str]]:
    defaults = Settings()
    values: dict[str, Any] = {}
    notices: list[str] = []
    for f in fields(Settings):
        if f.name not in raw:
            continue
        default = getattr(defaults, f.name)
        try:
            values[f.name] = _check(f.name, raw[f.name])
        except Partly as part:
            values[f.name] = part.clean
            n = len(part.dropped)
            notices.append(
                f"Setting {f.name} in {file_name}: {n} {'entry was' if n == 1 else 'entries were'}"
                f" not valid and {'was' if n == 1 else 'were'} dropped ({part.dropped[0]})."
            )
        except Invalid as exc:
            where = f" ({f.metadata['shown']})" if f.metadata.get("shown") else ""
            notices.append(
                f"Setting {f.name} in {file_name}: {exc};"
                f" using the default, {_shown(default)}{where}."
            )
    for notice in notices:
        log.warning("settings: %s", notice)
    return replace(defaults, **values), notices


def _shown(default: Any) -> str:
    if isinstance(default, bool):
        return str(default).lower()
    if isinstance(default, float):
        return f"{default:g}"
    if isinstance(default, str):
        return f'"{default}"' if default else "empty"
    if isinstance(default, tuple):
        return ", ".join(default) or "none"
    return str(default) if default != {} else "none"


def _move_aside(path: Path, why: str) -> Path | None:
    aside = path.with_name(f"{path.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside
