"""Settings: voice, appearance, session defaults, reminders, and where the data lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcoach import paths
from backcoach.logs import log_file
from backcoach.speech.voice_list import english_first
from backcoach.ui.context import AppContext
from backcoach.ui.widgets.reminder_settings import ReminderSettings


class SettingsPage(QWidget):
    themeChanged = Signal(str)
    voiceChanged = Signal()  # voice, rate, volume or mute changed: re-apply to the speaker
    testVoiceRequested = Signal()
    remindersChanged = Signal()
    watchedFolderChanged = Signal(str)  # "" to stop watching

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        s = ctx.settings
        title = QLabel(self.tr("Settings"))
        title.setProperty("role", "title")

        # Voice
        self.voice_combo = QComboBox()
        self.voice_combo.setAccessibleName(self.tr("Voice"))
        self.voice_combo.setToolTip(self.tr("The installed voices of the speech engine"))
        self.all_voices = QCheckBox(self.tr("Show all languages"))
        self.all_voices.setToolTip(
            self.tr("The cues are in English; other languages' voices read them poorly")
        )
        self.all_voices.toggled.connect(self._fill_voices)
        self._voices: list[tuple[str, str]] = []
        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(100, 240)
        self.rate.setValue(s.rate_wpm)
        self.rate.setAccessibleName(self.tr("Speaking rate, words per minute"))
        self.rate_value = QLabel()
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(int(s.volume * 100))
        self.volume.setAccessibleName(self.tr("Volume"))
        self.mute = QCheckBox(self.tr("Mute the voice (captions only)"))
        self.mute.setChecked(s.muted)
        self.test = QPushButton(self.tr("Test voice"))
        self.test.setToolTip(self.tr("Say a sample cue with these settings"))
        self.test.clicked.connect(self.testVoiceRequested)
        self.voice_status = QLabel()
        self.voice_status.setWordWrap(True)
        self.voice_status.setProperty("role", "muted")
        voice_form = QFormLayout()
        voice_row = QHBoxLayout()
        voice_row.addWidget(self.voice_combo, 1)
        voice_row.addWidget(self.all_voices)
        voice_form.addRow(self.tr("Voice:"), voice_row)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate, 1)
        rate_row.addWidget(self.rate_value)
        voice_form.addRow(self.tr("Rate:"), rate_row)
        voice_form.addRow(self.tr("Volume:"), self.volume)
        voice_form.addRow("", self.mute)
        voice_form.addRow("", self.test)
        voice_form.addRow("", self.voice_status)
        voice_box = QGroupBox(self.tr("Voice"))
        voice_box.setLayout(voice_form)

        # Appearance
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Theme"))
        for key, label in (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark")):
            self.theme.addItem(self.tr(label), key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.theme)))
        look = QFormLayout()
        look.addRow(self.tr("Theme:"), self.theme)
        look_box = QGroupBox(self.tr("Appearance"))
        look_box.setLayout(look)

        # Session
        self.prepare = QSpinBox()
        self.prepare.setRange(5, 60)
        self.prepare.setSuffix(" s")
        self.prepare.setValue(int(s.prepare_s))
        self.prepare.setAccessibleName(self.tr("Get-ready time"))
        self.first_side = QComboBox()
        self.first_side.setAccessibleName(self.tr("Side to start with"))
        self.first_side.addItem(self.tr("Left"), "left")
        self.first_side.addItem(self.tr("Right"), "right")
        self.first_side.setCurrentIndex(max(0, self.first_side.findData(s.first_side)))
        sess = QFormLayout()
        sess.addRow(self.tr("Get-ready time:"), self.prepare)
        sess.addRow(self.tr("Start with the:"), self.first_side)
        sess_box = QGroupBox(self.tr("Sessions"))
        sess_box.setLayout(sess)

        self.reminders = ReminderSettings(ctx)
        self.reminders.changed.connect(self.remindersChanged)
        runs_box = self._runs_box(s.watched_folder)

        data = QLabel(
            self.tr("History: {0}<br>Settings: {1}<br>Log file: {2}").format(
                paths.data_dir(), paths.settings_file(), log_file()
            )
        )
        data.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data.setWordWrap(True)
        data_box = QGroupBox(self.tr("Your data"))
        QVBoxLayout(data_box).addWidget(data)

        column = QWidget()
        column.setMaximumWidth(820)  # forms don't need the whole width of a wide window
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(column)
        row.addStretch(1)
        scroll = QScrollArea()  # a short screen scrolls instead of squeezing the boxes
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(host)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        root = QVBoxLayout(column)
        root.addWidget(title)
        root.addWidget(voice_box)
        root.addWidget(look_box)
        root.addWidget(sess_box)
        root.addWidget(self.reminders)
        root.addWidget(runs_box)
        root.addWidget(data_box)
        root.addStretch(1)

        self.rate.valueChanged.connect(self._save_voice)
        self.volume.valueChanged.connect(self._save_voice)
        self.mute.toggled.connect(self._save_voice)
        self.voice_combo.currentIndexChanged.connect(self._save_voice)
        self.theme.currentIndexChanged.connect(self._theme)
        self.prepare.valueChanged.connect(lambda v: ctx.update_settings(prepare_s=float(v)))
        self.first_side.currentIndexChanged.connect(
            lambda: ctx.update_settings(first_side=self.first_side.currentData())
        )
        self._show_rate()

    def _runs_box(self, folder: str) -> QGroupBox:
        self.watched = QLabel()
        self.watched.setWordWrap(True)
        self.watched.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.watched.setAccessibleDescription(self.tr("Watched folder"))
        self.choose_folder = QPushButton(self.tr("Choose folder…"))
        self.choose_folder.setToolTip(
            self.tr(
                "Where your watch or app puts run files, e.g. a mounted Garmin's GARMIN/Activity"
            )
        )
        self.choose_folder.clicked.connect(self._choose_folder)
        self.stop_watching = QPushButton(self.tr("Stop watching"))
        self.stop_watching.clicked.connect(lambda: self.set_watched_folder(""))
        explain = QLabel(
            self.tr(
                "New FIT, GPX and TCX files there are imported when backcoach starts and while "
                "it is open. Only a summary of each run is kept, never its GPS track."
            )
        )
        explain.setWordWrap(True)
        explain.setProperty("role", "muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_folder)
        buttons.addWidget(self.stop_watching)
        buttons.addStretch(1)
        box = QGroupBox(self.tr("Runs"))
        column = QVBoxLayout(box)
        column.addWidget(self.watched)
        column.addLayout(buttons)
        column.addWidget(explain)
        self._show_folder(folder)
        return box

    def _show_folder(self, folder: str) -> None:
        self.watched.setText(
            self.tr("Watched folder: {0}").format(folder)
            if folder
            else self.tr("No watched folder.")
        )
        self.stop_watching.setVisible(bool(folder))

    def _choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = self.ctx.settings.watched_folder or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Watch a folder for runs"), start)
        if folder:
            self.set_watched_folder(folder)

    def set_watched_folder(self, folder: str) -> None:
        self._show_folder(folder)
        self.watchedFolderChanged.emit(folder)

    def set_voices(self, voices: list[tuple[str, str]], status: str) -> None:
        """Fill the voice list; ``status`` says whether speech works and how to get it."""
        self._voices = list(voices)
        english, _others = english_first(self._voices)
        chosen = self.ctx.settings.voice
        # A voice of another language chosen before: the full list, so it shows.
        if chosen and not any(chosen in v for v in english) and any(chosen in v for v in voices):
            self.all_voices.blockSignals(True)
            self.all_voices.setChecked(True)
            self.all_voices.blockSignals(False)
        self.all_voices.setVisible(len(english) < len(voices))
        self._fill_voices()
        self.voice_status.setText(status)
        self.test.setEnabled(bool(voices))

    def _fill_voices(self) -> None:
        english, others = english_first(self._voices)
        chosen = self.ctx.settings.voice  # every choice in the list is saved at once
        if not self.all_voices.isChecked():  # the chosen voice always stays in the list
            others = [v for v in others if chosen and chosen in v]
        self.voice_combo.blockSignals(True)
        self.voice_combo.clear()
        self.voice_combo.addItem(self.tr("Default voice"), "")
        for vid, name in english + others:
            self.voice_combo.addItem(name, vid)
        found = self.voice_combo.findData(chosen)
        if found < 0:  # saved by name by an older version
            found = self.voice_combo.findText(chosen)
        self.voice_combo.setCurrentIndex(max(0, found))
        self.voice_combo.blockSignals(False)

    def _show_rate(self) -> None:
        self.rate_value.setText(self.tr("{0} words/min").format(self.rate.value()))

    def _save_voice(self) -> None:
        self._show_rate()
        self.ctx.update_settings(
            voice=self.voice_combo.currentData() or "",
            rate_wpm=self.rate.value(),
            volume=self.volume.value() / 100.0,
            muted=self.mute.isChecked(),
        )
        self.voiceChanged.emit()

    def _theme(self) -> None:
        mode = self.theme.currentData()
        self.ctx.update_settings(theme=mode)
        self.themeChanged.emit(mode)
