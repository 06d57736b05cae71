"""A private D-Bus session bus and the stand-in desktop services, for tests."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.conftest import REPO


@dataclass
class Bus:
    address: str
    services: subprocess.Popen[str] | None = None

    def next_event(self, timeout: float = 10.0) -> str:
        """The stand-in services' next line (what a desktop service just saw)."""
        assert self.services is not None and self.services.stdout is not None
        return read_line(self.services, timeout)


def read_line(proc: subprocess.Popen[str], timeout: float = 10.0) -> str:
    """One line from ``proc``'s stdout, or AssertionError after ``timeout`` seconds."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, "no line from the child before the deadline"
            if sel.select(left):
                return proc.stdout.readline().strip()


@contextmanager
def private_bus(*services: str) -> Iterator[Bus]:
    """A dbus-daemon of our own, with the named stand-ins (see tests/desktop_services.py)."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    bus = Bus(read_line(daemon))
    procs = [daemon]
    try:
        if services:
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            bus.services = subprocess.Popen(
                [sys.executable, str(REPO / "tests" / "desktop_services.py"), bus.address,
                 ",".join(services)],
                stdout=subprocess.PIPE, text=True, env=env,
            )  # fmt: skip
            procs.insert(0, bus.services)
            assert bus.next_event() == "ready"
        yield bus
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
            if proc.stdout is not None:
                proc.stdout.close()
