"""Shared by the speech tests: an event recorder, a WAV analyser, a leak check."""

from __future__ import annotations

import array
import itertools
import math
import os
import sys
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from backcoach.speech.base import Speaker
from backcoach.speech.process import spawned_pids

WAIT_S = 20.0  # generous: a shared 2-core machine; waits end as soon as the event comes


class Events:
    """Everything a speaker reports (plus its arrival time, last), with waiting on a
    condition, never a sleep."""

    def __init__(self, speaker: Speaker) -> None:
        self.log: list[tuple[Any, ...]] = []
        self._cond = threading.Condition()
        speaker.listen(
            started=lambda cue, latency: self._add("started", cue.text, latency),
            finished=lambda cue, completed: self._add("finished", cue.text, completed),
            dropped=lambda cue, why: self._add("dropped", cue.text, why),
            notice=lambda text: self._add("notice", text),
        )

    def _add(self, *event: Any) -> None:
        with self._cond:
            self.log.append((*event, time.monotonic()))
            self._cond.notify_all()

    def wait(self, *prefix: Any, timeout: float = WAIT_S) -> tuple[Any, ...]:
        """The first event starting with ``prefix``; fails the test on timeout."""

        def match() -> tuple[Any, ...] | None:
            return next((e for e in self.log if e[: len(prefix)] == prefix), None)

        with self._cond:
            found = self._cond.wait_for(match, timeout)
        assert found, f"no {prefix} within {timeout} s; saw {self.log}"
        return found

    def of(self, kind: str) -> list[tuple[Any, ...]]:
        with self._cond:
            return [e for e in self.log if e[0] == kind]


@dataclass
class WavStats:
    rate: int
    seconds: float
    rms: float  # of 32768
    voiced: float  # fraction of 10 ms frames louder than the silence threshold
    zero_crossings_per_s: float


def analyse_wav(path: Path, silence_rms: float = 300.0) -> WavStats:
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), "expected 16-bit mono"
        rate = w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    n = len(samples)
    assert n > 0, f"{path} holds no samples"
    rms = math.sqrt(sum(s * s for s in samples) / n)
    win = rate // 100
    frames = [samples[i : i + win] for i in range(0, n, win)]
    loud = sum(1 for f in frames if math.sqrt(sum(s * s for s in f) / len(f)) > silence_rms)
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return WavStats(rate, n / rate, rms, loud / len(frames), crossings / (n / rate))


def _group_members(pgid: int) -> list[tuple[int, str, int, str]]:
    """(pid, state, ppid, command) of each process in the group, from Linux /proc."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields: state, ppid, pgrp, ...
            found.append((int(proc.name), fields[0], int(fields[1]), cmd))
    return found


def _left_running(pgid: int) -> list[str]:
    """Processes of the group still running, or dead but never reaped by us. A zombie
    handed to init (an aplay whose worker was killed under it) is dead: a desktop's
    init reaps it at once, a container's may never, and it holds nothing."""
    if not Path("/proc/self/stat").exists():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        return [f"group {pgid}"]
    return [
        f"pid {pid} state {state} ppid {ppid}: {cmd}"
        for pid, state, ppid, cmd in _group_members(pgid)
        if state != "Z" or ppid == os.getpid()
    ]


@pytest.fixture
def no_leaks() -> Iterator[None]:
    """Fails the test if it leaves a worker process (or its aplay) or a thread running."""
    pids_before = set(spawned_pids())
    threads_before = set(threading.enumerate())
    yield
    new = [p for p in spawned_pids() if p not in pids_before]
    left = [line for pgid in new for line in _left_running(pgid)]
    assert left == [], f"speech worker processes left running: {left}"
    extra = [t.name for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert extra == [], f"threads left running: {extra}"
