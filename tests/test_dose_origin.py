"""The articles' figures and backcoach's own, told apart in the files and in the window.

Every figure marked as backcoach's in the files (a routine's ``ours``, and any dose figure
the sources do not give: counts, sets, rests, the seconds of tempo phases) must read as
backcoach's on the routine page and its cards; every figure the articles give must read
as theirs, with their range. Checked on the real window.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backcoach.core.catalog import Catalog, Dosage, resolve_dosage
from backcoach.core.catalog_parse import parse_exercise
from backcoach.core.fields import CatalogError
from backcoach.core.provenance import dose_figures, routine_figures
from tests.test_cli import ROUTINES

OURS = "backcoach's own: "


def _parts(text: str) -> tuple[str, str]:
    """(the articles' part, backcoach's part) of a quiet line."""
    theirs = ours = ""
    for part in text.split(" · "):
        if part.startswith(OURS):
            ours = part.removeprefix(OURS)
        else:
            theirs = part
    return theirs, ours


def _n(lo: float, hi: float) -> str:
    return f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"


# --- core: which figure is whose ---------------------------------------------------------


def test_glute_bridge_pause_is_the_articles_its_lift_and_lower_are_ours(catalog: Catalog) -> None:
    figures = {(f.field, f.phase): f for f in dose_figures(catalog.exercise("glute-bridge").dosage)}
    assert not figures[("reps", "")].ours  # 15 reps: seed 001
    assert not figures[("tempo", "hold")].ours  # "pause for 3 seconds": seed 001
    assert figures[("tempo", "lift")].ours and figures[("tempo", "lower")].ours


def test_a_hold_inside_the_articles_range_is_theirs_outside_it_ours(catalog: Catalog) -> None:
    d = catalog.exercise("plank").dosage
    figures = {f.field: f for f in dose_figures(d)}
    assert not figures["hold_s"].ours and figures["hold_s"].source == (45, 60)
    assert not figures["sets"].ours and figures["sets"].source == (3, 5)
    assert figures["rest_s"].ours  # the breather between holds is backcoach's
    from dataclasses import replace

    longer = {f.field: f for f in dose_figures(replace(d, hold_s=90.0))}
    assert longer["hold_s"].ours


def test_routine_figures_follow_the_ours_list(catalog: Catalog) -> None:
    circuit = {f.field: f for f in routine_figures(catalog.routine("stability-ball-circuit"))}
    assert circuit["rounds"].source == (3, 5) and not circuit["rounds"].ours
    assert not circuit["rest_between_exercises_s"].ours
    mobilise = {f.field: f for f in routine_figures(catalog.routine("strengthen-and-mobilise"))}
    assert mobilise["rest_between_exercises_s"].ours


def _exercise_with_seed_tempo(tmp_path: Path, tempo_s: str) -> tuple[object, list[CatalogError]]:
    import tomllib

    text = f"""
id = "slow"
name = "Slow"
summary = "s"
position = "p"
instructions = ["a", "b", "c"]
sources = ["001_f99d85ccd3986074.txt"]
[dosage]
mode = "reps"
reps = 5
[dosage.seed]
reps = [5, 5]
tempo_s = {tempo_s}
[[dosage.tempo]]
name = "lift"
seconds = 2
cue = "Lift"
"""
    path = tmp_path / "slow.toml"
    path.write_text(text, encoding="utf-8")
    errors: list[CatalogError] = []
    ex = parse_exercise(path, tomllib.loads(text), False, errors)
    return ex, errors


def test_seed_tempo_seconds_must_name_a_phase_of_the_dose(tmp_path: Path) -> None:
    ex, errors = _exercise_with_seed_tempo(tmp_path, "{ lift = 2 }")
    assert errors == [] and ex is not None
    ex, errors = _exercise_with_seed_tempo(tmp_path, "{ lfit = 2 }")
    assert ex is None
    assert [(e.field, e.message) for e in errors] == [
        ("dosage.seed.tempo_s.lfit", "not a tempo phase of this dosage; its phases: lift")
    ]
    ex, errors = _exercise_with_seed_tempo(tmp_path, "{ lift = 99 }")
    assert ex is None and "out of range" in errors[0].message


# --- the window ---------------------------------------------------------------------------


def _expected(field: str, value: float, lo: float, hi: float, phase: str = "") -> str:
    n = _n(lo, hi)
    return {
        "hold_s": f"{n} s hold",
        "reps": f"{n} reps",
        "sets": f"{n} sets",
        "rest_s": f"{n} s rest between sets",
        "tempo": f"{phase} {n} s",
    }[field]


def _card_checks(dosage: Dosage) -> list[tuple[bool, str]]:
    """(is it ours, the words that must be in that part) for every figure of a dose, from
    the file's own figures and seed ranges, independently of the code under test."""
    seed = dosage.seed
    out: list[tuple[bool, str]] = []
    main = (
        ("hold_s", dosage.hold_s, seed.hold_s)
        if dosage.mode == "hold"
        else ("reps", dosage.reps, seed.reps)
    )
    field, value, rng = main
    assert value is not None
    inside = rng is not None and rng[0] <= value <= rng[1]
    out.append((not inside, _expected(field, value, *(rng if inside else (value, value)))))
    if dosage.sets > 1:
        rng = seed.sets
        inside = rng is not None and rng[0] <= dosage.sets <= rng[1]
        out.append((not inside, _expected("sets", 0, *(rng if inside else (dosage.sets,) * 2))))
        rest_rng = seed.rest_s
        inside = rest_rng is not None and rest_rng[0] <= dosage.rest_s <= rest_rng[1]
        out.append((not inside, _expected("rest_s", 0, dosage.rest_s, dosage.rest_s)))
    for p in dosage.tempo:
        given = seed.phase_s(p.name)
        out.append((given != p.seconds, _expected("tempo", 0, p.seconds, p.seconds, p.name)))
    return out


@pytest.mark.parametrize("routine_id", sorted(ROUTINES))
def test_every_figure_on_the_routine_page_says_whose_it_is(window, routine_id: str) -> None:
    w = window
    catalog = w.ctx.catalog
    routine = catalog.routine(routine_id)
    w.open_routine(routine_id)
    page = w.routine_page
    assert page.origin.isVisibleTo(page) and page.origin.text()

    theirs, ours = _parts(page.origin.text())
    for name in routine.ours:
        if name.startswith("items["):
            continue  # shown on that item's card, below
        value = getattr(routine, name)
        said = "no rest between exercises" if not value else f"{value:g} s from one"
        assert said in ours, (name, page.origin.text())
    if routine.rounds_range:
        assert f"{_n(*routine.rounds_range)} rounds" in theirs
    if "rest_between_exercises_s" not in routine.ours:
        assert f"{routine.rest_between_exercises_s:g} s from one exercise" in theirs

    assert len(page.cards) == len(routine.items)
    for index, (item, card) in enumerate(zip(routine.items, page.cards, strict=True)):
        ex = catalog.exercise(item.exercise)
        dosage = resolve_dosage(ex, item)
        text = card.origin.text()
        assert card.origin.isVisibleTo(card) and text, ex.id
        card_theirs, card_ours = _parts(text)
        for is_ours, words in _card_checks(dosage):
            assert words in (card_ours if is_ours else card_theirs), (ex.id, words, text)
        for name in routine.ours:  # items[N].sets and the like
            m = re.fullmatch(r"items\[(\d+)\]\.(\w+)", name)
            if m and int(m.group(1)) == index:
                field = m.group(2)
                value = getattr(dosage, field)
                assert _expected(field, value, value, value) in card_ours, (name, text)
        if not any(is_ours for is_ours, _ in _card_checks(dosage)):
            assert card_ours == ""  # nothing claimed as ours that is the articles'


def test_a_longer_hold_chosen_on_the_page_stays_the_articles_within_their_range(window) -> None:
    w = window
    w.open_routine("post-run-cooldown")
    page = w.routine_page
    page.hold.setValue(45)
    for card in page.cards:
        theirs, ours = _parts(card.origin.text())
        assert "30–60 s hold" in theirs and "hold" not in ours


def test_figures_the_runners_own_routine_sets_are_shown_as_theirs(window) -> None:
    """tests/window_helpers.py's own routine holds knee-to-chest for 20 s: the runner's
    choice, neither the articles' 30–60 s nor backcoach's."""
    w = window
    w.open_routine("tiny")
    page = w.routine_page
    assert page.origin.text() == "Figures from your own routine file"
    card = next(c for c in page.cards if c.exercise.id == "knee-to-chest")
    parts = card.origin.text().split(" · ")
    assert "your routine's: 20 s hold" in parts
    assert not any(p.startswith(OURS) and "hold" in p for p in parts)
    bridge = next(c for c in page.cards if c.exercise.id == "single-leg-bridge")
    assert "your routine's: 2 reps" in bridge.origin.text().split(" · ")
