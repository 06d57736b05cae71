"""The routine page's cards and hold choice, the window's first size, the voice list and
the pain chart's months: each as the runner meets it in the real window."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from backcoach.speech.voice_list import english_first, is_english
from backcoach.ui import window_geometry
from backcoach.ui.widgets.hold_spin import round_steps


def test_a_card_shows_every_step_and_opens_by_keyboard(qtbot, window) -> None:
    window.open_routine("stability-ball-circuit")
    card = next(c for c in window.routine_page.cards if c.exercise.id == "plank")
    steps = window.ctx.catalog.exercise("plank").instructions
    assert len(steps) == 7
    toggle = card.steps_toggle
    assert toggle.isVisible() and toggle.text() == "Show all 7 steps"
    assert "4. " in card.steps.text() and "5. " not in card.steps.text()
    toggle.setFocus()
    assert toggle.hasFocus() and toggle.focusPolicy() != Qt.FocusPolicy.NoFocus
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert "hips stay in one line" in card.steps.text() and "7. " in card.steps.text()
    assert toggle.text() == "Show fewer steps" and toggle.isChecked()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert "5. " not in card.steps.text()


def test_short_instructions_show_whole_without_a_toggle(qtbot, window) -> None:
    window.open_routine("extra-stretches")
    for card in window.routine_page.cards:
        n = len(card.all_steps)
        if n <= 5:
            assert not card.steps_toggle.isVisible()
            assert f"{n}. " in card.steps.text()


def test_round_hold_steps_inside_the_range() -> None:
    assert round_steps(35, 60) == [35, 40, 45, 50, 55, 60]
    assert round_steps(30, 60) == [30, 35, 40, 45, 50, 55, 60]
    assert round_steps(34, 61) == [34, 35, 40, 45, 50, 55, 60, 61]


def test_the_hold_spinner_steps_through_round_figures(qtbot, window) -> None:
    window.open_routine("stability-ball-circuit")
    hold = window.routine_page.hold
    assert hold.isVisible() and hold.text() == "As planned"
    seen = []
    for _ in range(len(hold.steps) + 2):
        qtbot.keyClick(hold, Qt.Key.Key_Up)
        seen.append(hold.value())
    assert seen[: len(hold.steps)] == hold.steps and all(v % 5 == 0 for v in hold.steps)
    assert seen[-1] == hold.maximum()
    hold.setValue(47)  # typed
    qtbot.keyClick(hold, Qt.Key.Key_Down)
    assert hold.value() == 45
    while hold.value() != hold.minimum():
        qtbot.keyClick(hold, Qt.Key.Key_Down)
    assert hold.text() == "As planned" and window.routine_page.options().hold_s is None


def test_the_window_opens_inside_a_small_laptops_screen(qtbot, window) -> None:
    laptop = QRect(0, 0, 1366, 740)  # 1366x768 with a 28 px panel
    window.showNormal()
    window.resize(*window_geometry.DEFAULT_SIZE)
    window.move(40, 60)
    window_geometry.fit_inside(window, laptop)
    room = laptop.adjusted(
        0, 0, -window_geometry.FRAME_ALLOWANCE[0], -window_geometry.FRAME_ALLOWANCE[1]
    )
    assert room.contains(window.geometry()), window.geometry()
    assert window.height() <= 700 and window.width() == 1200


def test_the_default_size_fits_the_screen_it_opens_on(qtbot, window) -> None:
    window_geometry.restore(window, "")
    assert window.screen().availableGeometry().contains(window.geometry())


VOICES = [
    ("sit/cmn", "Chinese (Mandarin, latin as English)"),
    ("zlw/pl", "Polish"),
    ("gmw/en-us", "English (America)"),
    ("gmw/en", "English (Great Britain)"),
    ("roa/fr", "French (France)"),
    ("HKEY\\TTS_MS_EN-US_ZIRA_11.0", "Microsoft Zira Desktop - English (United States)"),
]


def test_english_voices_come_first() -> None:
    english, others = english_first(VOICES)
    assert [n for _v, n in english] == [
        "English (America)",
        "English (Great Britain)",
        "Microsoft Zira Desktop - English (United States)",
    ]
    assert not is_english(VOICES[0]) and {n for _v, n in others} >= {"Polish", "French (France)"}


def test_the_voice_list_offers_english_and_the_rest_behind_show_all(qtbot, window) -> None:
    page = window.settings_page
    window.show_page(page)
    page.set_voices(VOICES, "")
    names = [page.voice_combo.itemText(i) for i in range(page.voice_combo.count())]
    assert names[0] == "Default voice" and all("English" in n for n in names[1:])
    assert len(names) == 4 and page.all_voices.isVisible() and not page.all_voices.isChecked()
    page.voice_combo.setCurrentIndex(2)
    page.all_voices.setChecked(True)
    assert page.voice_combo.count() == 1 + len(VOICES)
    assert page.voice_combo.currentData() == "gmw/en"  # the choice survives
    page.voice_combo.setCurrentIndex(page.voice_combo.findText("Polish"))
    assert window.ctx.settings.voice == "zlw/pl"
    page.all_voices.setChecked(False)  # the chosen voice stays listed and chosen
    assert page.voice_combo.currentText() == "Polish" and page.voice_combo.count() == 5
    page.set_voices(VOICES, "")  # reopened later: a Polish voice chosen shows the full list
    assert page.all_voices.isChecked() and page.voice_combo.currentText() == "Polish"


def test_the_pain_charts_months_stay_inside_it(qtbot) -> None:
    from backcoach.core.history_stats import PainPoint
    from backcoach.ui.widgets.pain_chart import PainChart

    chart = PainChart()
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.show()
    first, last = date(2026, 9, 7), date(2026, 12, 1)  # 1 December: the last day shown
    at = datetime(2026, 10, 1, 18).astimezone()
    chart.set_points([PainPoint(1, at, 4, 3)], first, last)
    labels = chart.month_labels()
    assert [t for t, _r in labels][-1] == "Dec"
    for _text, rect in labels:
        assert rect.left() >= 0 and rect.right() <= chart.width()
    assert all(a[1].right() < b[1].left() for a, b in itertools.pairwise(labels))


def _ring(widget) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the highlight colour along the widget's left edge (its border)."""
    from PySide6.QtGui import QPalette

    image = widget.grab().toImage()
    want = widget.palette().color(QPalette.ColorRole.Highlight)
    hits = 0
    for y in range(image.height()):
        for x in range(3):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - want.red())
                + abs(c.green() - want.green())
                + abs(c.blue() - want.blue())
                < 60
            ):
                hits += 1
    return hits


def test_routine_cards_and_buttons_draw_a_focus_ring(qtbot, window) -> None:
    from backcoach.ui import theme

    theme.apply_theme("light")
    window.show_page(window.library)
    card = window.library.cards[0]
    button = window.library.new_routine
    for widget in (card, button):
        window.library.time_combo.setFocus()
        qtbot.waitUntil(lambda w=widget: not w.hasFocus())
        before = _ring(widget)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        assert _ring(widget) > before + widget.height() // 2, type(widget).__name__
    theme.apply_theme("system")


def test_a_long_name_elides_with_the_whole_in_its_tooltip(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

    from backcoach.ui.widgets.elided_label import ElidedLabel
    from tests.layout_checks import layout_problems

    top = QWidget()
    row = QHBoxLayout(top)
    name = "Edit: " + "A very long routine name from a physio's handout " * 3
    label = ElidedLabel(name)
    row.addWidget(label, 1)
    row.addWidget(QPushButton("Save"))
    top.resize(400, 60)
    qtbot.addWidget(top)
    top.show()
    qtbot.waitUntil(lambda: label.text() != name)
    assert label.text().endswith("…") and label.toolTip() == name
    assert label.accessibleName() == name and layout_problems(top) == []
    top.resize(3000, 60)
    qtbot.waitUntil(lambda: label.text() == name)
    assert label.toolTip() == ""


def test_the_keyboard_starts_on_the_first_routine(qtbot, window) -> None:
    """The window's first focus is a routine card (Enter opens it), not the rail's About."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.library.cards[0]


@pytest.mark.parametrize("width", [200, 240, 360, 600])
def test_the_load_gauges_zone_names_are_whole_at_any_width(qtbot, width: int) -> None:
    """On a 1024 px window the 'step up' band is narrow: its name goes above the bar,
    whole, instead of shrinking to 's…'."""
    from PySide6.QtGui import QFontMetrics

    from backcoach.ui.widgets.chart_style import small_font
    from backcoach.ui.widgets.load_gauge import LoadGauge

    gauge = LoadGauge()
    qtbot.addWidget(gauge)
    gauge.setMinimumWidth(0)
    gauge.resize(width, 64)
    assert gauge.width() == width
    fm = QFontMetrics(small_font(gauge))
    places = gauge.label_places(fm)
    assert [label for label, _ in places] == ["less", "as usual", "step up", "jump"]
    for label, rect in places:
        assert fm.horizontalAdvance(label) <= rect.width(), (width, label)
        assert rect.left() >= 0 and rect.right() <= width and rect.top() >= 0, (width, label)
    above = [label for label, rect in places if rect.bottom() <= gauge.bar_rect().top()]
    assert ("step up" in above) == (width <= 360)
