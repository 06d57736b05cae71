"""Plan options shared by ``plan`` and ``run``: rounds, hold, variants, rests, sides."""

from __future__ import annotations

import argparse
from typing import Any

from backcoach.commands.errors import UsageError


def add_plan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("routine", metavar="ROUTINE", help="routine id (see `backcoach routines`)")
    p.add_argument("--rounds", type=int, help="number of rounds (default: the routine's)")
    p.add_argument(
        "--hold", type=float, metavar="S", help="hold length, kept within the sources' range"
    )
    p.add_argument("--rest", type=float, metavar="S", help="rest between exercises in seconds")
    p.add_argument(
        "--prepare", type=float, metavar="S", default=10.0, help="get-ready time (default 10)"
    )
    p.add_argument("--first-side", choices=("left", "right"), default="left")
    p.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="EXERCISE=VARIANT",
        help="use a variant, e.g. --variant single-leg-bridge=double-leg (repeatable)",
    )


def plan_from_args(args: argparse.Namespace) -> tuple[Any, Any]:
    """(catalog, plan) for the routine and options on the command line."""
    from backcoach import content
    from backcoach.core.plan import PlanOptions, build_plan

    catalog = content.load()
    try:
        routine = catalog.routine(args.routine)
    except KeyError as exc:
        raise UsageError(exc.args[0]) from None
    variants: dict[str, str] = {}
    for spec in args.variant:
        ex_id, _, variant = spec.partition("=")
        ex = catalog.exercises.get(ex_id)
        if ex is None or not variant:
            raise UsageError(
                f"--variant {spec}: expected EXERCISE=VARIANT with a known exercise id"
            )
        if variant not in {v.id for v in ex.variants}:
            known = ", ".join(v.id for v in ex.variants) or "none"
            raise UsageError(
                f"--variant {spec}: {ex_id} has no variant '{variant}' (known: {known})"
            )
        variants[ex_id] = variant
    if args.rounds is not None and not 1 <= args.rounds <= 10:
        raise UsageError("--rounds must be between 1 and 10")
    for name in ("hold", "rest", "prepare"):
        value = getattr(args, name)
        if value is not None and not 0 <= value <= 600:
            raise UsageError(f"--{name} must be between 0 and 600 seconds")
    levels, rounds = _levels(catalog, routine)
    options = PlanOptions(
        rounds=args.rounds if args.rounds is not None else rounds,
        levels=levels,
        hold_s=args.hold,
        variants=variants,
        rest_s=args.rest,
        prepare_s=max(args.prepare, 3.0),
        first_side=args.first_side,
    )
    return catalog, build_plan(routine, catalog, options)


def _levels(catalog: Any, routine: Any) -> tuple[dict[int, Any], int | None]:
    """The runner's levels from the history, as the window starts them (none yet: the
    routine's own dosage). A missing history file is not created just to read it."""
    from backcoach import paths
    from backcoach.core.history import HistoryStore
    from backcoach.core.level_book import LevelBook

    db = paths.history_db()
    if not db.is_file():
        return {}, None
    with HistoryStore.open(db, recover=False) as store:
        return LevelBook(store, catalog).plan_levels(routine)
