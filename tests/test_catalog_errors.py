"""Broken catalogue files, written for real into a user data folder.

Each mistake must be reported with the file, the field and what was expected; the broken
file is skipped and everything else (the 24 shipped exercises, the six routines, the
runner's good files) still loads.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach.core.catalog import Catalog, load_catalog
from backcoach.core.fields import CatalogError
from backcoach.core.plan import build_plan
from tests.conftest import ASSETS

SHIPPED_ROUTINES = {
    "strengthen-and-mobilise",
    "stability-ball-circuit",
    "post-run-cooldown",
    "glute-check",
    "pre-run-warm-up",
    "extra-stretches",
}

EXERCISE = """\
id = "{id}"
name = "My move"
summary = "A move of my own."
position = "Standing"
instructions = ["Stand tall.", "Breathe."]
sources = ["002_28ac56f964d3cfe9.txt"]

[dosage]
mode = "hold"
hold_s = 30
"""

REPS_EXERCISE = EXERCISE.replace(
    'mode = "hold"\nhold_s = 30\n',
    'mode = "reps"\nreps = 5\n\n[[dosage.tempo]]\nname = "lift"\nseconds = 2\ncue = "Lift"\n',
)

ROUTINE = """\
id = "{id}"
name = "My routine"
purpose = "A routine of my own."
equipment = ["mat"]
sources = ["002_28ac56f964d3cfe9.txt"]

[[items]]
exercise = "childs-pose"
"""


@pytest.fixture(autouse=True)
def _close_log_files() -> Iterator[None]:
    """``backcoach.cli.main`` opens the rotating log file; close it after each test."""
    yield
    root = logging.getLogger("backcoach")
    for handler in list(root.handlers):
        if getattr(handler, "_backcoach", False):
            root.removeHandler(handler)
            handler.close()


def _write(data_dir: Path, folder: str, name: str, text: str) -> Path:
    path = data_dir / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _load(data_dir: Path) -> Catalog:
    return load_catalog(ASSETS, data_dir)


def _assert_reported(errors: list[CatalogError], path: Path, field: str, *expect: str) -> None:
    """One error names ``path`` and ``field`` and says each of ``expect``."""
    matching = [e for e in errors if e.file == path and e.field == field]
    assert matching, f"no error for {path.name} {field!r}; got: {[str(e) for e in errors]}"
    message = matching[0].message
    for fragment in expect:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    text = str(matching[0])
    assert text.startswith(str(path)) and (field in text)


def _assert_rest_loads(catalog: Catalog) -> None:
    assert len(catalog.exercises) == 24
    assert set(catalog.routines) == SHIPPED_ROUTINES


# (folder, file name, contents, field, what the message must say, number of errors)
CASES = {
    "wrong type": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace("hold_s = 30", 'hold_s = "thirty"'),
        "dosage.hold_s",
        ("expected a number", 'got text "thirty"'),
        1,
    ),
    "wrong type, true/false": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace(
            'position = "Standing"\n', 'position = "Standing"\nper_side = "yes"\n'
        ),
        "per_side",
        ("expected true or false", 'got text "yes"'),
        1,
    ),
    "missing field": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace('name = "My move"\n', ""),
        "name",
        ("missing", "expected text"),
        1,
    ),
    "missing dosage": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").split("[dosage]")[0],
        "dosage",
        ("missing", "expected a [dosage] table"),
        1,
    ),
    "negative hold": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace("hold_s = 30", "hold_s = -5"),
        "dosage.hold_s",
        ("-5 s is out of range", "expected 1–600 s"),
        1,
    ),
    "absurd hold": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace("hold_s = 30", "hold_s = 100000"),
        "dosage.hold_s",
        ("100000 s is out of range", "expected 1–600 s"),
        1,
    ),
    "zero-length tempo phase": (
        "exercises",
        "my-reps.toml",
        REPS_EXERCISE.format(id="my-reps").replace("seconds = 2", "seconds = 0"),
        "dosage.tempo[0].seconds",
        ("0 s is out of range", "expected 0.5–30 s"),
        1,
    ),
    "absurd tempo phase": (
        "exercises",
        "my-reps.toml",
        REPS_EXERCISE.format(id="my-reps").replace("seconds = 2", "seconds = 3600"),
        "dosage.tempo[0].seconds",
        ("3600 s is out of range", "expected 0.5–30 s"),
        1,
    ),
    "reps without a tempo": (
        "exercises",
        "my-reps.toml",
        REPS_EXERCISE.format(id="my-reps").split("[[dosage.tempo]]")[0],
        "dosage.tempo",
        ("missing", "reps need a tempo"),
        1,
    ),
    "unknown key": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move") + 'colour = "red"\n',
        "dosage.colour",
        ("unknown key", "expected one of:", "hold_s"),
        1,
    ),
    "unknown top-level key": (
        "exercises",
        "my-move.toml",
        'colour = "red"\n' + EXERCISE.format(id="my-move"),
        "colour",
        ("unknown key", "expected one of:", "instructions"),
        1,
    ),
    "id not matching the file name": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="your-move"),
        "id",
        ("'your-move' does not match the file name", "rename the file to your-move.toml"),
        1,
    ),
    "id not kebab-case": (
        "exercises",
        "My_Move.toml",
        EXERCISE.format(id="My_Move"),
        "id",
        ("not a valid id", "lower-case words joined by hyphens"),
        1,
    ),
    "invalid TOML": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace('name = "My move"', 'name = "My move'),
        "name (line 2)",
        ("not valid TOML", "at column 16", "fix the syntax"),
        1,
    ),
    "unknown equipment": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace(
            'position = "Standing"\n', 'position = "Standing"\nequipment = ["rope"]\n'
        ),
        "equipment",
        ("unknown equipment 'rope'", "expected any of: mat, stability-ball, wall, chair"),
        1,
    ),
    "not a seed file": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move").replace("002_28ac56f964d3cfe9.txt", "../secrets.txt"),
        "sources",
        ("'../secrets.txt' is not a seed file name", "such as 000_5bd82a27ffd67d72.txt"),
        1,
    ),
    "duplicate variant ids": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move")
        + '[[variants]]\nid = "easy"\nname = "Easy"\nlevel = "easier"\nsummary = "Less."\n' * 2,
        "variants",
        ("duplicate id 'easy'", "expected each to have its own id"),
        1,
    ),
    "unknown variant level": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move")
        + '[[variants]]\nid = "easy"\nname = "Easy"\nlevel = "simpler"\nsummary = "Less."\n',
        "variants[0].level",
        ("'simpler' is not allowed", "expected one of: easier, harder, alternative"),
        1,
    ),
    "variant per_side of the wrong type": (
        "exercises",
        "my-move.toml",
        EXERCISE.format(id="my-move")
        + '[[variants]]\nid = "easy"\nname = "Easy"\nlevel = "easier"\nsummary = "Less."\n'
        + "per_side = 1\n",
        "variants[0].per_side",
        ("expected true or false", "got the number 1"),
        1,
    ),
    "unknown exercise in a routine": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace("childs-pose", "glute-brige"),
        "items[0].exercise",
        ("unknown exercise 'glute-brige' (did you mean 'glute-bridge'?)", "check the spelling"),
        1,
    ),
    "unknown variant in a routine": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace('"childs-pose"', '"plank"\nvariant = "sideways"'),
        "items[0].variant",
        ("plank has no variant 'sideways'", "known variants: side-plank"),
        1,
    ),
    "negative rest": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace(
            'equipment = ["mat"]', 'equipment = ["mat"]\nrest_between_exercises_s = -10'
        ),
        "rest_between_exercises_s",
        ("-10 s is out of range", "expected 0–600 s"),
        1,
    ),
    "absurd hold in a routine item": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine") + "hold_s = 86400\n",
        "items[0].hold_s",
        ("86400 s is out of range", "expected 1–600 s"),
        1,
    ),
    "absurd rounds": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace(
            'equipment = ["mat"]', 'equipment = ["mat"]\nrounds = 40'
        ),
        "rounds",
        ("40 is out of range", "expected 1–10"),
        1,
    ),
    "unknown when": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace(
            'equipment = ["mat"]', 'equipment = ["mat"]\nwhen = "lunchtime"'
        ),
        "when",
        ("'lunchtime' is not allowed", "expected one of: after-run, before-run, any"),
        1,
    ),
    "equipment not listed": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace("childs-pose", "ball-back-extension"),
        "items[0]",
        ("ball-back-extension needs 'stability-ball'", "add it to the routine's equipment list"),
        1,
    ),
    "no items": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").split("[[items]]")[0],
        "items",
        ("missing", "expected at least one [[items]] table"),
        1,
    ),
    "ours naming no figure": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine").replace(
            'equipment = ["mat"]', 'equipment = ["mat"]\nours = ["items[3].sets"]'
        ),
        "ours",
        ("'items[3].sets' is not a figure in this file", "expected a routine field"),
        1,
    ),
    "unknown key in an item": (
        "routines",
        "my-routine.toml",
        ROUTINE.format(id="my-routine") + "repetitions = 3\n",
        "items[0].repetitions",
        ("unknown key", "expected one of:", "reps"),
        1,
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_broken_file_is_reported_and_skipped(data_dir: Path, case: str) -> None:
    folder, name, text, field, expect, count = CASES[case]
    path = _write(data_dir, folder, name, text)
    # A good file beside the broken one still loads.
    good = _write(data_dir, "exercises", "good-move.toml", EXERCISE.format(id="good-move"))
    catalog = _load(data_dir)
    _assert_reported(catalog.errors, path, field, *expect)
    assert len(catalog.errors) == count, [str(e) for e in catalog.errors]
    assert Path(name).stem not in catalog.exercises and Path(name).stem not in catalog.routines
    assert catalog.exercises["good-move"].path == good
    assert len(catalog.exercises) == 25 and set(catalog.routines) == SHIPPED_ROUTINES


def test_a_file_can_hold_several_mistakes_and_all_are_reported(data_dir: Path) -> None:
    text = (
        EXERCISE.format(id="my-move")
        .replace('name = "My move"\n', "")
        .replace("hold_s = 30", "hold_s = -1\nsets = 99")
    )
    path = _write(data_dir, "exercises", "my-move.toml", text)
    catalog = _load(data_dir)
    assert sorted(e.field for e in catalog.errors) == ["dosage.hold_s", "dosage.sets", "name"]
    assert all(e.file == path for e in catalog.errors)
    _assert_reported(catalog.errors, path, "dosage.sets", "99 is out of range", "expected 1–10")
    _assert_rest_loads(catalog)


@pytest.mark.parametrize("folder", ["exercises", "routines"])
def test_duplicate_id_keeps_the_first_and_names_both_files(data_dir: Path, folder: str) -> None:
    if folder == "exercises":
        path = _write(data_dir, folder, "plank.toml", EXERCISE.format(id="plank"))
    else:
        path = _write(data_dir, folder, "glute-check.toml", ROUTINE.format(id="glute-check"))
    catalog = _load(data_dir)
    shipped = ASSETS / folder / path.name
    _assert_reported(catalog.errors, path, "id", "duplicate id", str(shipped), "rename one of them")
    assert len(catalog.errors) == 1
    kept = catalog.exercises["plank"] if folder == "exercises" else catalog.routines["glute-check"]
    assert kept.builtin and kept.path == shipped
    _assert_rest_loads(catalog)


def test_a_link_leaving_its_folder_is_refused(data_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "escape.toml"
    outside.parent.mkdir()
    outside.write_text(EXERCISE.format(id="escape"), encoding="utf-8")
    link = data_dir / "exercises" / "escape.toml"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    catalog = _load(data_dir)
    _assert_reported(
        catalog.errors,
        link,
        "(file)",
        f"links to {outside}",
        "outside",
        "expected a file inside",
    )
    assert len(catalog.errors) == 1
    assert "escape" not in catalog.exercises
    _assert_rest_loads(catalog)


def test_a_link_inside_its_folder_is_fine(data_dir: Path) -> None:
    real = _write(data_dir, "routines", "drafts/my-routine.toml", ROUTINE.format(id="my-routine"))
    (data_dir / "routines" / "my-routine.toml").symlink_to(real)
    catalog = _load(data_dir)
    assert catalog.errors == []
    assert "my-routine" in catalog.routines


def test_a_check_answer_pointing_to_an_unknown_routine(data_dir: Path) -> None:
    text = EXERCISE.format(id="my-check") + (
        '[check]\nid = "felt"\nquestion = "Where?"\n'
        '[[check.answers]]\nid = "back"\nlabel = "Back"\nadvice = "Bridges."\n'
        'routine = "glute-chek"\n'
        '[[check.answers]]\nid = "hips"\nlabel = "Hips"\nadvice = "Fine."\n'
    )
    path = _write(data_dir, "exercises", "my-check.toml", text)
    catalog = _load(data_dir)
    _assert_reported(
        catalog.errors,
        path,
        "check.answers[0].routine",
        "unknown routine 'glute-chek'",
        "expected one of:",
        "glute-check",
    )
    assert len(catalog.errors) == 1
    # The advice is still worth showing; only the broken link is dropped.
    check = catalog.exercises["my-check"].check
    assert check is not None and check.answers[0].routine == ""


def test_user_files_load_like_shipped_ones(data_dir: Path) -> None:
    _write(data_dir, "exercises", "my-reps.toml", REPS_EXERCISE.format(id="my-reps"))
    text = ROUTINE.format(id="my-routine") + (
        '\n[[items]]\nexercise = "my-reps"\nreps = 3\n\n[[items]]\nexercise = "plank"\n'
        'variant = "side-plank"\nhold_s = 50\n'
    )
    _write(data_dir, "routines", "my-routine.toml", text)
    catalog = _load(data_dir)
    assert catalog.errors == []
    mine = catalog.exercises["my-reps"]
    assert not mine.builtin and mine.dosage.reps == 5
    routine = catalog.routines["my-routine"]
    assert not routine.builtin
    plan = build_plan(routine, catalog)
    work = [(s.exercise_id, s.side, s.duration_s) for s in plan.work_segments]
    assert work[0] == ("childs-pose", "none", 30.0)
    assert work[1] == ("my-reps", "none", 6.0)  # 3 reps of a 2 s lift
    # The side plank is done on each side, three sets of the hold asked for.
    assert [w for w in work if w[0] == "plank"] == [
        ("plank", side, 50.0) for _ in range(3) for side in ("left", "right")
    ]
    assert len(catalog.exercises) == 25
    assert set(catalog.routines) == SHIPPED_ROUTINES | {"my-routine"}


THREE_MISTAKES = """\
id = "my-routine"
name = "My routine"
purpose = "Stretches after a run."
rounds = 40
rest_between_exercises_s = "thirty"
equipment = ["mat"]
sources = ["002_28ac56f964d3cfe9.txt"]

[[items]]
exercise = "childs-pose"

[[items]]
exercise = "cat-cow"

[[items]]
exercise = "glute-brige"
"""


def test_three_mistakes_three_errors_and_the_list_still_shows(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from backcoach.cli import main

    path = _write(data_dir, "routines", "my-routine.toml", THREE_MISTAKES)
    catalog = _load(data_dir)
    assert len(catalog.errors) == 3
    _assert_reported(catalog.errors, path, "rounds", "40 is out of range", "expected 1–10")
    _assert_reported(
        catalog.errors, path, "rest_between_exercises_s", "expected a number", 'got text "thirty"'
    )
    _assert_reported(
        catalog.errors,
        path,
        "items[2].exercise",
        "unknown exercise 'glute-brige'",
        "check the spelling",
    )

    assert main(["--data-dir", str(data_dir), "routines"]) == 0
    out, err = capsys.readouterr()
    listed = {line.split()[0] for line in out.splitlines()[1:]}
    assert listed == SHIPPED_ROUTINES
    skipped = err.strip().splitlines()
    assert len(skipped) == 3
    assert all(line.startswith(f"backcoach: skipped: {path}: ") for line in skipped)
    for field in ("rounds", "rest_between_exercises_s", "items[2].exercise"):
        assert any(f"{path}: {field}: " in line for line in skipped), field

    assert main(["--data-dir", str(data_dir), "routines", "--json"]) == 0
    out, err = capsys.readouterr()
    assert {row["id"] for row in json.loads(out)} == SHIPPED_ROUTINES
    assert len(err.strip().splitlines()) == 3


def test_a_variant_dosage_changes_only_what_it_names(data_dir: Path) -> None:
    text = REPS_EXERCISE.format(id="my-reps").replace(
        "reps = 5\n", "reps = 5\ndefault_is_ours = true\n"
    ) + (
        '[[variants]]\nid = "slow"\nname = "Slow"\nlevel = "easier"\nsummary = "Slower."\n'
        "per_side = true\n"
        '[[variants.dosage.tempo]]\nname = "lift"\nseconds = 4\ncue = "Slowly lift"\n'
    )
    _write(data_dir, "exercises", "my-reps.toml", text)
    catalog = _load(data_dir)
    assert catalog.errors == []
    ex = catalog.exercises["my-reps"]
    slow = ex.variant("slow")
    assert slow is not None and slow.dosage is not None
    assert (slow.dosage.reps, slow.dosage.default_is_ours) == (5, True)
    assert [(p.name, p.seconds) for p in slow.dosage.tempo] == [("lift", 4.0)]
    assert ex.per_side is False and ex.per_side_for("slow") is True
