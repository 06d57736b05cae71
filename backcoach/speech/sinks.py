"""Where a synthesised clip is played: a player the worker owns and can kill.

Every player runs inside the worker process or as its child, in the worker's process
group, so killing the group (``WorkerProcess.kill``) silences it mid-word.

- ``AplaySink`` (Linux): raw samples piped into ``aplay``. "Started" is the moment
  aplay has taken samples from us: its pipe is shrunk to one page, so a write past
  that page returns only once aplay has read, which it does only after opening the
  device and setting it up. A player that takes nothing for ``STALL_S`` (a wedged
  sound server, a hung device) is killed and reported as ``PlayerStalled``.
- ``AfplaySink`` (macOS): ``afplay FILE``; started when it is spawned.
- ``WinsoundSink`` (Windows): ``winsound.PlaySound`` in the worker itself (killing the
  worker stops it); started when it is called.
- ``NullSink``: no sound card; consumes the samples at the real playback rate.

``check_device()`` answers "is there a sound device?" once per program start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from backcoach.speech.notices import SpeechProblem

log = logging.getLogger(__name__)

OnStart = Callable[[float], None]
BLOCK_S = 0.02  # the null sink consumes in 20 ms blocks, like a small device buffer
STALL_S = 1.0  # a player that takes no audio for this long is hung
CHECK_TIMEOUT_S = 2.0  # the device check gives up after this long
PIPE_BYTES = 4096  # one page: the smallest pipe Linux allows
_F_SETPIPE_SZ = 1031
_CHUNK = 1024


class SinkFailed(SpeechProblem):
    """The sound device (or its player) refused the audio."""


class PlayerStalled(Exception):
    """The player stopped taking audio and was killed; ``started`` says if any was heard."""

    def __init__(self, started: bool, detail: str) -> None:
        super().__init__(detail)
        self.started = started


@dataclass(frozen=True)
class Clip:
    """One cue's audio: 16-bit mono samples, and the file they are kept in."""

    pcm: bytes
    rate: int
    path: Path | None = None
    wpm: float = 0.0  # words a minute over the voiced part
    synthesised_now: bool = False  # False: it was ready before it was asked for

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate if self.rate else 0.0


class NullSink:
    name = "null"
    audible = False

    def play(self, clip: Clip, on_start: OnStart) -> None:
        frames = len(clip.pcm) // 2
        rate = clip.rate or 22050
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

    def play(self, clip: Clip, on_start: OnStart) -> None:
        proc = spawn_aplay(clip.rate)
        assert proc.stdin is not None
        fd = proc.stdin.fileno()
        try:
            started = _feed(proc, fd, _padded(clip.pcm), on_start)
        except BaseException:
            _kill(proc)
            raise
        # Everything is in the pipe; aplay holds at most a pipe and its own buffer
        # (0.5 s by default) more. Longer than that and a stall means it is hung.
        try:
            rc = proc.wait(PIPE_BYTES / 2 / clip.rate + 0.5 + STALL_S)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise PlayerStalled(started, "aplay did not finish playing") from None
        if rc != 0:
            assert proc.stderr is not None
            err = proc.stderr.read().decode("utf-8", "replace")
            raise SinkFailed("no-audio-device", _last_line(err, rc))
        if proc.stderr is not None:
            proc.stderr.close()


def _padded(pcm: bytes) -> bytes:
    """At least two pipes' worth, so consumption is seen even for the shortest cue."""
    short = 2 * PIPE_BYTES + _CHUNK - len(pcm)
    return pcm + bytes(short) if short > 0 else pcm


def _feed(proc: subprocess.Popen[bytes], fd: int, pcm: bytes, on_start: OnStart) -> bool:
    """Write ``pcm`` as fast as the player takes it; True once it took any."""
    capacity = _shrink_pipe(fd)
    os.set_blocking(fd, False)
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    written, started, progress = 0, False, time.monotonic()
    while written < len(pcm):
        left = progress + STALL_S - time.monotonic()
        if left <= 0:
            raise PlayerStalled(started, f"aplay took no audio for {STALL_S:g} s")
        events = poller.poll(left * 1000)
        if not events:
            continue
        if events[0][1] & (select.POLLERR | select.POLLHUP):
            break  # aplay exited; its status says why
        try:
            written += os.write(fd, pcm[written : written + _CHUNK])
        except BlockingIOError:
            continue
        except BrokenPipeError:
            break
        progress = time.monotonic()
        if not started and written > capacity:
            started = True  # more than the pipe holds went in: aplay has read
            on_start(progress)
    with contextlib.suppress(OSError):
        os.close(fd)
    assert proc.stdin is not None
    with contextlib.suppress(OSError, ValueError):
        proc.stdin.close()
    return started


def _shrink_pipe(fd: int) -> int:
    if sys.platform.startswith("linux"):
        import fcntl

        with contextlib.suppress(OSError):
            return fcntl.fcntl(fd, _F_SETPIPE_SZ, PIPE_BYTES)
    return 65536


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(1.0)


class _FilePlayer:
    """A system player that plays the clip's file (the cache keeps one for every clip)."""

    name = "device"
    audible = True

    @staticmethod
    def _file(clip: Clip) -> str:
        if clip.path is None:
            raise SinkFailed("no-audio-device", "no file to play")
        return str(clip.path)


class AfplaySink(_FilePlayer):
    def play(self, clip: Clip, on_start: OnStart) -> None:
        try:
            proc = subprocess.Popen(["afplay", self._file(clip)], stderr=subprocess.PIPE)
        except OSError as exc:
            raise SinkFailed("no-aplay", f"afplay could not start: {exc}") from exc
        on_start(time.monotonic())
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SinkFailed("no-audio-device", _last_line(err.decode(errors="replace"), 1))


class WinsoundSink(_FilePlayer):
    def play(self, clip: Clip, on_start: OnStart) -> None:
        import winsound  # type: ignore[import-not-found,unused-ignore]

        path = self._file(clip)
        on_start(time.monotonic())
        try:
            winsound.PlaySound(path, winsound.SND_FILENAME | winsound.SND_NODEFAULT)
        except RuntimeError as exc:
            raise SinkFailed("no-audio-device", str(exc)) from exc


Sink = NullSink | AplaySink | AfplaySink | WinsoundSink


def device_sink() -> Sink:
    if sys.platform == "win32":
        return WinsoundSink()
    if sys.platform == "darwin":
        return AfplaySink()
    return AplaySink()


def _last_line(stderr: str, rc: int) -> str:
    """aplay's own verdict ("aplay: ...: audio open error: ..."), not ALSA's chatter."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    ours = [line for line in lines if line.startswith("aplay")]
    return (ours or lines or [f"the player exited with status {rc}"])[-1]


def spawn_aplay(rate: int) -> subprocess.Popen[bytes]:
    cmd = ["aplay", "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate), "-"]
    try:
        return subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
    except FileNotFoundError as exc:
        raise SinkFailed("no-aplay", "aplay (from alsa-utils) is not installed") from exc
    except OSError as exc:
        raise SinkFailed("no-aplay", f"aplay could not start: {exc}") from exc


# -- the device check, once per program start ---------------------------------------------

_check_lock = threading.Lock()
_checked: dict[tuple[str, ...], SinkFailed | None] = {}


def check_device(timeout: float = CHECK_TIMEOUT_S) -> SinkFailed | None:
    """None when a sound device takes audio, else why not. Asked once per program start
    and remembered; the answer is keyed by the settings that decide it (ALSA's
    configuration, the sound server, PATH), so a changed environment is asked again."""
    if sys.platform in ("win32", "darwin"):
        return None  # the system player reports a missing device when it plays
    key = tuple(os.environ.get(k, "") for k in ("ALSA_CONFIG_PATH", "PULSE_SERVER", "PATH", "HOME"))
    with _check_lock:
        if key not in _checked:
            _checked[key] = _probe(timeout)
        return _checked[key]


def _probe(timeout: float) -> SinkFailed | None:
    """Does aplay open the default device and take samples? Silence, killed once taken."""
    t0 = time.monotonic()
    try:
        proc = spawn_aplay(22050)
    except SinkFailed as exc:
        return exc
    assert proc.stdin is not None
    taken: list[float] = []
    try:
        _feed(proc, proc.stdin.fileno(), bytes(2 * PIPE_BYTES + _CHUNK), taken.append)
        if taken:
            return None
        rc = proc.wait(max(0.1, timeout - (time.monotonic() - t0)))
        if rc == 0:
            return None
        assert proc.stderr is not None
        return SinkFailed("no-audio-device", _last_line(proc.stderr.read().decode(), rc))
    except PlayerStalled as exc:
        return SinkFailed("device-stuck", f"the sound device did not answer: {exc}")
    except subprocess.TimeoutExpired:
        return SinkFailed("device-stuck", "the sound device did not answer")
    finally:
        _kill(proc)
        log.info("sound device check took %.0f ms", (time.monotonic() - t0) * 1e3)
