"""TCX (Garmin Training Center, Polar, older exports) through defusedxml's ElementTree.

Each ``<Activity>`` is one activity; its laps carry the timer time and distance.
The trackpoints give the elapsed time and the climb, and are then dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from backcoach.runs import climb, sports, xml_guard
from backcoach.runs.model import Activity
from backcoach.runs.reading import RunFileError


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _float(node: Any, path: str) -> float | None:
    found = node.find(path)
    if found is None or not (found.text or "").strip():
        return None
    try:
        return float(found.text)
    except ValueError:
        return None


def parse(data: bytes, name: str) -> list[Activity]:
    root = xml_guard.parse(data, "TCX")
    activities = root.findall(".//{*}Activity")
    if not activities:
        if root.find(".//{*}Course") is not None:
            raise RunFileError("a TCX course (a planned route), not a recorded activity")
        raise RunFileError("has no activity in it")
    out = [a for a in (_activity(n, name) for n in activities) if a is not None]
    if not out:
        raise RunFileError("has no times: no lap or point says when it was")
    return out


def _activity(node: Any, name: str) -> Activity | None:
    word = node.get("Sport", "")
    # TCX names only Running and Biking; "Other" is any other sport, never a run.
    sport = "other" if word.strip().lower() == "other" else sports.normalise(word)
    laps = node.findall("{*}Lap")
    times = [t for p in node.iterfind(".//{*}Trackpoint/{*}Time") if (t := _time(p.text))]
    lap_starts = [t for lap in laps if (t := _time(lap.get("StartTime")))]
    starts = lap_starts + times
    if not starts:
        found = _time(node.findtext("{*}Id"))
        if found is None:
            return None
        starts = [found]
    start = min(starts)
    moving = sum(_float(lap, "{*}TotalTimeSeconds") or 0.0 for lap in laps)
    lap_distance = sum(_float(lap, "{*}DistanceMeters") or 0.0 for lap in laps)
    point_distance = max(
        (d for p in node.iterfind(".//{*}Trackpoint") if (d := _float(p, "{*}DistanceMeters"))),
        default=0.0,
    )
    end = max(times) if times else start
    if laps and (last := _time(laps[-1].get("StartTime"))):
        end = max(end, last + timedelta(seconds=_float(laps[-1], "{*}TotalTimeSeconds") or 0.0))
    elapsed = max((end - start).total_seconds(), moving)
    altitudes = [_float(p, "{*}AltitudeMeters") for p in node.iterfind(".//{*}Trackpoint")]
    notes: tuple[str, ...] = ()
    if sport == sports.UNKNOWN:
        sport = sports.RUNNING
        notes = ("the file does not say which sport; taken as a run",)
    return Activity(
        start=start.astimezone(),
        distance_m=lap_distance or point_distance,
        moving_s=moving or elapsed,
        elapsed_s=elapsed,
        ascent_m=climb.ascent(altitudes),
        sport=sport,
        source=name,
        source_format="tcx",
        notes=notes,
    )
