"""FIT activity files (Garmin, Coros, Suunto, Wahoo, Zwift…) through fitdecode.

The summary comes from the file's ``session`` messages (one per sport in a
multisport file). A file without any (a watch that crashed before saving the
summary) is summed up from its records instead. Records are read and dropped:
no GPS track is kept.
"""

from __future__ import annotations

import io
import logging
import warnings
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import fitdecode

from backcoach.runs import climb, sports
from backcoach.runs.model import Activity
from backcoach.runs.reading import RunFileError

log = logging.getLogger(__name__)

# FIT times count seconds from 1989-12-31 00:00 UTC.
FIT_EPOCH_S = 631065600
_NOT_ACTIVITIES = {
    "course": "a FIT course (a planned route), not a recorded activity",
    "workout": "a FIT workout plan, not a recorded activity",
    "settings": "a watch settings file, not an activity",
    "device": "a watch device file, not an activity",
    "sport": "a watch sport-profile file, not an activity",
    "totals": "a watch totals file, not an activity",
    "monitoring_a": "all-day monitoring data, not an activity",
    "monitoring_b": "all-day monitoring data, not an activity",
    "monitoring_daily": "all-day monitoring data, not an activity",
}


def _time(raw: Any) -> datetime | None:
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=UTC)
    if isinstance(raw, int | float) and raw > 0x10000000:  # below that: seconds since power-on
        return datetime.fromtimestamp(FIT_EPOCH_S + raw, UTC)
    return None


def _num(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _values(frame: Any) -> dict[str, Any]:
    return {f.name: f.value for f in frame.fields if f.value is not None}


class _Collector:
    """What the file says, gathered as fitdecode walks it once."""

    def __init__(self, records: bool) -> None:
        self.records = records  # sum up records too (only when there is no session)
        self.file_type = ""
        self.sessions: list[dict[str, Any]] = []
        self.sport = ""  # from a 'sport' message (the watch's sport profile)
        self.sub_sport = ""
        self.offset: timedelta | None = None
        # Record fallback, for a file with no session: first and last time, distance, altitudes.
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.distance = 0.0
        self.altitudes: list[float | None] = []

    def take(self, frame: Any) -> None:
        name = frame.name
        if name == "record":
            if self.records:
                self._record(frame)
        elif name == "session":
            self.sessions.append(_values(frame))
        elif name == "activity":
            v = _values(frame)
            utc, local = v.get("timestamp"), v.get("local_timestamp")
            if isinstance(utc, int | float) and isinstance(local, int | float):
                # Zones are whole quarter hours; this also absorbs the odd second of skew.
                quarter = round((local - utc) / 900) * 900
                if abs(quarter) <= 14 * 3600:
                    self.offset = timedelta(seconds=quarter)
        elif name == "file_id":
            self.file_type = str(frame.get_value("type", fallback="") or "")
        elif name == "sport":
            self.sport = str(frame.get_value("sport", fallback="") or "")
            self.sub_sport = str(frame.get_value("sub_sport", fallback="") or "")

    def _record(self, frame: Any) -> None:
        ts = dist = alt = None
        for f in frame.fields:
            n = f.name
            if n == "timestamp":
                ts = f.value
            elif n == "distance":
                dist = f.value
            elif n == "enhanced_altitude" or (n == "altitude" and alt is None):
                alt = f.value
        moment = _time(ts)
        if moment is not None:
            if self.first is None:
                self.first = moment
            self.last = moment
        if isinstance(dist, int | float):
            self.distance = max(self.distance, float(dist))
        self.altitudes.append(_num(alt))


def _zone(moment: datetime, offset: timedelta | None) -> datetime:
    if offset is None:
        return moment.astimezone()  # the computer's zone on that date
    return moment.astimezone(timezone(offset))


def parse(data: bytes, name: str) -> list[Activity]:
    """The activities in a FIT file; RunFileError when it is damaged or not an activity.

    Records are only looked at in a second pass, for a file with no session: looking at
    each of them costs a third again on top of fitdecode's own decoding."""
    c = _read(data, name, records=False)
    if c.file_type in _NOT_ACTIVITIES:
        raise RunFileError(_NOT_ACTIVITIES[c.file_type])
    if c.sessions:
        return [a for s in c.sessions if (a := _from_session(s, c, name)) is not None]
    return [_from_records(_read(data, name, records=True), name)]


def _read(data: bytes, name: str, records: bool) -> _Collector:
    c = _Collector(records)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fitdecode.FitReader(
                io.BytesIO(data),
                processor=None,  # we convert the few values we keep ourselves
                check_crc=fitdecode.CrcCheck.RAISE,
                error_handling=fitdecode.ErrorHandling.IGNORE,
            ) as fit:
                for frame in fit:
                    if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                        c.take(frame)
    except fitdecode.FitEOFError:
        raise RunFileError(
            "cut short: the file ends part-way through (copy it from the watch again)"
        ) from None
    except fitdecode.FitCRCError:
        raise RunFileError("damaged: its checksum does not match its contents") from None
    except fitdecode.FitHeaderError as exc:
        raise RunFileError(f"not a FIT file, or its header is damaged ({exc})") from None
    except fitdecode.FitParseError as exc:
        raise RunFileError(f"damaged: its contents are garbled ({exc})") from None
    except Exception as exc:  # fitdecode raises plain errors too on hostile bytes
        log.info("FIT decode failed for %s", name, exc_info=True)
        raise RunFileError(f"damaged: it could not be decoded ({type(exc).__name__})") from None
    return c


def _from_session(s: dict[str, Any], c: _Collector, name: str) -> Activity | None:
    start = _time(s.get("start_time")) or _time(s.get("timestamp"))
    if start is None:
        return None
    sport_word = str(s.get("sport") or c.sport or "")
    sub = str(s.get("sub_sport") or c.sub_sport or "")
    elapsed = _num(s.get("total_elapsed_time")) or 0.0
    moving = _num(s.get("total_moving_time")) or _num(s.get("total_timer_time")) or elapsed
    sport = sports.normalise(sport_word)
    notes: tuple[str, ...] = ()
    if sport == sports.UNKNOWN:
        sport = sports.RUNNING
        notes = ("the file does not say which sport; taken as a run",)
    return Activity(
        start=_zone(start, c.offset),
        distance_m=max(_num(s.get("total_distance")) or 0.0, 0.0),
        moving_s=moving,
        elapsed_s=max(elapsed, moving),
        ascent_m=_num(s.get("total_ascent")),
        sport=sport,
        surface=sports.surface_of(sub),
        source=name,
        source_format="fit",
        notes=notes,
    )


def _from_records(c: _Collector, name: str) -> Activity:
    if c.first is None or c.last is None:
        raise RunFileError("has no activity in it (no summary and no timed records)")
    elapsed = (c.last - c.first).total_seconds()
    sport = sports.normalise(c.sport) or sports.RUNNING
    return Activity(
        start=_zone(c.first, c.offset),
        distance_m=c.distance,
        moving_s=elapsed,
        elapsed_s=elapsed,
        ascent_m=climb.ascent(c.altitudes),
        sport=sport,
        surface=sports.surface_of(c.sub_sport),
        source=name,
        source_format="fit",
        notes=("the file has no summary; worked out from its records",),
    )
