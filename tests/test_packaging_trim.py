"""What the frozen bundle leaves out (packaging/pyinstaller/trim.py) never includes
something backcoach uses."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from tests.conftest import REPO

spec = importlib.util.spec_from_file_location(
    "trim", REPO / "packaging" / "pyinstaller" / "trim.py"
)
assert spec and spec.loader
trim = importlib.util.module_from_spec(spec)
spec.loader.exec_module(trim)


def qt_modules_imported() -> set[str]:
    names = set()
    for path in (REPO / "backcoach").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                names.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                names |= {a.name.split(".")[1] for a in node.names if a.name.startswith("PySide6.")}
    return names


def test_every_qt_module_backcoach_imports_is_kept() -> None:
    used = qt_modules_imported()
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg"} <= used
    assert used <= trim.KEEP_QT_MODULES, f"add to KEEP_QT_MODULES: {used - trim.KEEP_QT_MODULES}"
    excluded = set(trim.qt_excludes())
    assert not {f"PySide6.{m}" for m in used} & excluded
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtPdf"} <= excluded


def test_no_excluded_standard_module_is_imported_by_backcoach() -> None:
    imported = set()
    for path in (REPO / "backcoach").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    assert not imported & set(trim.PY_EXCLUDES)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", False),
        ("PySide6\\translations\\qt_fr.qm", False),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("PySide6/QtSvg.abi3.so", True),
        ("assets/routines/glute-check.toml", True),
        ("libpython3.11.so.1.0", True),
    ],
)
def test_keep_entry(dest: str, kept: bool) -> None:
    assert trim.keep_entry(dest) is kept


def test_needed_reads_the_direct_dependencies_of_a_library() -> None:
    import PySide6

    lib = next(Path(PySide6.__file__).parent.glob("QtSvg.*.so"))
    needed = trim._needed(str(lib))
    assert "libQt6Svg.so.6" in needed
    assert not [n for n in needed if n.startswith("libicu")]  # direct ones only, no closure
