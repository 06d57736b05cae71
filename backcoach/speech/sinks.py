"""Where the speech worker sends synthesised samples (16-bit mono PCM).

- ``AplaySink`` plays through ``aplay`` (alsa-utils), fed on its stdin. aplay runs in
  the worker's process group, so killing the group silences it mid-word.
- ``NullSink`` is a sound card that isn't there: it consumes the samples at the real
  playback rate and discards them. Durations, interruptions and latencies stay real on a
  machine without audio (CI, this project's build machines), and nothing is faked: the
  engine still synthesises every sample, only the speaker is missing.

"Started" for both is the moment the first sample is handed over: for aplay, once it
has been spawned, just before its stdin is fed (its device-open time, typically tens of
milliseconds, comes after and cannot be observed from here); for the null sink, the
start of consumption. Synthesis of the whole utterance comes before it, so it counts.
"""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable

from backcoach.speech.notices import SpeechProblem

log = logging.getLogger(__name__)

OnStart = Callable[[float], None]
BLOCK_S = 0.02  # the null sink consumes in 20 ms blocks, like a small device buffer


class SinkFailed(SpeechProblem):
    """The sound device (or its player) refused the audio."""


class NullSink:
    name = "null"
    audible = False

    def play(self, pcm: bytes, rate: int, on_start: OnStart) -> None:
        frames = len(pcm) // 2
        t0 = time.monotonic()
        on_start(t0)
        block = max(1, int(rate * BLOCK_S))
        consumed = 0
        while consumed < frames:
            consumed = min(frames, consumed + block)
            # A device drains its buffer at the sample rate; so do we.
            delay = t0 + consumed / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)


class AplaySink:
    name = "device"
    audible = True

    def play(self, pcm: bytes, rate: int, on_start: OnStart) -> None:
        proc = _spawn_aplay(rate)
        on_start(time.monotonic())
        assert proc.stdin is not None and proc.stderr is not None
        try:
            proc.stdin.write(pcm)  # blocks while aplay plays: the pipe is its buffer
            proc.stdin.close()
        except BrokenPipeError:
            pass
        err = proc.stderr.read().decode("utf-8", "replace")
        if proc.wait() != 0:
            raise SinkFailed("no-audio-device", _last_line(err, proc.returncode))


def _last_line(stderr: str, rc: int) -> str:
    """aplay's own verdict ("aplay: ...: audio open error: ..."), not ALSA's chatter."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    ours = [line for line in lines if line.startswith("aplay")]
    return (ours or lines or [f"aplay exited with status {rc}"])[-1]


def _spawn_aplay(rate: int) -> subprocess.Popen[bytes]:
    cmd = ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate), "-"]
    try:
        return subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
    except FileNotFoundError as exc:
        raise SinkFailed("no-aplay", "aplay (from alsa-utils) is not installed") from exc
    except OSError as exc:
        raise SinkFailed("no-aplay", f"aplay could not start: {exc}") from exc


def probe_device(rate: int) -> SinkFailed | None:
    """Play 20 ms of silence; None when a sound device took it, else why not."""
    silence = bytes(int(rate * 0.02) * 2)
    try:
        AplaySink().play(silence, rate, lambda _t: None)
    except SinkFailed as exc:
        return exc
    return None


def choose_sink(requested: str, rate: int) -> tuple[AplaySink | NullSink, SinkFailed | None]:
    """``requested``: "device", "null" or "auto" (device if one answers, else null)."""
    if requested == "null":
        return NullSink(), None
    if requested == "device":
        return AplaySink(), None
    failure = probe_device(rate)
    if failure is None:
        return AplaySink(), None
    log.info("no usable sound device (%s): %s", failure.kind, failure.detail)
    return NullSink(), failure
