"""Spoken cues: the Speaker interface, the cue policy and the backends.

    speaker = create_speaker(settings, notice=print)   # returns at once
    speaker.say(cue, time.monotonic())                 # never blocks
    speaker.close()

See docs/speech.md for the design, what "started" means, and the failure notices.
"""

from backcoach.speech.base import Speaker
from backcoach.speech.factory import apply_settings, create_speaker

__all__ = ["Speaker", "apply_settings", "create_speaker"]
