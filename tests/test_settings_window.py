"""Every setting at a hostile value, through the real window: it starts, each page
opens, Start works, and no session is recorded that did not happen."""

from __future__ import annotations

import json
import math
from dataclasses import fields
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from backcoach import paths
from backcoach.core.effects import State
from backcoach.core.plan import SegmentKind
from backcoach.core.settings import Settings, _check
from backcoach.core.settings_shapes import Invalid
from backcoach.speech.fake import RecordingSpeaker
from backcoach.ui.dialogs.before_start import BeforeStartDialog
from tests.fakes import FakeClock
from tests.history_helpers import reader

HOSTILE = {
    "negative": -100,
    "zero": 0,
    "nan": math.nan,
    "inf": math.inf,
    "1e308": 1e308,
    "huge whole": 10**20,
    "wrong type": "loud",
    "wrong shape": {"glute-check": [1, {"rounds": math.nan}], "x": {"hold_s": -5}},
}
ISSUE_FILE = (
    '{"max_minutes": 100000000000000000000, "prepare_s": -100, '
    '"rate_wpm": 1000000000000, "volume": NaN}'
)


def _refused(name: str, value: object) -> bool:
    try:
        _check(name, value)
    except Invalid:
        return True
    return False


def _open_window(qtbot, data: Path, monkeypatch, settings_text: str):  # type: ignore[no-untyped-def]
    from backcoach.app import build_context
    from backcoach.ui.main_window import MainWindow

    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.json").write_text(settings_text, encoding="utf-8")
    paths.set_data_dir(data)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(
        BeforeStartDialog, "exec", lambda d: (d.pain.setValue(2), QDialog.DialogCode.Accepted)[1]
    )
    ctx = build_context()
    clock = FakeClock()
    ctx.clock, ctx.autotick, ctx.speaker = clock, False, RecordingSpeaker(clock)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.welcome_if_first_run()
    w.show_notices()
    return w, told


def _every_page_and_a_session(w) -> None:  # type: ignore[no-untyped-def]
    for name in ("history", "why", "settings", "editor", "library"):
        w.show_page(w.stack.page(name))
        assert w.stack.currentWidget() is w.stack.page(name)
    for routine_id in sorted(w.ctx.catalog.routines):
        w.open_routine(routine_id)  # each routine page opens with the saved options
    w.open_routine("post-run-cooldown")
    w.routine_page.start.click()
    driver = w.flow.driver
    assert driver is not None and driver.state == State.RUNNING
    first = driver.plan.segments[0]
    assert first.kind == SegmentKind.PREPARE and 5 <= first.duration_s <= 60
    clock = w.ctx.clock
    for _ in range(30):  # three seconds of the get-ready
        clock.advance(0.1)
        driver.tick()
    assert driver.coach.machine.segment.kind == SegmentKind.PREPARE  # nothing skipped ahead
    driver.stop()
    assert driver.state == State.STOPPED
    con = reader(w.ctx.history.path)
    rows = con.execute("SELECT status, done_s FROM sessions").fetchall()
    done = con.execute("SELECT count(*) FROM segments").fetchone()[0]
    con.close()
    assert rows == [("stopped", 0.0)] and done == 0  # no set that did not happen
    w.flow.shutdown()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_the_window_with_every_setting_at_a_hostile_value(
    qtbot, data_dir: Path, monkeypatch, kind: str
) -> None:
    value = HOSTILE[kind]
    raw = {f.name: value for f in fields(Settings)}
    w, told = _open_window(qtbot, data_dir, monkeypatch, json.dumps(raw))
    # Each setting that could not take it is named once; the window holds no bad value.
    (notice,) = [t for t in told if "settings.json" in t]
    for f in fields(Settings):
        held = getattr(w.ctx.settings, f.name)
        assert _check(f.name, held) == held
        assert notice.count(f"Setting {f.name} in settings.json:") == int(_refused(f.name, value))
    assert (w.ctx.settings.prepare_s, w.ctx.settings.rate_wpm) == (10.0, 165)
    _every_page_and_a_session(w)


def test_the_window_with_the_settings_file_of_the_issue(qtbot, data_dir: Path, monkeypatch) -> None:
    w, told = _open_window(qtbot, data_dir, monkeypatch, ISSUE_FILE)
    s = w.ctx.settings
    assert (s.max_minutes, s.prepare_s, s.rate_wpm, s.volume) == (0, 10.0, 165, 1.0)
    (notice,) = [t for t in told if "settings.json" in t]
    for name in ("max_minutes", "prepare_s", "rate_wpm", "volume"):
        assert notice.count(f"Setting {name} in settings.json:") == 1
    assert "The file as it was is kept at" in notice
    assert len(list(data_dir.glob("settings.json.invalid-*"))) == 1
    w.show_page(w.stack.page("settings"))
    page = w.settings_page
    assert (page.rate.value(), page.volume.value(), page.prepare.value()) == (165, 100, 10)
    _every_page_and_a_session(w)
