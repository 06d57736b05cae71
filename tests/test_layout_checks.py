"""The layout checker finds what a runner would see as broken, and passes sound windows."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tests.layout_checks import layout_problems

TODAY = date(2026, 11, 21)


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_clipped_label_an_off_window_button_and_overlaps_are_found(qtbot) -> None:
    top = QWidget()
    top.resize(300, 200)
    clipped = QLabel("A label far too long for the little box it was given", top)
    clipped.setGeometry(10, 10, 80, 20)
    outside = QPushButton("Out", top)
    outside.setGeometry(260, 10, 90, 30)
    a, b = QPushButton("A", top), QPushButton("B", top)
    a.setGeometry(10, 100, 60, 30)
    b.setGeometry(40, 110, 60, 30)
    shown(qtbot, top)
    problems = "\n".join(layout_problems(top))
    assert "'A label far too long" in problems and "needs" in problems
    assert "'Out'" in problems and "reaches outside the window" in problems
    assert "'A' and QPushButton 'B' overlap" in problems


def test_an_elided_label_and_a_laid_out_window_pass(qtbot) -> None:
    top = QWidget()
    layout = QVBoxLayout(top)
    name = QLabel()
    name.setMinimumWidth(10)
    layout.addWidget(name)
    row = QHBoxLayout()
    row.addWidget(QPushButton("Pause"))
    row.addWidget(QPushButton("This hurts"))
    layout.addLayout(row)
    top.resize(200, 120)
    shown(qtbot, top)
    qtbot.waitUntil(lambda: name.width() > 0)
    full = "Stability-ball reverse leg raise, left side"
    name.setText(
        name.fontMetrics().elidedText(
            full, Qt.TextElideMode.ElideRight, name.contentsRect().width()
        )
    )
    assert layout_problems(top) == []


def test_a_window_bigger_than_its_screen_is_found(qtbot) -> None:
    top = shown(qtbot, QWidget())
    top.setMinimumSize(900, 700)
    problems = layout_problems(top, QSize(1024, 600))
    assert any("bigger than the 1024x600 screen" in p for p in problems)
    assert any("asks for at least 900x700" in p for p in problems)


def test_before_you_start_grows_when_a_warning_sign_is_ticked(qtbot) -> None:
    from backcoach.ui.dialogs.before_start import BeforeStartDialog

    dialog = shown(qtbot, BeforeStartDialog("", TODAY))
    height = dialog.height()
    dialog.flag_boxes["leg-weakness"].setChecked(True)
    qtbot.waitUntil(lambda: dialog.height() > height)
    qtbot.waitUntil(lambda: layout_problems(dialog) == [])


def test_the_glute_check_grows_with_its_answer(qtbot, catalog) -> None:
    from backcoach.ui.dialogs.check import CheckDialog

    dialog = shown(qtbot, CheckDialog(catalog.exercise("prone-knee-lift-check").check))
    height = dialog.height()
    dialog.answer_buttons["lower-back"].click()
    qtbot.waitUntil(lambda: dialog.height() > height)
    qtbot.waitUntil(lambda: layout_problems(dialog) == [])
    assert dialog.advice.isVisible() and dialog.carry_on.isVisible()
