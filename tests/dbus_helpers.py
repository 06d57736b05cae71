"""A private D-Bus session with a stand-in service in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.conftest import REPO


@dataclass
class Service:
    address: str
    proc: subprocess.Popen[str]

    def line(self) -> str:
        """The service's next line (it prints one per call it receives)."""
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def tell(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()


@contextmanager
def private_bus(service_script: str) -> Iterator[Service]:
    """``dbus-daemon --session`` of our own, and ``tests/<service_script>`` on it."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / service_script), address],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    service = Service(address, proc)
    try:
        assert service.line() == "ready"
        yield service
    finally:
        for p in (proc, daemon):
            p.terminate()
            p.wait(timeout=10)
            for stream in (p.stdin, p.stdout):
                if stream is not None:
                    stream.close()
