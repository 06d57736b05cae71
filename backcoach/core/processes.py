"""Who this process is, and whether another one is still alive.

A process is named by its pid *and* its start time: pids are reused, so a pid alone
could make a session left by a killed copy look alive for as long as some unrelated
program happens to hold that number. Start times come from the kernel (``/proc`` on
Linux, ``GetProcessTimes`` on Windows); where neither is available only the pid is
checked, and the start time is ``None``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Start times read twice can differ by the rounding of the boot time the kernel reports.
_SAME_START_S = 2.0


@dataclass(frozen=True, slots=True)
class ProcessId:
    pid: int
    started: float | None  # seconds since the epoch; None where the platform can't say


@cache
def this_process() -> ProcessId:
    pid = os.getpid()
    return ProcessId(pid, start_time(pid))


def start_time(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds); None when unknown or not running."""
    if sys.platform.startswith("linux"):
        return _linux_start(pid)
    if sys.platform == "win32":
        return _windows_start(pid)
    return None


def is_alive(pid: int | None, started: float | None) -> bool:
    """Whether the process recorded as (pid, started) is still running."""
    if pid is None or pid <= 0:
        return False
    if sys.platform.startswith("linux") or sys.platform == "win32":
        now = start_time(pid)
        if now is None:
            return False
        return started is None or abs(now - started) < _SAME_START_S
    return _posix_pid_exists(pid)


def _posix_pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    except OSError:
        return False
    return True


@cache
def _linux_boot_time() -> float | None:
    try:
        for line in Path("/proc/stat").read_text(encoding="ascii").splitlines():
            if line.startswith("btime "):
                return float(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def _linux_start(pid: int) -> float | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may itself hold spaces or ")".
    after = stat[stat.rfind(")") + 2 :].split()
    boot = _linux_boot_time()
    if len(after) < 20 or boot is None:
        return None
    state, ticks = after[0], after[19]
    if state in ("Z", "X"):  # killed, not yet reaped: it runs no more
        return None
    try:
        return round(boot + int(ticks) / os.sysconf("SC_CLK_TCK"), 2)
    except (ValueError, OSError):
        return None


def _windows_start(pid: int) -> float | None:  # pragma: no cover - Windows only
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    query_limited_information = 0x1000
    still_active = 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return None
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return None
        if code.value != still_active:
            return None
        created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(
            handle,
            ctypes.byref(created),
            ctypes.byref(exited),
            ctypes.byref(kernel),
            ctypes.byref(user),
        ):
            return None
        ticks = (created.dwHighDateTime << 32) | created.dwLowDateTime  # 100 ns since 1601
        return round(ticks / 1e7 - 11_644_473_600, 2)
    finally:
        kernel32.CloseHandle(handle)
