"""The packaged app: how big it is and how fast its window appears, against a bare Qt app.

Both bundles are frozen here, into a temporary folder, by PyInstaller with the same
trimming (packaging/pyinstaller/trim.py): backcoach.spec for the app, bare_window.spec
for the baseline, one PySide6 window with one label. Sizes are apparent bytes of every
file (symlinks not followed) and of a gzip -6 tarball of the folder, as build.sh makes.

Start-up is the runner's wait from launch to the first painted window: the parent
notes time.time() and starts the program with BACKCOACH_EXIT_AFTER_FIRST_PAINT=1,
which prints time.time() at the main window's first Paint event and exits. The frozen
app, the source install (python -m backcoach) and the frozen bare window run in turn,
on a fresh data folder each time, and the median of each is compared.

python -m benchmarks --only bundle [--quick]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, Row, child_env, first_paint_s, python

SPECS = REPO / "packaging" / "pyinstaller"
SIZE_TARGET = 1.0  # unpacked size, app / bare window
START_TARGET = 1.2  # frozen start-up / source start-up


def freeze(spec: Path, out: Path) -> tuple[Path, float]:
    """Run PyInstaller on ``spec``; returns the one-dir folder and the build time."""
    started = time.monotonic()
    result = subprocess.run(
        [python(), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(spec)],
        capture_output=True, text=True, cwd=REPO, timeout=900,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"PyInstaller failed on {spec.name}: {result.stderr[-3000:]}")
    name = "backcoach" if spec.stem == "backcoach" else spec.stem
    return out / "dist" / name, time.monotonic() - started


def apparent_size(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for f in files:
            st = os.lstat(os.path.join(root, f))
            total += st.st_size
    return total


def tarball_size(folder: Path, into: Path) -> int:
    path = into / f"{folder.name}.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    return path.stat().st_size


def _files(folder: Path) -> dict[str, int]:
    return {
        os.path.relpath(os.path.join(r, f), folder): os.lstat(os.path.join(r, f)).st_size
        for r, _d, fs in os.walk(folder)
        for f in fs
        if not os.path.islink(os.path.join(r, f))
    }


def _top(sizes: dict[str, int], n: int = 4) -> str:
    ranked = sorted(sizes.items(), key=lambda kv: kv[1], reverse=True)[:n]
    return ", ".join(f"{Path(name).name} {size / 1e6:.2f}" for name, size in ranked)


def where_the_bytes_are(app: Path, bare: Path) -> tuple[str, str]:
    """The app's biggest files, and its biggest files the bare window does not have."""
    ours, base = _files(app), _files(bare)
    # The executables differ by name; compare what sits beside them.
    only_ours = {k: v for k, v in ours.items() if k.startswith("_internal") and k not in base}
    return _top(ours), _top(only_ours)


def version_s(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([*argv, "--version"], capture_output=True, env=child_env(), cwd=REPO, check=True)
    return time.perf_counter() - started


def startup(commands: dict[str, list[str]], runs: int, tmp: Path) -> dict[str, float]:
    """Median first-paint time of each command, run in turn so load hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, argv in commands.items():
            t = first_paint_s(argv, tmp / f"data-{name}-{i}")
            if i:  # the first round only warms the disk cache
                times[name].append(t)
    return {name: statistics.median(ts) for name, ts in times.items()}


def run(quick: bool = False) -> list[Row]:
    runs = 5 if quick else 15
    with tempfile.TemporaryDirectory(prefix="backcoach-bundle-bench-") as tmp_name:
        tmp = Path(tmp_name)
        app, app_build_s = freeze(SPECS / "backcoach.spec", tmp / "app")
        bare, _ = freeze(SPECS / "bare_window.spec", tmp / "bare")
        app_exe, bare_exe = app / "backcoach", bare / "bare_window"
        size = {k: apparent_size(p) / 1e6 for k, p in (("app", app), ("bare", bare))}
        tgz = {k: tarball_size(p, tmp) / 1e6 for k, p in (("app", app), ("bare", bare))}
        big, extra = where_the_bytes_are(app, bare)
        source = [python(), "-m", "backcoach"]
        paint = startup(
            {"frozen": [str(app_exe)], "source": source, "bare": [str(bare_exe)]}, runs, tmp
        )
        ver_frozen = statistics.median(version_s([str(app_exe)]) for _ in range(runs))
        ver_source = statistics.median(version_s(source) for _ in range(runs))
    return [
        Row(
            "bundle size, unpacked (dist/backcoach)",
            size["app"],
            size["bare"],
            "MB",
            f"≤ {SIZE_TARGET:.1f}× bare",
            size["app"] <= size["bare"] * SIZE_TARGET,
            f"baseline = bare PySide6 window frozen with the same trimming; built in "
            f"{app_build_s:.0f} s; largest files (MB): {big}; only in the app: {extra}",
        ),
        Row(
            "bundle size, .tar.gz (gzip -6)",
            tgz["app"],
            tgz["bare"],
            "MB",
            f"≤ {SIZE_TARGET:.1f}× bare",
            tgz["app"] <= tgz["bare"] * SIZE_TARGET,
            "the same two folders, packed as build.sh packs them",
        ),
        Row(
            "start-up to first painted window, frozen",
            paint["frozen"],
            paint["source"],
            "s",
            f"≤ {START_TARGET:.1f}× source",
            paint["frozen"] <= paint["source"] * START_TARGET,
            f"median of {runs}; baseline = python -m backcoach; bare frozen window "
            f"{paint['bare']:.3f} s; --version frozen {ver_frozen * 1000:.0f} ms, "
            f"source {ver_source * 1000:.0f} ms",
        ),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
