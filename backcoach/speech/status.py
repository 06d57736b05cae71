"""What the window and the terminal say about the voice: one status, never two at once.

A pure function of the speaker's state, so "voice ready" is never shown next to "no
sound device" and every screen words it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

# Notice kinds that mean "speech works, but nobody can hear it".
SILENT_KINDS = ("no-audio-device", "no-aplay", "device-stuck", "player-stuck")


@dataclass(frozen=True)
class SpeakerState:
    enabled: bool = True  # False: speech switched off (BACKCOACH_SPEECH=off, --mute)
    muted: bool = False
    ready: bool = False  # the engine answered at least once
    available: bool = False  # cues are being synthesised
    audible: bool = False  # ...and reach a sound device
    problems: tuple[str, ...] = ()  # notice kinds told so far, oldest first


@dataclass(frozen=True)
class VoiceStatus:
    kind: str  # "off", "starting", "ready", "captions-no-device", "captions"
    text: str  # short, for a label or a button: "Voice ready"
    voice_on: bool  # cues are heard


def voice_status(state: SpeakerState | None) -> VoiceStatus:
    """The one status for ``state`` (None: no speaker at all)."""
    if state is None or not state.enabled or state.muted:
        return VoiceStatus("off", "Voice off", False)
    if not state.available and state.ready:
        return VoiceStatus("captions", "Captions only — the voice stopped working", False)
    if not state.available:
        if any(kind in ("no-espeak", "no-pyttsx3", "no-engine") for kind in state.problems):
            return VoiceStatus("captions", "Captions only — no speech engine", False)
        if state.problems:
            return VoiceStatus("captions", "Captions only — the voice stopped working", False)
        return VoiceStatus("starting", "Starting the voice…", False)
    if not state.audible or any(kind in SILENT_KINDS for kind in state.problems):
        return VoiceStatus("captions-no-device", "Captions only — no sound device", False)
    if not state.ready:
        return VoiceStatus("starting", "Starting the voice…", False)
    return VoiceStatus("ready", "Voice ready", True)


def button_text(status: VoiceStatus) -> str:
    """The session page's voice button: what the voice is doing, in two or three words."""
    if status.kind in ("ready", "starting"):
        return "Voice: on"
    if status.kind == "off":
        return "Voice: off"
    if status.kind == "captions-no-device":
        return "Voice: no sound device"
    return "Voice: captions only"
