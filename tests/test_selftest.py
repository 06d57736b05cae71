"""``backcoach --self-test``: one line per check, exit 0 only when sound, and a broken
install fails loudly, naming the file. The frozen build runs the same self-test in
.ci/run; here it runs from source, in a child process like a runner would start it.

The history store, the speech layer and the pictures come from other parts of the
project; where this checkout lacks one, the self-test must report it as a failure,
and these tests hold it to that.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from backcoach import paths
from backcoach.core.catalog import load_catalog
from tests.conftest import ASSETS, REPO

CHECKS = [
    "program",
    "catalogue",
    "plans",
    "images",
    "figures",
    "window",
    "notifications",
    "history",
    "runs",
    "speech",
]


def self_test(home: Path, **env: str) -> tuple[int, list[str]]:
    """Run ``python -m backcoach --self-test`` as a child, its home and data in ``home``;
    returns its exit code and stdout lines."""
    isolated = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        paths.DATA_DIR_ENV: str(home / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--self-test"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **isolated, **env},
        timeout=180,
    )
    return out.returncode, out.stdout.splitlines()


def by_check(lines: list[str]) -> dict[str, tuple[str, str]]:
    """{"catalogue": ("ok", "24 exercises, 6 routines"), ...} from the check lines."""
    checks = {}
    for line in lines[:-1]:
        status, rest = line[:4].strip(), line[5:]
        name, _, detail = rest.partition(": ")
        checks[name] = (status, detail)
    return checks


def has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def espeak_installed() -> bool:
    import ctypes.util

    return bool(ctypes.util.find_library("espeak-ng") or shutil.which("espeak-ng"))


def missing_pictures(root: Path) -> list[str]:
    catalog = load_catalog(root)
    return sorted(
        ex_id for ex_id in catalog.exercises if not (root / "images" / f"{ex_id}.svg").is_file()
    )


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str]]:
    """One run on the shipped assets, shared by the tests that read its lines."""
    return self_test(tmp_path_factory.mktemp("self-test-home"))


def test_every_check_prints_one_line_in_order_then_a_verdict(shipped) -> None:
    code, lines = shipped
    assert [line[5:].split(":")[0] for line in lines[:-1]] == CHECKS
    for line in lines[:-1]:
        assert line[:5] in ("ok   ", "FAIL ", "warn "), line
    failed = [line for line in lines if line.startswith("FAIL")]
    if failed:
        assert code == 1
        assert lines[-1].startswith(f"self-test FAILED: {len(failed)} of {len(CHECKS)} checks")
    else:
        assert code == 0
        assert lines[-1].startswith(f"self-test passed: {len(CHECKS)} checks")


def test_catalogue_plans_and_window_pass_on_the_shipped_assets(shipped, catalog) -> None:
    checks = by_check(shipped[1])
    assert checks["program"][0] == "ok"
    assert "from source" in checks["program"][1]
    assert str(ASSETS) in checks["program"][1]
    assert checks["catalogue"] == (
        "ok",
        f"{len(catalog.exercises)} exercises, {len(catalog.routines)} routines",
    )
    assert checks["plans"][0] == "ok"
    assert checks["plans"][1].startswith(f"{len(catalog.routines)} routines, ")
    assert checks["window"][0] == "ok"
    assert "painted 1200×780 on 'offscreen'" in checks["window"][1]


def test_pictures_pass_only_when_every_exercise_has_one(shipped) -> None:
    status, detail = by_check(shipped[1])["images"]
    missing = missing_pictures(ASSETS)
    if missing:
        assert status == "FAIL"
        assert f"{ASSETS / 'images' / missing[0]}.svg is missing" in detail
    else:
        assert status == "ok", detail


def test_history_passes_with_the_store_and_fails_without_it(shipped) -> None:
    status, detail = by_check(shipped[1])["history"]
    if has("backcoach.core.history"):
        assert (status, detail.split(" (")[0]) == (
            "ok",
            "wrote and read back a session in a new database",
        )
    else:
        assert status == "FAIL"
        assert "history store is missing from this build" in detail


def test_speech_synthesises_through_the_worker_when_it_can(shipped) -> None:
    status, detail = by_check(shipped[1])["speech"]
    if not has("backcoach.speech"):
        assert status == "FAIL"
        assert "speech layer is missing from this build" in detail
    elif espeak_installed():
        assert status == "ok", detail
        assert "WAV by `" in detail and "--speech-worker`" in detail
    else:
        assert status == "warn"
        assert detail.startswith("unavailable (") and "apt-get install espeak-ng" in detail


def test_self_test_leaves_the_runners_data_folder_alone(tmp_path: Path) -> None:
    self_test(tmp_path)
    data = tmp_path / "data"
    left = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    assert left <= {"logs/backcoach.log"}  # the log only if something was worth logging


def broken_copy(tmp_path: Path) -> Path:
    root = tmp_path / "assets"
    shutil.copytree(ASSETS, root)
    routine = root / "routines" / "glute-check.toml"
    routine.write_text(
        routine.read_text(encoding="utf-8").replace(
            'exercise = "glute-bridge"', 'exercise = "glute-bridg"'
        ),
        encoding="utf-8",
    )
    return root


def test_a_broken_routine_fails_the_self_test_naming_the_file(tmp_path: Path) -> None:
    root = broken_copy(tmp_path)
    code, lines = self_test(tmp_path, **{paths.ASSET_ROOT_ENV: str(root)})
    assert code == 1
    checks = by_check(lines)
    status, detail = checks["catalogue"]
    assert status == "FAIL"
    assert str(root / "routines" / "glute-check.toml") in detail
    assert "glute-bridg" in detail
    assert str(root) in checks["program"][1]  # the copy was checked, not the shipped assets
    assert list(checks) == CHECKS  # the other checks still ran
    assert lines[-1].startswith("self-test FAILED")


# ----- the picture check, on pictures made for the test ---------------------------------

FIGURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
    '<circle cx="120" cy="150" r="40" fill="#333"/>'
    '<path d="M160 150 L300 90 L330 220" stroke="#333" stroke-width="24" fill="none"/></svg>'
)
BLANK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"></svg>'


def picture_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "assets"
    shutil.copytree(ASSETS, root, ignore=shutil.ignore_patterns("images"))
    (root / "images").mkdir()
    for ex_id in load_catalog(root).exercises:
        (root / "images" / f"{ex_id}.svg").write_text(FIGURE, encoding="utf-8")
    monkeypatch.setenv(paths.ASSET_ROOT_ENV, str(root))
    return root


def test_pictures_that_render_pass(qapp, tmp_path, monkeypatch) -> None:
    from backcoach.ui.selftest_checks import check_images

    root = picture_root(tmp_path, monkeypatch)
    catalog = load_catalog(root)
    result = check_images(catalog, root)
    assert (result.status, result.detail) == (
        "ok",
        f"{len(catalog.exercises)} exercise pictures render "
        f"({len(catalog.exercises)} SVG files checked)",
    )


def test_missing_blank_and_invalid_pictures_each_fail_by_name(qapp, tmp_path, monkeypatch) -> None:
    from backcoach.ui.selftest_checks import check_images

    root = picture_root(tmp_path, monkeypatch)
    (root / "images" / "plank.svg").unlink()
    (root / "images" / "cat-cow.svg").write_text(BLANK, encoding="utf-8")
    (root / "images" / "plank--side-plank.svg").write_text("<svg", encoding="utf-8")
    result = check_images(load_catalog(root), root)
    assert result.status == "FAIL"
    assert result.detail.startswith("3 of ")
    assert f"{root / 'images' / 'cat-cow.svg'} renders blank" in result.detail
    assert f"{root / 'images' / 'plank--side-plank.svg'} is not a valid SVG" in result.detail
    assert f"{root / 'images' / 'plank.svg'} is missing" in result.detail


# ----- speech: an engine missing is a warning, a broken worker a failure -----------------


def fake_worker(tmp_path: Path, *events: dict[str, object], exit_code: int = 0) -> list[str]:
    """A stand-in worker: reads the first request, answers with ``events``, exits."""
    (tmp_path / "events.json").write_text(json.dumps(list(events)), encoding="utf-8")
    script = tmp_path / "fake_worker.py"
    script.write_text(
        "import json, pathlib, sys\n"
        "sys.stdin.readline()\n"
        "for ev in json.loads(pathlib.Path(sys.argv[1]).read_text()):\n"
        "    print(json.dumps(ev), flush=True)\n"
        "sys.exit(int(sys.argv[2]))\n",
        encoding="utf-8",
    )
    return [sys.executable, str(script), str(tmp_path / "events.json"), str(exit_code)]


def test_no_speech_engine_is_a_warning_with_the_install_line(tmp_path: Path) -> None:
    from backcoach.selftest import check_speech

    fatal = {"ev": "fatal", "kind": "no-espeak", "detail": "libespeak-ng.so.1: not found"}
    result = check_speech(tmp_path, command=fake_worker(tmp_path, fatal, exit_code=3))
    if not has("backcoach.speech"):
        assert (result.status, "missing from this build" in result.detail) == ("FAIL", True)
        return
    assert result.status == "warn"
    assert result.detail.startswith("unavailable (")
    if sys.platform.startswith("linux"):
        assert "sudo apt-get install espeak-ng" in result.detail


def test_a_worker_that_dies_fails_the_speech_check(tmp_path: Path) -> None:
    from backcoach.selftest import check_speech

    result = check_speech(tmp_path, command=fake_worker(tmp_path, exit_code=1))
    assert result.status == "FAIL"
    if has("backcoach.speech"):
        assert "stopped unexpectedly" in result.detail


def test_the_self_test_prints_no_qt_noise(tmp_path: Path) -> None:
    """Offscreen, Qt said "This plugin does not support propagateSizeHints()" eight times."""
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--self-test"],
        capture_output=True, text=True, cwd=REPO, timeout=180,
        env={**os.environ, "HOME": str(tmp_path), paths.DATA_DIR_ENV: str(tmp_path / "d"),
             "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "propagateSizeHints" not in out.stderr + out.stdout


def test_other_qt_messages_still_reach_stderr_and_the_log(capsys, caplog) -> None:
    from PySide6.QtCore import QtMsgType

    from backcoach.ui.qt_messages import _handler

    _handler(QtMsgType.QtWarningMsg, None, "This plugin does not support propagateSizeHints()")
    _handler(QtMsgType.QtWarningMsg, None, "QPainter::begin: Paint device returned engine == 0")
    assert capsys.readouterr().err == "QPainter::begin: Paint device returned engine == 0\n"
    assert "Qt: QPainter::begin" in caplog.text and "propagateSizeHints" not in caplog.text
