"""What a release carries: the licence in the repository, the wheel and the sdist; an
sdist of a clean clone with exactly the files it should have; a changelog and store
metadata that agree with the program; links that work outside the repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from backcoach import __version__
from backcoach.paths import APP_ID
from tests.conftest import REPO

HOME = "https://github.com/backcoach/backcoach"
METAINFO = REPO / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
# Top-level entries of the sdist: the package and what builds, tests and installs it.
SDIST_TOP = {
    "backcoach",
    "assets",
    "tests",
    "docs",
    "packaging",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "pyproject.toml",
    "PKG-INFO",  # written by the build
    ".gitignore",  # hatchling always adds it
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sdist and wheel of a clean clone whose working tree also holds build outputs."""
    from hatchling.builders.sdist import SdistBuilder
    from hatchling.builders.wheel import WheelBuilder

    tmp = tmp_path_factory.mktemp("release")
    clone = tmp / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{REPO}", str(clone)], check=True
    )
    # What a working tree has after packaging/linux/build.sh and a venv: none of it may ship.
    for junk in ("dist/backcoach/_internal/big.so", "build/pyinstaller/x.toc", ".venv/bin/x"):
        (clone / junk).parent.mkdir(parents=True, exist_ok=True)
        (clone / junk).write_bytes(b"\0" * 1024)
    out = tmp / "out"
    sdist = Path(next(SdistBuilder(str(clone)).build(directory=str(out))))
    wheel = Path(next(WheelBuilder(str(clone)).build(directory=str(out))))
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.split()
    return {"sdist": sdist, "wheel": wheel, "tracked": set(tracked)}


def test_the_licence_is_mit_and_in_the_repository() -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "backcoach developers" in text
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT"' in pyproject and 'license-files = ["LICENSE"]' in pyproject


def test_the_sdist_of_a_clean_clone_holds_only_what_it_should(built) -> None:
    prefix = f"backcoach-{__version__}/"
    with tarfile.open(built["sdist"]) as tar:
        names = [m.name for m in tar.getmembers() if m.isfile()]
    assert names and all(n.startswith(prefix) for n in names)
    files = {n[len(prefix) :] for n in names}
    assert {f.split("/")[0] for f in files} == SDIST_TOP
    # Every file is one git tracks (no build output, caches or venv) apart from PKG-INFO.
    assert files - {"PKG-INFO"} <= built["tracked"]
    assert "LICENSE" in files and "CHANGELOG.md" in files
    assert any(f.startswith("assets/routines/") for f in files)
    assert f"packaging/linux/{APP_ID}.metainfo.xml" in files
    assert built["sdist"].stat().st_size < 3_000_000, built["sdist"].stat().st_size


def test_the_wheel_carries_the_licence_and_the_assets_but_no_tests(built) -> None:
    with zipfile.ZipFile(built["wheel"]) as whl:
        names = set(whl.namelist())
        meta = whl.read(f"backcoach-{__version__}.dist-info/METADATA").decode()
        licence = whl.read(f"backcoach-{__version__}.dist-info/licenses/LICENSE").decode()
    assert licence.startswith("MIT License")
    assert "License-Expression: MIT" in meta and "License-File: LICENSE" in meta
    assert f"Project-URL: Homepage, {HOME}" in meta
    assert f"Project-URL: Issues, {HOME}/issues" in meta
    for classifier in ("Programming Language :: Python :: 3.11", "Operating System :: POSIX :: Linux",
                       "Operating System :: Microsoft :: Windows", "Operating System :: MacOS",
                       "Development Status :: 4 - Beta"):  # fmt: skip
        assert f"Classifier: {classifier}" in meta
    assert any(n.startswith("backcoach/assets/routines/") for n in names)
    assert not any(n.startswith(("tests/", "dist/", "build/")) for n in names)


def readme_images() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)


def test_the_readme_links_work_outside_the_repository() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", text)
    relative = [u for u in links if not re.match(r"https?://|#|mailto:", u)]
    assert relative == [], "relative links break on PyPI and in software centres"
    for url in links:
        if url.startswith(HOME + "/"):
            rel = re.sub(rf"^{re.escape(HOME)}/(raw|blob)/main/", "", url)
            assert rel != url and (REPO / rel).is_file(), f"{url}: no {rel} in the repository"
    assert len(readme_images()) >= 6


def test_the_metainfo_has_the_readmes_screenshots_and_the_project_links() -> None:
    root = ET.parse(METAINFO).getroot()
    shots = root.findall("screenshots/screenshot")
    images = [s.findtext("image") for s in shots]
    assert images == readme_images()
    assert [s.get("type") for s in shots].count("default") == 1
    assert all(s.findtext("caption") for s in shots)
    urls = {u.get("type"): u.text for u in root.findall("url")}
    assert urls["homepage"] == HOME and urls["bugtracker"] == f"{HOME}/issues"


def test_the_metainfo_validates_without_warnings() -> None:
    exe = shutil.which("appstreamcli")
    assert exe, "appstreamcli is missing: scripts/system-deps test installs it"
    out = subprocess.run(
        [exe, "validate", "--explain", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    report = out.stdout + out.stderr
    assert out.returncode == 0, report
    assert not re.search(r"^[WE]: ", report, re.M), report


def test_the_changelog_and_the_metainfo_name_the_same_releases() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    changelog = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    releases = [
        (r.get("version"), r.get("date"))
        for r in ET.parse(METAINFO).getroot().findall("releases/release")
    ]
    assert changelog == releases
    assert changelog[0][0] == __version__
    assert "## [Unreleased]" in text
