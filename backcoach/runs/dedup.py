"""The same run exported twice, or from two apps, or in two formats, counts once.

Two records are one run when they start within a minute of each other and their
distances are within 2 % (of the longer). Both tolerances absorb what differs between
formats: a GPX starts at its first point, a FIT at the timer press; a GPX distance is
summed from positions, a FIT distance is the watch's own.
"""

from __future__ import annotations

from datetime import datetime

START_WINDOW_S = 60.0
DISTANCE_TOLERANCE = 0.02


def same_distance(a_m: float, b_m: float) -> bool:
    longer = max(a_m, b_m)
    return longer <= 0 or abs(a_m - b_m) <= DISTANCE_TOLERANCE * longer


def same_run(a_start: datetime, a_m: float, b_start: datetime, b_m: float) -> bool:
    close = abs((a_start - b_start).total_seconds()) <= START_WINDOW_S
    return close and same_distance(a_m, b_m)
