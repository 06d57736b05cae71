"""Reading run files: the right summary from FIT, GPX and TCX, and a reason in one line
for every file that is damaged, hostile, too big or not a run. Files are made by
tests/fixtures/make_runs.py (fit-tool, gpxpy, a TCX template) from one realistic route.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.runs import reading
from backcoach.runs.files import read_file
from backcoach.runs.model import Surface
from tests.fixtures.make_runs import RUN_START, the_run


def _one(path: Path):  # type: ignore[no-untyped-def]
    result = read_file(path)
    assert result.error == "", result.error
    assert len(result.activities) == 1
    return result.activities[0]


def test_fit_run_summary_comes_from_the_session_with_the_watch_zone(run_files) -> None:
    a = _one(run_files["run_fit"])
    spec = the_run()
    assert a.start == RUN_START
    assert a.start.utcoffset() == timedelta(hours=1)  # the activity's local time, kept
    assert a.distance_m == pytest.approx(spec.distance, abs=0.5)
    assert a.moving_s == a.elapsed_s == pytest.approx(spec.elapsed)
    assert a.ascent_m == pytest.approx(40, abs=1)
    assert (a.sport, a.surface, a.source_format) == ("running", Surface.ROAD, "fit")
    assert a.source == "2025-05-04-morning-run.fit"


@pytest.mark.parametrize("role", ["run_gpx", "run_tcx"])
def test_the_same_run_as_gpx_and_tcx_agrees_with_the_fit(run_files, role: str) -> None:
    fit, other = _one(run_files["run_fit"]), _one(run_files[role])
    assert abs((other.start - fit.start).total_seconds()) < 1
    assert other.distance_m == pytest.approx(fit.distance_m, rel=0.02)
    assert other.elapsed_s == pytest.approx(fit.elapsed_s, abs=1)
    assert other.ascent_m == pytest.approx(fit.ascent_m, abs=3)
    assert other.sport == "running"


def test_ride_and_walk_are_recognised_from_their_sport(run_files) -> None:
    assert _one(run_files["ride_fit"]).sport == "cycling"
    assert _one(run_files["walk_gpx"]).sport == "walking"


def test_zero_distance_treadmill_run_is_a_run_with_time_and_no_distance(run_files) -> None:
    a = _one(run_files["treadmill_fit"])
    assert (a.sport, a.surface, a.distance_m, a.moving_s) == (
        "running",
        Surface.TREADMILL,
        0.0,
        1800.0,
    )


@pytest.mark.parametrize(
    ("role", "says"),
    [
        ("route_gpx", "has no times"),
        ("truncated_fit", "cut short"),
        ("truncated_gpx", "cut short"),
        ("corrupt_fit", "damaged"),
        ("crc_fit", "damaged"),
        ("garbage_gpx", "not a GPX file"),
        ("empty_fit", "empty"),
        ("bomb_gpx", "refused"),
        ("bomb_tcx", "refused"),
        ("external_tcx", "refused"),
        ("huge_fit", "too big"),
    ],
)
def test_bad_files_get_one_line_with_the_reason(run_files, role: str, says: str) -> None:
    result = read_file(run_files[role])
    assert result.activities == ()
    assert says in result.error
    assert "\n" not in result.error and "Traceback" not in result.error


def test_size_cap_is_checked_before_anything_is_read(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.gpx"
    with big.open("wb") as fh:
        fh.truncate(reading.MAX_FILE_BYTES + 1)
    opened: list[Path] = []
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self))
    assert "too big" in read_file(big).error
    assert opened == []


def test_gzip_and_zip_exports_are_unpacked(run_files, tmp_path: Path) -> None:
    data = run_files["run_fit"].read_bytes()
    gz = tmp_path / "run.fit.gz"
    gz.write_bytes(gzip.compress(data))
    assert _one(gz).source == "run.fit"
    zipped = tmp_path / "export.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("123_ACTIVITY.fit", data)
        zf.writestr("readme.txt", "not a run")
    assert _one(zipped).source == "export.zip/123_ACTIVITY.fit"


def test_a_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.gpx.gz"
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
        for _ in range(4):
            gz.write(b"<" + b" " * (1024 * 1024))
    bomb.write_bytes(buf.getvalue())
    assert "too big" in read_file(bomb, max_bytes=2 * 1024 * 1024).error


def test_format_is_told_from_the_content_not_the_name(run_files, tmp_path: Path) -> None:
    misnamed = tmp_path / "actually-a-fit.gpx"
    misnamed.write_bytes(run_files["run_fit"].read_bytes())
    assert _one(misnamed).source_format == "fit"


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    assert read_file(tmp_path / "nope.fit").error == "no such file"
    assert "folder" in read_file(tmp_path).error or "not a file" in read_file(tmp_path).error


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=0, max_value=10_000),
    flips=st.lists(st.integers(0, 10_000), max_size=5),
)
def test_mangled_files_never_raise(run_files, tmp_path: Path, cut: int, flips: list[int]) -> None:
    for role in ("run_fit", "run_gpx", "run_tcx"):
        data = bytearray(run_files[role].read_bytes())
        data = data[: max(len(data) - cut, 0)]
        for at in flips:
            if data:
                data[at % len(data)] ^= 0xFF
        path = tmp_path / f"mangled{run_files[role].suffix}"
        path.write_bytes(bytes(data))
        result = read_file(path)
        assert bool(result.error) != bool(result.activities) or result.parts


def test_gps_jitter_in_a_phone_gpx_does_not_make_it_another_run(run_files) -> None:
    """Raw positions with a metre of noise sum to ~3 % more than the watch measured;
    smoothed, the GPX is within the 2 % that makes it the same run."""
    import gpxpy

    from backcoach.runs.dedup import same_run

    fit, phone = _one(run_files["run_fit"]), _one(run_files["run_gpx_jitter"])
    raw = gpxpy.parse(run_files["run_gpx_jitter"].read_text()).length_2d()
    assert raw > fit.distance_m * 1.02  # what summing the raw points would have said
    assert same_run(fit.start, fit.distance_m, phone.start, phone.distance_m)
