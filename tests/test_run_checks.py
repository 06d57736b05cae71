"""``backcoach run`` asks what the window asks: through a real pseudo-terminal, and not
at all (saying so) when its input is not a terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backcoach.commands.run_checks import NOT_ASKED
from backcoach.core import safety
from tests.conftest import REPO
from tests.test_speech_real_audio import SHORT_ROUTINE

WAIT_S = 60.0


class Terminal:
    """``backcoach`` on a real pseudo-terminal: read what it shows, type answers."""

    def __init__(self, data: Path, *argv: str) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "backcoach", "--data-dir", str(data), *argv],
            cwd=REPO, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
        )  # fmt: skip
        os.close(slave)
        self.screen = ""

    def expect(self, text: str) -> str:
        deadline = time.monotonic() + WAIT_S
        while text not in self.screen:
            left = deadline - time.monotonic()
            assert left > 0, f"never showed {text!r}; the terminal shows:\n{self.screen}"
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the program ended and closed the terminal
                    chunk = b""
                if not chunk:
                    assert text in self.screen, f"ended without {text!r}:\n{self.screen}"
                self.screen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return self.screen

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\n").encode())

    def finish(self) -> int:
        try:
            while True:
                ready, _, _ = select.select([self.master], [], [], WAIT_S)
                chunk = os.read(self.master, 4096) if ready else b""
                if not chunk:
                    break
                self.screen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        except OSError:
            pass
        os.close(self.master)
        return self.proc.wait(WAIT_S)


@pytest.fixture
def short_routine(data_dir: Path) -> Path:
    (data_dir / "routines").mkdir(parents=True)
    (data_dir / "routines" / "short-check.toml").write_text(SHORT_ROUTINE)
    return data_dir


def _history(data: Path) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(data), "history", "--json"],
        cwd=REPO, capture_output=True, text=True, timeout=WAIT_S, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)["sessions"]


def test_on_a_terminal_a_yes_to_a_warning_sign_stops_the_session_with_the_advice(
    short_routine: Path,
) -> None:
    term = Terminal(short_routine, "run", "short-check", "--speed", "100", "--mute")
    screen = term.expect("Any of these today? [y/N]")
    assert safety.WELCOME_BEFORE in screen  # the first-run welcome, before anything else
    for flag in safety.RED_FLAGS:
        assert flag.question in screen
    term.type("y")
    screen = term.expect(f"{safety.CLEARED_STATEMENT}? [y/N]")
    assert " ".join(safety.RED_FLAG_ADVICE.split()) in " ".join(screen.split())
    term.type("")  # Enter: no
    assert term.finish() == 1
    assert "No session today" in term.screen and "Get ready:" not in term.screen  # no cue
    assert _history(short_routine) == []


def test_on_a_terminal_pain_and_the_glute_question_land_in_history(short_routine: Path) -> None:
    term = Terminal(short_routine, "run", "short-check", "--speed", "100", "--mute")
    screen = term.expect("Any of these today? [y/N]")
    signs = screen.index("Any change in bladder or bowel control")
    term.type("n")
    term.expect(f"{safety.PAIN_NOW_QUESTION}, or Enter to skip:")
    term.type("eleven")  # not a number: asked again, nothing lost
    term.expect("Please type a whole number from 0 to 10")
    term.type("5")
    screen = term.expect("Your answer (1–3), or Enter to skip:")
    assert "Where did you feel it working most?" in screen
    assert signs < screen.index("Get ready:")  # the warning signs before the first cue
    term.type("1")
    term.expect("Your lower back is doing more than its share.")
    term.expect(f"{safety.PAIN_NOW_QUESTION}, or Enter to skip:")
    term.type("3")
    assert term.finish() == 0, term.screen
    (session,) = _history(short_routine)
    assert (session["pain_before"], session["pain_after"]) == (5, 3)
    answers = [(e["kind"], e["exercise_id"], e["value"]) for e in session["events"]]
    assert answers == [("check-answer", "prone-knee-lift-check", "lower-back")]
    settings = json.loads((short_routine / "settings.json").read_text())
    assert settings["welcomed"] is True and settings["red_flags_checked_on"]


def test_off_a_terminal_nothing_is_asked_and_one_line_says_so(short_routine: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "--data-dir", str(short_routine), "run",
         "short-check", "--speed", "100", "--mute", "--pain-before", "4", "--pain-after", "2"],
        cwd=REPO, capture_output=True, text=True, timeout=WAIT_S, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines() == [NOT_ASKED]
    assert "[y/N]" not in out.stdout and "Enter to skip" not in out.stdout
    (session,) = _history(short_routine)
    assert (session["pain_before"], session["pain_after"]) == (4, 2)
    assert [(e["kind"], e["value"]) for e in session["events"]] == [("red-flags", "not-asked")]


@pytest.mark.parametrize("value", ["11", "-1", "four", "2.5"])
def test_a_bad_pain_value_is_refused_with_the_fix(value: str, short_routine: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "backcoach", "run", "short-check", "--pain-after", value],
        cwd=REPO, capture_output=True, text=True, timeout=WAIT_S, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert out.returncode == 2
    assert "--pain-after" in out.stderr and "whole number from 0 to 10" in out.stderr
