"""Choosing a speaker and applying the runner's settings to it."""

from __future__ import annotations

import pytest

from backcoach.core.settings import Settings
from backcoach.speech import apply_settings, create_speaker
from backcoach.speech.fake import FakeClock, RecordingSpeaker
from backcoach.speech.null import NullSpeaker
from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker
from tests.speech_helpers import WAIT_S, Events, no_leaks  # noqa: F401


def test_speech_off_gives_captions_only(monkeypatch) -> None:
    monkeypatch.setenv("BACKCOACH_SPEECH", "off")
    speaker = create_speaker(Settings(rate_wpm=140, muted=True))
    assert isinstance(speaker, NullSpeaker)
    assert (speaker.rate, speaker.muted, speaker.available) == (140, True, False)


def test_settings_are_applied_and_clamped() -> None:
    speaker = RecordingSpeaker(FakeClock())
    apply_settings(speaker, Settings(voice="English (America)", rate_wpm=20, volume=1.7))
    assert (speaker.voice, speaker.rate, speaker.volume) == ("English (America)", 80, 1.0)
    speaker.apply_settings(Settings(rate_wpm=900, volume=-1.0, muted=True))
    assert (speaker.rate, speaker.volume, speaker.muted) == (400, 0.0, True)


@pytest.mark.speech
@pytest.mark.usefixtures("no_leaks")
def test_the_real_speaker_reports_notices_to_the_given_callback(
    tmp_path,
    monkeypatch,
) -> None:
    conf = tmp_path / "asound.conf"
    conf.write_text("")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(conf))  # no sound device anywhere
    monkeypatch.setenv("BACKCOACH_SPEECH_SINK", "bogus")  # ignored with a log line
    told: list[str] = []
    speaker = create_speaker(Settings(rate_wpm=150), notice=told.append)
    try:
        assert isinstance(speaker, Pyttsx3Speaker) and speaker.rate == 150
        assert speaker.wait_ready(WAIT_S)
        assert speaker.wait_until(lambda s: bool(s.notices()), WAIT_S)
    finally:
        speaker.close()
    assert len(told) == 1 and "no sound output" in told[0]


def test_the_worker_side_imports_no_qt() -> None:
    import subprocess
    import sys

    from tests.conftest import REPO

    code = (
        "import sys, backcoach.cli, backcoach.speech.worker, backcoach.speech.engine\n"
        "import backcoach.speech.clips, backcoach.speech.sinks\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
