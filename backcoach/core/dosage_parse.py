"""A dosage table (hold or reps, sets, rests, tempo, the articles' range) into a Dosage.

Shared by exercises and their variants (a variant's dosage changes its base's).
"""

from __future__ import annotations

from typing import Any, cast

from backcoach.core.catalog import Dosage, Mode, SeedRange, TempoPhase
from backcoach.core.fields import FieldReader

MAX_HOLD_S = 600.0
MAX_REST_S = 600.0
MAX_PHASE_S = 30.0
_DOSAGE_KEYS = {"mode", "hold_s", "reps", "sets", "rest_s", "tempo", "default_is_ours", "seed"}
_SEED_KEYS = {"hold_s", "reps", "sets", "rest_s", "text", "tempo_s"}
_PHASE_KEYS = {"name", "seconds", "cue"}


def _phases(r: FieldReader, table: dict[str, Any], prefix: str) -> tuple[TempoPhase, ...]:
    phases = []
    for i, t in enumerate(r.tables(table, prefix, "tempo")):
        p = f"{prefix}.tempo[{i}]"
        r.keys(t, p, _PHASE_KEYS)
        phases.append(
            TempoPhase(
                name=r.text(t, p, "name"),
                seconds=r.number(t, p, "seconds", 0.5, MAX_PHASE_S, unit=" s") or 1.0,
                cue=r.text(t, p, "cue", ""),
            )
        )
    return tuple(phases)


def _seed(
    r: FieldReader, table: dict[str, Any] | None, prefix: str, tempo: tuple[TempoPhase, ...]
) -> SeedRange:
    if table is None:
        return SeedRange()
    r.keys(table, prefix, _SEED_KEYS)
    return SeedRange(
        hold_s=r.pair(table, prefix, "hold_s", 1, MAX_HOLD_S),
        reps=r.pair(table, prefix, "reps", 1, 100),
        sets=r.pair(table, prefix, "sets", 1, 10),
        rest_s=r.pair(table, prefix, "rest_s", 0, MAX_REST_S),
        text=r.text(table, prefix, "text", ""),
        tempo_s=_seed_tempo(r, table, prefix, tempo),
    )


def _seed_tempo(
    r: FieldReader, table: dict[str, Any], prefix: str, tempo: tuple[TempoPhase, ...]
) -> tuple[tuple[str, float], ...]:
    """``tempo_s = { hold = 3 }``: the phases whose seconds the sources give; every other
    tempo second is backcoach's own (see default_is_ours)."""
    given = r.subtable(table, prefix, "tempo_s")
    if given is None:
        return ()
    where = f"{prefix}.tempo_s"
    names = [p.name for p in tempo]
    out = []
    for name in given:
        if name not in names:
            known = ", ".join(names) or "none"
            r.error(f"{where}.{name}", f"not a tempo phase of this dosage; its phases: {known}")
            continue
        seconds = r.number(given, where, name, 0.5, MAX_PHASE_S, unit=" s")
        if seconds is not None:
            out.append((name, seconds))
    return tuple(out)


def parse_dosage(
    r: FieldReader, table: dict[str, Any] | None, prefix: str, base: Dosage | None
) -> Dosage | None:
    """A full dosage, or (with ``base``) a variant's changes to it."""
    if table is None:
        return None
    r.keys(table, prefix, _DOSAGE_KEYS)
    mode = cast(
        Mode, r.choice(table, prefix, "mode", ("hold", "reps"), base.mode if base else None)
    )
    same_mode = base is not None and base.mode == mode
    hold_s = reps = None
    if mode == "hold":
        hold_s = r.number(
            table,
            prefix,
            "hold_s",
            1,
            MAX_HOLD_S,
            base.hold_s if same_mode and base else None,
            " s",
        )
    else:
        reps = r.whole(table, prefix, "reps", 1, 100, base.reps if same_mode and base else None)
    tempo = (
        _phases(r, table, prefix)
        if "tempo" in table
        else (base.tempo if same_mode and base else ())
    )
    if mode == "reps" and not tempo:
        r.error(
            f"{prefix}.tempo",
            "missing; reps need a tempo: [[...tempo]] tables with name, seconds and cue",
        )
    return Dosage(
        mode=mode,
        hold_s=hold_s,
        reps=reps,
        sets=r.whole(table, prefix, "sets", 1, 10, base.sets if base else 1) or 1,
        rest_s=r.number(table, prefix, "rest_s", 0, MAX_REST_S, base.rest_s if base else 0.0, " s")
        or 0.0,
        tempo=tempo,
        default_is_ours=bool(
            r.get(table, prefix, "default_is_ours", bool, base.default_is_ours if base else False)
        ),
        seed=_seed(r, r.subtable(table, prefix, "seed"), f"{prefix}.seed", tempo)
        if "seed" in table
        else (base.seed if base else SeedRange()),
    )
