"""Full screen with a real window manager: F toggles, Esc leaves full screen first, and
the window is a normal window again after the session, whatever the manager did.

Under Xvfb with openbox (started here); the state is read back from the X server
(``_NET_WM_STATE``, as the window manager set it), not from Qt's idea of it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from backcoach.core.effects import State
from tests.window_helpers import step
from tests.window_manager import window_manager, wm_state  # noqa: F401 (a fixture)

pytestmark = pytest.mark.xvfb

FULL = "_NET_WM_STATE_FULLSCREEN"


def _full(w) -> bool:  # type: ignore[no-untyped-def]
    return FULL in wm_state(int(w.winId()))


@pytest.fixture
def managed(qtbot, window, window_manager):  # type: ignore[no-untyped-def]
    """The real window, taken on by openbox (framed) before the test starts.

    The window is up and active before openbox starts (the ``window`` fixture waits for
    that on the bare server); openbox then takes it on as it starts, and may do so without
    giving it the focus, so activation is asked again until the window manager grants it.
    """
    w = window

    def active() -> bool:
        if not w.isActiveWindow():
            w.activateWindow()
            return False
        return True

    qtbot.waitUntil(active, timeout=10_000)
    w.open_routine("tiny")
    w.routine_page.start.click()
    qtbot.waitUntil(w.isActiveWindow, timeout=10_000)
    return w


def test_f_toggles_and_esc_leaves_full_screen_before_it_asks_to_stop(
    qtbot, managed, monkeypatch
) -> None:
    w, page = managed, managed.session_page
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: (asked.append(a[1]), QMessageBox.StandardButton.No)[1],
    )
    qtbot.keyClick(page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _full(w) and w.isFullScreen(), timeout=10_000)
    assert page.full_button.text() == "Leave full screen"
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _full(w) and not w.isFullScreen(), timeout=10_000)
    assert asked == [] and w.flow.driver.state == State.RUNNING  # Esc only left full screen
    assert page.full_button.text() == "Full screen"
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert asked == ["Stop the session?"]  # in a window, Esc asks to stop
    qtbot.keyClick(page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _full(w), timeout=10_000)
    qtbot.keyClick(page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not _full(w) and not w.isFullScreen(), timeout=10_000)


def test_the_window_is_normal_again_after_a_session_that_ended_full_screen(qtbot, managed) -> None:
    w = managed
    qtbot.keyClick(w.session_page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _full(w) and w.isFullScreen(), timeout=10_000)
    step(w, 400.0)  # to the end, still full screen
    assert w.flow.driver.state == State.FINISHED
    assert w.stack.currentWidget() is w.summary_page
    qtbot.waitUntil(lambda: not _full(w) and not w.isFullScreen(), timeout=10_000)
    # Full screen again on the summary: Esc leaves it there too.
    w.full_screen.toggle()
    qtbot.waitUntil(lambda: _full(w), timeout=10_000)
    qtbot.keyClick(w.summary_page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not _full(w) and not w.isFullScreen(), timeout=10_000)
    # ... and the next session's F works at the first press.
    w.show_page(w.library)
    w.open_routine("tiny")
    w.routine_page.start.click()
    qtbot.keyClick(w.session_page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _full(w) and w.isFullScreen(), timeout=10_000)


def test_stopping_from_full_screen_through_the_real_question_ends_in_a_window(
    qtbot, managed, monkeypatch
) -> None:
    """The question is a real message box over the full-screen window, answered Yes
    once the window manager has made it the active window."""
    w = managed
    qtbot.keyClick(w.session_page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _full(w) and w.isFullScreen(), timeout=10_000)
    step(w, 5.0)

    def real_question(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.show()
        qtbot.waitUntil(box.isActiveWindow, timeout=10_000)
        box.close()
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", real_question)
    w.session_page.stop_button.click()
    assert w.flow.driver.state == State.STOPPED
    qtbot.waitUntil(lambda: not _full(w) and not w.isFullScreen(), timeout=10_000)
    qtbot.waitUntil(lambda: w.geometry().height() < w.screen().geometry().height(), timeout=10_000)


def test_a_full_screen_state_put_back_while_leaving_is_asked_away(qtbot, managed) -> None:
    """As when a window manager answers "leave full screen" by keeping it: the state
    comes back full screen while the leave is pending, and is asked away again."""
    w = managed
    qtbot.keyClick(w.session_page, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: _full(w) and w.isFullScreen(), timeout=10_000)
    w.full_screen.leave()
    w.setWindowState(w.windowState() | Qt.WindowState.WindowFullScreen)  # put back
    qtbot.waitUntil(lambda: not _full(w) and not w.isFullScreen(), timeout=10_000)
