"""The packaging recipes, kept honest where they cannot run: every file they name exists
(or is made by an earlier step), one app id everywhere, versions that match backcoach,
icons made from the one SVG, and trimming rules that keep every Qt module we import.

The Linux bundle itself is built and self-tested by .ci/run; the Windows and macOS ones
by .github/workflows/release.yml.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backcoach import __version__
from backcoach.paths import APP_ID
from tests.conftest import REPO

PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "pyinstaller" / "backcoach.spec"
ISS = PACKAGING / "windows" / "backcoach.iss"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
SCRIPTS = [
    PACKAGING / "linux" / "build.sh",
    PACKAGING / "linux" / "install.sh",
    PACKAGING / "macos" / "build.sh",
    PACKAGING / "linux" / "release.sh",
    WORKFLOW,
    REPO / ".ci" / "run",
    REPO / "scripts" / "lint-workflows",
]
TOP = ("packaging", "assets", "backcoach", "scripts", "dist", "build", ".github", "benchmarks")
# What the recipes build before a later step uses it: (path prefix, what makes it).
PRODUCED = {
    "dist/backcoach/": "backcoach.spec COLLECT",
    "dist/backcoach.app": "backcoach.spec BUNDLE",
    "dist/backcoach-": "build.sh, macos/build.sh and backcoach.iss (versioned artifacts)",
    "build/pyinstaller": "PyInstaller --workpath",
    "build/macos/": "macos/build.sh",
    "build/linux-tarball": "linux/build.sh",
}


def path_tokens(text: str) -> set[str]:
    """Repository paths named in a script: words starting with a top-level folder."""
    pattern = rf"(?<![\w$./-])((?:{'|'.join(re.escape(t) for t in TOP)})[/\\][^\s\"'`;,)|]*)"
    return {m.replace("\\", "/").rstrip(".:") for m in re.findall(pattern, text)}


def check_path(rel: str, where: Path) -> str | None:
    """None when ``rel`` exists in the repository or is made by a recipe step."""
    if rel in ("dist", "build") or rel.startswith(("dist/", "build/")):
        # Output folders: made by the build, absent from a clean clone.
        if rel in ("dist", "build", "dist/", "build/") or any(
            rel.startswith(prefix) or rel + "/" == prefix for prefix in PRODUCED
        ):
            return None
        return f"{where.name}: {rel} is not in the repository and no recipe makes it"
    if "$" in rel or "<" in rel:  # names built from variables; their folder must exist
        rel = rel.split("$")[0].split("<")[0].rsplit("/", 1)[0]
    if "*" in rel:
        return None if list(REPO.glob(rel)) else f"{where.name}: nothing matches {rel}"
    return None if (REPO / rel).exists() else f"{where.name}: {rel} does not exist"


def test_every_path_the_scripts_and_workflow_name_exists() -> None:
    problems = []
    for script in SCRIPTS:
        tokens = path_tokens(script.read_text(encoding="utf-8"))
        assert tokens, f"found no paths in {script}"
        problems += [p for t in sorted(tokens) if (p := check_path(t, script))]
    assert problems == []


def iss_path(raw: str) -> str:
    """A path in the .iss (relative to it, with backslashes) as a repository path."""
    full = (ISS.parent / raw.strip().replace("\\", "/")).resolve()
    return full.relative_to(REPO).as_posix()


def test_every_file_the_inno_setup_script_names_exists() -> None:
    text = ISS.read_text(encoding="utf-8")
    sources = [iss_path(s) for s in re.findall(r'^Source:\s*"([^"]+)"', text, re.M)]
    assert sources == ["dist/backcoach/*"]  # the spec's COLLECT folder, whole
    assert [p for s in sources if (p := check_path(s, ISS))] == []
    icons = [iss_path(s) for s in re.findall(r"^SetupIconFile=(.+)$", text, re.M)]
    assert icons == ["packaging/windows/backcoach.ico"] and (REPO / icons[0]).is_file()
    assert [iss_path(s) for s in re.findall(r"^OutputDir=(.+)$", text, re.M)] == ["dist"]
    # The program the shortcuts start is the spec's windowed executable.
    assert set(re.findall(r"\{app\}\\([\w-]+\.exe)", text)) == {"backcoach.exe"}


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"))


def spec_paths() -> list[str]:
    """REPO / "a" / "b" and HERE / "x" expressions in the spec, as repository paths."""
    found = []
    for node in ast.walk(spec_tree()):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            parts: list[str] = []
            left: ast.expr = node
            while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Div):
                if not isinstance(left.right, ast.Constant):
                    break
                parts.insert(0, str(left.right.value))
                left = left.left
            if isinstance(left, ast.Name) and left.id in ("REPO", "HERE") and parts:
                base = "" if left.id == "REPO" else "packaging/pyinstaller/"
                found.append(base + "/".join(parts))
    return found


def test_every_file_the_spec_names_exists_or_is_made_first() -> None:
    named = spec_paths()
    assert "assets" in named and "packaging/pyinstaller/entry.py" in named
    assert [p for t in named if (p := check_path(t, SPEC))] == []


def spec_call_keywords(func: str) -> dict[str, ast.expr]:
    for node in ast.walk(spec_tree()):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func:
            return {k.arg: k.value for k in node.keywords if k.arg}
    raise AssertionError(f"no {func}(...) in {SPEC}")


def test_the_spec_names_its_outputs_as_the_recipes_expect() -> None:
    collect = spec_call_keywords("COLLECT")["name"]
    bundle = spec_call_keywords("BUNDLE")
    assert isinstance(collect, ast.Constant) and collect.value == "backcoach"  # dist/backcoach
    assert isinstance(bundle["name"], ast.Constant) and bundle["name"].value == "backcoach.app"
    # The bundle id and version come from backcoach itself, not from a copy.
    assert isinstance(bundle["bundle_identifier"], ast.Name)
    assert bundle["bundle_identifier"].id == "APP_ID"
    assert isinstance(bundle["version"], ast.Name) and bundle["version"].id == "__version__"
    text = SPEC.read_text(encoding="utf-8")
    assert "from backcoach.paths import APP_ID" in text
    assert "from backcoach import __version__" in text
    assert '"NSHighResolutionCapable": True' in text


def test_one_app_id_everywhere() -> None:
    ids = {}
    for path in [*PACKAGING.rglob("*"), WORKFLOW]:
        if path.is_file() and path.suffix not in (".png", ".ico"):
            for found in re.findall(
                r"io\.github\.backcoach\.\w+", path.read_text(encoding="utf-8")
            ):
                ids.setdefault(found, []).append(path.relative_to(REPO).as_posix())
    assert set(ids) == {APP_ID}, ids
    named = [
        p for p in REPO.rglob("io.github.*") if ".git" not in p.parts and "dist" not in p.parts
    ]
    assert named and all(p.name.startswith(APP_ID + ".") for p in named), named
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"
    assert f"Icon={APP_ID}\n" in DESKTOP.read_text(encoding="utf-8")
    assert f'#define AppId "{APP_ID}"' in ISS.read_text(encoding="utf-8")
    assert f"APP_ID={APP_ID}\n" in (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")


def test_the_app_tells_the_desktop_its_id(qapp) -> None:
    from backcoach.app import create_application

    assert create_application().desktopFileName() == APP_ID


def test_versions_match_backcoach() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases and releases[0].get("version") == __version__  # newest first
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date", ""))
    iss = ISS.read_text(encoding="utf-8")
    assert re.findall(r'#define AppVersion "([^"]+)"', iss) == [__version__]
    # lint-workflows names actionlint's versions, not ours.
    for path in (ISS, METAINFO, DESKTOP, *(p for p in SCRIPTS if p.name != "lint-workflows")):
        stray = set(re.findall(r"\b\d+\.\d+\.\d+\b", path.read_text(encoding="utf-8")))
        assert stray <= {__version__}, f"{path.name} names another version: {stray}"


def test_install_finds_in_the_tarball_everything_it_copies() -> None:
    install = (PACKAGING / "linux" / "install.sh").read_text(encoding="utf-8")
    build = (PACKAGING / "linux" / "build.sh").read_text(encoding="utf-8")
    wanted = {n.replace("$APP_ID", APP_ID) for n in re.findall(r"\$here/([\w$.]+)", install)}
    assert wanted == {"backcoach", "..", f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", "icons"}
    staged = {Path(t).name for t in path_tokens(build) if t.startswith("packaging/linux/")}
    assert wanted - {"backcoach", ".."} <= staged
    assert 'cp -a dist/backcoach "$stage/backcoach"' in build


def test_icons_are_rendered_from_the_svg() -> None:
    out = subprocess.run(
        [sys.executable, str(PACKAGING / "icons.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize(
    ("tool", "args", "target"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_desktop_metadata_validates(tool: str, args: list[str], target: Path) -> None:
    exe = shutil.which(tool)
    assert exe, f"{tool} is missing: scripts/system-deps test installs it"
    out = subprocess.run([exe, *args, str(target)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_workflows_linux_job_and_ci_run_the_same_release_script() -> None:
    """One script, two callers: what the release builds on Linux is what CI checks."""
    workflow = WORKFLOW.read_text(encoding="utf-8")
    linux_job = workflow.split("\n  linux:\n", 1)[1].split("\n  windows:\n", 1)[0]
    runs = re.findall(r"^\s+run: (.+)$", linux_job, re.M)
    assert runs == ["sudo scripts/system-deps test", "packaging/linux/release.sh"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^packaging/linux/release\.sh$", ci, re.M)
    assert re.search(r"^scripts/lint-workflows$", ci, re.M)
    # What the release script checks is not repeated (and left to drift) in .ci/run.
    assert "build.sh" not in ci and "--self-test" not in ci


def test_the_windows_and_macos_jobs_build_and_check_their_installers() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "iscc packaging\\windows\\backcoach.iss" in workflow
    assert '& "$target\\backcoach-cli.exe" --self-test' in workflow  # the installed copy
    assert "PYTHON: python\n        run: packaging/macos/build.sh" in workflow
    assert 'hdiutil attach -nobrowse -readonly -mountpoint "$mnt" "$dmg"' in workflow
