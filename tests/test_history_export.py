"""Export: JSON with everything, CSV safe for spreadsheets, and ``backcoach history``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from backcoach import paths
from backcoach.cli import main
from backcoach.core import history_export
from backcoach.core.history import HistoryStore
from backcoach.core.records import SessionEvent, SessionStatus
from tests.history_helpers import add_session, day, seg

DANGEROUS = {
    '=HYPERLINK("http://x")': '\'=HYPERLINK("http://x")',
    "+1 tight": "'+1 tight",
    "-2 better": "'-2 better",
    "@SUM(A1)": "'@SUM(A1)",
    "\tTabbed": "'\tTabbed",
    "\rReturn": "'\rReturn",
    "Plain text = fine": "Plain text = fine",
    "": "",
    # Spreadsheets skip leading spaces, tabs and line breaks before looking for "=".
    " =1+1": "' =1+1",
    "\n=1+1": "'\n=1+1",
    "\n\t @cmd": "'\n\t @cmd",
    "\u00a0+1": "'\u00a0+1",
    "  - felt fine": "'  - felt fine",
    "  felt fine": "  felt fine",
    "\n": "\n",
}


@pytest.mark.parametrize(("cell", "expected"), DANGEROUS.items())
def test_neutralise(cell: str, expected: str) -> None:
    assert history_export.neutralise(cell) == expected


def _filled(path: Path) -> tuple[int, int]:
    with HistoryStore.open(path) as store:
        first = add_session(store, day(1), segments=2, pain=(5, 3))
        store.record_event(
            first, SessionEvent("check-answer", "prone-knee-lift-check", "left", "glutes", 61.0)
        )
        second = store.begin_session(
            "=cmd", '=HYPERLINK("http://evil")', 60.0, None, "0.1.0", day(2)
        )
        store.record_segment(
            second, seg(0, 12.0, exercise_name="@SUM(A1)", side="left", skipped=True)
        )
        store.end_session(second, SessionStatus.STOPPED, day(2))
        store.save_summary(second, None, "-2 better\nsecond line")
        empty = store.begin_session("r", "Nothing done", 60.0, 1, "0.1.0", day(3))
        store.end_session(empty, SessionStatus.STOPPED, day(3))
    return first or 0, second or 0


def test_csv_one_row_per_segment_with_formulas_defused(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    _filled(db)
    out = io.StringIO()
    with HistoryStore.open(db) as store:
        assert history_export.write(store.all_sessions(), out, "csv") == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(history_export.CSV_COLUMNS)
    assert len(rows) == 2 + 1 + 1  # two segments, one segment, one session without any
    assert [r["session_id"] for r in rows] == ["1", "1", "2", "3"]
    evil = rows[2]
    assert evil["routine_id"] == "'=cmd"
    assert evil["routine_name"] == '\'=HYPERLINK("http://evil")'
    assert evil["exercise_name"] == "'@SUM(A1)"
    assert evil["notes"] == "'-2 better\nsecond line"  # quoted, so the newline survives
    assert (evil["skipped"], evil["hurt"], evil["done_s"], evil["pain_after"]) == (
        "1",
        "0",
        "12.0",
        "",
    )
    assert rows[0]["started_at"] == "2025-06-01T18:00:00+02:00"
    assert rows[3]["exercise_id"] == "" and rows[3]["routine_name"] == "Nothing done"
    # No cell anywhere starts like a formula.
    assert not [v for r in rows for v in r.values() if v and v[0] in "=+-@\t\r"]


def test_json_keeps_sessions_segments_and_events(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    first, second = _filled(db)
    out = io.StringIO()
    with HistoryStore.open(db) as store:
        history_export.write(store.all_sessions(), out, "json")
    doc = json.loads(out.getvalue())
    assert (doc["format"], doc["version"]) == ("backcoach-history", 1)
    sessions = {s["id"]: s for s in doc["sessions"]}
    assert [s["id"] for s in doc["sessions"]] == [first, second, 3]  # oldest first
    assert sessions[first]["pain_before"] == 5 and sessions[first]["pain_after"] == 3
    assert [g["position"] for g in sessions[first]["segments"]] == [0, 1]
    assert sessions[first]["events"] == [
        {"at_s": 61.0, "kind": "check-answer", "exercise_id": "prone-knee-lift-check",
         "side": "left", "value": "glutes"}
    ]  # fmt: skip
    # JSON is data, not a spreadsheet: text is kept exactly.
    assert sessions[second]["routine_name"] == '=HYPERLINK("http://evil")'
    assert sessions[second]["segments"][0]["skipped"] is True
    assert sessions[second]["status"] == "stopped"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="use one of json, csv"):
        history_export.write([], io.StringIO(), "xml")


def test_cli_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    _filled(paths.history_db())
    assert main(["history", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["sessions"]) == 3
    assert main(["history", "--csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("session_id,started_at,")
    assert len(list(csv.reader(io.StringIO(out)))) == 1 + 4


def test_cli_table_and_data_dir_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "elsewhere"
    _filled(other / "history.sqlite3")
    assert main(["--data-dir", str(other), "history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["STARTED", "MIN", "DONE", "PAIN", "STATUS", "ROUTINE"]
    assert lines[1].startswith("2025-06-03 18:00") and "Nothing done" in lines[1]
    assert "5→3" in lines[3] and "completed" in lines[3]


def test_cli_on_an_empty_history(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert capsys.readouterr().out == "No sessions yet.\n"
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == []


def test_cli_export_does_not_close_a_session_in_progress(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with HistoryStore.open(paths.history_db()) as window:
        window.begin_session("r", "Live", 60.0, None, "0.1.0")
        assert main(["history", "--json"]) == 0
        (live,) = json.loads(capsys.readouterr().out)["sessions"]
        assert live["status"] == "running"
        assert window.sessions()[0].status is SessionStatus.RUNNING


def test_cli_rejects_both_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["history", "--json", "--csv"])
    assert "not allowed with argument" in capsys.readouterr().err
