"""``backcoach runs [--json]``, ``runs import FILE…``, ``runs add``: the runner's side.

Imported runs and files that were skipped are reported one line each: what went in
on stdout, what did not (a ride, a duplicate, a damaged file and why) on stderr. The
exit code is 1 when any file could not be read, so scripts notice.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import Any

from backcoach.commands.errors import UsageError


def register(sub: Any) -> None:
    p = sub.add_parser("runs", help="your runs, weekly load and shoes; import run files")
    p.add_argument("--json", action="store_true", help="runs, weeks, load and shoes as JSON")
    p.set_defaults(handler=cmd_runs)
    actions = p.add_subparsers(dest="runs_action", metavar="ACTION")
    imp = actions.add_parser("import", help="import FIT, GPX or TCX files (also .gz and .zip)")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.set_defaults(handler=cmd_import)
    add = actions.add_parser("add", help="add a run by hand")
    add.add_argument("--date", required=True, help="YYYY-MM-DD, or YYYY-MM-DDTHH:MM")
    add.add_argument("--distance", required=True, help="e.g. 10.5 (km), 800 m or 6.2 mi")
    add.add_argument("--duration", required=True, help="e.g. 55:30 or 1:02:03")
    add.add_argument("--surface", choices=("road", "trail", "track", "treadmill"), default="")
    add.add_argument("--hilly", action="store_true", help="it was a hilly run")
    add.add_argument("--shoe", help="the shoe's name (default: your default shoe)")
    add.add_argument("--note", default="")
    add.set_defaults(handler=cmd_add)


def open_log(write: bool = False) -> Any:
    """The run log over the history file; its notice (if any) on stderr.

    Listing reads a snapshot and never writes; adding claims the data folder first, as
    every writer does, so it never writes under an open window's feet.
    """
    from backcoach import paths
    from backcoach.core.folder_lock import FolderInUse
    from backcoach.core.history import HistoryStore
    from backcoach.runs.store import RunLog

    if write:
        from backcoach.session_setup import claim_data_folder

        try:
            claim_data_folder("runs")
        except FolderInUse as exc:
            raise UsageError(f"{exc} Drop the files on its window instead.") from None
        store = HistoryStore.open(paths.history_db())
    else:
        store = HistoryStore.open_reader(paths.history_db())
    if store.notice:
        print(f"backcoach: {store.notice}", file=sys.stderr)
    return RunLog(store)


def cmd_runs(args: argparse.Namespace) -> int:
    from backcoach.runs.export import runs_document

    log = open_log()
    try:
        if args.json:
            doc = runs_document(log, date.today(), with_runs=False)
            write_json(doc, sys.stdout, {"runs": log.run_json_lines()})
            return 0
        return _print_runs(log)
    finally:
        log.history.close()


def write_json(doc: dict[str, Any], out: Any, encoded: dict[str, list[str]] | None = None) -> None:
    """Indented at the top, one line per run, week and shoe: readable, and encoded by
    json's C encoder (``indent`` alone falls back to the pure-Python one, 3× slower).
    ``encoded`` gives lists whose items are JSON text already."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    encoded = encoded or {}
    out.write("{\n")
    for i, (key, value) in enumerate(doc.items()):
        out.write(f"  {encode(key)}: ")
        lines = encoded.get(key) or ([encode(v) for v in value] if isinstance(value, list) else [])
        if lines:
            items = ",\n".join(f"    {line}" for line in lines)
            out.write(f"[\n{items}\n  ]")
        else:
            out.write(encode(value))
        out.write(",\n" if i < len(doc) - 1 else "\n")
    out.write("}\n")


def _print_runs(log: Any) -> int:
    from backcoach.runs import shoes as shoe_rules
    from backcoach.runs.units import clock, pace

    runs = log.runs()
    if not runs:
        print("No runs yet. Import some with: backcoach runs import FILE…")
        return 0
    print(
        f"{'STARTED':<16}  {'KM':>6}  {'TIME':>8}  {'PACE':>9}  {'UP M':>5}  {'SURFACE':<9}  SHOE"
    )
    for r in runs:
        up = "–" if r.ascent_m is None else f"{r.ascent_m:.0f}"
        print(
            f"{r.start:%Y-%m-%d %H:%M}  {r.distance_m / 1000:>6.2f}  {clock(r.moving_s):>8}  "
            f"{pace(r.distance_m, r.moving_s):>9}  {up:>5}  {str(r.surface) or '–':<9}  {r.shoe or '–'}"
        )
    current = log.load(date.today())
    ratio = "not enough history yet" if current.ratio is None else f"{current.ratio:.2f}"
    print(
        f"\nLast 7 days {current.acute_m / 1000:.1f} km; weekly average of the last 28 days "
        f"{current.chronic_m / 1000:.1f} km; ratio {ratio}."
    )
    for s in log.shoes():
        print(
            f"Shoe {s.name}: {s.distance_m / 1000:.0f} of {s.retire_at_m / 1000:.0f} km, {shoe_rules.status(s)}."
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from backcoach.runs.units import clock

    log = open_log(write=True)
    try:
        report = log.import_files(args.files)
        runs = {r.id: r for r in log.runs(since=None)} if report.imported else {}
    finally:
        log.history.close()
    n = report.imported
    print(
        f"Imported {n} run{'' if n == 1 else 's'} from {len(report.files)} file{'' if len(report.files) == 1 else 's'}."
    )
    for f in report.files:
        for run_id in f.imported:
            r = runs.get(run_id)
            if r is not None:
                print(
                    f"  {r.start:%Y-%m-%d %H:%M}  {r.distance_m / 1000:.2f} km  {clock(r.moving_s)}  ({f.name})"
                )
    for line in report.skipped_lines:
        print(f"backcoach: {line}", file=sys.stderr)
    for line in report.error_lines:
        print(f"backcoach: not imported: {line}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_add(args: argparse.Namespace) -> int:
    from backcoach.runs.model import Surface
    from backcoach.runs.units import parse_duration, parse_km

    try:
        start = datetime.fromisoformat(args.date)
    except ValueError:
        raise UsageError(f"--date {args.date}: write YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    if len(args.date) <= 10:
        start = start.replace(hour=12)  # a day without a time: the middle of it
    try:
        distance = parse_km(args.distance)
        duration = parse_duration(args.duration)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    log = open_log(write=True)
    try:
        shoe_id = None
        if args.shoe:
            shoe = log.shoe_named(args.shoe)
            if shoe is None:
                known = ", ".join(s.name for s in log.shoes()) or "none yet"
                raise UsageError(f"--shoe {args.shoe}: no shoe by that name (yours: {known})")
            shoe_id = shoe.id
        elif (default := log.default_shoe()) is not None and default.started_on <= start.date():
            shoe_id = default.id
        run_id, why = log.add_manual(
            start,
            distance,
            duration,
            Surface(args.surface),
            True if args.hilly else None,
            shoe_id,
            args.note,
        )
    finally:
        log.history.close()
    if run_id is None:
        print(f"backcoach: not added: {why}", file=sys.stderr)
        return 1
    print(f"Added the run of {start:%Y-%m-%d %H:%M}: {distance / 1000:.2f} km.")
    return 0
