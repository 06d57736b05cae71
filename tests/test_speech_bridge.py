"""The Qt adapter: speaker callbacks arrive as signals on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from backcoach.core.cues import Cue, CueKind
from backcoach.speech.fake import FakeClock, RecordingSpeaker
from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker
from backcoach.ui.speech_bridge import SpeechBridge
from tests.speech_helpers import WAIT_S, no_leaks  # noqa: F401

THREE = Cue(0.0, "3", CueKind.COUNTDOWN)


def test_callbacks_from_another_thread_arrive_on_the_gui_thread(qtbot) -> None:
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    bridge = SpeechBridge(speaker)
    threads: list[QThread] = []
    bridge.started.connect(lambda *_: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(bridge.started, timeout=5000) as blocker:
        worker = threading.Thread(target=speaker.say, args=(THREE, clock.now))
        worker.start()
        worker.join()
    assert blocker.args == ["3", "countdown", 0.0]
    assert threads == [bridge.thread()]
    with qtbot.waitSignal(bridge.finished, timeout=5000) as done:
        speaker.advance(2.0)
    assert done.args == ["3", True]


def test_notice_and_dropped_are_forwarded(qtbot) -> None:
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    speaker.lose_engine("no-espeak", "Spoken cues are off.")
    bridge = SpeechBridge(speaker)  # wired after the notice: it is replayed
    with qtbot.waitSignal(bridge.notice, timeout=5000) as told:
        pass
    assert told.args == ["Spoken cues are off."]
    with qtbot.waitSignal(bridge.dropped, timeout=5000) as dropped:
        bridge.say(THREE, clock.now)
    assert dropped.args == ["3", "unavailable"]


def test_detached_bridge_is_silent(qtbot) -> None:
    clock = FakeClock()
    speaker = RecordingSpeaker(clock)
    bridge = SpeechBridge(speaker)
    bridge.detach()
    with qtbot.assertNotEmitted(bridge.started):
        speaker.say(THREE, clock.now)
        QCoreApplication.processEvents()  # deliver anything queued, without waiting
    assert speaker.record.said_texts == ["3"]


@pytest.mark.speech
@pytest.mark.usefixtures("no_leaks")
def test_real_worker_through_the_bridge(qtbot) -> None:
    with Pyttsx3Speaker(sink="null") as speaker:
        bridge = SpeechBridge(speaker)
        with qtbot.waitSignal(bridge.ready, timeout=int(WAIT_S * 1000)):
            pass  # the signal is queued to this thread, so it cannot slip past
        assert ("gmw/en", "English (Great Britain)") in speaker.voices()  # pyttsx3's id, name
        late = SpeechBridge(speaker)  # wired after the engine came up: still told
        with qtbot.waitSignal(late.ready, timeout=5000):
            pass
        with qtbot.waitSignals([bridge.started, bridge.finished], timeout=int(WAIT_S * 1000)):
            bridge.say(THREE, time.monotonic())
        bridge.detach()
        late.detach()
