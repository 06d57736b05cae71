"""History export as JSON or CSV; shared by ``backcoach history`` and the review page.

JSON keeps everything: each session with its segments and events.
CSV is for spreadsheets: one row per segment, each carrying its session's columns
(a session with no segments still gets one row). Text cells that a spreadsheet would
run as a formula are defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, TextIO

from backcoach.core.history_queries import SessionDetail, SessionRow
from backcoach.core.records import SegmentRecord, SessionEvent

FORMATS = ("json", "csv")
JSON_FORMAT_NAME = "backcoach-history"
JSON_FORMAT_VERSION = 1

# CSV column -> key in session_dict(); the session's own times and totals are prefixed
# so they can't be confused with the segment's columns on the same row.
_SESSION_CSV = {
    "session_id": "id",
    "started_at": "started_at",
    "ended_at": "ended_at",
    "routine_id": "routine_id",
    "routine_name": "routine_name",
    "status": "status",
    "session_planned_s": "planned_s",
    "session_done_s": "done_s",
    "session_planned_basis": "planned_basis",
    "session_done_pct": "done_pct",
    "pain_before": "pain_before",
    "pain_after": "pain_after",
    "notes": "notes",
    "app_version": "app_version",
}
SESSION_COLUMNS = tuple(_SESSION_CSV)
SEGMENT_COLUMNS = (
    "position",
    "exercise_id",
    "exercise_name",
    "variant",
    "side",
    "set_no",
    "round_no",
    "planned_s",
    "done_s",
    "planned_reps",
    "done_reps",
    "skipped",
    "hurt",
)
CSV_COLUMNS = SESSION_COLUMNS + SEGMENT_COLUMNS

# Spreadsheets treat a cell starting with these as a formula (OWASP "CSV injection"),
# and several skip leading spaces, tabs and line breaks before looking.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = "=+-@"


def neutralise(cell: str) -> str:
    """A text cell that a spreadsheet will show as text, never evaluate."""
    if cell.startswith(_FORMULA_STARTS) or cell.lstrip()[:1] in tuple(_FORMULA_CHARS):
        return "'" + cell
    return cell


def session_dict(s: SessionRow) -> dict[str, Any]:
    return {
        "id": s.id,
        "routine_id": s.routine_id,
        "routine_name": s.routine_name,
        "started_at": s.started_at.isoformat(),
        "ended_at": s.ended_at.isoformat() if s.ended_at else None,
        "status": str(s.status),
        "planned_s": s.planned_s,
        "done_s": s.done_s,
        # planned_s and done_s are both exercise seconds ("work"); "timeline": an old
        # session whose share done is not known, so done_pct is null (history_schema v7).
        "planned_basis": s.planned_basis,
        "done_pct": None if s.completion is None else round(100 * s.completion),
        "pain_before": s.pain_before,
        "pain_after": s.pain_after,
        "notes": s.notes,
        "app_version": s.app_version,
    }


def segment_dict(r: SegmentRecord) -> dict[str, Any]:
    # The plan's "index" is called "position" in the file, as in the segments table.
    return {("position" if f.name == "index" else f.name): getattr(r, f.name) for f in fields(r)}


def event_dict(e: SessionEvent) -> dict[str, Any]:
    return {f.name: getattr(e, f.name) for f in fields(e)}


def write_json(details: Iterable[SessionDetail], out: TextIO) -> int:
    """Write the sessions as one JSON document; returns how many."""
    sessions = [
        {
            **session_dict(d.session),
            "segments": [segment_dict(r) for r in d.segments],
            "events": [event_dict(e) for e in d.events],
        }
        for d in details
    ]
    doc = {"format": JSON_FORMAT_NAME, "version": JSON_FORMAT_VERSION, "sessions": sessions}
    json.dump(doc, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return len(sessions)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        return neutralise(value)
    return "" if value is None else value


def write_csv(details: Iterable[SessionDetail], out: TextIO) -> int:
    """One row per segment with its session's columns; returns how many sessions."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for d in details:
        n += 1
        values = session_dict(d.session)
        session = [_cell(values[key]) for key in _SESSION_CSV.values()]
        if not d.segments:
            writer.writerow(session + [""] * len(SEGMENT_COLUMNS))
        for r in d.segments:
            segment = segment_dict(r)
            writer.writerow(session + [_cell(segment[key]) for key in SEGMENT_COLUMNS])
    return n


def write(details: Iterable[SessionDetail], out: TextIO, fmt: str) -> int:
    if fmt == "json":
        return write_json(details, out)
    if fmt == "csv":
        return write_csv(details, out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_file(details: Iterable[SessionDetail], path: Path, fmt: str) -> int:
    """Export to ``path`` atomically: a failed export never leaves half a file.

    CSV gets a byte-order mark so spreadsheet programs read it as UTF-8.
    Raises OSError when the file cannot be written.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        with tmp.open("w", encoding=encoding, newline="") as fh:
            n = write(details, fh, fmt)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return n
