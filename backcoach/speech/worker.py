"""The speech worker: a child process that owns the engine on its main thread.

Started as ``backcoach --speech-worker`` (``paths.self_command()``), so it works from
source, a wheel and a frozen bundle. It imports no Qt. It speaks JSON lines: requests
on stdin, events on stdout (the real stdout; anything else printing there is sent to
stderr so it cannot corrupt the stream). One request at a time: while it speaks it
reads nothing, which is why the parent interrupts by killing its process group.

Requests (parent → worker):
  {"op": "config", "rate": 165, "volume": 1.0, "voice": "", "sink": "auto|device|null",
   "voices": false}          first line; answered by "ready". Later: re-apply settings.
  {"op": "say", "id": 7, "text": "..."}   → "started" then "finished"
  {"op": "save", "id": 8, "text": "...", "path": "/x.wav"}   → "saved" or "error"
  {"op": "ping", "id": 9}    → "pong" (only when idle: the watchdog's liveness check)
  {"op": "quit"}             (end of stdin does the same)
  {"op": "hang"}             TEST ONLY, honoured when BACKCOACH_SPEECH_TEST_OPS=1: the
                             main thread blocks for ever, like a wedged engine, so tests
                             can prove the parent's watchdog notices.
Events (worker → parent), each with "ev":
  ready {pid, engine, sink, audible, sample_rate, voice, voices?, boot_s}
  started {id, t, audio_s, sink}    t: time.monotonic() when playback began
  finished {id, completed, t}
  saved {id, path, audio_s} | error {id?, message} | pong {id}
  notice {kind, detail}             e.g. no-audio-device, no-aplay
  fatal {kind, detail}              the engine cannot run here; the worker exits
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

_BOOT = time.monotonic()
TEST_OPS_ENV = "BACKCOACH_SPEECH_TEST_OPS"
ENGINE_ENV = "BACKCOACH_SPEECH_ENGINE"  # "espeak" or "pyttsx3"; default by platform
PARENT_ENV = "BACKCOACH_SPEECH_PARENT"


class Channel:
    """Events out on the protocol stream."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def send(self, ev: str, **fields: Any) -> None:
        line = json.dumps({"ev": ev, **fields}, separators=(",", ":")) + "\n"
        self._out.write(line.encode("utf-8"))
        self._out.flush()

    def notice(self, kind: str, detail: str) -> None:
        self.send("notice", kind=kind, detail=detail)


def _claim_stdout() -> IO[bytes]:
    """Keep the real stdout for the protocol; point fd 1 (C libraries too) at stderr."""
    sys.stdout.flush()
    proto = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return proto


def _die_with_parent() -> None:
    """On Linux, have the kernel kill us when the parent goes, even if we hang."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    expected = os.environ.get(PARENT_ENV)
    if expected and str(os.getppid()) != expected:
        os._exit(0)  # the parent died before prctl took effect


def _open_engine(tell: Any) -> Any:
    choice = os.environ.get(ENGINE_ENV) or (
        "espeak" if sys.platform not in ("win32", "darwin") else "pyttsx3"
    )
    if choice == "pyttsx3":
        from backcoach.speech.engine_pyttsx3 import Pyttsx3Engine

        return Pyttsx3Engine(tell)
    from backcoach.speech.engine_espeak import EspeakEngine

    return EspeakEngine(tell)


def main() -> int:
    chan = Channel(_claim_stdout())
    _die_with_parent()
    from backcoach.speech.engine_espeak import EngineMissing

    try:
        engine = _open_engine(chan.notice)
    except EngineMissing as exc:
        chan.send("fatal", kind=exc.kind, detail=exc.detail)
        return 3
    ready = False
    for raw in iter(sys.stdin.buffer.readline, b""):
        try:
            msg = json.loads(raw)
            op = msg["op"]
        except (ValueError, KeyError, TypeError):
            chan.send("error", message=f"bad request: {raw[:200]!r}")
            continue
        if op == "quit":
            break
        try:
            if op == "config":
                _configure(chan, engine, msg, first=not ready)
                ready = True
            elif op == "say":
                _say(chan, engine, msg)
            elif op == "save":
                audio_s = engine.save(str(msg["text"]), Path(msg["path"]))
                chan.send("saved", id=msg.get("id"), path=msg["path"], audio_s=audio_s)
            elif op == "ping":
                chan.send("pong", id=msg.get("id"))
            elif op == "hang" and os.environ.get(TEST_OPS_ENV) == "1":
                threading.Event().wait()
            else:
                chan.send("error", id=msg.get("id"), message=f"unknown op {op!r}")
        except Exception as exc:  # report and carry on: the parent decides what to do
            chan.send("error", id=msg.get("id"), message=f"{type(exc).__name__}: {exc}")
            if op == "say":
                chan.send("finished", id=msg.get("id"), completed=False, t=time.monotonic())
    return 0


def _configure(chan: Channel, engine: Any, msg: dict[str, Any], *, first: bool) -> None:
    if first:
        failure = engine.choose_sink(str(msg.get("sink", "auto")))
        if failure is not None:
            chan.notice(failure.kind, failure.detail)
    voice = engine.configure(
        int(msg.get("rate", 165)), float(msg.get("volume", 1.0)), str(msg.get("voice", ""))
    )
    if not first:
        return
    info: dict[str, Any] = {
        "pid": os.getpid(),
        "engine": engine.name,
        "sink": engine.sink_name,
        "audible": engine.audible,
        "sample_rate": engine.sample_rate,
        "voice": voice,
        "boot_s": round(time.monotonic() - _BOOT, 4),
    }
    if msg.get("voices"):
        info["voices"] = engine.voices()
    chan.send("ready", **info)


def _say(chan: Channel, engine: Any, msg: dict[str, Any]) -> None:
    uid = msg.get("id")

    def started(t: float, audio_s: float) -> None:
        chan.send("started", id=uid, t=t, audio_s=round(audio_s, 4), sink=engine.sink_name)

    engine.speak(str(msg["text"]), started)
    chan.send("finished", id=uid, completed=True, t=time.monotonic())
