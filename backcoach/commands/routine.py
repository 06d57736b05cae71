"""``backcoach routine validate|import|export``: check, bring in or hand over a routine file.

The same checks, decisions and sentences as the window's "Open routine file…" and
"Export…" (``backcoach.core.routine_import``). Exit codes: 0 done, 1 the file has
mistakes (one line each; nothing written), 2 a usage problem, such as a clash that
needs ``--replace`` or ``--keep-both``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from backcoach.commands.errors import FileMistakes, UsageError
from backcoach.core.words import counted


def register(sub: Any) -> None:
    p = sub.add_parser("routine", help="validate, import or export a routine file")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    v = actions.add_parser("validate", help="check a routine file; nothing is written")
    v.add_argument("file", metavar="FILE")
    v.set_defaults(handler=cmd_validate)
    i = actions.add_parser("import", help="check a routine file and add it to your routines")
    i.add_argument("file", metavar="FILE")
    how = i.add_mutually_exclusive_group()
    how.add_argument(
        "--replace",
        dest="choice",
        action="store_const",
        const="replace",
        help="when the id is taken by one of your own, write over it",
    )
    how.add_argument(
        "--keep-both",
        dest="choice",
        action="store_const",
        const="keep-both",
        help="when the id is taken, import under a new id (name-2)",
    )
    i.set_defaults(handler=cmd_import, choice=None)
    e = actions.add_parser("export", help="write one file that hands a routine over")
    e.add_argument("routine", metavar="ID", help="routine id (see `backcoach routines`)")
    e.add_argument("file", metavar="FILE", help="where to write it, e.g. my-routine.toml")
    e.set_defaults(handler=cmd_export)


def _check(file: str) -> tuple[Any, Any]:
    from backcoach import content
    from backcoach.core.routine_file import check_routine_file

    path = Path(file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file; give the path of a .toml routine file")
    catalog = content.load()
    found = check_routine_file(path, catalog)
    if not found.ok:
        n = len(found.errors)
        raise FileMistakes(
            [str(e) for e in found.errors],
            f"{path} is not a valid routine: {counted(n, 'mistake')}; nothing was written",
        )
    return catalog, found


def cmd_validate(args: argparse.Namespace) -> int:
    from backcoach.core.plan import build_plan
    from backcoach.core.routine_file import with_carried
    from backcoach.core.routine_import import clashes

    catalog, found = _check(args.file)
    routine = found.routine
    visible = with_carried(catalog, found)
    minutes = build_plan(routine, visible, with_cues=False).total_s / 60
    carried = len(found.exercises)
    extra = f"; it carries {counted(carried, 'exercise')} of its own" if carried else ""
    print(
        f"{args.file}: a valid routine: {routine.name} ({routine.id}), "
        f"{counted(len(routine.items), 'exercise')}, {minutes:.1f} min{extra}."
    )
    for clash in clashes(found, catalog):
        print(
            f"Note: {_clash_sentence(clash)}; `routine import` will need --replace or --keep-both."
        )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from backcoach import paths
    from backcoach.core.routine_import import ImportRefused, apply_import, clashes, plan_import

    catalog, found = _check(args.file)
    found_clashes = clashes(found, catalog)
    if found_clashes and args.choice is None:
        said = "; ".join(_clash_sentence(c) for c in found_clashes)
        raise UsageError(
            f"{said}; run again with --replace to write over your own, or --keep-both "
            "to import it under a new id"
        )
    try:
        plan = plan_import(found, catalog, paths.data_dir(), args.choice)
    except ImportRefused as exc:
        raise FileMistakes([str(e) for e in exc.errors], "nothing was written") from None
    try:
        written = apply_import(plan)
    except OSError as exc:
        print(f"backcoach: could not write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    for old, new in plan.renamed:
        print(f"{old} is already taken, so it was imported as {new}.")
    print(f"Imported {plan.routine.name} as {plan.routine.id}.")
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from backcoach import content
    from backcoach.core.routine_import import export_routine

    catalog = content.load()
    try:
        routine = catalog.routine(args.routine)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    path = Path(args.file)
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name ending in .toml")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist; create it first")
    if path.suffix.lower() != ".toml":
        raise UsageError(f"{path}: routine files end in .toml; give a name such as my-plan.toml")
    try:
        export_routine(routine, catalog, path)
    except OSError as exc:
        print(f"backcoach: could not write {path}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


def _clash_sentence(clash: Any) -> str:
    what = "routine" if clash.kind == "routine" else "exercise"
    whose = "a shipped" if clash.shipped else "your own"
    return f"the id {clash.id} is already used by {whose} {what} ({clash.existing_name})"
