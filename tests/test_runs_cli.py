"""``backcoach runs``, ``runs import``, ``runs add`` and ``shoes`` as a runner types them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from backcoach.cli import main
from tests.conftest import REPO


def _cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BACKCOACH_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "backcoach", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )


def test_import_one_call_one_run_ride_skipped_broken_named(run_files, data_dir: Path) -> None:
    files = [
        str(run_files[r])
        for r in ("run_fit", "run_gpx", "run_tcx", "ride_fit", "corrupt_fit", "truncated_fit")
    ]
    done = _cli("runs", "import", *files, data=data_dir)
    assert done.returncode == 1  # some files could not be read
    assert done.stdout.splitlines()[0] == "Imported 1 run from 6 files."
    assert "7.99 km" in done.stdout and "2025-05-04-morning-run.fit" in done.stdout
    err = done.stderr.splitlines()
    assert "backcoach: evening-ride.fit: skipped: a ride, not a run" in err
    assert sum("already in your log" in line for line in err) == 2
    assert any(line.startswith("backcoach: not imported: corrupt.fit: damaged") for line in err)
    assert any(line.startswith("backcoach: not imported: truncated.fit: cut short") for line in err)
    assert "Traceback" not in done.stderr
    again = _cli("runs", "import", str(run_files["run_fit"]), data=data_dir)
    assert again.returncode == 0 and again.stdout.startswith("Imported 0 runs from 1 file.")


def test_runs_json_has_the_promised_shape(data_dir: Path, capsys) -> None:
    today = date.today()
    assert (
        main(
            [
                "shoes",
                "add",
                "Pegasus 40",
                "--retire-at",
                "650",
                "--since",
                "2020-01-01",
                "--default",
            ]
        )
        == 0
    )
    for days_ago, km in [(0, 12), (2, 8), (9, 6), (16, 6), (23, 6), (30, 5)]:
        day = (today - timedelta(days=days_ago)).isoformat()
        assert (
            main(
                [
                    "runs",
                    "add",
                    "--date",
                    f"{day}T07:30",
                    "--distance",
                    str(km),
                    "--duration",
                    "50:00",
                ]
            )
            == 0
        )
    capsys.readouterr()
    assert main(["runs", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"runs", "weeks", "load", "shoes"}
    run_keys = {
        "start",
        "distance_m",
        "moving_s",
        "elapsed_s",
        "ascent_m",
        "sport",
        "surface",
        "shoe",
        "source",
    }
    assert all(set(r) == run_keys for r in doc["runs"]) and len(doc["runs"]) == 6
    assert doc["runs"][-1]["distance_m"] == 12_000 and doc["runs"][-1]["shoe"] == "Pegasus 40"
    assert all(set(w) == {"week", "distance_m", "moving_s"} for w in doc["weeks"])
    assert doc["weeks"][-1]["week"] == "{}-W{:02d}".format(*today.isocalendar()[:2])
    assert sum(w["distance_m"] for w in doc["weeks"]) == 43_000
    assert doc["load"] == {"acute_m": 20_000, "chronic_m": 9_500, "ratio": round(20 / 9.5, 2)}
    assert doc["shoes"] == [{"name": "Pegasus 40", "distance_m": 43_000, "retire_at_m": 650_000}]


def test_shoes_table_and_json(data_dir: Path, capsys) -> None:
    assert (
        main(
            [
                "shoes",
                "add",
                "Old",
                "--retire-at",
                "500",
                "--already",
                "510",
                "--since",
                "2024-01-01",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["shoes"]) == 0
    out = capsys.readouterr().out
    assert "due for a change (10 km past your limit)" in out
    assert main(["shoes", "--json"]) == 0
    (shoe,) = json.loads(capsys.readouterr().out)["shoes"]
    assert shoe["due"] is True and shoe["started_on"] == "2024-01-01"


def test_mistakes_on_the_command_line_say_how_to_fix_them(data_dir: Path, capsys) -> None:
    assert main(["runs", "add", "--date", "yesterday", "--distance", "5", "--duration", "30"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert (
        main(["runs", "add", "--date", "2025-05-01", "--distance", "five", "--duration", "30"]) == 2
    )
    assert "not a distance" in capsys.readouterr().err
    assert (
        main(
            [
                "runs",
                "add",
                "--date",
                "2025-05-01",
                "--distance",
                "5",
                "--duration",
                "30",
                "--shoe",
                "X",
            ]
        )
        == 2
    )
    assert "no shoe by that name" in capsys.readouterr().err
    assert main(["shoes", "add", "Tiny", "--retire-at", "0.5"]) == 2
    assert "retire-at" in capsys.readouterr().err


def test_empty_log_says_how_to_start(data_dir: Path, capsys) -> None:
    assert main(["runs"]) == 0
    assert "backcoach runs import" in capsys.readouterr().out
    assert main(["runs", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc == {
        "runs": [],
        "weeks": [],
        "load": {"acute_m": 0, "chronic_m": 0, "ratio": None},
        "shoes": [],
    }


def test_runs_json_from_the_command_line_is_the_documented_export(
    data_dir: Path, run_files, capsys
) -> None:
    """The command writes runs straight from SQLite for speed; it must say exactly what
    the Python export says, nulls and non-ASCII names included."""
    from backcoach import paths
    from backcoach.core.history import HistoryStore
    from backcoach.runs.export import runs_document
    from backcoach.runs.store import RunLog

    assert main(["shoes", "add", "Zoom Fly — grün", "--since", "2020-01-01", "--default"]) == 0
    assert (
        main(["runs", "import", str(run_files["run_gpx_jitter"]), str(run_files["treadmill_fit"])])
        == 0
    )
    assert (
        main(["runs", "add", "--date", "2025-05-09", "--distance", "6.123", "--duration", "33:21"])
        == 0
    )
    capsys.readouterr()
    assert main(["runs", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    with HistoryStore.open(paths.history_db()) as store:
        expected = runs_document(RunLog(store), date.today())
    assert printed == expected
    assert [r["source"] for r in printed["runs"]] == [
        "Morning_Run_phone.gpx",
        "treadmill.fit",
        None,
    ]
    assert printed["runs"][1]["ascent_m"] == 0 and printed["runs"][2]["ascent_m"] is None
    assert printed["runs"][0]["shoe"] == "Zoom Fly — grün" and printed["runs"][0]["surface"] is None


def test_importing_while_the_window_owns_the_folder_says_so(data_dir: Path, run_files) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom backcoach.core.folder_lock import claim\n"
        f"claim(Path({str(data_dir)!r}), 'window')\nprint('held', flush=True)\nsys.stdin.read()\n"
    )
    owner = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == "held"
        done = _cli("runs", "import", str(run_files["run_fit"]), data=data_dir)
        listing = _cli("runs", "--json", data=data_dir)
    finally:
        owner.communicate("")
    assert done.returncode == 2 and "the backcoach window" in done.stderr
    assert "Drop the files on its window" in done.stderr and "Traceback" not in done.stderr
    assert listing.returncode == 0  # reading needs no claim
