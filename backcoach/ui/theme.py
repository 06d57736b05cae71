"""Light and dark palettes, the manual override, and the few colours we add.

The app uses Fusion with an explicit palette so it looks the same on every desktop
and offscreen. "system" follows the desktop's colour scheme and is re-applied when
the desktop switches; custom-painted widgets read ``palette()`` and ``colors()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from backcoach import paths

_mode = "system"


@dataclass(frozen=True)
class Colors:
    """Accents for segment kinds. Every colour also has a text label next to it."""

    work: QColor
    rest: QColor
    prepare: QColor
    switch: QColor
    danger: QColor
    muted_text: QColor
    card: QColor
    ring_track: QColor


def is_dark(widget: QWidget | None = None) -> bool:
    pal = widget.palette() if widget is not None else QApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def colors(widget: QWidget | None = None) -> Colors:
    if is_dark(widget):
        return Colors(
            work=QColor("#ff8a3d"),
            rest=QColor("#5cb8ff"),
            prepare=QColor("#f2c94c"),
            switch=QColor("#c39bff"),
            danger=QColor("#ff6b6b"),
            muted_text=QColor("#a9b1bc"),
            card=QColor("#262a31"),
            ring_track=QColor("#3a404a"),
        )
    return Colors(
        work=QColor("#d9580f"),
        rest=QColor("#1f78c1"),
        prepare=QColor("#b7860b"),
        switch=QColor("#7b4fd1"),
        danger=QColor("#c62828"),
        muted_text=QColor("#5b6470"),
        card=QColor("#ffffff"),
        ring_track=QColor("#dfe3e8"),
    )


def light_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#f3f4f6",
        QPalette.ColorRole.WindowText: "#1c2027",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#eef0f3",
        QPalette.ColorRole.Text: "#1c2027",
        QPalette.ColorRole.Button: "#e6e8ec",
        QPalette.ColorRole.ButtonText: "#1c2027",
        QPalette.ColorRole.Highlight: "#d9580f",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1c2027",
        QPalette.ColorRole.PlaceholderText: "#7a828e",
        QPalette.ColorRole.Link: "#1f63a8",
        QPalette.ColorRole.Mid: "#c5cad2",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa1ab"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa1ab"))
    return p


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#1a1d22",
        QPalette.ColorRole.WindowText: "#eceff3",
        QPalette.ColorRole.Base: "#22262c",
        QPalette.ColorRole.AlternateBase: "#2a2f36",
        QPalette.ColorRole.Text: "#eceff3",
        QPalette.ColorRole.Button: "#2c3139",
        QPalette.ColorRole.ButtonText: "#eceff3",
        QPalette.ColorRole.Highlight: "#ff8a3d",
        QPalette.ColorRole.HighlightedText: "#1a1d22",
        QPalette.ColorRole.ToolTipBase: "#2c3139",
        QPalette.ColorRole.ToolTipText: "#eceff3",
        QPalette.ColorRole.PlaceholderText: "#8a929e",
        QPalette.ColorRole.Link: "#7cc0ff",
        QPalette.ColorRole.Mid: "#4a515c",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b737e"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b737e"))
    return p


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(mode: str) -> None:
    """Apply "system", "light" or "dark" to the whole application."""
    global _mode
    _mode = mode if mode in ("system", "light", "dark") else "system"
    dark = system_prefers_dark() if _mode == "system" else _mode == "dark"
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(dark_palette() if dark else light_palette())
        app.setStyleSheet(stylesheet())


def follow_system_changes() -> None:
    """Re-apply when the desktop switches between light and dark (mode "system" only)."""
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: _mode == "system" and apply_theme("system"))


def current_mode() -> str:
    return _mode


def stylesheet() -> str:
    """Sizes and shapes only; colours come from the palette so both themes work."""
    return _SHEET.replace("CHECK_MARK", _check_mark())


def _check_mark() -> str:
    """The tick drawn in a ticked box (white on the highlight, legible in both themes)."""
    return paths.asset("icons", "check-mark.svg").as_posix()


_SHEET = """
    QWidget { font-size: 11pt; }
    QPushButton {
        padding: 8px 16px; border-radius: 8px;
        background: palette(button); border: 2px solid palette(mid);
    }
    QPushButton:hover { border-color: palette(highlight); }
    QPushButton:checked {
        background: palette(highlight); color: palette(highlighted-text);
        border-color: palette(highlight);
    }
    QPushButton[danger="true"] { border-color: #d84a3a; font-weight: 600; }
    QPushButton:disabled { color: palette(placeholder-text); }
    QPushButton[primary="true"] {
        font-size: 14pt; font-weight: 600; padding: 12px 28px;
        background: palette(highlight); color: palette(highlighted-text);
        border-color: palette(highlight);
    }
    QPushButton[primary="true"]:disabled { background: palette(mid); border-color: palette(mid); }
    QPushButton[link="true"] {
        background: transparent; color: palette(link); padding: 2px 6px;
        border-color: transparent; text-decoration: underline;
    }
    QPushButton[link="true"]:checked { background: transparent; color: palette(link); }
    /* The focus ring: every border keeps its width, so focus never squeezes the text. */
    QPushButton:focus { border-color: palette(highlight); }
    QPushButton[primary="true"]:focus, QPushButton:checked:focus {
        border-color: palette(window-text);
    }
    QCheckBox, QRadioButton {
        border: 2px solid transparent; border-radius: 4px; padding: 1px 3px;
    }
    QCheckBox:focus, QRadioButton:focus { border-color: palette(highlight); }
    QCheckBox::indicator, QRadioButton::indicator {
        width: 15px; height: 15px; border: 2px solid palette(text);
        background: palette(base);
    }
    QCheckBox::indicator { border-radius: 3px; }
    QRadioButton::indicator { border-radius: 9px; }
    QCheckBox::indicator:checked, QRadioButton::indicator:checked {
        background: palette(highlight); border-color: palette(highlight);
        image: url(CHECK_MARK);
    }
    QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {
        border-color: palette(mid);
    }
    /* Text fields keep a visible edge in both themes (Fusion's dark frame all but
       vanished against the dark window); the same width as their focus ring. */
    QLineEdit, QPlainTextEdit, QTextEdit {
        border: 2px solid palette(mid); border-radius: 4px; padding: 1px 3px;
        background: palette(base);
    }
    QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QLineEdit:focus,
    QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus {
        border: 2px solid palette(highlight);
    }
    QSlider:focus { border: 2px solid palette(highlight); border-radius: 4px; }
    QToolButton:focus { border: 2px solid palette(highlight); border-radius: 8px; }
    QFrame[card="true"]:focus { border: 3px solid palette(highlight); }
    QPushButton[big="true"] { font-size: 15pt; padding: 14px 22px; min-height: 36px; }
    QLabel[role="title"] { font-size: 22pt; font-weight: 700; }
    QLabel[role="subtitle"] { font-size: 13pt; }
    QLabel[role="muted"] { color: palette(placeholder-text); }
    QLabel[role="badge"] {
        font-size: 9pt; font-weight: 700; padding: 2px 8px; border-radius: 9px;
        border: 1px solid palette(highlight); color: palette(highlight);
    }
    QLabel[role="error"] { font-weight: 600; }
    QLabel[role="beyond"] { font-style: italic; font-weight: 600; }
    QFrame[card="true"] { background: palette(base); border-radius: 12px; border: 1px solid palette(mid); }
    QToolButton[nav="true"] {
        padding: 10px 14px; border-radius: 8px; font-size: 12pt; text-align: left;
        border: 2px solid transparent;
    }
    QToolButton[nav="true"]:focus { border-color: palette(highlight); }
    QToolButton[nav="true"]:checked { background: palette(highlight); color: palette(highlighted-text); }
    """
