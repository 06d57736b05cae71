"""The command line: version, routines, plan, run, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from backcoach import __version__
from backcoach.cli import main
from tests.conftest import REPO

ROUTINES = {
    "strengthen-and-mobilise",
    "stability-ball-circuit",
    "post-run-cooldown",
    "glute-check",
    "pre-run-warm-up",
    "extra-stretches",
}


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"backcoach {__version__}"


def test_routines_lists_six_with_minutes_and_equipment(capsys) -> None:
    assert main(["routines"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["ID", "MIN", "EQUIPMENT"]
    assert {line.split()[0] for line in out[1:]} == ROUTINES


def test_routines_json_is_valid_with_ids_names_minutes_equipment(capsys) -> None:
    assert main(["routines", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == ROUTINES
    circuit = next(r for r in rows if r["id"] == "stability-ball-circuit")
    assert circuit["name"] == "Stability-ball strength circuit"
    assert set(circuit["equipment"]) == {"mat", "stability-ball"}
    assert all(isinstance(r["minutes"], float) and r["minutes"] > 1 for r in rows)


def test_plan_json_shows_the_circuit_exactly_as_the_seed_gives_it(capsys) -> None:
    assert main(["plan", "stability-ball-circuit", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    work = [s for s in plan["segments"] if s["kind"] == "work"]
    rounds = {s["round"] for s in work}
    assert rounds == {1, 2, 3}
    first = [s for s in work if s["round"] == 1]
    assert [s["exercise"] for s in first] == [
        "plank", "plank", "plank", "ball-back-extension", "ball-reverse-leg-raise",
        "glute-bridge", "locust-pose", "locust-pose", "locust-pose",
    ]  # fmt: skip
    plank = [s for s in first if s["exercise"] == "plank"]
    assert [s["duration_s"] for s in plank] == [45, 45, 45]
    assert next(s for s in first if s["exercise"] == "ball-back-extension")["reps"] == 12
    assert next(s for s in first if s["exercise"] == "ball-reverse-leg-raise")["reps"] == 15
    bridge = next(s for s in first if s["exercise"] == "glute-bridge")
    assert bridge["reps"] == 15
    assert {"name": "hold", "seconds": 3, "cue": "Hold, 2, 3"} in bridge["tempo"]
    assert [c["text"] for c in bridge["cues"][:4]] == ["Squeeze and lift", "Hold", "2", "3"]
    locust = [s for s in first if s["exercise"] == "locust-pose"]
    assert [s["duration_s"] for s in locust] == [30, 30, 30]
    segs = plan["segments"]
    locust_rests = [
        s["duration_s"]
        for a, s, b in zip(segs, segs[1:], segs[2:], strict=False)
        if s["kind"] == "rest" and a["exercise"] == b["exercise"] == "locust-pose"
    ]
    assert locust_rests[:2] == [5, 5]
    # 30 s between exercises all told: a rest, then the get-ready, then the next exercise.
    between = [
        s["duration_s"] + b["duration_s"]
        for a, s, b in zip(segs, segs[1:], segs[2:], strict=False)
        if s["kind"] == "rest" and a["kind"] == "work" and b["kind"] == "prepare"
    ]
    assert between and set(between) == {30}
    assert plan["minutes"] == round(plan["total_s"] / 60, 1)


def test_plan_options_change_the_timeline(capsys) -> None:
    assert main(["plan", "post-run-cooldown", "--json", "--hold", "90", "--rounds", "1"]) == 0
    plan = json.loads(capsys.readouterr().out)
    holds = {
        s["duration_s"] for s in plan["segments"] if s["kind"] == "work" and s["mode"] == "hold"
    }
    assert holds == {60}  # asked for 90, kept within the seeds' 30–60 s


def test_plan_text_prints_cues_and_total(capsys) -> None:
    assert main(["plan", "glute-check"]) == 0
    out = capsys.readouterr().out
    assert "Get ready: Prone knee lift check, left side." in out
    assert "Total:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "no-such-routine"], "no routine called 'no-such-routine'"),
        (["plan", "glute-check", "--variant", "plank"], "expected EXERCISE=VARIANT"),
        (["plan", "glute-check", "--variant", "plank=flying"], "plank has no variant 'flying'"),
        (["plan", "glute-check", "--rounds", "40"], "--rounds must be between 1 and 10"),
        (["run", "glute-check", "--speed", "0"], "--speed must be more than 0"),
    ],
)
def test_errors_are_one_sentence_on_stderr_with_exit_2(capsys, argv, message) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("backcoach: ") and message in err
    assert err.count("\n") == 0


def test_run_follows_a_routine_in_real_time_sped_up(tmp_path) -> None:
    # A real process on the real monotonic clock, 60 times faster than life.
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(tmp_path), "run", "extra-stretches",
         "--speed", "60", "--mute"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert any("Get ready: Knee to chest, left side." in line for line in lines)
    assert any("Switch sides: right side." in line for line in lines)
    assert "Session completed" in lines[-2]
    assert lines[-2].endswith("6 of 6 sets done, 100% of the exercise time.")
    assert lines[-1] == "Saved as session 1."  # said only once every set is in the file
    # Done as planned: the same exercise seconds done as planned, in the export too.
    log = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(tmp_path), "history", "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    (session,) = json.loads(log.stdout)["sessions"]
    assert session["status"] == "completed" and session["planned_basis"] == "work"
    assert session["done_s"] == session["planned_s"] > 0 and session["done_pct"] == 100
