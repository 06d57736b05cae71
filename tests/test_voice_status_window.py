"""The window's voice status: one truthful line, in the settings and on the session page."""

from __future__ import annotations

from backcoach.speech import notices


def _settings_text(w) -> str:
    w.show_page(w.settings_page)
    return w.settings_page.voice_status.text()


def test_a_working_voice_says_ready_and_the_session_button_says_on(qtbot, window) -> None:
    w = window
    with w.ctx.speaker._lock:
        w.ctx.speaker._announce_ready()  # as a real engine does once it answers
    w.ctx.speaker._deliver()
    w.voice.refresh()
    assert _settings_text(w).startswith("Voice ready")
    w.open_routine("tiny")
    w.routine_page.start.click()
    assert w.session_page.mute_button.text() == "Voice: on"


def test_no_sound_device_is_never_shown_next_to_voice_ready(qtbot, window) -> None:
    w = window
    speaker = w.ctx.speaker
    with speaker._lock:
        speaker._announce_ready()
    speaker._deliver()
    w.open_routine("tiny")
    w.routine_page.start.click()
    speaker.lose_sound("no-audio-device", notices.text_for("no-audio-device"))
    qtbot.waitUntil(w.notice_bar.isVisible)
    assert w.session_page.mute_button.text() == "Voice: no sound device"
    text = _settings_text(w)
    assert text.startswith("Captions only — no sound device")
    assert "ready" not in text.lower() and "Voice: on" not in text
    assert w.settings_page.voice_combo.count() == 1  # no voices offered that nobody hears


def test_muted_says_off(qtbot, window) -> None:
    w = window
    w.open_routine("tiny")
    w.routine_page.start.click()
    w.voice.toggle_mute()
    assert w.session_page.mute_button.text() == "Voice: off"
