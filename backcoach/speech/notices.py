"""What the runner is told, in plain words, when speech cannot work. Each is told once.

Every notice says what is missing, that the session goes on with captions, and how to
fix it. The technical detail goes to the log, not to the runner.
"""

from __future__ import annotations

import sys


class SpeechProblem(Exception):
    """Something speech needs is missing; ``kind`` picks the notice, ``detail`` is for the log."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


_CAPTIONS = "Cues will show on screen instead."

# kind -> (what is wrong, how to fix it on Debian/Ubuntu or "" when not a package)
_REASONS: dict[str, tuple[str, str]] = {
    "no-espeak": ("the speech engine espeak-ng is not installed", "espeak-ng alsa-utils"),
    "no-aplay": ("the audio player aplay (from alsa-utils) is not installed", "alsa-utils"),
    "no-audio-device": ("no sound output was found", ""),
    "device-stuck": ("the sound output did not answer", ""),
    "player-stuck": ("the sound output stopped responding", ""),
    "no-pyttsx3": ("the pyttsx3 package is missing", ""),
    "no-engine": ("the system speech engine did not start", ""),
    "crashing": ("the speech engine kept stopping", ""),
    "no-worker": ("the speech helper could not be started", ""),
}


def reason(kind: str) -> str:
    return _REASONS.get(kind, (f"speech failed ({kind})", ""))[0]


def fix(kind: str, log_hint: str = "") -> str:
    """How to get speech back, as a sentence (may be empty)."""
    packages = _REASONS.get(kind, ("", ""))[1]
    if packages and sys.platform not in ("win32", "darwin"):
        return (
            f"To hear cues, run this (Debian, Ubuntu) and restart: sudo apt-get install {packages}"
        )
    if kind == "no-audio-device":
        return "Connect speakers or headphones, check the sound is on, then restart backcoach."
    if kind == "device-stuck":
        return "Check the sound settings, then restart backcoach."
    if kind == "player-stuck":
        return "Check the sound settings; the voice is tried again at the next session."
    if kind == "no-pyttsx3":
        return "Reinstall backcoach to get it back."
    return f"Details are in {log_hint}." if log_hint else ""


def text_for(kind: str, log_hint: str = "") -> str:
    """The notice for ``kind``, e.g. for a banner in the window or a line in the terminal."""
    parts = (f"Spoken cues are off: {reason(kind)}.", _CAPTIONS, fix(kind, log_hint))
    return " ".join(part for part in parts if part)
