"""The real window, run as its own process for tests/test_atspi.py, driven on stdin.

Its own process because Qt's AT-SPI bridge reads the session bus and the accessibility
switch once, when the QApplication is made: a pytest process has made its own already.
The stepped clock and recording speaker are the window tests' (tests/window_helpers.py).

Commands, one a line; each answered with one line "ok ..." once done and painted:
  page NAME       show a page: library, routine, session, summary, history, runs,
                  settings, why, editor
  step SECONDS    move the session clock on, ticking as the timer would
  pause           press the session's Pause button
  dialog NAME     show a dialog, not modal, as the screenshots show it: dialog-red-flags,
                  dialog-this-hurts, dialog-glute-check, dialog-new-exercise, and
                  dialog-weekly-plan, dialog-add-run, dialog-add-shoes (closed by the
                  next page or dialog command)
  add-run         keep a run (10 km), so the Runs page shows its table
  focus-table N   give the focus to the showing page's Nth table ("ok none": no more)
  tab             press Tab on the focused widget; answers with its class and name
  visible         the showing labels' and buttons' texts and screen rectangles, as JSON
  flush MARKER    name the window MARKER for a moment: its name-change event follows
                  every event the steps before it sent, so the walker can count up to it
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, time
from pathlib import Path
from time import monotonic

from PySide6.QtCore import QEventLoop, QPoint, QSocketNotifier, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QTableView,
    QWidget,
)

from backcoach.ui.dialogs.before_start import BeforeStartDialog
from backcoach.ui.dialogs.weekly_plan import WeeklyPlanDialog
from backcoach.ui.main_window import MainWindow
from backcoach.ui.runs.run_dialog import RunDialog
from backcoach.ui.runs.shoe_dialog import ShoeDialog
from tests.window_helpers import TODAY, make_context, step

DIALOG: QDialog | None = None


def main() -> None:
    app = QApplication(sys.argv[:1])
    data = Path(os.environ["BACKCOACH_DATA_DIR"])
    BeforeStartDialog.exec = _accept_with_pain_3  # type: ignore[method-assign]
    ctx = make_context(data)
    w = MainWindow(ctx)
    w.resize(1400, 900)
    w.show()
    w.activateWindow()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: _answer(app, w, sys.stdin.readline().strip()))
    print(f"ready {os.getpid()}", flush=True)
    app.exec()


def _accept_with_pain_3(dialog: BeforeStartDialog) -> int:
    dialog.pain.setValue(3)
    return QDialog.DialogCode.Accepted


def _answer(app: QApplication, w: MainWindow, line: str) -> None:
    try:
        _command(app, w, line)
    except Exception as exc:  # told to the test, which fails on it
        print(f"error {type(exc).__name__}: {exc}", flush=True)


def _command(app: QApplication, w: MainWindow, line: str) -> None:
    cmd, _, arg = line.partition(" ")
    if cmd == "":
        app.quit()  # stdin closed: the test is done
        return
    answer = "ok"
    if cmd == "page":
        _close_dialog()
        _page(w, arg)
    elif cmd == "step":
        step(w, float(arg))
    elif cmd == "pause":
        w.session_page.pause_button.click()
    elif cmd == "dialog":
        _close_dialog()
        _dialog(w, arg)
    elif cmd == "focus-table":
        tables = [t for t in w.findChildren(QTableView) if t.isVisible() and t.window() is w]
        if int(arg) >= len(tables):
            print("ok none", flush=True)
            return
        table = tables[int(arg)]
        w.activateWindow()
        table.setFocus(Qt.FocusReason.TabFocusReason)
        _wait_for(lambda: QApplication.focusWidget() is table)
        answer = f"ok {type(table).__name__} {table.accessibleName()}"
    elif cmd == "tab":
        focus = QApplication.focusWidget()
        assert focus is not None, "nothing has the focus"
        QTest.keyClick(focus, Qt.Key.Key_Tab)  # as the runner's Tab key: Qt's focus chain
        # With an AT listening, Qt's bridge holds each key until the AT has seen it, then
        # delivers it: wait for the focus to move, or report that it stayed.
        moved = _wait_for(lambda: QApplication.focusWidget() is not focus, raise_=False)
        now = QApplication.focusWidget()
        where = "left" if moved else "stayed"
        answer = f"ok {where} {type(now).__name__} {now.accessibleName() if now else ''}"
    elif cmd == "add-run":
        start = datetime.combine(TODAY, time(7, 0)).astimezone()
        w.ctx.runs.add_manual(start, 10_000, 3000)
        w.runs_page.refresh()
    elif cmd == "visible":
        answer = "ok " + json.dumps(_visible_texts(DIALOG or w))
    elif cmd == "flush":
        top = DIALOG or w
        name = top.accessibleName()
        top.setAccessibleName(arg)  # sends a name change, after all the earlier events
        top.setAccessibleName(name)
    else:
        answer = f"error unknown command {cmd}"
    app.processEvents()
    print(answer, flush=True)


def _visible_texts(top: QWidget) -> list[dict[str, object]]:
    """What a sighted runner reads: each showing label's and button's text, where it is
    on the screen (to find it in the AT-SPI tree by its extents)."""
    out: list[dict[str, object]] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
                text = QTextDocumentFragment.fromHtml(text).toPlainText()
            elif widget.buddy() is not None:
                text = _without_mnemonic(text)
        elif isinstance(widget, QAbstractButton):
            text = _without_mnemonic(widget.text())
        else:
            continue
        if not text.strip():
            continue
        at = widget.mapToGlobal(QPoint(0, 0))
        kind = "label" if isinstance(widget, QLabel) else "button"
        rect = [at.x(), at.y(), widget.width(), widget.height()]
        out.append({"kind": kind, "text": " ".join(text.split()), "extents": rect})
    return out


def _wait_for(condition, timeout_s: float = 5.0, raise_: bool = True) -> bool:  # type: ignore[no-untyped-def]
    """Let Qt run until ``condition()``; after ``timeout_s`` AssertionError, or False."""
    deadline = monotonic() + timeout_s
    while not condition():
        if monotonic() > deadline:
            assert not raise_, "timed out"
            return False
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def _without_mnemonic(text: str) -> str:
    """ "&Name" as it is read: "Name" ("&&" is a shown "&")."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&")


def _page(w: MainWindow, name: str) -> None:
    if name == "session":
        w.open_routine("tiny")
        w.routine_page.start.click()
        step(w, 10 + 3)  # into the first hold
        return
    if name == "summary":
        if w.flow.running:
            w.flow.driver.stop()
        return
    if name == "routine":
        w.open_routine("tiny")
        return
    if name == "editor":
        w.editor_flow.new_routine()
        return
    page: QWidget = getattr(w, {"library": "library"}.get(name, f"{name}_page"))
    w.show_page(page)


def _dialog(w: MainWindow, name: str) -> None:
    """The dialogs the screenshots render, in the states they render them in."""
    global DIALOG
    from backcoach.ui.screenshot_scenes import dialog_makers

    def main_state(name: str) -> QDialog:
        """The screenshots' main state of a dialog (a warning sign ticked, an answer
        given): the first one they shoot without a state name."""
        for state, dialog in dialog_makers(w, TODAY)[name]():
            if not state:
                return dialog
        raise AssertionError(f"{name} has no main state")

    scenes = {n: (lambda n=n: main_state(n)) for n in ("dialog-red-flags", "dialog-this-hurts")}
    more = {
        "dialog-glute-check": lambda: main_state("dialog-glute-check"),
        "dialog-new-exercise": lambda: main_state("dialog-new-exercise"),
        "dialog-weekly-plan": lambda: _weekly_plan(w),
        "dialog-add-run": lambda: RunDialog(w.ctx.runs.shoes(), now=w.ctx.now(), parent=w),
        "dialog-add-shoes": lambda: ShoeDialog(today=TODAY, parent=w),
    }
    made = {**scenes, **more}[name]()
    assert isinstance(made, QDialog)
    DIALOG = made
    DIALOG.setModal(False)
    DIALOG.show()
    DIALOG.activateWindow()


def _weekly_plan(w: MainWindow) -> QDialog:
    routines = sorted(w.ctx.catalog.routines.values(), key=lambda r: r.name)
    return WeeklyPlanDialog(routines, w.ctx.plan().entries, w)


def _close_dialog() -> None:
    global DIALOG
    if DIALOG is not None:
        DIALOG.close()
        DIALOG.deleteLater()
        DIALOG = None


if __name__ == "__main__":
    main()
