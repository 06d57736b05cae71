"""What the frozen bundle leaves out, shared by backcoach.spec and the benchmark's bare window.

PyInstaller's Qt hooks collect every plugin of every plugin type a Qt module might use,
every Qt translation, and the Python bindings of any Qt module the PySide6 package
mentions; each of those drags in its own shared libraries (the GTK 3 platform theme
alone brings cairo, pango, harfbuzz and gdk-pixbuf). backcoach is a widgets app that
draws SVG pictures, talks D-Bus to inhibit the screen saver and speaks through a
worker process, so it keeps:

- the Qt modules it imports: QtCore, QtGui, QtWidgets, QtSvg, QtDBus;
- the plugins in KEEP_PLUGINS (platforms it can show a window on, SVG image and icon
  loading, input methods, the portal theme for the desktop's dark/light setting);
- no Qt translations: the interface is English only and loads none.

`trim(analysis)` applies this to a finished Analysis, then (on Linux) drops every
shared library that no kept binary needs any more. The same function freezes the
benchmark's bare window, so the two bundles are compared like for like.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

# The PySide6 modules backcoach imports; every other binding is excluded.
# QtNetwork: only its local sockets (QLocalServer), so a second launch raises the first
# window; no TLS or network-information plugins come with it (see KEEP_PLUGINS).
KEEP_QT_MODULES = {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtDBus", "QtNetwork"}

# Plugin type -> plugin base names kept ("libqxcb.so", "qxcb.dll" and "libqxcb.dylib" are
# all "qxcb"). A type not listed is dropped whole (eglfs/linuxfb devices, TLS, network
# information, SQL drivers, print support, QML tooling, widget styles: we use Fusion).
KEEP_PLUGINS: dict[str, set[str]] = {
    # offscreen: --self-test and --screenshot without a display; minimal: a last resort.
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"},
    "platformthemes": {"qxdgdesktopportal"},  # dark/light setting via the portal, no GTK
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
    "imageformats": {"qsvg"},  # exercise pictures; PNG is built into QtGui
    "iconengines": {"qsvgicon"},
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient", "adwaita"},
    # wayland-graphics-integration-client: only for OpenGL surfaces; widgets use shared
    # memory buffers, and the EGL one alone would bring libQt6OpenGL.
}

# Standard-library modules nothing in backcoach uses. ssl, _hashlib and smtplib are only
# reachable through logging.handlers' network handlers and would bring OpenSSL (about
# 5 MB); hashlib falls back to its built-in digests without _hashlib. http stays: gpxpy
# imports xml.sax.saxutils, which imports urllib.request, which imports http (nothing
# is ever fetched; without it the GPX reader, and so the window, fail to load).
PY_EXCLUDES = [
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "ssl",
    "_ssl",
    "_hashlib",
    "smtplib",
]

# Windows only: the software OpenGL fallback (about 20 MB). QtGui loads it only to make
# an OpenGL context on a machine without a GL driver; backcoach paints with the raster
# engine and never asks for one.
WINDOWS_DROP = {"opengl32sw.dll"}


def qt_excludes() -> list[str]:
    """Every PySide6 binding module installed here that backcoach does not import."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    names: set[str] = set()
    for folder in spec.submodule_search_locations:
        for path in Path(folder).iterdir():
            stem = path.name.split(".", 1)[0]
            if stem.startswith("Qt") and path.suffix in (".so", ".pyd", ".pyi", ".py"):
                names.add(stem)
    return sorted(f"PySide6.{n}" for n in names - KEEP_QT_MODULES)


def excludes() -> list[str]:
    return qt_excludes() + PY_EXCLUDES


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def _plugin_name(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_entry(dest: str) -> bool:
    """False for Qt plugins, translations and files this app does not need."""
    parts = _parts(dest)
    if parts[0] != "PySide6":
        return parts[-1].lower() not in WINDOWS_DROP
    if "translations" in parts[:-1]:
        return False
    if "plugins" in parts[:-2]:
        kind = parts[parts.index("plugins") + 1]
        return _plugin_name(parts[-1]) in KEEP_PLUGINS.get(kind, set())
    if "qml" in parts[:-1]:
        return False
    return parts[-1].lower() not in WINDOWS_DROP


# Linux: libraries taken from the runner's system rather than bundled. The first group is
# what the manylinux policy lets every wheel (PySide6's included) expect from the host;
# the second reads the host's own configuration and data (fonts.conf, the xkb keymaps,
# the session bus, the X server), where a bundled copy older than the host's data goes
# wrong. Every desktop Linux has them; scripts/system-deps lists the Debian packages.
LINUX_HOST_LIBS = {
    "libstdc++.so.6",
    "libgcc_s.so.1",
    "libX11.so.6",
    "libXext.so.6",
    "libXrender.so.1",
    "libICE.so.6",
    "libSM.so.6",
    "libGL.so.1",
    "libglib-2.0.so.0",
    "libgobject-2.0.so.0",
    "libgthread-2.0.so.0",
    "libz.so.1",
    # Compression libraries dpkg itself needs, so present on every Debian or Ubuntu (and
    # every other distribution's base). Bundled, an older copy would be loaded in place
    # of the system's for the system libraries the voice pulls in (espeak-ng, PulseAudio,
    # systemd), which may want newer symbols.
    "liblzma.so.5",
    "libzstd.so.1",
    # configuration-bound
    "libfontconfig.so.1",
    "libfreetype.so.6",
    "libxkbcommon.so.0",
    "libxkbcommon-x11.so.0",
    "libdbus-1.so.3",
    "libxcb.so.1",
    "libX11-xcb.so.1",
}


def _needed(path: str) -> set[str]:
    """The DT_NEEDED entries of one ELF file (its direct dependencies)."""
    out = subprocess.run(
        ["readelf", "--dynamic", "--wide", path], capture_output=True, text=True, check=True
    ).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out))


def _prune_unneeded_libraries(binaries: list, datas: list) -> tuple[list, list]:
    """Keep only the shared libraries a kept binary loads (Linux).

    Roots are Python extension modules, the Qt plugins kept and libpython; a plain
    library stays when a root, or a library kept for a root, names it in DT_NEEDED.
    Libraries the host provides are not followed, so their own dependencies go too.
    """
    by_name = {os.path.basename(e[0]): e for e in binaries}
    roots = [
        e
        for e in binaries
        if e[2] == "EXTENSION"
        or "/plugins/" in e[0]
        or os.path.basename(e[0]).startswith("libpython")
    ]
    kept = {id(e): e for e in roots}
    todo = list(roots)
    while todo:
        for name in _needed(todo.pop()[1]):
            entry = by_name.get(name)
            if entry is not None and name not in LINUX_HOST_LIBS and id(entry) not in kept:
                kept[id(entry)] = entry
                todo.append(entry)
    binaries = [e for e in binaries if id(e) in kept]
    kept_dests = {e[0] for e in binaries}
    # Symlinks PyInstaller adds next to the executable (libQt6Core.so.6 ->
    # PySide6/Qt/lib/...) go with their target.
    datas = [e for e in datas if e[2] != "SYMLINK" or e[1] in kept_dests]
    return binaries, datas


# PyInstaller runtime hooks replaced or left out. pyi_rth_pyside6 loads QtCore into
# every process (rthook_qt.py does its one needed job without that); pyi_rth_inspect
# imports inspect and zipfile at every start to fix inspect.getsourcefile(), which
# backcoach never calls.
DROP_RUNTIME_HOOKS = {"pyi_rth_pyside6", "pyi_rth_inspect"}


def trim(analysis) -> None:  # type: ignore[no-untyped-def]
    """Apply the rules above to a PyInstaller Analysis, in place."""
    analysis.scripts[:] = [e for e in analysis.scripts if e[0] not in DROP_RUNTIME_HOOKS]
    before = len(analysis.binaries) + len(analysis.datas)
    binaries = [e for e in analysis.binaries if keep_entry(e[0])]
    datas = [e for e in analysis.datas if keep_entry(e[0])]
    if sys.platform.startswith("linux"):
        binaries, datas = _prune_unneeded_libraries(binaries, datas)
    analysis.binaries[:] = binaries
    analysis.datas[:] = datas
    after = len(analysis.binaries) + len(analysis.datas)
    print(f"trim: kept {after} of {before} binaries and data files", file=sys.stderr)
