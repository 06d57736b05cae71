"""Every page and every dialog state fits every window from 1024x600 to 3840x2160, in
4:3, 16:10 and 16:9, at scale factors 1, 1.25, 1.5 and 2 (tests/layout_matrix.py runs
one process per scale; QT_SCALE_FACTOR is read when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.layout_matrix import SCALES, SIZES

REPO = Path(__file__).resolve().parent.parent
# The session page's own layout is the session screen's work (its test lives with it).
EXEMPT_PREFIXES: tuple[str, ...] = ()
PAGES = {"library", "library-today", "routine", "routine-yours", "routine-levels", "summary",
         "summary-proposal", "history", "history-levels", "history-plan", "runs", "settings",
         "why", "editor-empty", "editor-filled", "editor-error"}  # fmt: skip
DIALOGS = {"dialog-red-flags-asked", "dialog-red-flags", "dialog-red-flags-cleared",
           "dialog-red-flags-covered", "dialog-this-hurts", "dialog-this-hurts-long-names",
           "dialog-glute-check-question", "dialog-glute-check", "dialog-glute-check-glutes",
           "dialog-glute-check-not-sure", "dialog-level", "dialog-run-add", "dialog-run-shoe",
           "dialog-new-exercise", "weekly-plan"}  # fmt: skip


def test_every_page_and_dialog_fits_every_size_at_every_scale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    runs = {}
    for scale in SCALES:
        out = tmp_path / f"scale-{scale}" / "problems.json"
        out.parent.mkdir()
        runs[scale] = (
            out,
            subprocess.Popen(
                [sys.executable, "-m", "tests.layout_matrix", scale, str(out)],
                cwd=REPO,
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    problems: list[str] = []
    for scale, (out, proc) in runs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"scale {scale}: {err[-2000:]}"
        report = json.loads(out.read_text())
        seen = set(report["scenes"])
        assert seen >= PAGES | DIALOGS, f"scale {scale} never showed {(PAGES | DIALOGS) - seen}"
        assert report["checks"] >= len(PAGES | DIALOGS) * len(SIZES)
        problems += [
            f"x{scale} {p['size']} {p['scene']}: {p['problem']}"
            for p in report["problems"]
            if not p["scene"].startswith(EXEMPT_PREFIXES)
        ]
    assert not problems, f"{len(problems)} layout problems:\n" + "\n".join(problems[:60])
