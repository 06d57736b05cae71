"""Hostile files in the data folder: each is refused by name (file and field) and the
rest of the catalogue loads; nothing crashes, hangs or stalls."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach.core import catalog_files
from backcoach.core.catalog import UNFORESEEN, load_catalog
from tests.conftest import ASSETS, REPO

HOSTILE = REPO / "tests" / "hostile"
SHIPPED_ROUTINES = {p.stem for p in (ASSETS / "routines").glob("*.toml")}

# file -> (field named, words in the message)
EXPECTED = {
    "control-chars.toml": ("name (line 2)", "not valid TOML"),
    "deep-nesting.toml": ("x (line 2)", "nests tables or lists far too deeply"),
    "deep-tables.toml": ("x.a.a.a.a.a.a.a.a.a", "11 deep; at most 10 levels"),
    "huge-float.toml": ("rest_between_exercises_s", "inf s is out of range"),
    "huge-integer.toml": ("rounds (line 3)", "thousands of digits; far too large"),
    "huge-number.toml": ("rest_between_exercises_s", "a number of 401 digits; far too large"),
    "long-text.toml": ("name", "at most 1000"),
    "many-rounds.toml": ("rounds", "10 rounds × 17 exercises is 170; at most 120"),
    "nan.toml": ("rest_between_exercises_s", "nan s is out of range"),
    "not-utf8.toml": ("line 4", "save the file as UTF-8"),
    "utf16.toml": ("(encoding)", "is saved as UTF-16; save it as UTF-8"),
}


def _load(data: Path):  # type: ignore[no-untyped-def]
    return load_catalog(ASSETS, data)


def _one_error(catalog, path: Path):  # type: ignore[no-untyped-def]
    mine = [e for e in catalog.errors if e.file == path]
    assert len(mine) == 1, [str(e) for e in catalog.errors]
    assert not any(UNFORESEEN in e.message for e in catalog.errors)
    assert set(catalog.routines) >= SHIPPED_ROUTINES  # the rest still loads
    return mine[0]


def test_every_regression_file_is_covered() -> None:
    assert {p.name for p in HOSTILE.glob("*.toml")} == set(EXPECTED) | {"bom.toml"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_hostile_file_is_refused_naming_file_and_field(data_dir: Path, name: str) -> None:
    path = data_dir / "routines" / name
    path.parent.mkdir(parents=True)
    shutil.copyfile(HOSTILE / name, path)
    error = _one_error(_load(data_dir), path)
    field, words = EXPECTED[name]
    assert (error.field, words in error.message) == (field, True), str(error)
    assert str(error).startswith(f"{path}: {field}: ")


def test_a_byte_order_mark_is_accepted(data_dir: Path) -> None:
    (data_dir / "routines").mkdir(parents=True)
    shutil.copyfile(HOSTILE / "bom.toml", data_dir / "routines" / "bom.toml")
    catalog = _load(data_dir)
    assert catalog.errors == []
    assert catalog.routines["bom"].name == "Glute check and bridge"


def test_a_ten_thousand_item_routine_is_refused_before_it_is_planned(data_dir: Path) -> None:
    path = data_dir / "routines" / "big.toml"
    path.parent.mkdir(parents=True)
    items = ",".join(['{exercise="plank"}'] * 10_000)
    path.write_text(
        'id = "big"\nname = "Big"\npurpose = "x"\nequipment = ["mat"]\n'
        f'sources = ["002_28ac56f964d3cfe9.txt"]\nitems = [{items}]\n',
        encoding="utf-8",
    )
    assert path.stat().st_size < catalog_files.MAX_FILE_BYTES  # the item count refuses it
    error = _one_error(_load(data_dir), path)
    assert (error.field, error.message) == ("items", "10000 exercises; at most 40")


def test_a_file_past_the_size_limit_is_refused_unread(data_dir: Path) -> None:
    path = data_dir / "exercises" / "big.toml"
    path.parent.mkdir(parents=True)
    path.write_text("# padding\n" * 30_000, encoding="utf-8")
    error = _one_error(_load(data_dir), path)
    assert (error.field, "larger than 256 KB" in error.message) == ("(file)", True)


def test_a_fifo_a_folder_and_a_linked_socket_are_refused_by_name_without_opening(
    data_dir: Path,
) -> None:
    folder = data_dir / "exercises"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "x.toml")  # opening it would wait for a writer for ever
    (folder / "dir.toml").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    short = Path(f"/tmp/bc-{os.getpid()}-sock.toml")  # AF_UNIX paths are short
    try:
        sock.bind(str(short))
        (folder / "sock.toml").symlink_to(short)  # a link outside: refused as such
        catalog = _load(data_dir)
    finally:
        sock.close()
        short.unlink(missing_ok=True)
    said = {e.file.name: (e.field, e.message) for e in catalog.errors}
    assert said["x.toml"] == (
        "(file)",
        "is a named pipe (FIFO), not a file; only plain files are read: remove it",
    )
    assert said["dir.toml"][1].startswith("is a folder, not a file")
    assert "outside" in said["sock.toml"][1]
    assert set(catalog.routines) >= SHIPPED_ROUTINES


def test_a_socket_inside_the_folder_is_refused(data_dir: Path) -> None:
    folder = data_dir / "routines"
    folder.mkdir(parents=True)
    here = Path.cwd()
    os.chdir(folder)  # bind by a short relative name
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind("s.toml")
        catalog = _load(data_dir)
    finally:
        sock.close()
        os.chdir(here)
    error = _one_error(catalog, folder / "s.toml")
    assert error.message.startswith("is a socket, not a file")


def test_a_linked_folder_is_refused_like_a_linked_file(data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copyfile(HOSTILE / "bom.toml", elsewhere / "bom.toml")
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "routines").symlink_to(elsewhere, target_is_directory=True)
    catalog = _load(data_dir)
    (error,) = catalog.errors
    assert (error.file, error.field) == (data_dir / "routines", "(folder)")
    assert error.message.startswith(f"is a link to {elsewhere}; linked folders are not read")
    assert "bom" not in catalog.routines


def test_routines_command_with_hostile_files_lists_the_shipped_ones_and_names_each(
    tmp_path: Path,
) -> None:
    data = tmp_path / "hostile-data"
    (data / "routines").mkdir(parents=True)
    (data / "exercises").mkdir()
    shutil.copyfile(HOSTILE / "deep-nesting.toml", data / "routines" / "deep-nesting.toml")
    shutil.copyfile(HOSTILE / "huge-number.toml", data / "routines" / "huge-number.toml")
    os.mkfifo(data / "exercises" / "x.toml")
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(data), "routines"],
        cwd=REPO, capture_output=True, text=True, timeout=60,  # a hang fails here
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    listed = {line.split()[0] for line in out.stdout.splitlines()[1:]}
    assert listed == SHIPPED_ROUTINES
    skipped = [line for line in out.stderr.splitlines() if line.startswith("backcoach: skipped: ")]
    assert sorted(Path(line.split(": ")[2]).name for line in skipped) == [
        "deep-nesting.toml",
        "huge-number.toml",
        "x.toml",
    ]


def test_the_documented_limits_are_the_enforced_ones() -> None:
    doc = (REPO / "docs" / "routine-format.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Limits") : doc.index("## An exercise")]
    for figure in (
        f"{catalog_files.MAX_FILE_BYTES // 1024} KB",
        f"| {catalog_files.MAX_ITEMS} |",
        f"| {catalog_files.MAX_ROUND_ITEMS} |",
        f"| {catalog_files.MAX_LIST} |",
        f"| {catalog_files.MAX_DEPTH} levels |",
        f"| {catalog_files.MAX_TEXT:,} characters |",
        f"{catalog_files.MAX_WHOLE:,}",
    ):
        assert figure in table, figure
