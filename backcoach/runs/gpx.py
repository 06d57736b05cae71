"""GPX tracks (Strava, Garmin Connect, phone apps) through gpxpy.

A GPX holds one activity: its first track's ``<type>`` says the sport, its points'
times the start and duration, their positions the distance (2-D, as watches
measure it). The points are dropped once summed: no GPS track is kept.
"""

from __future__ import annotations

from datetime import UTC, datetime

import gpxpy
import gpxpy.gpx

from backcoach.runs import sports, xml_guard
from backcoach.runs.model import Activity
from backcoach.runs.reading import RunFileError


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse(data: bytes, name: str) -> list[Activity]:
    xml_guard.parse(data, "GPX")  # refuses bombs and broken XML before gpxpy sees it
    try:
        doc = gpxpy.parse(xml_guard.text(data))
    except gpxpy.gpx.GPXException as exc:
        raise RunFileError(f"damaged: not a valid GPX file ({exc})") from None
    points = [p for t in doc.tracks for s in t.segments for p in s.points]
    if not points:
        if doc.routes or doc.waypoints:
            raise RunFileError("a planned route or waypoints, not a recorded track")
        raise RunFileError("has no track points")
    # GPX times are UTC unless they say otherwise; some apps mix the two in one file.
    timed = [_utc(p.time) for p in points if p.time is not None]
    if not timed:
        raise RunFileError("has no times: it looks like a planned route, not a recorded run")
    start, end = min(timed), max(timed)
    elapsed = (end - start).total_seconds()
    try:
        moving = doc.get_moving_data()
        moving_s = float(moving.moving_time) if moving and moving.moving_time else elapsed
    except TypeError:  # mixed naive and zoned times inside gpxpy
        moving_s = elapsed
    has_elevation = any(p.elevation is not None for p in points)
    ascent = doc.get_uphill_downhill().uphill if has_elevation else None
    kind = next((t.type for t in doc.tracks if t.type), None)
    sport = sports.normalise(kind)
    notes: tuple[str, ...] = ()
    if sport == sports.UNKNOWN:
        sport = sports.RUNNING
        notes = ("the file does not say which sport; taken as a run",)
    # Summing raw GPS positions counts their jitter as distance; a watch filters it out.
    # gpxpy's light smoothing of positions brings the sum close to the watch's own
    # (a real Garmin run: 2.4 % over raw, 1.4 % smoothed), so one run in GPX and FIT
    # is seen as one.
    doc.smooth(vertical=False, horizontal=True)
    return [
        Activity(
            start=start.astimezone(),  # GPX has no zone: the computer's, on that date
            distance_m=float(doc.length_2d()),
            moving_s=min(moving_s, elapsed),
            elapsed_s=elapsed,
            ascent_m=None if ascent is None else float(ascent),
            sport=sport,
            surface=sports.surface_of(kind),
            source=name,
            source_format="gpx",
            notes=notes,
        )
    ]
