"""Settings are checked by type, range and shape: a bad value becomes its default with
one notice naming it, the file is kept aside by the owner, and writes merge."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from backcoach.core.settings import (
    Settings,
    load_settings,
    save_settings,
    update_settings_file,
)
from tests.conftest import REPO

HOSTILE = {
    "negative": -100,
    "zero": 0,
    "nan": math.nan,
    "inf": math.inf,
    "huge float": 1e308,
    "huge whole": 10**20,
    "wrong type": "loud",
    "wrong shape": {"a": [1, {"b": None}]},
    "a list": [1, 2, 3],
}
# Values some settings rightly accept (zero minutes: no limit; volume 0: silent).
ACCEPTED = {("max_minutes", "zero"), ("volume", "zero")}


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN / Infinity
    return path


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_each_setting_at_a_hostile_value_falls_back_with_one_notice(
    tmp_path: Path, name: str, kind: str
) -> None:
    hostile = HOSTILE[kind]
    if kind == "wrong type" and isinstance(getattr(Settings(), name), str):
        hostile = 42  # any text is a voice id; a number is not
    path = _write(tmp_path / "settings.json", {name: hostile})
    loaded = load_settings(path)
    value = getattr(loaded.settings, name)
    if (name, kind) in ACCEPTED:
        assert loaded.notices == () and value == 0
        return
    assert value == getattr(Settings(), name)  # the default, not the hostile value
    assert len(loaded.notices) == 1, loaded.notices
    (notice,) = loaded.notices
    assert notice.startswith(f"Setting {name} in settings.json: ")
    assert "using the default" in notice or "dropped" in notice
    assert len(notice) < 300  # a 21-digit number or a table is shown short


def test_the_settings_of_the_issue_each_told_once_and_the_file_kept_aside(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"max_minutes": 100000000000000000000, "prepare_s": -100, '
        '"rate_wpm": 1000000000000, "volume": NaN}',
        encoding="utf-8",
    )
    original = path.read_text(encoding="utf-8")
    loaded = load_settings(path, keep_aside=True)
    s = loaded.settings
    assert (s.max_minutes, s.prepare_s, s.rate_wpm, s.volume) == (0, 10.0, 165, 1.0)
    told = loaded.notices[:-1]
    assert [n.split(":")[0] for n in told] == [
        "Setting rate_wpm in settings.json",
        "Setting volume in settings.json",
        "Setting prepare_s in settings.json",
        "Setting max_minutes in settings.json",
    ]
    assert told[0] == (
        "Setting rate_wpm in settings.json: 1000000000000 is outside 100–240; "
        "using the default, 165 (Rate on the Settings page)."
    )
    assert "nan is not a number backcoach can use" in told[1]
    (aside,) = tmp_path.glob("settings.json.invalid-*")
    assert aside.read_text(encoding="utf-8") == original
    assert loaded.notices[-1] == f"The file as it was is kept at {aside}."
    # The checked settings are written in its place: the next start is quiet.
    again = load_settings(path, keep_aside=True)
    assert again.notices == () and again.settings == s


def test_a_reader_leaves_a_bad_file_where_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    path = _write(folder / "settings.json", {"volume": 7})
    before = path.read_bytes()
    assert len(load_settings(path).notices) == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["settings.json"]


@pytest.mark.parametrize(
    "text",
    ["{not json", "[1, 2]", '"just text"', "\ufeff" + '{"volume": 0.5', "[" * 100_000],
)
def test_a_file_that_cannot_be_read_is_kept_aside_as_corrupt(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    loaded = load_settings(path, keep_aside=True)
    assert loaded.settings == Settings()
    (notice,) = loaded.notices
    assert notice.startswith("Your settings file could not be read (")
    (aside,) = tmp_path.glob("settings.json.corrupt-*")
    assert aside.read_text(encoding="utf-8") == text
    assert str(aside) in notice


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('\ufeff{"volume": 0.5}', encoding="utf-8")
    assert load_settings(path) == load_settings(path)
    assert load_settings(path).settings.volume == 0.5


def test_tables_keep_their_good_entries_and_drop_the_bad(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "settings.json",
        {
            "routine_options": {
                "glute-check": {"rounds": 2, "hold_s": 30, "voice": True},
                "post-run-cooldown": {"rounds": math.inf},
                "Not An Id": {"rounds": 1},
                "pre-run-warm-up": [1, 2],
            },
            "variant_choices": {"glute-check": {"single-leg-bridge": "double-leg", "x": 5}},
        },
    )
    loaded = load_settings(path)
    assert loaded.settings.routine_options == {
        "glute-check": {"rounds": 2, "hold_s": 30.0, "voice": True}
    }
    assert loaded.settings.variant_choices == {"glute-check": {"single-leg-bridge": "double-leg"}}
    assert [n.split(":")[0] for n in loaded.notices] == [
        "Setting variant_choices in settings.json",
        "Setting routine_options in settings.json",
    ]
    assert "3 entries were not valid and were dropped" in loaded.notices[1]


def test_with_changes_refuses_what_a_setting_cannot_take() -> None:
    s = Settings()
    assert s.with_changes(volume=0.25).volume == 0.25
    for bad in ({"volume": math.nan}, {"prepare_s": -1}, {"theme": "purple"}, {"nope": 1}):
        with pytest.raises(ValueError, match="setting"):
            s.with_changes(**bad)


def test_writes_change_only_their_own_fields_and_keep_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(theme="dark"), keep={"a_newer_setting": {"mon": "glute-check"}})
    # Two writers that each loaded the file before the other wrote:
    update_settings_file(path, {"volume": 0.4})
    update_settings_file(path, {"muted": True})
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert (raw["theme"], raw["volume"], raw["muted"]) == ("dark", 0.4, True)
    assert raw["a_newer_setting"] == {"mon": "glute-check"}  # a newer version's, kept


_OTHER_WRITER = """
import sys
from pathlib import Path
from backcoach.core.settings import update_settings_file
update_settings_file(Path(sys.argv[1]), {"theme": "dark", "first_side": "right"})
"""


def test_two_processes_writing_settings_cannot_undo_each_other(tmp_path: Path) -> None:
    from backcoach.ui.context import AppContext

    path = tmp_path / "settings.json"
    save_settings(path, Settings())
    ctx = AppContext(catalog=None, settings=load_settings(path).settings, settings_path=path)  # type: ignore[arg-type]
    subprocess.run(
        [sys.executable, "-c", _OTHER_WRITER, str(path)], cwd=REPO, check=True, timeout=60
    )
    assert ctx.update_settings(volume=0.3)  # this copy still holds the old theme in memory
    again = load_settings(path).settings
    assert (again.theme, again.first_side, again.volume) == ("dark", "right", 0.3)
