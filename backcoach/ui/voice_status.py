"""The voice as the window sees it: the speaker attached, muted or not, and its status.

Owns the SpeechBridge (the speaker's news on the GUI thread), keeps the Settings page's
voice list and status line current once that page exists, and turns M into a setting.
Notices the runner must see (e.g. how to get speech) leave through ``notice``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from backcoach.ui.context import AppContext

if TYPE_CHECKING:
    from backcoach.ui.pages.settings_page import SettingsPage
    from backcoach.ui.speech_bridge import SpeechBridge


class VoiceStatus(QObject):
    notice = Signal(str)  # a sentence for the runner, shown until dismissed
    changed = Signal()  # the speaker's state may have changed: show its status again
    mutedChanged = Signal(bool)  # the runner muted (True) or unmuted the voice

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.speech: SpeechBridge | None = None
        self._settings_page: SettingsPage | None = None

    def attach_speaker(self, speaker: Any) -> None:
        """Use ``speaker`` from now on; its notices and readiness reach the window."""
        from backcoach.ui.speech_bridge import SpeechBridge

        self.ctx.speaker = speaker
        self.speech = SpeechBridge(speaker, self)
        self.speech.notice.connect(self._told)
        self.speech.ready.connect(self.refresh)
        self.refresh()

    def detach(self) -> None:
        if self.speech is not None:
            self.speech.detach()

    def bind_settings_page(self, page: SettingsPage) -> None:
        """The Settings page now exists: fill its voice list and wire its controls."""
        self._settings_page = page
        page.voiceChanged.connect(self.apply_settings)
        page.testVoiceRequested.connect(self.test_voice)
        self.refresh()

    def toggle_mute(self) -> None:
        muted = not self.ctx.settings.muted
        self.ctx.update_settings(muted=muted)
        if self._settings_page is not None:
            self._settings_page.mute.setChecked(muted)
        self.mutedChanged.emit(muted)

    def apply_settings(self) -> None:
        if self.ctx.speaker is not None:
            self.ctx.speaker.apply_settings(self.ctx.settings)

    def test_voice(self) -> None:
        if self.ctx.speaker is not None and self._settings_page is not None:
            cue = self.ctx.speaker.test_voice()
            self._settings_page.voice_status.setText(self.tr('Saying: "{0}"').format(cue.text))

    def refresh(self) -> None:
        """The Settings page's voice list and status line, from what the speaker knows now:
        one status (backcoach/speech/status.py), never "ready" next to "no sound device"."""
        from backcoach.speech.status import voice_status

        self.changed.emit()
        page = self._settings_page
        if page is None:
            return  # filled in when the page is first opened
        speaker = self.ctx.speaker
        status = voice_status(speaker.state() if speaker is not None else None)
        voices = speaker.voices() if speaker is not None and status.voice_on else []
        text = self.tr(status.text)
        if voices:
            text = self.tr("{0} ({1} voices installed).").format(text, len(voices))
        elif status.kind not in ("ready", "starting") and speaker is not None:
            text = " ".join([text + ".", *speaker.notices()])
        page.set_voices(voices, text)

    def _told(self, text: str) -> None:
        self.notice.emit(text)
        self.refresh()
