"""``backcoach --self-test``: a headless check that an install or a packaged build is sound.

Each check drives the real code (the catalogue loader, the plan builder, the SVG
renderer, the main window, the SQLite history, the speech worker) and prints one line:

    ok   catalogue: 24 exercises, 6 routines
    FAIL images: assets/images/plank.svg is missing
    warn speech: unavailable (... sudo apt-get install espeak-ng alsa-utils)

The exit status is 0 only when no check failed. Speech is the one check that may be
unavailable without failing: espeak-ng is a system package, not part of backcoach, and
the app runs with captions without it. Everything the self-test writes goes to a
temporary folder; the runner's own history and settings are never touched.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from backcoach import __version__, paths
from backcoach.core.catalog import Catalog, load_catalog
from backcoach.core.words import counted

log = logging.getLogger(__name__)

SAMPLE_CUE = "Switch sides"

# Speech problems that mean "the system has no speech engine", which the runner can fix
# by installing one; anything else (no worker, a crash, pyttsx3 missing from the build)
# is a defect of the install and fails the check.
ENGINE_MISSING_KINDS = ("no-espeak", "no-engine")


@dataclass(frozen=True)
class Result:
    name: str
    status: str  # "ok", "FAIL" or "warn" (unavailable, not a failure)
    detail: str

    def line(self) -> str:
        return f"{self.status:<4} {self.name}: {self.detail}"


def ok(name: str, detail: str) -> Result:
    return Result(name, "ok", detail)


def fail(name: str, detail: str) -> Result:
    return Result(name, "FAIL", detail)


def _problems(items: list[str], limit: int = 3) -> str:
    shown = "; ".join(items[:limit])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


# ----- checks without Qt ------------------------------------------------------------------


def check_program() -> Result:
    how = "frozen by PyInstaller" if paths.is_frozen() else "from source"
    root = paths.asset_root()
    detail = f"backcoach {__version__}, {how}, Python {sys.version.split()[0]}, assets in {root}"
    if not root.is_dir():
        return fail("program", f"the asset folder {root} does not exist ({detail})")
    frozen_root = getattr(sys, "_MEIPASS", None)
    overridden = bool(os.environ.get(paths.ASSET_ROOT_ENV))
    if frozen_root and not overridden and not root.is_relative_to(Path(frozen_root)):
        return fail("program", f"assets are read from outside the bundle: {root}")
    return ok("program", detail)


def check_catalogue(catalog: Catalog, root: Path) -> Result:
    if catalog.errors:
        return fail(
            "catalogue",
            f"{counted(len(catalog.errors), 'problem')} in {root}: "
            + _problems([str(e) for e in catalog.errors]),
        )
    if not catalog.exercises or not catalog.routines:
        return fail(
            "catalogue",
            f"found {len(catalog.exercises)} exercises and {len(catalog.routines)} routines "
            f"in {root}; expected both in exercises/ and routines/",
        )
    return ok("catalogue", f"{len(catalog.exercises)} exercises, {len(catalog.routines)} routines")


def check_plans(catalog: Catalog) -> Result:
    from backcoach.core.plan import SegmentKind, build_plan

    problems: list[str] = []
    segments = cues = 0
    total_s = 0.0
    for routine in catalog.routines.values():
        try:
            plan = build_plan(routine, catalog)
        except Exception as exc:
            problems.append(f"{routine.path.name}: {type(exc).__name__}: {exc}")
            continue
        if not plan.work_segments or plan.segments[-1].kind != SegmentKind.DONE:
            problems.append(f"{routine.path.name}: the plan has no exercises or does not end")
            continue
        segments += len(plan.segments)
        cues += sum(len(s.cues) for s in plan.segments)
        total_s += plan.total_s
    if problems:
        return fail("plans", _problems(problems))
    return ok(
        "plans",
        f"{len(catalog.routines)} routines, {segments} segments, {cues} cues, "
        f"{total_s / 60:.0f} min in all",
    )


def check_history(folder: Path) -> Result:
    try:
        from backcoach.core.history import HistoryStore
    except ImportError as exc:
        return fail("history", f"the history store is missing from this build ({exc})")
    import sqlite3

    from backcoach.core.records import SegmentRecord, SessionStatus

    path = folder / "self-test-history.sqlite3"
    record = SegmentRecord(0, "plank", "Plank", "", "none", 1, 1, 30.0, 30.0)
    store = HistoryStore.open(path)
    try:
        if not store.saving:
            return fail("history", f"cannot write {path}: {store.notice}")
        session_id = store.begin_session("self-test", "Self-test", 30.0, None, __version__)
        store.record_segment(session_id, record)
        store.end_session(session_id, SessionStatus.COMPLETED)
    finally:
        store.close()
    reopened = HistoryStore.open(path)  # read back from the file, not from a cache
    try:
        detail = reopened.session(session_id) if session_id is not None else None
    finally:
        reopened.close()
    if detail is None:
        return fail("history", f"the session written to {path} could not be read back")
    if detail.session.status != SessionStatus.COMPLETED or list(detail.segments) != [record]:
        return fail(
            "history",
            f"read back a different session: status {detail.session.status}, "
            f"{counted(len(detail.segments), 'segment')}",
        )
    return ok(
        "history",
        f"wrote and read back a session in a new database (SQLite {sqlite3.sqlite_version})",
    )


def check_runs() -> Result:
    try:
        from backcoach.runs import selfcheck
    except ImportError as exc:
        return fail("runs", f"the run-file readers are missing from this build ({exc})")
    sound, detail = selfcheck.check()
    return ok("runs", detail) if sound else fail("runs", detail)


def _engine_missing(exc: Exception) -> bool:
    """Is this speech error the system lacking an engine (fixable by the runner)?"""
    from backcoach.speech import notices

    kind = getattr(exc, "kind", None)
    if kind is not None:
        return kind in ENGINE_MISSING_KINDS
    return any(notices.reason(k) in str(exc) for k in ENGINE_MISSING_KINDS)


def unavailable_detail(exc: Exception) -> str:
    """The reason and the fix, with the apt-get line on Linux even if the message lacks it."""
    from backcoach.speech import notices

    text = str(exc)
    fix = notices.fix("no-espeak")
    if fix and "apt-get" not in text and sys.platform.startswith("linux"):
        text = f"{text} {fix}"
    return f"unavailable ({text})"


def check_speech(folder: Path, command: list[str] | None = None) -> Result:
    """Synthesise one cue to a WAV through the real worker (``command`` replaces it in tests)."""
    try:
        from backcoach.speech.process import worker_command
        from backcoach.speech.wavfile import SpeechError, save_wav
    except ImportError as exc:
        return fail("speech", f"the speech layer is missing from this build ({exc})")
    path = folder / "self-test-cue.wav"
    argv = command or worker_command()
    worker = " ".join([Path(argv[0]).name, *argv[1:]])
    try:
        save_wav(SAMPLE_CUE, path, timeout=60.0, command=command)
    except SpeechError as exc:
        if _engine_missing(exc):
            return Result("speech", "warn", unavailable_detail(exc))
        return fail("speech", f"{exc} (worker: {worker})")
    try:
        with wave.open(str(path), "rb") as w:
            frames, rate = w.getnframes(), w.getframerate()
    except (OSError, wave.Error, EOFError) as exc:
        return fail("speech", f"the WAV written to {path} is unreadable: {exc}")
    seconds = frames / rate if rate else 0.0
    if seconds < 0.2:
        return fail("speech", f'"{SAMPLE_CUE}" came out as {seconds:.2f} s of audio')
    return ok("speech", f'"{SAMPLE_CUE}" synthesised to a {seconds:.2f} s WAV by `{worker}`')


# ----- running them -----------------------------------------------------------------------


def _guarded(name: str, fn: Callable[[], Result]) -> Result:
    """One check; an exception fails that check, never the ones after it."""
    try:
        return fn()
    except Exception as exc:
        log.exception("self-test check %s crashed", name)
        return fail(name, f"{type(exc).__name__}: {exc}")


def _use_offscreen_without_display() -> None:
    """Headless machines (CI, a server) have no display; Qt needs to be told."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print one line each, return 0 when none failed."""
    out = out or sys.stdout
    started = time.monotonic()
    results: list[Result] = []

    def report(result: Result) -> None:
        results.append(result)
        print(result.line(), file=out, flush=True)

    _use_offscreen_without_display()
    root = paths.asset_root()
    report(_guarded("program", check_program))
    catalog = load_catalog(root)
    report(_guarded("catalogue", lambda: check_catalogue(catalog, root)))
    report(_guarded("plans", lambda: check_plans(catalog)))
    with tempfile.TemporaryDirectory(prefix="backcoach-self-test-") as tmp:
        folder = Path(tmp)
        # The window reads settings and history from the data folder: a scratch one, so
        # the runner's own are never read or written.
        paths.set_data_dir(folder / "data")
        try:
            from backcoach.ui import selftest_checks as qt_checks
        except ImportError as exc:  # Qt itself failed to load: a broken bundle
            report(fail("qt", f"cannot load Qt: {exc}"))
        else:
            report(_guarded("images", lambda: qt_checks.check_images(catalog, root)))
            report(_guarded("figures", lambda: qt_checks.check_figures(catalog)))
            report(_guarded("window", qt_checks.check_window))
            report(_guarded("notifications", qt_checks.check_notifications))
        report(_guarded("history", lambda: check_history(folder)))
        report(_guarded("runs", check_runs))
        report(_guarded("speech", lambda: check_speech(folder)))
        paths.set_data_dir(None)
    failed = [r for r in results if r.status == "FAIL"]
    warned = [r for r in results if r.status == "warn"]
    took = time.monotonic() - started
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(results)} checks ({took:.1f} s)", file=out)
        return 1
    note = f", {len(warned)} unavailable" if warned else ""
    print(f"self-test passed: {len(results)} checks{note} ({took:.1f} s)", file=out)
    return 0
