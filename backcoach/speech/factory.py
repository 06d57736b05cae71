"""Choosing a speaker and keeping it in step with the runner's settings."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from backcoach.core.settings import Settings
from backcoach.speech.base import Speaker
from backcoach.speech.null import NullSpeaker

log = logging.getLogger(__name__)

SPEECH_ENV = "BACKCOACH_SPEECH"  # "off": captions only, no worker processes at all


def apply_settings(speaker: Speaker, settings: Settings) -> None:
    """Push the voice part of ``settings`` (voice, rate, volume, mute) to ``speaker``."""
    speaker.apply_settings(settings)


def create_speaker(
    settings: Settings | None = None,
    *,
    speech: bool = True,
    notice: Callable[[str], None] | None = None,
) -> Speaker:
    """The real voice, or captions only when ``speech`` is False or BACKCOACH_SPEECH=off.

    Returns at once: workers start in the background, and anything that stops speech
    later (no espeak-ng, no sound device) arrives as a notice, on ``notice`` if given
    (from a background thread; Qt code uses ui.speech_bridge.SpeechBridge instead).
    """
    settings = settings or Settings()
    speaker: Speaker
    if not speech or os.environ.get(SPEECH_ENV, "").lower() == "off":
        speaker = NullSpeaker()
        apply_settings(speaker, settings)
    else:
        from backcoach.speech.pyttsx3_backend import SINK_ENV, Pyttsx3Speaker

        sink = os.environ.get(SINK_ENV, "auto")
        if sink not in ("auto", "device", "null"):
            log.warning("ignoring %s=%r (use auto, device or null)", SINK_ENV, sink)
            sink = "auto"
        speaker = Pyttsx3Speaker(
            sink=sink,
            voice=settings.voice,
            rate_wpm=settings.rate_wpm,
            volume=settings.volume,
            muted=settings.muted,
        )
    if notice is not None:
        speaker.listen(notice=notice)
    return speaker
