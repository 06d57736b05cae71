"""Measuring and shaping a synthesised cue: its voiced part, its pace, its silences.

Pure functions on 16-bit mono samples; the worker uses them after each synthesis.
Why pace is measured rather than trusted: engines speak a two-word cue much faster
than a sentence at the same rate setting (espeak-ng says "And back" at ~230 wpm when
set to 165, because a sentence's pauses are part of its rate), and a runner mid-
exercise needs the short cues most.
"""

from __future__ import annotations

import array
import sys

from backcoach.core.cues import word_count

SILENCE = 328  # |sample| at or below this (1 % of full scale) is silence
LEAD_KEEP_S = 0.01  # leading silence kept: the voice starts when the player does
TAIL_KEEP_S = 0.08  # trailing silence kept: engines add ~0.33 s that only delays the next cue
PACE_TOLERANCE = 1.04  # within 4 % of the rate counts as on pace


def samples(pcm: bytes) -> array.array[int]:
    a = array.array("h")
    a.frombytes(pcm[: len(pcm) // 2 * 2])
    if sys.byteorder == "big":
        a.byteswap()
    return a


def voiced_span(pcm: bytes, rate: int) -> tuple[float, float]:
    """(start, end) in seconds of the part louder than silence; (0, 0) when silent."""
    a = samples(pcm)
    first = next((i for i, s in enumerate(a) if abs(s) > SILENCE), None)
    if first is None:
        return 0.0, 0.0
    last = next(i for i in range(len(a) - 1, -1, -1) if abs(a[i]) > SILENCE)
    return first / rate, (last + 1) / rate


def trim(pcm: bytes, rate: int) -> bytes:
    """Cut leading and trailing silence down to ``LEAD_KEEP_S`` and ``TAIL_KEEP_S``."""
    start, end = voiced_span(pcm, rate)
    if end <= start:
        return pcm
    first = max(0, round((start - LEAD_KEEP_S) * rate))
    last = min(len(pcm) // 2, round((end + TAIL_KEEP_S) * rate))
    return pcm[first * 2 : last * 2]


def words_per_minute(text: str, pcm: bytes, rate: int) -> float:
    """The pace of ``text`` as spoken in ``pcm``: its words over its voiced seconds."""
    start, end = voiced_span(pcm, rate)
    voiced = end - start
    return word_count(text) * 60.0 / voiced if voiced > 0 else 0.0


def slower_rate(setting: int, measured_wpm: float, target_wpm: int, floor: int) -> int | None:
    """The engine rate that brings a cue measured at ``measured_wpm`` (synthesised at
    ``setting``) down to ``target_wpm``; None when it is already slow enough.

    Engines' speech time is close to inversely proportional to their rate setting, so
    one correction lands within a few percent."""
    if measured_wpm <= target_wpm * PACE_TOLERANCE:
        return None
    wanted = int(setting * target_wpm / measured_wpm)
    return max(floor, min(setting - 1, wanted))
