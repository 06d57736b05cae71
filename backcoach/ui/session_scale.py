"""Type on the session page sized by the room actually there, width and height alike.

Every size is a pixel size at a 1280×800 page times one unit, the smaller of the page's
width and height ratios to that, so a narrow 4:3 window gets smaller type than a wide
one of the same height. The page then makes the buttons' row smaller until it fits
its width, and all of it smaller while its layout needs more room than there is; a
caption gets the biggest type that fits it in two lines.
Sizes go in per-widget style sheets: the application's style sheet sets a font size on
every widget, which would win over ``setFont``.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

BASE = QSize(1280, 800)
MIN_UNIT = 0.4
BUTTON_PX = 20  # at one unit
MIN_PX = 9
CAPTION_LINES = 2


def unit(size: QSize) -> float:
    return max(MIN_UNIT, min(size.width() / BASE.width(), size.height() / BASE.height()))


def set_px(widget: QWidget, px: int, weight: int = 400, extra: str = "") -> None:
    """The widget's type, by style sheet (only when it changes: re-polishing is slow)."""
    sheet = f"font-size: {max(MIN_PX, px)}px; font-weight: {weight}; {extra}".strip()
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def font_at(widget: QWidget, px: int, weight: int = 400) -> QFont:
    f = QFont(widget.font())
    f.setPixelSize(max(MIN_PX, px))
    f.setWeight(QFont.Weight(weight))
    return f


def caption_px(label: QLabel, text: str, width: int, max_px: int) -> int:
    """The biggest size (≤ ``max_px``) at which ``text`` wraps into two lines of ``width``."""
    px = max_px
    while px > MIN_PX:
        fm = QFontMetrics(font_at(label, px, 700))
        box = fm.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        if box.width() <= width and box.height() <= CAPTION_LINES * fm.lineSpacing():
            return px
        px = int(px * 0.92)
    return MIN_PX


def caption_height(label: QLabel, max_px: int) -> int:
    fm = QFontMetrics(font_at(label, max_px, 700))
    return CAPTION_LINES * fm.lineSpacing() + 4


def set_button_px(button: QWidget, px: int) -> None:
    """A button's type and padding; the padding grows with the type, so buttons stay
    big targets. The focus ring's wider border comes out of the padding, not the text."""
    px = max(MIN_PX, px)
    v, h = max(4, px // 2), max(6, int(px * 0.8))
    sheet = (
        f"QPushButton {{ font-size: {px}px; font-weight: 600; padding: {v}px {h}px; "
        f"min-height: {px + 2}px; }} QPushButton:focus {{ padding: {v - 1}px {h - 1}px; }}"
    )
    if button.styleSheet() != sheet:
        button.setStyleSheet(sheet)
