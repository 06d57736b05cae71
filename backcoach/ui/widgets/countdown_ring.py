"""The big countdown ring, read from a mat three metres away.

Inside the ring sit up to three lines, each in its own box so they can never overlap:
a small line on top (the seconds, during reps), the big figure (the seconds of a hold,
or the rep "7 / 15"), and the state word under it (WORK, REST, LIFT, PAUSED). Each box
is a band across the ring's inner circle, as wide as the circle is there; each text gets
the biggest font that fits its box. The arc shows how much of the segment is left, and
the word names the state so colour is never the only signal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcoach.ui import theme

# Bands across the inner circle, top and bottom as fractions of its radius from the
# centre (negative is up). Apart by a gap, so the texts' boxes never meet.
BIG_ALONE = (-0.56, 0.40)
BIG_UNDER_SMALL = (-0.36, 0.26)
SMALL = (-0.70, -0.44)
WORD = (0.48, 0.74)


@dataclass(frozen=True, slots=True)
class RingText:
    """What the ring shows: the big figure, the word under it, a small line on top."""

    big: str
    word: str
    small: str = ""
    template: str = ""  # the widest big figure of this segment, so the size stays put


def _band(centre: QPointF, r: float, band: tuple[float, float]) -> QRectF:
    top, bottom = band
    half = r * math.sqrt(max(0.0, 1.0 - max(top * top, bottom * bottom)))
    return QRectF(centre.x() - half, centre.y() + top * r, 2 * half, (bottom - top) * r)


def fitted_font(base: QFont, text: str, box: QRectF, weight: QFont.Weight) -> QFont:
    """The biggest font in which ``text``'s ink fits ``box`` (digits' height for numbers)."""
    f = QFont(base)
    f.setWeight(weight)
    f.setPixelSize(100)
    fm = QFontMetricsF(f)
    ink = fm.tightBoundingRect(text)
    w = max(ink.width(), fm.horizontalAdvance(text)) / 100
    h = max(ink.height(), fm.tightBoundingRect("0123456789").height()) / 100
    px = min(box.width() / w if w else 1e6, box.height() / h if h else 1e6)
    f.setPixelSize(max(6, int(px)))
    return f


class CountdownRing(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._remaining = 0.0
        self._total = 0.0
        self._kind = "work"
        self._paused = False
        self._text = RingText("0", "")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(64, 64)
        self.setAccessibleName(self.tr("Time remaining"))

    def sizeHint(self) -> QSize:
        return QSize(200, 200)  # it takes the room there is (Expanding)

    def hasHeightForWidth(self) -> bool:
        return False

    def set_state(
        self, remaining: float, total: float, kind: str, text: RingText, paused: bool
    ) -> None:
        self._remaining, self._total = max(0.0, remaining), max(0.0, total)
        self._kind, self._text, self._paused = kind, text, paused
        self.update()  # the arc moves every frame

    def text(self) -> RingText:
        return self._text

    def seconds_shown(self) -> int:
        """Whole seconds left, rounded up: a hold shows 1 until it is over."""
        return seconds_shown(self._remaining)

    # ----- geometry (also what the layout tests measure) ----------------------------
    def _circle(self) -> tuple[QRectF, float, float]:
        side = min(self.width(), self.height())
        pen_w = max(6.0, side * 0.06)
        rect = QRectF(0, 0, side - pen_w, side - pen_w)
        rect.moveCenter(QRectF(self.rect()).center())
        inner = rect.width() / 2 - pen_w / 2
        return rect, pen_w, inner * 0.97

    def boxes(self) -> dict[str, QRectF]:
        """The bands the texts are fitted into: "big", "word" and, if shown, "small"."""
        rect, _, r = self._circle()
        c = rect.center()
        out = {"big": _band(c, r, BIG_UNDER_SMALL if self._text.small else BIG_ALONE)}
        out["word"] = _band(c, r, WORD)
        if self._text.small:
            out["small"] = _band(c, r, SMALL)
        return out

    def fonts(self) -> dict[str, QFont]:
        boxes = self.boxes()
        t = self._text
        bold, demi = QFont.Weight.Bold, QFont.Weight.DemiBold
        out = {"big": fitted_font(self.font(), t.template or t.big, boxes["big"], bold)}
        out["word"] = fitted_font(self.font(), self._word() or "W", boxes["word"], demi)
        if "small" in boxes:
            out["small"] = fitted_font(self.font(), t.small, boxes["small"], demi)
        return out

    def ink_rects(self) -> dict[str, QRectF]:
        """Where each text's ink is drawn, in widget coordinates."""
        boxes, fonts, texts = self.boxes(), self.fonts(), self._texts()
        out = {}
        for name, text in texts.items():
            if not text:
                continue
            ink = QFontMetricsF(fonts[name]).tightBoundingRect(text)
            box = boxes[name]
            ink.moveCenter(box.center())
            out[name] = ink
        return out

    def numeral_font(self) -> QFont:
        return self.fonts()["big"]

    def numeral_height(self) -> float:
        """Height of the drawn digits in pixels (what a runner actually sees)."""
        return QFontMetricsF(self.numeral_font()).tightBoundingRect("0123456789").height()

    def _word(self) -> str:
        return self.tr("PAUSED") if self._paused else self._text.word.upper()

    def _texts(self) -> dict[str, str]:
        return {"big": self._text.big, "word": self._word(), "small": self._text.small}

    # ----- painting -----------------------------------------------------------------
    def paintEvent(self, event: object) -> None:
        c = theme.colors(self)
        accent = {
            "work": c.work,
            "rest": c.rest,
            "prepare": c.prepare,
            "switch": c.switch,
        }.get(self._kind, c.work)
        rect, pen_w, _ = self._circle()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(c.ring_track, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawEllipse(rect)
        if self._total > 0:
            frac = min(1.0, self._remaining / self._total)
            arc = QColor(accent)
            if self._paused:
                arc.setAlpha(110)
            p.setPen(QPen(arc, pen_w, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            p.drawArc(rect, 90 * 16, int(-frac * 360 * 16))

        text_colour = self.palette().windowText().color()
        fonts, inks, texts = self.fonts(), self.ink_rects(), self._texts()
        colours = {
            "big": text_colour,
            "small": text_colour,
            "word": accent if not self._paused else c.muted_text,
        }
        for name, ink in inks.items():
            p.setFont(fonts[name])
            p.setPen(colours[name])
            drawn = QFontMetricsF(fonts[name]).tightBoundingRect(texts[name])
            # Place the ink (not the font's line box) where ink_rects says it is.
            p.drawText(QPointF(ink.left() - drawn.left(), ink.top() - drawn.top()), texts[name])
        p.end()


def seconds_shown(remaining: float) -> int:
    """Whole seconds left, rounded up: a hold shows 1 until it is over."""
    return math.ceil(remaining - 1e-6) if remaining > 0 else 0
