"""Write a cue to a WAV file with the real engine, in a worker process of its own.

Blocking, for the command line (``backcoach speak TEXT --to FILE.wav``) and tests; the
window never calls it. The file is written atomically by the worker.
"""

from __future__ import annotations

import queue
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backcoach.core.cues import DEFAULT_WPM
from backcoach.speech import notices
from backcoach.speech.process import WorkerProcess


class SpeechError(Exception):
    """One sentence for the runner saying what went wrong and how to fix it."""


def save_wav(
    text: str,
    path: Path,
    *,
    voice: str = "",
    rate_wpm: int = DEFAULT_WPM,
    volume: float = 1.0,
    timeout: float = 60.0,
    command: Sequence[str] | None = None,
) -> float:
    """Synthesise ``text`` into ``path``; returns the audio length in seconds."""
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    proc = WorkerProcess(
        lambda _p, msg: events.put(msg),
        lambda _p, rc: events.put({"ev": "exit", "rc": rc}),
        command=command,
    )
    try:
        proc.start()
    except OSError as exc:
        raise SpeechError(f"cannot start the speech helper: {exc}") from exc
    try:
        proc.send(
            {"op": "config", "rate": rate_wpm, "volume": volume, "voice": voice, "sink": "null"}
        )
        proc.send({"op": "save", "id": 1, "text": text, "path": str(Path(path).absolute())})
        while True:
            try:
                msg = events.get(timeout=timeout)
            except queue.Empty:
                raise SpeechError(
                    f"the speech engine did not answer within {timeout:.0f} s"
                ) from None
            ev = msg.get("ev")
            if ev == "saved":
                return float(msg["audio_s"])
            if ev == "fatal":
                kind = str(msg.get("kind"))
                tip = f" {notices.fix(kind)}" if notices.fix(kind) else ""
                raise SpeechError(f"cannot speak: {notices.reason(kind)}.{tip}")
            if ev == "error":
                raise SpeechError(f"cannot write {path}: {msg.get('message')}")
            if ev == "exit":
                raise SpeechError(f"the speech engine stopped unexpectedly (status {msg['rc']})")
    finally:
        proc.send({"op": "quit"})
        proc.close()
