"""The speech worker: a child process that owns the engine on its main thread.

Started as ``backcoach --speech-worker`` (``paths.self_command()``), so it works from
source, a wheel and a frozen bundle. It imports no Qt. It speaks JSON lines: requests
on stdin, events on stdout (the real stdout; anything else printing there is sent to
stderr so it cannot corrupt the stream). One request at a time: while it speaks it
reads nothing, which is why the parent interrupts by killing its process group.

Requests (parent → worker):
  {"op": "config", "rate": 165, "volume": 1.0, "voice": "", "sink": "device|null",
   "cache": "/dir", "voices": false}   first line; answered by "ready". Later: re-apply
                             settings (and the sink, when given).
  {"op": "say", "id": 7, "text": "..."}   → "started" then "finished", or "stalled"
  {"op": "prepare", "texts": ["..."]}     synthesise these ahead, between requests;
                             → "prepared" {count} when all are in the cache
  {"op": "save", "id": 8, "text": "...", "path": "/x.wav"}   → "saved" or "error"
  {"op": "ping", "id": 9}    → "pong" (only when idle: the watchdog's liveness check)
  {"op": "quit"}             (end of stdin does the same)
  {"op": "hang"}             TEST ONLY, honoured when BACKCOACH_SPEECH_TEST_OPS=1: the
                             main thread blocks for ever, like a wedged engine, so tests
                             can prove the parent's watchdog notices.
Events (worker → parent), each with "ev":
  ready {pid, engine, version, sink, audible, voice, voices?, boot_s}
  started {id, t, audio_s, sink, synthesised_now}   t: time.monotonic() when the
                             player took the first samples (see sinks.py)
  finished {id, completed, t}
  stalled {id, started, detail}     the player hung and was killed; the cue is the
                             parent's to hand on ("started": some of it was heard)
  prepared {count} | saved {id, path, audio_s} | error {id?, message} | pong {id}
  notice {kind, detail}             e.g. no-audio-device, no-aplay
  fatal {kind, detail}              the engine cannot run here; the worker exits
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO, Any

_BOOT = time.monotonic()
TEST_OPS_ENV = "BACKCOACH_SPEECH_TEST_OPS"
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


def main() -> int:
    chan = Channel(_claim_stdout())
    _die_with_parent()
    inbox: queue.Queue[bytes | None] = queue.Queue()
    threading.Thread(target=_read_requests, args=(inbox,), daemon=True).start()
    first = inbox.get()
    msg = _parse(chan, first) if first is not None else None
    if msg is None or msg.get("op") != "config":
        return 0
    from backcoach.speech.engine import EngineMissing, Pyttsx3Engine

    try:
        engine = Pyttsx3Engine(Path(msg["cache"]) if msg.get("cache") else None)
    except EngineMissing as exc:
        chan.send("fatal", kind=exc.kind, detail=exc.detail)
        return 3
    worker = Worker(chan, engine)
    worker.configure(msg, first=True)
    while True:
        if worker.ahead:
            try:
                raw = inbox.get_nowait()
            except queue.Empty:
                worker.prepare_one()  # one clip, then look at the inbox again
                continue
        else:
            raw = inbox.get()
        if raw is None:
            break
        msg = _parse(chan, raw)
        if msg is None:
            continue
        if msg["op"] == "quit":
            break
        worker.handle(msg)
    return 0


def _read_requests(inbox: queue.Queue[bytes | None]) -> None:
    """Reads while the main thread speaks, so prepared work never delays a request."""
    for raw in iter(sys.stdin.buffer.readline, b""):
        inbox.put(raw)
    inbox.put(None)


def _parse(chan: Channel, raw: bytes) -> dict[str, Any] | None:
    try:
        msg = json.loads(raw)
        if isinstance(msg, dict) and isinstance(msg.get("op"), str):
            return msg
    except ValueError:
        pass
    chan.send("error", message=f"bad request: {raw[:200]!r}")
    return None


class Worker:
    def __init__(self, chan: Channel, engine: Any) -> None:
        from backcoach.speech.sinks import NullSink

        self.chan = chan
        self.engine = engine
        self.sink: Any = NullSink()
        self.ahead: deque[str] = deque()  # texts to synthesise before they are asked for
        self._prepared = 0

    def handle(self, msg: dict[str, Any]) -> None:
        op = msg["op"]
        try:
            if op == "config":
                self.configure(msg, first=False)
            elif op == "say":
                self.say(msg)
            elif op == "prepare":
                texts = [str(t) for t in msg.get("texts", ())]
                self.ahead = deque(t for t in dict.fromkeys(texts) if t)
                self._prepared = 0
                if not self.ahead:
                    self.chan.send("prepared", count=0)
            elif op == "save":
                audio_s = self.engine.save(str(msg["text"]), Path(msg["path"]))
                self.chan.send("saved", id=msg.get("id"), path=msg["path"], audio_s=audio_s)
            elif op == "ping":
                self.chan.send("pong", id=msg.get("id"))
            elif op == "hang" and os.environ.get(TEST_OPS_ENV) == "1":
                threading.Event().wait()
            else:
                self.chan.send("error", id=msg.get("id"), message=f"unknown op {op!r}")
        except Exception as exc:  # report and carry on: the parent decides what to do
            self.chan.send("error", id=msg.get("id"), message=f"{type(exc).__name__}: {exc}")
            if op == "say":
                self.chan.send("finished", id=msg.get("id"), completed=False, t=time.monotonic())

    def configure(self, msg: dict[str, Any], *, first: bool) -> None:
        from backcoach.speech.sinks import NullSink, device_sink

        if first or "sink" in msg:
            self.sink = NullSink() if msg.get("sink") == "null" else device_sink()
        voice = self.engine.configure(
            int(msg.get("rate", 165)), float(msg.get("volume", 1.0)), str(msg.get("voice", ""))
        )
        if not first:
            return
        info: dict[str, Any] = {
            "pid": os.getpid(),
            "engine": self.engine.name,
            "version": self.engine.version,
            "sink": self.sink.name,
            "audible": self.sink.audible,
            "voice": voice,
            "boot_s": round(time.monotonic() - _BOOT, 4),
        }
        if msg.get("voices"):
            info["voices"] = self.engine.voices()
        self.chan.send("ready", **info)

    def prepare_one(self) -> None:
        text = self.ahead.popleft()
        try:
            if not self.engine.has_clip(text):
                self.engine.clip(text)
                self._prepared += 1
        except Exception as exc:  # a cue that fails now is tried again when said
            self.chan.send("error", message=f"preparing {text!r}: {exc}")
        if not self.ahead:
            self.chan.send("prepared", count=self._prepared)

    def say(self, msg: dict[str, Any]) -> None:
        from backcoach.speech.sinks import NullSink, PlayerStalled, SinkFailed

        uid = msg.get("id")
        clip = self.engine.clip(str(msg["text"]))
        started: list[float] = []

        def begin(t: float) -> None:
            started.append(t)
            self.chan.send(
                "started",
                id=uid,
                t=t,
                audio_s=round(clip.seconds, 4),
                sink=self.sink.name,
                synthesised_now=clip.synthesised_now,
            )

        try:
            self.sink.play(clip, begin)
        except PlayerStalled as exc:
            self.chan.send("stalled", id=uid, started=bool(started), detail=str(exc))
            return
        except SinkFailed as exc:
            # The device went away (or was never there): keep time with the null sink so
            # the session's pacing stays right, and tell the runner once.
            self.chan.notice(exc.kind, exc.detail)
            self.sink = NullSink()
            self.sink.play(clip, (lambda _t: None) if started else begin)
        self.chan.send("finished", id=uid, completed=True, t=time.monotonic())
