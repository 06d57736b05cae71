"""The real voice: pyttsx3 in worker processes, never on the caller's thread.

Two workers are kept warm: one speaks, the other waits. Interrupting (a countdown over
an encouragement, ``stop()``, mute) kills the speaking worker's process group, which
silences it mid-word, and the next cue goes to the waiting one at once while a
replacement starts in the background. A supervisor thread spawns and reaps workers and
runs the watchdog: a worker that does not become ready, does not start an utterance,
plays far longer than its audio, or does not answer a ping when idle is killed and
counted as a crash. Crashes are respawned with a growing delay; after
``Watchdog.max_crashes`` within ``crash_window_s`` the session carries on with captions
and the runner is told once.

"Started" is reported by the worker: the ``time.monotonic()`` (one clock for every
process on the machine) at which its player took the first samples; see
backcoach/speech/sinks.py and docs/speech.md. A player that hangs is killed by its
worker, which says so ("stalled"); a cue that was not heard yet is handed to the
other worker. Before a session, ``prepare()`` has both workers synthesise its lines
into a shared cache (one from the start, one from the end), so cues start without
waiting for synthesis. The sound-device check runs once per program start.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from backcoach.core.cues import DEFAULT_WPM
from backcoach.speech import notices
from backcoach.speech.policy import Utterance
from backcoach.speech.policy_speaker import PolicySpeaker
from backcoach.speech.process import WorkerProcess
from backcoach.speech.supervisor import Supervision
from backcoach.speech.watchdog import Playing, Slot, Stats, Watchdog

log = logging.getLogger(__name__)

SINK_ENV = "BACKCOACH_SPEECH_SINK"  # "auto" (default), "device" or "null"


class Pyttsx3Speaker(Supervision, PolicySpeaker):
    def __init__(
        self,
        *,
        sink: str | None = None,
        voice: str = "",
        rate_wpm: int = DEFAULT_WPM,
        volume: float = 1.0,
        muted: bool = False,
        spare: bool = True,
        watchdog: Watchdog | None = None,
        command: Sequence[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(time.monotonic)
        self._sink_req = sink or os.environ.get(SINK_ENV) or "auto"
        if self._sink_req not in ("auto", "device", "null"):
            raise ValueError(f"sink must be auto, device or null, not {self._sink_req!r}")
        self.sink_requested = self._sink_req
        self._audible = self._sink_req != "null"
        self._want = 2 if spare else 1
        self._wd = watchdog or Watchdog()
        self._command, self._env = command, env
        self._slots: list[Slot] = []
        self._dead: list[Slot] = []
        self._playing: Playing | None = None
        self._crash_times: deque[float] = deque()
        self._next_spawn = 0.0
        self._voices: list[tuple[str, str]] = []
        self._ready = threading.Event()
        self._lost = ""  # the notice kind that stopped speech, "" while it works
        self._stalls_in_row = 0
        self._texts: list[str] = []  # the session's lines, for workers to prepare
        self._preparing = False  # asked to prepare, and no worker has finished yet
        self._cache = Path(tempfile.mkdtemp(prefix="backcoach-voice-"))
        self.stats = Stats()
        self.set_voice(voice)
        self.set_rate(rate_wpm)
        self.set_volume(volume)
        self.set_muted(muted)
        self._thread = threading.Thread(target=self._supervise, name="speech-supervisor")
        self._thread.daemon = True
        self._thread.start()

    # -- Speaker -----------------------------------------------------------------------

    @property
    def audible(self) -> bool:
        return self._available and self._audible

    def voices(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._voices)

    def wait_ready(self, timeout: float) -> bool:
        """Block until a worker can speak (True) or speech is off for good (False).
        For the command line and tests; the window never needs to wait."""
        self._ready.wait(timeout)
        with self._lock:
            return self._available and any(s.state == "ready" for s in self._slots)

    def wait_prepared(self, timeout: float) -> bool:
        """Block until the lines given to ``prepare()`` are synthesised (True)."""
        with self._cond:
            return (
                self._cond.wait_for(
                    lambda: not self._preparing or not self._available or self._closed, timeout
                )
                and not self._preparing
            )

    def wait_until(self, test: Callable[[Pyttsx3Speaker], bool], timeout: float) -> bool:
        """Block until ``test(self)`` holds (checked whenever workers change); for the
        command line and tests."""
        with self._cond:
            return self._cond.wait_for(lambda: test(self), timeout)

    @property
    def ready_pids(self) -> list[int]:
        with self._lock:
            return [s.proc.pid for s in self._slots if s.state == "ready"]

    @property
    def worker_pids(self) -> list[int]:
        with self._lock:
            return [s.proc.pid for s in self._slots if s.state != "dead"]

    def prepare(self, texts: Sequence[str]) -> None:
        with self._lock:
            self._texts = list(dict.fromkeys(t for t in texts if t))
            self._preparing = bool(self._texts)
            if self._lost in ("crashing", "player-stuck") and not self._closed:
                self._try_again()
            for slot in self._slots:
                if slot.state == "ready":
                    self._send_prepare(slot)

    def close(self) -> None:
        super().close()
        with self._lock:
            for slot in list(self._slots):
                self._retire(slot, "closing")
            self._cond.notify_all()
        if not threading.current_thread().name.startswith("speech-"):
            # Not from one of our own threads (a callback calling close()): that thread
            # is one the supervisor joins, so waiting here would deadlock.
            self._thread.join(30.0)
            shutil.rmtree(self._cache, ignore_errors=True)

    def _settings_changed(self) -> None:
        with self._lock:
            for slot in self._slots:
                slot.proc.send(self._config(first=False))
                if slot.state == "ready":
                    self._send_prepare(slot)  # new voice or rate: new clips

    # -- PolicySpeaker hooks (lock held) -------------------------------------------------

    def _start(self, utt: Utterance) -> None:
        self._playing = Playing(utt)
        self._dispatch()

    def _cut(self, utt: Utterance) -> None:
        playing = self._playing
        if playing is None or playing.utt is not utt:
            return
        self._playing = None
        if playing.slot is not None:
            self.stats.kills += 1
            self._retire(playing.slot, "cut")

    # -- workers (lock held unless said otherwise) ----------------------------------------

    def _config(self, *, first: bool) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "op": "config",
            "rate": self._rate,
            "volume": self._volume,
            "voice": self._voice,
        }
        if first:
            msg.update(sink=self._sink_req, cache=str(self._cache), voices=not self._voices)
        return msg

    def _send_prepare(self, slot: Slot) -> None:
        if not self._texts:
            return
        # Two workers share the cache: one works from the first line, one from the last.
        texts = self._texts if slot is self._slots[0] else self._texts[::-1]
        slot.proc.send({"op": "prepare", "texts": texts})

    def _try_again(self) -> None:
        """A new session after speech was given up: start afresh, told again if it fails."""
        log.info("trying speech again after %s", self._lost)
        self._forget_notice(self._lost)
        if self._lost == "player-stuck":
            self._sink_req, self._audible = "device", True
        self._lost = ""
        self._available = True
        self._crash_times.clear()
        self._stalls_in_row = 0
        self._next_spawn = self._clock()
        self._ready.clear()
        self._cond.notify_all()

    def _idle_slot(self) -> Slot | None:
        busy = self._playing.slot if self._playing else None
        return next((s for s in self._slots if s.state == "ready" and s is not busy), None)

    def _dispatch(self) -> None:
        """Send the waiting utterance to an idle worker, or drop it if it went stale."""
        playing = self._playing
        while playing is not None and playing.slot is None:
            if self._policy.is_stale(playing.utt):
                self._playing = None
                self._abandon_locked(playing.utt.seq, "stale")
                return  # _abandon_locked may have started the next one
            slot = self._idle_slot()
            if slot is None:
                self._cond.notify_all()  # the supervisor starts one if it can
                return
            msg = {"op": "say", "id": playing.utt.seq, "text": playing.utt.cue.text}
            if slot.proc.send(msg):
                playing.slot, playing.sent_at = slot, self._clock()
                self.stats.trace.append(("sent", playing.utt.cue.text, slot.proc.pid))
            else:
                self._crash(slot, "its input pipe is closed")
        self._cond.notify_all()

    def _retire(self, slot: Slot, why: str) -> None:
        if slot.state == "dead":
            return
        slot.state = "dead"
        slot.proc.kill()
        self._slots.remove(slot)
        self._dead.append(slot)
        self.stats.trace.append(("killed", slot.proc.pid, why))
        self._cond.notify_all()

    def _crash(self, slot: Slot, why: str) -> None:
        log.warning("speech worker %s failed: %s", slot.proc.pid, why)
        self.stats.crashes += 1
        self._retire(slot, why)
        now = self._clock()
        self._crash_times.append(now)
        while self._crash_times and now - self._crash_times[0] > self._wd.crash_window_s:
            self._crash_times.popleft()
        recent = len(self._crash_times)
        self._next_spawn = now + self._wd.backoff_s * 2 ** (recent - 1)
        self._lose_slot(slot)
        if recent >= self._wd.max_crashes:
            self._give_up("crashing")

    def _lose_slot(self, slot: Slot) -> None:
        """``slot`` is gone: a cue it had not started goes to another worker; one that
        was heard is over, cut short."""
        playing = self._playing
        if playing is None or playing.slot is not slot:
            return
        if playing.started_at is None:
            playing.slot = None
            self.stats.handed_over += 1
            self._dispatch()
        else:
            self._playing = None
            self._finished_locked(playing.utt.seq, False)

    def _give_up(self, kind: str, detail: str = "") -> None:
        from backcoach.logs import log_file

        if detail:
            log.warning("speech off (%s): %s", kind, detail)
        self._lost = kind
        self._lost_locked(kind, notices.text_for(kind, str(log_file())))
        for slot in list(self._slots):
            self._retire(slot, kind)
        self._ready.set()

    # -- events from worker threads (lock NOT held) ---------------------------------------

    def _on_event(self, proc: WorkerProcess, msg: dict[str, Any]) -> None:
        with self._lock:
            slot = next((s for s in self._slots if s.proc is proc), None)
            if slot is not None:
                slot.heard_at, slot.ping_at = self._clock(), None
                self._handle(slot, msg)
                self._cond.notify_all()
        self._deliver()

    def _handle(self, slot: Slot, msg: dict[str, Any]) -> None:
        ev = msg.get("ev")
        playing = self._playing
        mine = playing is not None and playing.slot is slot and msg.get("id") == playing.utt.seq
        if ev == "ready":
            slot.state = "ready"
            slot.proc.info = msg
            self._voices = [tuple(v) for v in msg.get("voices", ())] or self._voices
            self.stats.trace.append(("ready", slot.proc.pid, msg.get("boot_s")))
            self._ready.set()
            self._announce_ready()
            self._send_prepare(slot)
            self._dispatch()
            self._cond.notify_all()
        elif ev == "started" and mine and playing is not None:
            playing.started_at = float(msg["t"])
            playing.audio_s = float(msg.get("audio_s", 0.0))
            self.stats.trace.append(
                ("started", playing.utt.cue.text, slot.proc.pid, playing.audio_s)
            )
            self._started_locked(playing.utt.seq, playing.started_at)
        elif ev == "finished" and mine and playing is not None:
            self._playing = None
            if msg.get("completed"):
                self._stalls_in_row = 0
            self._finished_locked(playing.utt.seq, bool(msg.get("completed")))
        elif ev == "stalled" and mine and playing is not None:
            self._player_stalled(slot, str(msg.get("detail")))
        elif ev == "prepared":
            self._preparing = False  # one worker has them all: the cache is shared
            self.stats.prepared += 1
            self.stats.trace.append(("prepared", slot.proc.pid, msg.get("count")))
        elif ev == "notice":
            kind = str(msg.get("kind"))
            log.warning("speech worker %s: %s: %s", slot.proc.pid, kind, msg.get("detail"))
            if kind in ("no-audio-device", "no-aplay"):
                self._go_silent(kind)
        elif ev == "fatal":
            self._give_up(str(msg.get("kind")), str(msg.get("detail")))
        elif ev == "error":
            log.warning("speech worker %s: %s", slot.proc.pid, msg.get("message"))

    def _player_stalled(self, slot: Slot, detail: str) -> None:
        """The worker killed its hung player. Retire the worker (its group goes, with
        anything the player left) and hand the cue on; after several in a row the
        sound output is taken as lost for this session and cues keep time silently."""
        log.warning("speech worker %s: player stalled: %s", slot.proc.pid, detail)
        self.stats.stalls += 1
        self._stalls_in_row += 1
        self._retire(slot, "player stalled")
        self._next_spawn = self._clock()
        self._lose_slot(slot)
        if self._stalls_in_row >= self._wd.max_stalls:
            self._lost = "player-stuck"
            self._go_silent("player-stuck")

    def _go_silent(self, kind: str) -> None:
        """No sound output: pace without sound from now on, and say so once."""
        self._audible = False
        self._sink_req = "null"
        for other in self._slots:
            other.proc.send({**self._config(first=False), "sink": "null"})
        self._tell(kind, notices.text_for(kind))

    def _on_exit(self, proc: WorkerProcess, rc: int | None) -> None:
        with self._lock:
            slot = next((s for s in self._slots if s.proc is proc), None)
            if slot is not None:  # not one we retired: it died on its own
                self._crash(slot, f"exited with status {rc}")
        self._deliver()
