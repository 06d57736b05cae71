"""`backcoach --screenshot DIR`, the theme override, and the start-up notice."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from backcoach.ui import theme
from backcoach.ui.screenshots import SIZE, render_all

PAGES = ["library", "routine", "summary", "history", "settings", "why"]
# At the longest exercise name of each kind.
SESSIONS = ["session-get-ready", "session-hold", "session-reps", "session-rest", "session-switch"]
DIALOGS = ["dialog-red-flags", "dialog-this-hurts", "dialog-glute-check"]


def test_screenshot_renders_every_page_and_dialog(qapp, tmp_path) -> None:
    assert render_all(str(tmp_path / "shots"), themes=("light",)) == 0
    for name in PAGES + SESSIONS + DIALOGS:
        image = QImage(str(tmp_path / "shots" / f"{name}.png"))
        assert not image.isNull(), name
        if name not in DIALOGS:
            assert (image.width(), image.height()) == SIZE, name
        # A real page, not a blank: many distinct colours.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 20, name
    theme.apply_theme("system")


def window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_manual_theme_override_and_back(qtbot, window) -> None:
    settings = window.settings_page
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    assert window.ctx.settings.theme == "dark" and window_lightness() < 128
    settings.theme.setCurrentIndex(settings.theme.findData("light"))
    assert window.ctx.settings.theme == "light" and window_lightness() > 128
    settings.theme.setCurrentIndex(settings.theme.findData("system"))
    dark = theme.system_prefers_dark()
    assert (window_lightness() < 128) == dark


def test_startup_notice_names_the_log_file(qtbot, window, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    window.ctx.notices.append("2 problems in routine or exercise files; those files were skipped.")
    window.show_notices()
    assert len(shown) == 1 and "backcoach.log" in shown[0]
    window.show_notices()
    assert len(shown) == 1  # told once


def test_first_run_welcome_shows_the_warning_signs_once(qtbot, window, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    window.welcome_if_first_run()
    assert len(shown) == 1
    assert "not a diagnosis" in shown[0] and "bladder or bowel" in shown[0]
    assert window.ctx.settings.welcomed
    window.welcome_if_first_run()
    assert len(shown) == 1
