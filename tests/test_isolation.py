"""House rules that keep the layers apart."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

FORBIDDEN = ("PySide6", "shiboken6", "backcoach.ui", "backcoach.speech", "backcoach.app")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_pure_layers_never_import_qt_or_backends() -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(n for n in _imports(path) if n.startswith(FORBIDDEN))
        for layer in ("core", "runs")
        for path in (REPO / "backcoach" / layer).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("layer", ["core", "runs"])
def test_importing_all_of_a_pure_layer_loads_no_qt(layer: str) -> None:
    code = (
        f"import pkgutil, importlib, sys, backcoach.{layer} as c\n"
        f"for m in pkgutil.iter_modules(c.__path__): importlib.import_module('backcoach.{layer}.' + m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_light_commands_do_not_load_qt() -> None:
    code = (
        "import sys\nfrom backcoach.cli import main\n"
        "main(['routines', '--json']); main(['runs', '--json']); main(['shoes'])\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT', file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stderr.strip().endswith("NOQT")


def test_the_window_does_not_load_the_run_file_parsers() -> None:
    """The parsers and the run log (SQLite) cost start-up time; they load with the first
    import and the history, after the first paint."""
    code = (
        "import sys\nimport backcoach.ui.main_window\n"
        "print(','.join(m for m in ('fitdecode', 'gpxpy', 'defusedxml', 'backcoach.runs.store', 'sqlite3') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""
