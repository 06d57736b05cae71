"""The review page, driven offscreen with real widgets over a real history file."""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from backcoach.core.history import HistoryStore
from backcoach.core.history_sample import SampleSpec, write_sample_history
from backcoach.ui.pages.history_page import HistoryPage
from backcoach.ui.widgets.activity_calendar import level_for
from backcoach.ui.widgets.pain_chart import running_average
from backcoach.ui.widgets.session_table_model import SessionTableModel
from tests.history_helpers import add_session, day

TODAY = date(2025, 6, 18)  # a Wednesday; day(18) in the helpers
DIALOG = "backcoach.ui.pages.history_page.QFileDialog.getSaveFileName"


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ten-years") / "history.sqlite3"
    n = write_sample_history(path, SampleSpec(days=3650, today=TODAY, active_share=1.0))
    assert n == 3650
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    s = HistoryStore.open(tmp_path / "history.sqlite3")
    yield s
    s.close()


def make_page(qtbot, store: HistoryStore) -> HistoryPage:  # type: ignore[no-untyped-def]
    page = HistoryPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1000, 720)
    return page


def _count_near(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    """Pixels within ``tolerance`` of ``colour`` (every 2nd pixel, enough to tell)."""
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red())
                + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())
                < tolerance
            ):
                hits += 1
    return hits


def test_ten_years_load_a_page_at_a_time(qtbot, ten_years: Path) -> None:  # type: ignore[no-untyped-def]
    with HistoryStore.open(ten_years) as store:
        page = make_page(qtbot, store)
        model = page.model
        assert model.total() == 3650
        assert model.rowCount() == 100  # not 3,650
        assert model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())
        assert model.rowCount() == 200
        # Scrolling the view to the end is what asks for the next page.
        page.show()
        qtbot.waitExposed(page)
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() == 300)
        ids = [model.session_at(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
        assert len(set(ids)) == 300
        starts = [model.session_at(r).started_at for r in range(300)]  # type: ignore[union-attr]
        assert starts == sorted(starts, reverse=True) and starts[0].date() == TODAY
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        assert model.rowCount() == 3650
        assert page.list_title.text() == "3,650 sessions"


def test_choosing_a_session_shows_it_in_full(qtbot, store: HistoryStore) -> None:  # type: ignore[no-untyped-def]
    from backcoach.core.records import SessionEvent

    add_session(store, day(15), segments=2, routine=("a", "Post-run mobility"))
    chosen = add_session(store, day(16), segments=3, done_s=20.0, pain=(5, 2))
    store.record_event(
        chosen, SessionEvent("check-answer", "prone-knee-lift-check", "left", "glutes", 75)
    )
    store.save_summary(chosen, 2, "Felt it in the glutes.")
    add_session(store, day(17), segments=1, routine=("b", "Stability-ball circuit"))
    page = make_page(qtbot, store)
    assert page.detail.detail().session.routine_name == "Stability-ball circuit"  # newest first

    page.table.selectRow(1)
    shown = page.detail.detail()
    assert shown is not None and shown.session.id == chosen
    assert page.detail.title.text() == "Glute check and bridge"
    assert "pain 5 → 2" in page.detail.summary.text()
    assert "1 of 2 min" in page.detail.summary.text()
    assert page.detail.notes.text() == "“Felt it in the glutes.”"
    assert page.detail.row_texts() == [
        ["Glute bridge", "1", "15 / 15 reps"],
        ["Glute bridge", "2", "15 / 15 reps"],
        ["Glute bridge", "3", "15 / 15 reps"],
    ]
    assert page.detail.events.text() == (
        "1:15  Glute check: felt it mostly in the glutes (prone knee lift check, left)"
    )


def test_skipped_and_hurt_sets_are_spelled_out(qtbot, store: HistoryStore) -> None:  # type: ignore[no-untyped-def]
    from tests.history_helpers import seg

    sid = store.begin_session("r", "R", 90.0, None, "0.1.0", day(18))
    store.record_segment(sid, seg(0, 0.0, skipped=True, done_reps=0, side="left"))
    store.record_segment(sid, seg(1, 20.0, hurt=True, done_reps=9, variant="easier"))
    store.record_segment(sid, seg(2, 150.0, planned_s=180.0, planned_reps=None, done_reps=None))
    page = make_page(qtbot, store)
    assert page.detail.row_texts() == [
        ["Glute bridge · left", "1", "skipped"],
        ["Glute bridge (easier)", "2", "9 / 15 reps · hurt"],
        ["Glute bridge", "3", "2.5 / 3.0 min"],
    ]
    assert page.detail.table.item(0, 0).font().bold()
    assert not page.detail.table.item(2, 0).font().bold()
    # Still running: the list says so after the routine's name.
    assert page.model.text(0, SessionTableModel.ROUTINE) == "R (running)"
    assert page.model.text(0, SessionTableModel.DONE) == "100%"  # 170 s of 90 planned


def test_charts_get_the_right_weeks_and_pain_points(qtbot, store: HistoryStore) -> None:  # type: ignore[no-untyped-def]
    add_session(store, day(2), segments=10, done_s=60.0, pain=(6, 5))  # Mon 2 Jun: 10 min
    add_session(store, day(9), segments=20, done_s=60.0, pain=(4, 3))  # Mon 9 Jun: 20 min
    add_session(store, day(11), segments=10, done_s=60.0, pain=(3, None))  # Wed: 10 min
    add_session(store, day(18), segments=15, done_s=60.0, pain=(2, 1))  # today: 15 min
    page = make_page(qtbot, store)
    page.show()
    qtbot.waitExposed(page)

    weeks = page.minutes_chart.weeks()
    assert len(weeks) == 12 and weeks[-1].week_start == date(2025, 6, 16)
    assert [w.minutes for w in weeks[-3:]] == [10.0, 30.0, 15.0]
    assert sum(w.minutes for w in weeks) == 55.0
    assert page.minutes_chart.scale_max() == 30.0
    bars = page.minutes_chart.bars()
    plot = page.minutes_chart.plot_rect()
    assert bars[-2].rect.top() == pytest.approx(plot.top())  # the busiest week fills it
    assert bars[-1].rect.height() == pytest.approx(plot.height() / 2)
    assert bars[0].rect.height() == 0
    assert all(a.rect.left() < b.rect.left() for a, b in itertools.pairwise(bars))

    chart = page.pain_chart
    assert [(p.before, p.after) for p in chart.points()] == [(6, 5), (4, 3), (3, None), (2, 1)]
    before, after = chart.series()
    assert len(before) == 4 and len(after) == 3
    assert [pt.x() for pt in before] == sorted(pt.x() for pt in before)
    assert before[0].y() == pytest.approx(chart.y_for(6))
    assert chart.y_for(10) == pytest.approx(chart.plot_rect().top())
    assert chart.y_for(0) == pytest.approx(chart.plot_rect().bottom())
    assert before[-1].x() == pytest.approx(chart.x_for(TODAY))
    assert after[0].y() > before[0].y()  # less pain after: drawn lower
    assert chart.tooltip_at(before[0]) == "2 Jun: pain 6 before, 5 after"
    assert chart.tooltip_at(before[2]) == "11 Jun: pain 3 before, – after"
    assert page.minutes_chart.tooltip_at(bars[-2].rect.center()) == "Week of 9 Jun: 30 minutes"

    assert page.week_card.value_label.text() == "15"
    # First two weeks (just 2 Jun: 6) against the last two (9th, 11th, 18th: 4, 3, 2).
    assert page.pain_card.value_label.text() == "3.0"
    assert (
        page.pain_card.caption_label.text()
        == "out of 10 before sessions lately, down from 6.0 at first"
    )
    assert page.relief_card.value_label.text() == "1.0 less"
    # Each card reads as one sentence, to the eye and to a screen reader alike.
    for card in (page.streak_card, page.week_card, page.pain_card, page.relief_card):
        sentence = f"{card.value_label.text()} {card.caption_label.text()}"
        assert card.accessibleDescription() == sentence and "→" not in sentence


def test_running_average() -> None:
    from PySide6.QtCore import QPointF

    pts = [QPointF(i, y) for i, y in enumerate((10, 0, 5, 5))]
    assert [p.y() for p in running_average(pts, span=2)] == [10, 5, 2.5, 5]
    assert [p.x() for p in running_average(pts, span=2)] == [0, 1, 2, 3]


def test_calendar_and_streak(qtbot, store: HistoryStore) -> None:  # type: ignore[no-untyped-def]
    for d in (3, 10, 15, 16, 17):  # the streak runs 15..17; nothing yet today
        add_session(store, day(d), segments=d, done_s=60.0)
    page = make_page(qtbot, store)
    assert page.streak_card.value_label.text() == "3"
    assert page.streak_card.caption_label.text() == "days in a row with a session"
    cal = page.calendar
    assert cal.first_day() == date(2025, 3, 31)
    assert cal.active_days() == [date(2025, 6, d) for d in (3, 10, 15, 16, 17)]
    assert cal.minutes_on(date(2025, 6, 16)) == 16.0
    assert cal.cell_rect(TODAY) is not None
    assert cal.cell_rect(date(2025, 6, 19)) is None  # still to come
    assert cal.cell_rect(date(2025, 3, 30)) is None  # before the grid
    assert [level_for(m) for m in (0, 3, 8, 12, 20, 45)] == [0, 1, 1, 2, 3, 4]
    # Each day sits under its weekday, in its week's column.
    mon, tue = cal.cell_rect(date(2025, 6, 16)), cal.cell_rect(date(2025, 6, 17))
    assert mon.left() == tue.left() and mon.top() < tue.top()  # type: ignore[union-attr]
    assert cal.day_at(mon.center()) == date(2025, 6, 16)  # type: ignore[union-attr]
    assert cal.tooltip_at(mon.center()) == "Mon 16 Jun: 16 minutes"  # type: ignore[union-attr]
    today_cell = cal.cell_rect(TODAY)
    assert cal.tooltip_at(today_cell.center()) == "Wed 18 Jun: no session"  # type: ignore[union-attr]
    add_session(store, day(18))
    page.refresh()
    assert page.streak_card.value_label.text() == "4"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_page_paints_in_both_palettes(qtbot, store: HistoryStore, theme: str) -> None:  # type: ignore[no-untyped-def]
    for d in range(1, 19):
        add_session(store, day(d), segments=12, done_s=60.0, pain=(max(0, 7 - d // 3), 1))
    page = make_page(qtbot, store)
    palette = QPalette(page.palette())
    if theme == "dark":
        for role, colour in (
            (QPalette.ColorRole.Window, "#1a1d22"),
            (QPalette.ColorRole.WindowText, "#eceff3"),
            (QPalette.ColorRole.Base, "#22262c"),
            (QPalette.ColorRole.Highlight, "#ff8a3d"),
        ):
            palette.setColor(role, QColor(colour))
    else:
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#d9580f"))
    page.setPalette(palette)
    accent = palette.color(QPalette.ColorRole.Highlight)
    assert not page.grab().isNull()
    bars = page.minutes_chart.grab().toImage()
    assert _count_near(bars, accent) > 100  # this week's bar, in the theme's accent
    background = page.minutes_chart.palette().color(QPalette.ColorRole.Window)
    assert _count_near(bars, background) > bars.width() * bars.height() // 8
    assert not page.calendar.grab().isNull() and not page.pain_chart.grab().isNull()


def test_empty_history_says_so(qtbot, store: HistoryStore) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, store)
    assert page.stack.currentIndex() == 0
    assert "No sessions yet — your first one will show up here." in page.empty.text()
    assert page.export_button.isHidden()
    assert page.detail.detail() is None
    # Charts told nothing still paint their own empty states without raising.
    assert not page.minutes_chart.grab().isNull() and not page.pain_chart.grab().isNull()
    add_session(store, day(18))
    page.refresh()
    assert page.stack.currentIndex() == 1 and not page.export_button.isHidden()


def test_store_notice_is_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    with HistoryStore.open(db) as store:
        page = make_page(qtbot, store)
        assert not page.notice.isHidden()
        assert "history.sqlite3.damaged-" in page.notice.text()


def test_accessible_names_and_tooltips(qtbot, store: HistoryStore) -> None:  # type: ignore[no-untyped-def]
    add_session(store, day(18))
    page = make_page(qtbot, store)
    for widget in (
        page.table,
        page.minutes_chart,
        page.pain_chart,
        page.calendar,
        page.export_button,
        page.detail.table,
    ):
        assert widget.accessibleName(), widget
    for widget in (page.minutes_chart, page.pain_chart, page.calendar, page.export_button):
        assert widget.toolTip(), widget
    assert page.minutes_chart.accessibleDescription().endswith("16 Jun: 2")
    tip = page.model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "before → after" in tip


def test_export_json_through_the_dialog(qtbot, store: HistoryStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_session(store, day(17), segments=2)
    add_session(store, day(18), segments=3, routine=("x", "=cmd|' /C calc'!A0"))
    page = make_page(qtbot, store)
    target = tmp_path / "exports" / "mine"
    target.parent.mkdir()
    json_filter = page.tr("JSON, everything (*.json)")
    with patch(DIALOG, return_value=(str(target), json_filter)) as dialog:
        page.export_button.click()
    dialog.assert_called_once()
    written = target.with_name("mine.json")
    doc = json.loads(written.read_text(encoding="utf-8"))
    assert [len(s["segments"]) for s in doc["sessions"]] == [2, 3]
    assert str(written) in page.status.text()


def test_export_csv_through_the_dialog(qtbot, store: HistoryStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_session(store, day(18), segments=3, routine=("x", "=cmd|' /C calc'!A0"))
    page = make_page(qtbot, store)
    target = tmp_path / "history.csv"
    with patch(DIALOG, return_value=(str(target), "")):
        assert page.export() == target
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheets read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 3 and rows[0]["routine_name"] == "'=cmd|' /C calc'!A0"


def test_export_cancelled_or_failing(qtbot, store: HistoryStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_session(store, day(18))
    page = make_page(qtbot, store)
    with patch(DIALOG, return_value=("", "")):
        assert page.export() is None
    assert page.status.text() == ""
    missing = tmp_path / "no-such-folder" / "h.csv"
    with patch(DIALOG, return_value=(str(missing), "")):
        assert page.export() is None
    assert page.status.text().startswith(f"Could not export to {missing}")
    assert not missing.parent.exists()
