"""The pyttsx3 backend's bookkeeping: its workers, the utterance playing, and the limits
past which a worker counts as hung or the engine as lost. Pure data and time arithmetic.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from backcoach.speech.policy import Utterance
from backcoach.speech.process import WorkerProcess


@dataclass(frozen=True)
class Watchdog:
    boot_s: float = 20.0  # spawn → ready; a cold disk can take seconds
    # say → started: a prepared cue starts in milliseconds, one synthesised on demand in
    # tens; the worker itself gives up on a player that takes nothing for 1 s (sinks.py),
    # so past this the worker, not its player, is stuck.
    start_s: float = 2.0
    overrun: float = 1.2  # started → finished may take audio_s * overrun + grace_s
    grace_s: float = 1.5
    ping_every_s: float = 10.0  # an idle worker is asked to answer this often
    pong_s: float = 3.0
    max_crashes: int = 4  # within crash_window_s, then captions only
    crash_window_s: float = 120.0
    backoff_s: float = 0.25  # respawn delay, doubled for each recent crash
    max_stalls: int = 3  # players hung in a row (none played between): sound is lost


@dataclass(eq=False)
class Slot:
    """One worker process and what we last heard from it."""

    proc: WorkerProcess
    born: float
    state: str = "booting"  # "booting", "ready", "dead"
    heard_at: float = 0.0
    ping_at: float | None = None


@dataclass(eq=False)
class Playing:
    """The utterance that has the voice, and the worker saying it."""

    utt: Utterance
    slot: Slot | None = None  # None: waiting for a worker to be ready
    sent_at: float = 0.0
    started_at: float | None = None
    audio_s: float = 0.0


@dataclass
class Stats:
    spawned: int = 0
    crashes: int = 0  # died, or killed by the watchdog
    hangs: int = 0  # of those, found unresponsive by the watchdog
    kills: int = 0  # deliberate: interruptions, stop, mute
    stalls: int = 0  # players found hung by their worker (not the engine's fault)
    handed_over: int = 0  # cues given to another worker after theirs failed to start them
    prepared: int = 0  # "prepared" reports: a worker has every cue of the session ready
    trace: deque[tuple[Any, ...]] = field(default_factory=lambda: deque(maxlen=500))


def play_deadline(playing: Playing, wd: Watchdog) -> float:
    """When the utterance's worker counts as hung if nothing more was heard."""
    if playing.started_at is None:
        return playing.sent_at + wd.start_s
    return playing.started_at + playing.audio_s * wd.overrun + wd.grace_s


def next_deadline(
    now: float,
    wd: Watchdog,
    slots: Sequence[Slot],
    playing: Playing | None,
    spawn_at: float | None,
) -> float:
    """The next moment the supervisor has something to check or do."""
    times = [now + 5.0]
    if spawn_at is not None:
        times.append(spawn_at)
    for slot in slots:
        if slot.state == "booting":
            times.append(slot.born + wd.boot_s)
        elif slot.ping_at is not None:
            times.append(slot.ping_at + wd.pong_s)
        else:
            times.append(slot.heard_at + wd.ping_every_s)
    if playing is not None and playing.slot is not None:
        times.append(play_deadline(playing, wd))
    return min(times)
