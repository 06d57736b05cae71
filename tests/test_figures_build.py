"""The committed pictures are current, generation is deterministic, and the figures
package never needs Qt."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from backcoach.figures.build import build, generate, stale
from backcoach.figures.cache import CACHE_NAME
from backcoach.figures.figure import clear_caches, figure_for, solve_set
from backcoach.figures.posefile import load_pose_file
from tests.conftest import ASSETS, REPO


@pytest.fixture(scope="module")
def generated() -> dict[Path, str]:
    """A full build in memory (solving every pose file), shared by this module's tests."""
    return generate(ASSETS)


def test_committed_pictures_and_solved_poses_are_not_stale(generated: dict[Path, str]) -> None:
    problems = stale(ASSETS, generated)
    assert problems == [], "run: python -m backcoach.figures build\n" + "\n".join(problems)


def test_every_look_gets_an_image(generated: dict[Path, str]) -> None:
    images = {p.name for p in generated if p.parent.name == "images"}
    assert "plank--side-plank.svg" in images
    assert "single-leg-bridge--double-leg.svg" in images
    assert "leg-swings--side-to-side.svg" in images
    for pose in (ASSETS / "poses").glob("*.toml"):
        assert f"{pose.stem}.svg" in images


def test_svgs_are_well_formed_and_titled(generated: dict[Path, str]) -> None:
    for rel, text in generated.items():
        if rel.suffix == ".svg":
            root = ElementTree.fromstring(text)
            assert root.tag.endswith("svg")
            assert root.get("viewBox") == "0 0 400 300"
            assert root.find("{http://www.w3.org/2000/svg}title") is not None


def _copy_assets(tmp_path: Path, ids: tuple[str, ...]) -> Path:
    root = tmp_path / "assets"
    (root / "poses").mkdir(parents=True)
    (root / "images").mkdir()
    for exercise_id in ids:
        shutil.copy(ASSETS / "poses" / f"{exercise_id}.toml", root / "poses")
    return root


def test_generation_is_deterministic(tmp_path: Path) -> None:
    root = _copy_assets(tmp_path, ("glute-bridge", "plank"))
    assert generate(root) == generate(root)


def test_stale_names_what_is_missing_changed_or_left_over(tmp_path: Path) -> None:
    root = _copy_assets(tmp_path, ("glute-bridge",))
    assert stale(root) == ["images/glute-bridge.svg: missing", f"poses/{CACHE_NAME}: missing"]
    assert sorted(str(p) for p in build(root)) == ["images/glute-bridge.svg", f"poses/{CACHE_NAME}"]
    assert stale(root) == []
    assert build(root) == []  # nothing to rewrite
    (root / "images" / "glute-bridge.svg").write_text("<svg/>", encoding="utf-8")
    (root / "images" / "old-exercise.svg").write_text("<svg/>", encoding="utf-8")
    pose = root / "poses" / "glute-bridge.toml"
    pose.write_text(
        pose.read_text(encoding="utf-8").replace("knee = 110", "knee = 108"), encoding="utf-8"
    )
    assert stale(root) == [
        "images/glute-bridge.svg: out of date",
        f"poses/{CACHE_NAME}: out of date",
        "images/old-exercise.svg: no pose file makes it any more",
    ]


def test_the_app_uses_the_saved_solution_when_the_pose_file_is_unchanged(tmp_path: Path) -> None:
    root = _copy_assets(tmp_path, ("plank",))
    build(root)
    clear_caches()
    cached = figure_for("plank", folder=root / "poses")
    fresh = solve_set("plank", "", load_pose_file(root / "poses" / "plank.toml").base)
    assert cached.keyframes.keys() == fresh.keyframes.keys()
    for name, pose in fresh.keyframes.items():
        assert cached.keyframes[name] == pytest.approx(
            {k: v for k, v in pose.items() if round(v, 5)}, abs=1e-5
        )
    # An edited pose file is solved afresh rather than trusting the old solution.
    pose_path = root / "poses" / "plank.toml"
    pose_path.write_text(
        pose_path.read_text(encoding="utf-8").replace("pitch = 80", "pitch = 82"), encoding="utf-8"
    )
    clear_caches()
    edited = figure_for("plank", folder=root / "poses")
    assert edited.keyframes["hold"] != cached.keyframes["hold"]
    clear_caches()


FORBIDDEN = ("PySide6", "shiboken6", "backcoach.ui", "backcoach.app")


def test_figures_source_never_imports_qt() -> None:
    offenders = {}
    for path in (REPO / "backcoach" / "figures").rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        bad = sorted(n for n in names if n.startswith(FORBIDDEN))
        # The CLI hands rasterising to backcoach.ui, imported only inside that command.
        if path.name == "__main__.py":
            bad = [n for n in bad if n != "backcoach.ui.contact_sheet"]
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_building_pictures_loads_no_qt(tmp_path: Path) -> None:
    root = _copy_assets(tmp_path, ("plank",))
    code = (
        "import sys\nfrom backcoach.figures.__main__ import main\n"
        f"rc = main(['--assets', {str(root)!r}, 'build'])\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT', rc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "NOQT 0"
    assert (root / "images" / "plank.svg").is_file()


def test_check_command_exits_non_zero_when_stale(tmp_path: Path) -> None:
    root = _copy_assets(tmp_path, ("plank",))
    cmd = [sys.executable, "-m", "backcoach.figures", "--assets", str(root), "check"]
    first = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    assert first.returncode == 1 and "plank.svg: missing" in first.stdout
    subprocess.run([*cmd[:-1], "build"], cwd=REPO, check=True, capture_output=True)
    assert subprocess.run(cmd, cwd=REPO, capture_output=True).returncode == 0


def test_contact_sheet_is_one_png_of_every_picture(tmp_path: Path) -> None:
    out = tmp_path / "sheet.png"
    cmd = [sys.executable, "-m", "backcoach.figures", "contact-sheet", str(out), "--cell", "120"]
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True)
    looks = len(list((ASSETS / "images").glob("*.svg")))
    assert f"({looks} pictures)" in result.stdout
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    rows = (looks + 5) // 6
    assert image.width() == 6 * 120 and image.height() == rows * (90 + 34)
