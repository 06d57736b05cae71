"""Routine files used by the import, export and editor tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from backcoach import cli

# A physio's plan that uses shipped exercises only.
PHYSIO = """\
# From my physio, November
id = "physio-plan"
name = "Physio's plan for Sam"
purpose = "Three moves for the glutes and hips, after every run."
when = "after-run"
rounds = 2
rest_between_exercises_s = 15
rest_between_rounds_s = 45
equipment = ["mat"]

[[items]]
exercise = "glute-bridge"
reps = 12
sets = 2
rest_s = 20

[[items]]
exercise = "figure-four-stretch"
hold_s = 40

[[items]]
exercise = "single-leg-bridge"
variant = "double-leg"
reps = 10
"""

# Three mistakes: an unknown exercise, rounds out of range, and a wrong type.
BROKEN = """\
id = "broken-plan"
name = "Broken plan"
purpose = "Has three mistakes."
equipment = ["mat"]
rounds = 40
rest_between_exercises_s = "thirty"

[[items]]
exercise = "glute-brige"

[[items]]
exercise = "childs-pose"
"""

# A routine that carries its own exercise, so one file is enough to email.
CARRIES = """\
id = "wall-sit-plan"
name = "Wall sit plan"
purpose = "A wall sit from my physio, then a stretch."
equipment = ["wall", "mat"]

[[items]]
exercise = "wall-sit"

[[items]]
exercise = "knee-to-chest"
hold_s = 20

[[exercise]]
id = "wall-sit"
name = "Wall sit"
summary = "Back flat on the wall, knees bent, hold."
position = "Standing with your back against a wall"
instructions = ["Lean back on the wall.", "Slide down until the knees are bent.", "Hold."]
equipment = ["wall"]
picture = "calf-stretch"
safety = ["Ease off if a knee hurts."]

[exercise.dosage]
mode = "hold"
hold_s = 20
sets = 2
rest_s = 10

[exercise.cues]
setup = "Back against the wall."
during = ["Breathe."]
"""


def run_cli(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """The real command line, in this process (much faster than a subprocess)."""
    capsys.readouterr()
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys, data: Path, routine_id: str) -> str:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(capsys, "--data-dir", str(data), "plan", routine_id, "--json")
    assert code == 0, err
    json.loads(out)
    return out


def assets_without_routines(src: Path, dest: Path) -> Path:
    """A copy of the assets with no shipped routines, so an export keeps its own id."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("images", "guides", "icons"))
    for f in (dest / "routines").glob("*.toml"):
        f.unlink()
    return dest


def toml_files(data: Path) -> list[Path]:
    return sorted(p for sub in ("routines", "exercises") for p in (data / sub).glob("*.toml"))
