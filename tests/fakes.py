"""Test doubles shared by several test files."""

from __future__ import annotations

# One stepped clock for the session machine, the window and the recording speaker.
from backcoach.speech.fake import FakeClock

__all__ = ["FakeClock"]
