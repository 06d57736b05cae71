"""The catalogue's parsed files kept between starts (core.catalog_cache): a start with
the cache loads exactly the catalogue a start without it does, any change to a file is
parsed afresh, and a damaged or tampered cache only costs speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from backcoach import content, paths
from backcoach.core.catalog import load_catalog
from backcoach.core.catalog_cache import ParsedCache
from tests.conftest import ASSETS, REPO

MINE = """id = "mine"
name = "{name}"
purpose = "A routine of my own."
when = "any"
equipment = ["mat"]

[[items]]
exercise = "childs-pose"
"""


def _mine(data_dir: Path, name: str) -> Path:
    path = data_dir / "routines" / "mine.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINE.format(name=name), encoding="utf-8")
    return path


def _cache_file() -> Path:
    return paths.cache_dir() / content.CACHE_NAME


def test_a_start_from_the_cache_loads_the_same_catalogue(data_dir: Path) -> None:
    _mine(data_dir, "Mine")
    parsed = load_catalog(ASSETS, data_dir)
    first = content.load(keep_parsed=True)  # parses, and keeps what it parsed
    kept = json.loads(_cache_file().read_text(encoding="utf-8"))["files"]
    assert len(kept) == len(parsed.exercises) + len(parsed.routines)
    again = content.load()
    assert first.exercises == again.exercises == parsed.exercises
    assert first.routines == again.routines == parsed.routines
    assert again.errors == [] and again.routines["mine"].name == "Mine"


def test_a_changed_file_is_parsed_again(data_dir: Path) -> None:
    path = _mine(data_dir, "Mine")
    content.load(keep_parsed=True)
    _mine(data_dir, "Mine, edited")  # another size and modification time
    assert content.load(keep_parsed=True).routines["mine"].name == "Mine, edited"
    path.write_text('id = "mine"\nname = \n', encoding="utf-8")
    broken = content.load(keep_parsed=True)
    assert "mine" not in broken.routines and broken.errors  # its mistake, not the old copy
    path.unlink()
    assert "mine" not in content.load().routines
    kept = json.loads(_cache_file().read_text(encoding="utf-8"))["files"]
    assert str(path) not in kept  # what is gone drops out of the cache


def test_a_tampered_cache_is_only_a_slower_start(data_dir: Path) -> None:
    path = _mine(data_dir, "Mine")
    content.load(keep_parsed=True)
    raw = json.loads(_cache_file().read_text(encoding="utf-8"))
    entry = raw["files"][str(path)]
    entry[1]["name"] = "x" * 5000  # past the limit on text: the file itself is read
    entry[1]["purpose"] = [[[[[[[[[[[["deep"]]]]]]]]]]]]
    _cache_file().write_text(json.dumps(raw), encoding="utf-8")
    assert content.load().routines["mine"].name == "Mine"
    _cache_file().write_text("{not json", encoding="utf-8")
    assert content.load().routines["mine"].name == "Mine"


def test_only_plain_data_is_kept(tmp_path: Path) -> None:
    import datetime

    cache = ParsedCache(tmp_path / "c.json", write=True)
    st = os.stat(REPO / "pyproject.toml")
    cache.put(tmp_path / "a.toml", st, {"when": datetime.date(2025, 1, 1)})
    cache.put(tmp_path / "b.toml", st, {"name": "b", "n": [1, 2.5, True]})
    cache.save()
    assert list(json.loads((tmp_path / "c.json").read_text())["files"]) == [
        str(tmp_path / "b.toml")
    ]


def test_commands_read_the_cache_but_never_write_it(data_dir: Path) -> None:
    env = {**os.environ}
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "routines"], cwd=REPO, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert not paths.cache_dir().exists()


def test_a_start_from_the_cache_never_loads_the_toml_parser(data_dir: Path) -> None:
    content.load(keep_parsed=True)
    code = (
        "import sys\nfrom backcoach import content\ncatalog = content.load()\n"
        "print(len(catalog.routines), 'tomllib' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(len(load_catalog(ASSETS).routines)), "False"]
