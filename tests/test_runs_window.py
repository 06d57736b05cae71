"""The Runs page through the real window: importing (button, drop, watched folder) off
the UI thread, what the page shows, the dialogs, and the back-and-running links."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from backcoach.runs.load import Zone
from backcoach.ui.runs.run_dialog import RunDialog
from backcoach.ui.runs.shoe_dialog import ShoeDialog
from tests.fixtures.make_runs import BST, Spec, fit_bytes, loop_route
from tests.window_helpers import step

TIMEOUT_MS = 20_000


def _import(qtbot, w, paths: list[Path], origin: str = "files"):  # type: ignore[no-untyped-def]
    importer = w.runs_side.importer
    with qtbot.waitSignal(importer.finished, timeout=TIMEOUT_MS) as got:
        importer.import_paths([str(p) for p in paths], origin)
        assert importer.busy  # reading happens on the worker thread, not here
    return got.args[0]


def test_import_button_fills_the_page_and_names_what_was_skipped(
    qtbot, window, run_files, monkeypatch
) -> None:
    w = window
    w.show_page(w.runs_page)
    page = w.runs_page
    assert page.empty.isVisible() and not page.table.isVisible()
    chosen = [
        str(run_files[r])
        for r in ("run_fit", "run_gpx", "run_tcx", "ride_fit", "corrupt_fit", "bomb_gpx")
    ]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    with qtbot.waitSignal(w.runs_side.importer.finished, timeout=TIMEOUT_MS):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
        assert not page.import_button.isEnabled() and page.import_button.text() == "Importing…"
    assert page.import_button.isEnabled()
    assert page.table.isVisible() and page.model.rowCount() == 1
    assert page.model.text(0, page.model.DISTANCE) == "7.99 km"
    assert page.model.text(0, page.model.SOURCE) == "2025-05-04-morning-run.fit"
    report = page.report.text()
    assert "Imported 1 run from 6 files" in report
    assert "evening-ride.fit: skipped: a ride, not a run" in report
    assert "corrupt.fit: damaged" in report and "bomb.gpx: refused" in report
    assert "Imported 1 run from 6 files" in w.notice_bar.text.text()


def test_dropping_files_on_the_window_imports_them(qtbot, window, run_files) -> None:
    w = window
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(run_files["treadmill_fit"])),
            QUrl.fromLocalFile(str(run_files["walk_gpx"])),
        ]
    )
    buttons, mods = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, buttons, mods)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()  # the window takes files dragged over it, whatever page is up
    with qtbot.waitSignal(w.runs_side.importer.finished, timeout=TIMEOUT_MS):
        drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, buttons, mods)
        QApplication.sendEvent(w, drop)
        assert drop.isAccepted()
    assert w.stack.currentWidget() is w.runs_page
    assert w.runs_page.model.rowCount() == 1
    assert "lunch-walk.gpx: skipped: a walk" in w.runs_page.report.text()


def test_watched_folder_is_read_once_and_again_when_a_file_changes(
    qtbot, window, run_files, tmp_path: Path
) -> None:
    import os

    w = window
    folder = tmp_path / "GARMIN" / "Activity"
    folder.mkdir(parents=True)
    copy = folder / "A1B2C3.FIT"
    copy.write_bytes(run_files["run_fit"].read_bytes())
    old = datetime.now().timestamp() - 60
    os.utime(copy, (old, old))  # settled: not still being copied
    with qtbot.waitSignal(w.runs_side.importer.finished, timeout=TIMEOUT_MS) as got:
        w.runs_side.set_watched_folder(str(folder))
    assert got.args[1] == "folder" and got.args[0].imported == 1
    assert w.ctx.settings.watched_folder == str(folder)
    assert w.ctx.runs.seen_files() == {str(copy): (copy.stat().st_size, copy.stat().st_mtime_ns)}
    with qtbot.waitSignal(w.runs_side.importer.finished, timeout=TIMEOUT_MS) as again:
        w.runs_side.watch.look()
    assert again.args[0].files == ()  # nothing new: not even read
    assert w.ctx.runs.count() == 1
    w.runs_side.set_watched_folder("")
    assert not w.runs_side.watch.poll.isActive()


def test_run_added_by_hand_through_the_dialog(qtbot, window, monkeypatch) -> None:
    w = window
    page = w.runs_page

    def fill(d: RunDialog) -> int:
        d.when.setDateTime(datetime(2026, 11, 20, 7, 30))
        d.distance.setValue(10.5)
        d.duration.setText("55:10")
        d.surface.setCurrentIndex(d.surface.findData("trail"))
        d.hilly.setCurrentIndex(2)
        d.note.setText("Muddy")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RunDialog, "exec", fill)
    page.add_button.click()
    (run,) = w.ctx.runs.runs()
    assert (run.distance_m, run.moving_s, str(run.surface), run.hilly, run.note) == (
        10_500,
        3310,
        "trail",
        True,
        "Muddy",
    )
    assert page.model.rowCount() == 1 and page.model.text(0, page.model.PACE) == "5:15 /km"


def test_a_bad_duration_keeps_the_dialog_open_with_the_reason(qtbot) -> None:
    d = RunDialog([], None)
    qtbot.addWidget(d)
    d.duration.setText("an hour or so")
    d._accept()
    assert d.result() != QDialog.DialogCode.Accepted and "not a duration" in d.error.text()


def test_shoes_added_and_due_for_a_change(qtbot, window, monkeypatch) -> None:
    w = window
    w.show_page(w.runs_page)
    page = w.runs_page

    def fill(d: ShoeDialog) -> int:
        d.name.setText("Old trainers")
        d.retire_at.setValue(600)
        d.already.setValue(640)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ShoeDialog, "exec", fill)
    page.shoes.add_button.click()
    assert page.shoes.due_label.isVisible() and "Old trainers" in page.shoes.due_label.text()
    assert page.shoes.table.item(0, 2).text() == "640 of 600 km: due for a change"
    assert page.shoes.table.item(0, 0).text() == "Old trainers (new runs)"


def test_load_card_warns_in_plain_words_above_one_and_a_half(qtbot, window) -> None:
    w = window
    today = w.ctx.today()
    log = w.ctx.runs
    for days_ago, km in [(30, 10), (22, 10), (15, 10), (8, 10), (1, 20), (0, 25)]:
        start = datetime.combine(
            today - timedelta(days=days_ago), datetime.min.time()
        ).astimezone() + timedelta(hours=7)
        log.add_manual(start, km * 1000, km * 330)
    w.show_page(w.runs_page)
    card = w.runs_page.load_card
    assert card.gauge.load is not None and card.gauge.load.zone is Zone.JUMP
    # Last 7 days: 20 + 25 = 45 km. Last 28: 10 + 10 + 10 + 45 = 75 km, 18.75 a week
    # (the run 30 days ago is outside). 45 / 18.75 = 2.40.
    assert card.value.text() == "2.40"
    assert "well above what you are used to" in card.zone.text()
    assert card.warning.isVisible() and "ease off" in card.warning.text()
    assert card.advice.isVisible() and "ribs over your pelvis" in card.advice.text()
    assert "not the articles'" in card.note.text()


def test_todays_run_puts_the_cool_down_first_and_the_session_is_linked(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    w = window
    monkeypatch.setattr(w.ctx, "today", date.today)
    monkeypatch.setattr(w.ctx, "now", lambda: datetime.now().astimezone())  # sessions start now
    start = datetime.now(BST).replace(microsecond=0) - timedelta(hours=1, minutes=30)
    fit = tmp_path / "today.fit"
    fit.write_bytes(fit_bytes(Spec(start, loop_route(start, km=5.0, every_s=5))))
    assert _import(qtbot, w, [fit]).imported == 1
    w.show_page(w.library)
    lib = w.library
    assert lib.after_run.isVisible() and "You ran 5.0 km today" in lib.after_run.text()
    shown = [c for c in lib.cards if c.isVisible()]
    assert lib.grid.itemAt(0).widget().routine.id == "post-run-cooldown" and shown
    (run,) = w.ctx.runs.runs()

    w.open_routine("tiny")
    w.routine_page.start.click()
    step(w, 400.0)
    summary = w.summary_page
    assert summary.run_combo.isVisible() and summary.chosen_run() == run.id
    sid = w.flow.driver.coach.session_id
    assert w.ctx.runs.session_run(sid) == run.id
    summary.run_combo.setCurrentIndex(0)  # "no run"
    assert w.ctx.runs.session_run(sid) is None


def test_history_pain_chart_can_show_weekly_distance(qtbot, window) -> None:
    from tests.history_helpers import add_session

    w = window
    today = w.ctx.today()
    add_session(
        w.ctx.history,
        datetime.combine(today, datetime.min.time()).astimezone() + timedelta(hours=18),
    )
    w.ctx.runs.add_manual(
        datetime.combine(today, datetime.min.time()).astimezone() + timedelta(hours=7), 8000, 2400
    )
    w.show_page(w.history_page)
    chart = w.history_page.pain_chart
    assert chart.distance_bars() == []
    w.history_page.distance_box.setChecked(True)
    bars = chart.distance_bars()
    assert len(bars) == 1 and bars[0].top() == pytest.approx(chart.plot_rect().top())
    assert w.ctx.settings.history_shows_distance
    assert "Weekly distance" in chart.accessibleDescription()


def test_charts_stack_surfaces_and_scale_bars(qtbot) -> None:
    from backcoach.runs.load import Week
    from backcoach.runs.model import Surface
    from backcoach.ui.widgets.surface_chart import SurfaceChart
    from backcoach.ui.widgets.weekly_runs_chart import WeeklyRunsChart

    weeks = [
        Week(date(2026, 11, 2), 20_000, 6000, 3, {Surface.ROAD: 20_000}),
        Week(
            date(2026, 11, 9),
            40_000,
            12000,
            4,
            {Surface.ROAD: 25_000, Surface.TRAIL: 15_000},
            15_000,
        ),
    ]
    chart = WeeklyRunsChart()
    qtbot.addWidget(chart)
    chart.resize(400, 220)
    chart.set_weeks(weeks)
    a, b = chart.bars()
    assert b.rect.height() == pytest.approx(2 * a.rect.height())
    assert chart.km_max() == 40
    surfaces = SurfaceChart()
    qtbot.addWidget(surfaces)
    surfaces.resize(400, 220)
    surfaces.set_weeks(weeks)
    pieces = [(w.monday.day, s, r) for w, s, r in surfaces.segments()]
    assert [(d, s) for d, s, _ in pieces] == [
        (2, Surface.ROAD),
        (9, Surface.ROAD),
        (9, Surface.TRAIL),
    ]
    assert pieces[2][2].bottom() == pytest.approx(pieces[1][2].top())  # trail on top of road
    assert "trail 15 km, hilly 15 km" in surfaces.accessibleDescription()
    assert "Week of 9 Nov: road 25.0 km, trail 15.0 km" in (
        surfaces.tooltip_at(QPointF(b.rect.center().x(), 100)) or ""
    )


def test_a_routine_file_dropped_with_a_run_still_reaches_the_editor(
    qtbot, window, run_files, tmp_path: Path, monkeypatch
) -> None:
    w = window
    routine = tmp_path / "from-my-physio.toml"
    routine.write_text('id = "x"\n', encoding="utf-8")
    handed: list[list[Path]] = []
    monkeypatch.setattr(w.editor_flow, "drop", lambda files: handed.append(list(files)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(routine)), QUrl.fromLocalFile(str(run_files["run_fit"]))])
    buttons, mods = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(
        w, QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, mods)
    )
    with qtbot.waitSignal(w.runs_side.importer.finished, timeout=TIMEOUT_MS) as got:
        QApplication.sendEvent(
            w, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, buttons, mods)
        )
    assert got.args[0].imported == 1
    assert handed == [[routine]]
    # A routine file alone is not taken for a run file.
    only = QMimeData()
    only.setUrls([QUrl.fromLocalFile(str(routine))])
    QApplication.sendEvent(
        w, QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, only, buttons, mods)
    )
    QApplication.sendEvent(
        w, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, only, buttons, mods)
    )
    assert handed == [[routine], [routine]] and not w.runs_side.importer.busy


def test_runs_side_waits_for_the_history_opened_after_the_first_paint(
    qtbot, data_dir, run_files
) -> None:
    """The app opens the history only after the window has painted (app.after_first_paint)."""
    from backcoach.ui.main_window import MainWindow
    from tests.window_helpers import make_context

    ctx = make_context(data_dir)
    history, ctx.history = ctx.history, None
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    assert "runs" in w.rail.buttons and ctx.runs is None
    w.runs_side.start()  # no history yet: tries again later instead of failing
    assert w.runs_side.watch.folder is None
    ctx.history = history
    assert ctx.runs is not None and ctx.runs.history is history
    assert _import(qtbot, w, [run_files["run_fit"]]).imported == 1
    w.show_page(w.runs_page)
    assert w.runs_page.model.rowCount() == 1
    w.runs_side.shutdown()
    history.close()
