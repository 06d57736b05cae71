"""What the runner is told, in plain words, when speech cannot work. Each is told once.

Every text says what is missing, that the session goes on with captions, and how to fix
it. The technical detail goes to the log, not to the runner.
"""

from __future__ import annotations

import sys

_CAPTIONS = "Cues will show on screen instead."


def _install(packages: str) -> str:
    if sys.platform == "win32" or sys.platform == "darwin":
        return ""
    return f" On Debian or Ubuntu: sudo apt-get install {packages}"


def text_for(kind: str, log_hint: str = "") -> str:
    """The sentence for notice ``kind`` (unknown kinds get a generic one)."""
    log_note = f" Details are in {log_hint}." if log_hint else ""
    if kind == "no-espeak":
        return (
            "Spoken cues are off: the speech engine espeak-ng is not installed. "
            f"{_CAPTIONS}{_install('espeak-ng alsa-utils')}"
        )
    if kind == "no-aplay":
        return (
            "Spoken cues are off: the audio player aplay (from alsa-utils) is not "
            f"installed. {_CAPTIONS}{_install('alsa-utils')}"
        )
    if kind == "no-audio-device":
        return (
            "Spoken cues are off: no sound output was found. "
            f"{_CAPTIONS} Connect speakers or headphones, check the sound is on, "
            "then restart backcoach."
        )
    if kind == "no-pyttsx3":
        return f"Spoken cues are off: the pyttsx3 package is missing. {_CAPTIONS}"
    if kind == "no-engine":
        return f"Spoken cues are off: the system speech engine did not start. {_CAPTIONS}{log_note}"
    if kind == "crashing":
        return (
            f"Spoken cues are off for now: the speech engine kept stopping. {_CAPTIONS}{log_note}"
        )
    if kind == "no-worker":
        return f"Spoken cues are off: the speech helper could not be started. {_CAPTIONS}{log_note}"
    return f"Spoken cues are off ({kind}). {_CAPTIONS}{log_note}"
