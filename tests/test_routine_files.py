"""Routine files through the real command line: validate, import, export, round trips."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach import paths
from backcoach.core.catalog import load_catalog
from backcoach.core.catalog_parse import parse_exercise, parse_routine
from backcoach.core.catalog_write import dumps, exercise_table, routine_table
from backcoach.core.routine_file import check_routine_file
from backcoach.core.routine_import import free_id
from tests.conftest import ASSETS
from tests.routine_file_helpers import (
    BROKEN,
    CARRIES,
    PHYSIO,
    assets_without_routines,
    plan_json,
    run_cli,
    toml_files,
)

SHIPPED = sorted(load_catalog(ASSETS).routines)


def test_every_shipped_file_is_written_back_to_the_same_objects(catalog) -> None:
    for ex in catalog.exercises.values():
        errors: list = []
        back = parse_exercise(ex.path, tomllib.loads(dumps(exercise_table(ex))), True, errors)
        assert errors == [] and back == ex, ex.id
    for rt in catalog.routines.values():
        errors = []
        text = dumps(routine_table(rt))
        back = parse_routine(rt.path, tomllib.loads(text), True, catalog.exercises, errors)
        assert errors == [] and back == rt, rt.id


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_a_shipped_routine_exported_and_imported_into_a_fresh_folder_plans_byte_identically(
    routine_id, tmp_path, capsys, monkeypatch
) -> None:
    before = plan_json(capsys, tmp_path / "mine", routine_id)
    file = tmp_path / f"{routine_id}-export.toml"
    code, out, _ = run_cli(
        capsys, "--data-dir", str(tmp_path / "mine"), "routine", "export", routine_id, str(file)
    )
    assert code == 0 and out == f"wrote {file}\n"
    # The other computer has no routine of that id, so it keeps its id and name.
    monkeypatch.setenv(paths.ASSET_ROOT_ENV, str(assets_without_routines(ASSETS, tmp_path / "a")))
    fresh = tmp_path / "fresh"
    code, out, err = run_cli(capsys, "--data-dir", str(fresh), "routine", "import", str(file))
    assert code == 0, err
    assert toml_files(fresh) == [fresh / "routines" / f"{routine_id}.toml"]
    assert plan_json(capsys, fresh, routine_id) == before


def test_a_physios_file_validates_imports_lists_plans_and_hands_over(tmp_path, capsys) -> None:
    file = tmp_path / "physio plan from Jo.toml"  # any file name: it is saved under its id
    file.write_text(PHYSIO, encoding="utf-8")
    data = tmp_path / "data"
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "routine", "validate", str(file))
    assert code == 0
    assert (
        out
        == (
            f"{file}: a valid routine: Physio's plan for Sam (physio-plan), 3 exercises, 13.1 min.\n"  # rests include the get-ready
        )
    )
    assert toml_files(data) == []
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "routine", "import", str(file))
    assert code == 0 and "Imported Physio's plan for Sam as physio-plan." in out
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "routines", "--json")
    listed = {r["id"]: r for r in __import__("json").loads(out)}
    assert listed["physio-plan"]["builtin"] is False and listed["physio-plan"]["minutes"] == 13.1
    planned = plan_json(capsys, data, "physio-plan")
    out_file = tmp_path / "to-email.toml"
    code, _, _ = run_cli(
        capsys, "--data-dir", str(data), "routine", "export", "physio-plan", str(out_file)
    )
    assert code == 0
    other = tmp_path / "other"
    code, _, _ = run_cli(capsys, "--data-dir", str(other), "routine", "import", str(out_file))
    assert code == 0
    assert plan_json(capsys, other, "physio-plan") == planned


@pytest.mark.parametrize("action", ["validate", "import"])
def test_a_broken_file_is_refused_with_each_mistake_named_and_nothing_written(
    action, tmp_path, capsys
) -> None:
    file = tmp_path / "broken.toml"
    file.write_text(BROKEN, encoding="utf-8")
    data = tmp_path / "data"
    code, out, err = run_cli(capsys, "--data-dir", str(data), "routine", action, str(file))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{file}: items[0].exercise: unknown exercise 'glute-brige' (did you mean "
        "'glute-bridge'?); check the spelling against assets/exercises/",
        f"{file}: rounds: 40 is out of range; expected 1–10",
        f'{file}: rest_between_exercises_s: expected a number, got text "thirty"',
        f"backcoach: {file} is not a valid routine: 3 mistakes; nothing was written",
    ]
    assert toml_files(data) == []


def test_a_file_carrying_its_own_exercise_imports_both_and_runs(tmp_path, capsys) -> None:
    file = tmp_path / "wall.toml"
    file.write_text(CARRIES, encoding="utf-8")
    data = tmp_path / "data"
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "routine", "validate", str(file))
    assert code == 0 and "it carries 1 exercise of its own" in out
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "routine", "import", str(file))
    assert code == 0
    assert toml_files(data) == [
        data / "exercises/wall-sit.toml",
        data / "routines/wall-sit-plan.toml",
    ]
    catalog = load_catalog(ASSETS, data)
    assert catalog.errors == []
    wall = catalog.exercise("wall-sit")
    assert (wall.builtin, wall.picture, wall.dosage.sets) == (False, "calf-stretch", 2)
    code, out, err = run_cli(
        capsys, "--data-dir", str(data), "run", "wall-sit-plan", "--speed", "100", "--mute"
    )
    assert code == 0, err
    assert "Wall sit · set 2 of 2" in out and "Session completed" in out
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "history")
    assert "Wall sit plan" in out and "completed" in out


def test_an_id_already_taken_asks_then_keeps_both_or_replaces(tmp_path, capsys) -> None:
    file = tmp_path / "physio.toml"
    file.write_text(PHYSIO, encoding="utf-8")
    data = str(tmp_path / "data")
    assert run_cli(capsys, "--data-dir", data, "routine", "import", str(file))[0] == 0
    code, _, err = run_cli(capsys, "--data-dir", data, "routine", "import", str(file))
    assert code == 2
    assert "the id physio-plan is already used by your own routine (Physio's plan for Sam)" in err
    assert "--replace" in err and "--keep-both" in err
    code, out, _ = run_cli(
        capsys, "--data-dir", data, "routine", "import", str(file), "--keep-both"
    )
    assert code == 0 and "imported as physio-plan-2" in out
    catalog = load_catalog(ASSETS, Path(data))
    assert catalog.routine("physio-plan-2").name == "Physio's plan for Sam (2)"
    file.write_text(PHYSIO.replace("rounds = 2", "rounds = 3"), encoding="utf-8")
    code, _, _ = run_cli(capsys, "--data-dir", data, "routine", "import", str(file), "--replace")
    assert code == 0
    assert load_catalog(ASSETS, Path(data)).routine("physio-plan").rounds == 3


def test_a_shipped_id_is_never_replaced(tmp_path, capsys) -> None:
    file = tmp_path / "export.toml"
    data = str(tmp_path / "data")
    run_cli(capsys, "--data-dir", data, "routine", "export", "extra-stretches", str(file))
    code, out, _ = run_cli(capsys, "--data-dir", data, "routine", "import", str(file), "--replace")
    assert code == 0 and "imported as extra-stretches-2" in out
    assert load_catalog(ASSETS, Path(data)).routine("extra-stretches").builtin


def test_a_carried_exercise_that_differs_from_yours_is_renamed_with_its_references(
    tmp_path, capsys
) -> None:
    data = tmp_path / "data"
    file = tmp_path / "wall.toml"
    file.write_text(CARRIES, encoding="utf-8")
    run_cli(capsys, "--data-dir", str(data), "routine", "import", str(file))
    changed = CARRIES.replace("hold_s = 20\nsets = 2", "hold_s = 45\nsets = 2")
    file.write_text(changed, encoding="utf-8")
    code, _, _ = run_cli(
        capsys, "--data-dir", str(data), "routine", "import", str(file), "--keep-both"
    )
    assert code == 0
    catalog = load_catalog(ASSETS, data)
    assert catalog.errors == []
    assert catalog.exercise("wall-sit").dosage.hold_s == 20
    assert catalog.exercise("wall-sit-2").dosage.hold_s == 45
    assert catalog.routine("wall-sit-plan-2").items[0].exercise == "wall-sit-2"


def test_importing_the_same_carried_exercise_again_writes_it_once(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    file = tmp_path / "wall.toml"
    file.write_text(CARRIES.replace('id = "wall-sit-plan"', 'id = "first"'), encoding="utf-8")
    run_cli(capsys, "--data-dir", str(data), "routine", "import", str(file))
    file.write_text(CARRIES.replace('id = "wall-sit-plan"', 'id = "second"'), encoding="utf-8")
    code, out, _ = run_cli(capsys, "--data-dir", str(data), "routine", "import", str(file))
    assert code == 0 and "wall-sit.toml" not in out  # the same exercise: nothing to write
    assert [p.name for p in toml_files(data)] == ["wall-sit.toml", "first.toml", "second.toml"]


def test_a_routine_file_in_the_data_folder_may_carry_exercises(tmp_path) -> None:
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "wall-sit-plan.toml").write_text(CARRIES, encoding="utf-8")
    catalog = load_catalog(ASSETS, tmp_path)
    assert catalog.errors == []
    assert catalog.exercise("wall-sit").path == tmp_path / "routines" / "wall-sit-plan.toml"


def test_carried_exercise_mistakes_name_their_table(tmp_path, capsys) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(CARRIES.replace("hold_s = 20\nsets = 2", "hold_s = 900\nsets = 2"), "utf-8")
    code, _, err = run_cli(capsys, "routine", "validate", str(file))
    assert code == 1
    assert f"{file}: exercise[0].dosage.hold_s: 900 s is out of range; expected 1–600 s" in err
    file.write_text(CARRIES.replace('"calf-stretch"', '"my-drawing"'), "utf-8")
    code, _, err = run_cli(capsys, "routine", "validate", str(file))
    assert code == 1
    assert f"{file}: exercise[0].picture: unknown picture 'my-drawing'" in err


def test_command_line_usage_mistakes(tmp_path, capsys) -> None:
    code, _, err = run_cli(capsys, "routine", "validate", str(tmp_path / "nope.toml"))
    assert code == 2 and "no such file" in err
    code, _, err = run_cli(capsys, "routine", "export", "no-such", str(tmp_path / "x.toml"))
    assert code == 2 and "no routine called 'no-such'" in err
    code, _, err = run_cli(capsys, "routine", "export", "extra-stretches", str(tmp_path / "x.txt"))
    assert code == 2 and "end in .toml" in err
    (tmp_path / "bad.toml").write_text("id = [", encoding="utf-8")
    code, _, err = run_cli(capsys, "routine", "import", str(tmp_path / "bad.toml"))
    assert code == 1 and "not valid TOML" in err


def test_free_ids() -> None:
    assert free_id("plan", {"other"}) == "plan"
    assert free_id("plan", {"plan", "plan-2"}) == "plan-3"
    assert free_id("plan-2", {"plan-2"}) == "plan-3"


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 2000) | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
_KEYS = st.sampled_from(
    ["id", "name", "purpose", "rounds", "items", "exercise", "when", "equipment", "ours", "x"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_any_file_a_runner_hands_over_gives_errors_never_a_crash(table, catalog, tmp_path) -> None:
    import tomli_w

    def clean(v):  # TOML has no null
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [clean(x) for x in v if x is not None]
        return v

    file = tmp_path / "fuzz.toml"
    file.write_text(tomli_w.dumps(clean(table)), encoding="utf-8")
    found = check_routine_file(file, replace(catalog))
    assert found.ok or found.errors
    for e in found.errors:
        assert e.file == file and str(e).startswith(f"{file}")
