"""A private sound server for the real-audio tests, and a logging player in front of aplay.

``PulseServer`` starts PulseAudio with its own runtime folder and one null sink, and
an ALSA configuration that sends ALSA's default device to it through the ALSA pulse
plugin (Debian: pulseaudio, libasound2-plugins). aplay then plays through the real
ALSA → PulseAudio path and the null sink consumes the audio at the real rate, like a
sound card. One quirk: an idle null sink sleeps in 2 s blocks (its configured latency)
and a new stream waits up to that long; a real card wakes every few milliseconds. So
the server keeps one silent low-latency stream open, which holds the sink to a card's
latency.

``logged_aplay`` puts ``tests/bin/aplay`` first on PATH: it runs the real aplay, passes
the audio through with the same small pipe the app uses, and writes one JSON line per
play (when the real aplay first took audio, when it finished, how many bytes, its exit
status) to a log. ``APLAY_HANG_ONCE`` makes the first play hang without taking any
audio, like a wedged sound server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BIN = Path(__file__).resolve().parent / "bin"
NEEDED = "pulseaudio and libasound2-plugins (scripts/system-deps test installs them)"


@dataclass
class PulseServer:
    root: Path
    env: dict[str, str]
    proc: subprocess.Popen[bytes]
    keeper: subprocess.Popen[bytes]

    @classmethod
    def start(cls) -> PulseServer:
        for tool in ("pulseaudio", "pacat", "pactl", "aplay"):
            if shutil.which(tool) is None:
                pytest.fail(f"the real-audio tests need {tool}: install {NEEDED}")
        plugin = [p for p in Path("/usr/lib").rglob("libasound_module_pcm_pulse.so")]
        if not plugin:
            pytest.fail(f"the ALSA pulse plugin is missing: install {NEEDED}")
        root = Path(tempfile.mkdtemp(prefix="backcoach-pulse-"))
        socket = root / "native"
        asound = root / "asound.conf"
        asound.write_text("pcm.!default { type pulse }\nctl.!default { type pulse }\n")
        env = {
            "XDG_RUNTIME_DIR": str(root),
            "PULSE_RUNTIME_PATH": str(root / "pulse"),
            "PULSE_STATE_PATH": str(root / "state"),
            "PULSE_SERVER": f"unix:{socket}",
            "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{asound}",
        }
        full = {**os.environ, **env, "HOME": str(root)}
        proc = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit",
             "--use-pid-file=no", "--log-target=stderr",
             f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
             "--load=module-null-sink sink_name=backcoach_test"],
            env=full, stdout=subprocess.DEVNULL, stderr=(root / "pulse.log").open("wb"),
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while not socket.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log = (root / "pulse.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"private pulseaudio did not start: {log}")
            time.sleep(0.02)  # polling for the server's socket, not a timed wait
        keeper = subprocess.Popen(
            ["pacat", "--playback", "--format=s16le", "--channels=1", "--rate=22050",
             "--latency-msec=20", "/dev/zero"],
            env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        while b"pacat" not in _sink_inputs(full):  # the keeper holds the latency down
            if keeper.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("the private pulseaudio's keep-alive stream did not connect")
            time.sleep(0.02)
        return cls(root, env, proc, keeper)

    def stop(self) -> None:
        for p in (self.keeper, self.proc):
            p.kill()
            p.wait(10)
        shutil.rmtree(self.root, ignore_errors=True)


def _sink_inputs(env: dict[str, str]) -> bytes:
    out = subprocess.run(["pactl", "list", "sink-inputs"], env=env, capture_output=True)
    return out.stdout


@pytest.fixture(scope="session")
def pulse_server() -> Iterator[PulseServer]:
    server = PulseServer.start()
    yield server
    server.stop()


@pytest.fixture
def real_audio(pulse_server: PulseServer, monkeypatch: pytest.MonkeyPatch) -> PulseServer:
    """This test's processes play through the private server."""
    for key, value in pulse_server.env.items():
        monkeypatch.setenv(key, value)
    return pulse_server


@dataclass
class PlayLog:
    path: Path

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line]

    def plays(self) -> list[dict[str, Any]]:
        """One dict per play that took audio: first_t, and end_t/bytes/rc once finished."""
        by_pid: dict[int, dict[str, Any]] = {}
        for e in self.entries():
            by_pid.setdefault(e["pid"], {}).update(e)
        return sorted((p for p in by_pid.values() if "first_t" in p), key=lambda p: p["first_t"])


@pytest.fixture
def logged_aplay(
    real_audio: PulseServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> PlayLog:
    real = shutil.which("aplay")
    assert real is not None
    log = tmp_path / "aplay.jsonl"
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("REAL_APLAY", real)
    monkeypatch.setenv("APLAY_LOG", str(log))
    return PlayLog(log)


def alive(pid: int) -> bool:
    """Running (not a zombie, not gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
