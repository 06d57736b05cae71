"""The parent's handle on one speech worker process.

The worker runs in a new session (its own process group) so that ``kill()`` ends it
and anything it started (aplay) in one signal. Two daemon threads per worker read its
stdout (JSON events) and stderr (logged); both end when the process does, and
``close()`` joins them.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from backcoach import paths
from backcoach.speech.worker import PARENT_ENV

log = logging.getLogger(__name__)

OnEvent = Callable[["WorkerProcess", dict[str, Any]], None]
OnExit = Callable[["WorkerProcess", int | None], None]

# Lines on a worker's stderr not worth a log line: ALSA's, and pyttsx3's print per save.
_CHATTER = ("ALSA lib ", "Audio saved to ")
_spawned_lock = threading.Lock()
_spawned: list[int] = []  # every worker pid (= its process group id) ever started


def spawned_pids() -> list[int]:
    """Every worker started by this process, for leak checks and shutdown."""
    with _spawned_lock:
        return list(_spawned)


def worker_command() -> list[str]:
    return [*paths.self_command(), "--speech-worker"]


def _worker_env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env[PARENT_ENV] = str(os.getpid())
    if not paths.is_frozen():
        # The worker must run this same backcoach, wherever it was imported from.
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env.update(extra or {})
    return env


class WorkerProcess:
    def __init__(
        self,
        on_event: OnEvent,
        on_exit: OnExit,
        *,
        command: Sequence[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self._on_event = on_event
        self._on_exit = on_exit
        self._command = list(command or worker_command())
        self._env = env
        self._proc: subprocess.Popen[bytes] | None = None
        self._threads: list[threading.Thread] = []
        self._write_lock = threading.Lock()
        self.info: dict[str, Any] = {}  # the worker's "ready" event

    @property
    def pid(self) -> int:
        return self._proc.pid if self._proc else -1

    def start(self) -> None:
        """Spawn; raises OSError when the program cannot be started at all."""
        flags: dict[str, Any] = {}
        if sys.platform == "win32":
            flags["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | getattr(
                subprocess, "CREATE_NO_WINDOW", 0
            )
        else:
            flags["start_new_session"] = True
        self._proc = subprocess.Popen(
            self._command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_worker_env(self._env),
            **flags,
        )
        with _spawned_lock:
            _spawned.append(self._proc.pid)
        for target, name in ((self._read_events, "events"), (self._read_stderr, "stderr")):
            thread = threading.Thread(
                target=target, name=f"speech-worker-{self.pid}-{name}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def send(self, msg: dict[str, Any]) -> bool:
        """Write one request; False when the worker is gone. Never blocks for long:
        requests are small and the worker reads them between utterances."""
        proc = self._proc
        if proc is None or proc.stdin is None:
            return False
        data = (json.dumps(msg, separators=(",", ":")) + "\n").encode("utf-8")
        try:
            with self._write_lock:
                proc.stdin.write(data)
                proc.stdin.flush()
        except (OSError, ValueError):
            return False
        return True

    def kill(self) -> None:
        """End the worker and everything it started (its player), now. Returns at once.

        The group is signalled even when the worker itself is already dead: a worker
        that crashed leaves its player running in the group. Only once the worker has
        been reaped (by the reader, which kills the group first) is there nothing left.
        """
        proc = self._proc
        if proc is None or proc.returncode is not None:
            return
        try:
            if sys.platform == "win32":
                proc.kill()
            else:
                os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def close(self, timeout: float = 5.0) -> int | None:
        """Kill, reap and join the reader threads; returns the exit status."""
        self.kill()
        proc = self._proc
        rc = None
        if proc is not None:
            try:
                rc = proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log.error("speech worker %s did not exit after SIGKILL", proc.pid)
            if proc.stdin:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout)
        return rc

    def _read_events(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        for raw in iter(proc.stdout.readline, b""):
            try:
                msg = json.loads(raw)
            except ValueError:
                log.warning("speech worker %s: not JSON: %r", proc.pid, raw[:200])
                continue
            if isinstance(msg, dict):
                self._on_event(self, msg)
        proc.stdout.close()
        # Its output ended: the worker is dead or dying. Kill the group before reaping,
        # so a player it left behind goes too (the group id cannot be reused yet).
        self.kill()
        try:
            rc = proc.wait(5.0)
        except subprocess.TimeoutExpired:
            rc = None
        self._on_exit(self, rc)

    def _read_stderr(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stderr is not None
        for raw in iter(proc.stderr.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            if line and not line.startswith(_CHATTER):
                log.info("speech worker %s: %s", proc.pid, line)
        proc.stderr.close()

    def __repr__(self) -> str:
        return f"<WorkerProcess pid={self.pid}>"
