"""The pyttsx3 backend's supervisor thread: the device check, then spawning, reaping and
watching the workers. A mixin of ``Pyttsx3Speaker`` (pyttsx3_backend.py), whose state
and lock it uses; kept apart so each file holds one concern.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from backcoach.speech.process import WorkerProcess
from backcoach.speech.sinks import check_device
from backcoach.speech.watchdog import Slot, next_deadline, play_deadline

log = logging.getLogger(__name__)


class Supervision:
    if TYPE_CHECKING:  # provided by Pyttsx3Speaker

        def __getattr__(self, name: str) -> Any: ...

    # -- supervisor thread --------------------------------------------------------------------

    def _supervise(self) -> None:
        wd = self._wd
        if self._sink_req == "auto":
            failure = check_device()  # once per program start, a few ms when it answers
            with self._lock:
                if failure is None:
                    self._sink_req = "device"
                else:
                    log.info("no usable sound device (%s): %s", failure.kind, failure.detail)
                    self._go_silent(failure.kind)
            self._deliver()
        while True:
            with self._cond:
                now = self._clock()
                if not self._closed:
                    self._watch(now)
                reap, self._dead = self._dead, []
                spawn = self._spawns_due(now)
                if self._closed and not reap and not self._slots:
                    break
                if not reap and not spawn:
                    wake = next_deadline(now, wd, self._slots, self._playing, self._spawn_at())
                    self._cond.wait(max(0.0, min(wake - now, 5.0)))
            for slot in reap:
                slot.proc.close()
            for _ in range(spawn):
                self._spawn()
            self._deliver()

    def _spawn_at(self) -> float | None:
        if self._closed or not self._available or len(self._slots) >= self._want:
            return None
        return self._next_spawn

    def _spawns_due(self, now: float) -> int:
        if self._closed or not self._available or now < self._next_spawn:
            return 0
        return max(0, self._want - len(self._slots))

    def _spawn(self) -> None:
        proc = WorkerProcess(self._on_event, self._on_exit, command=self._command, env=self._env)
        slot = Slot(proc, born=self._clock())
        with self._lock:
            if self._closed or not self._available:
                return
            self._slots.append(slot)
        try:
            proc.start()
        except OSError as exc:
            with self._lock:
                self._slots.remove(slot)
                self._give_up("no-worker", f"{proc!r}: {exc}")
            return
        with self._lock:
            self.stats.spawned += 1
            self.stats.trace.append(("spawned", proc.pid))
            proc.send(self._config(first=True))
            self._cond.notify_all()

    def _watch(self, now: float) -> None:
        wd = self._wd
        for slot in list(self._slots):
            if slot.state == "booting" and now - slot.born > wd.boot_s:
                self._crash(slot, f"not ready after {wd.boot_s:.0f} s")
        playing = self._playing
        if playing is not None and playing.slot and now > play_deadline(playing, wd):
            self.stats.hangs += 1
            self._crash(playing.slot, "stopped responding while speaking")
        for slot in list(self._slots):
            if slot.state != "ready" or (playing is not None and playing.slot is slot):
                continue
            if slot.ping_at is not None and now - slot.ping_at > wd.pong_s:
                self.stats.hangs += 1
                self._crash(slot, f"did not answer a ping within {wd.pong_s:.0f} s")
            elif slot.ping_at is None and now - slot.heard_at > wd.ping_every_s:
                slot.ping_at = now
                slot.proc.send({"op": "ping", "id": 0})
