"""The self-test's look at the run readers: every parser loads (a frozen build that
left fitdecode, gpxpy or defusedxml behind fails here), one run in GPX and TCX reads
the same, and an XML bomb is refused."""

from __future__ import annotations

_GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="self-test" xmlns="http://www.topografix.com/GPX/1/1"><trk>
<type>running</type><trkseg>
<trkpt lat="51.4400" lon="-0.2750"><ele>20</ele><time>2025-05-04T06:00:00Z</time></trkpt>
<trkpt lat="51.4490" lon="-0.2750"><ele>30</ele><time>2025-05-04T06:05:00Z</time></trkpt>
</trkseg></trk></gpx>
"""
_TCX = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2025-05-04T06:00:00Z</Id>
<Lap StartTime="2025-05-04T06:00:00Z"><TotalTimeSeconds>300</TotalTimeSeconds>
<DistanceMeters>1000.7</DistanceMeters></Lap></Activity></Activities></TrainingCenterDatabase>
"""
_BOMB = '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>&a;</gpx>'


def check() -> tuple[bool, str]:
    """(sound, what was found), for the self-test's one line."""
    import fitdecode

    from backcoach.runs import gpx, tcx
    from backcoach.runs.dedup import same_run
    from backcoach.runs.reading import RunFileError

    a = gpx.parse(_GPX.encode(), "self-test.gpx")[0]
    b = tcx.parse(_TCX.encode(), "self-test.tcx")[0]
    if not same_run(a.start, a.distance_m, b.start, b.distance_m):
        return False, f"GPX and TCX of one run differ: {a.distance_m:.0f} m vs {b.distance_m:.0f} m"
    try:
        gpx.parse(_BOMB.encode(), "bomb.gpx")
    except RunFileError:
        pass
    else:
        return False, "an XML file with entities was not refused"
    return True, (
        f"FIT (fitdecode {fitdecode.__version__}), GPX and TCX readers load; one run read "
        "alike from GPX and TCX; an XML bomb refused"
    )
