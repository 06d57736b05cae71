"""Colours per theme, and how a scene is fitted into a picture.

Near limbs are the strongest tone and the far ones recede toward the background (lighter
on a light background, darker on a dark one), so depth reads without shading.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.figures.primitives import Tone


@dataclass(frozen=True, slots=True, eq=False)
class Theme:
    name: str
    colours: dict[Tone, tuple[str, str]]  # fill, outline ("" = none)
    background: str

    def fill(self, tone: Tone) -> str:
        return self.colours[tone][0]

    def stroke(self, tone: Tone) -> str:
        return self.colours[tone][1]


LIGHT = Theme(
    "light",
    {
        Tone.NEAR: ("#3d6d9e", "#1f3f61"),
        Tone.FAR: ("#a9c1da", "#6f8fb0"),
        Tone.TRUNK: ("#5a88b8", "#1f3f61"),
        Tone.PROP: ("#cdb99a", "#8f7a5c"),
        Tone.PROP_TOP: ("#e3d5bf", "#8f7a5c"),
        Tone.WALL: ("#eeeae3", "#cfc7b8"),
        Tone.BALL: ("#e8896b", "#b55a3e"),
        Tone.BALL_SHINE: ("#f6c3b1", ""),
        Tone.MAT: ("#7fb5a2", "#5b9480"),
        Tone.MAT_TOP: ("#cfe8de", "#8dbcaa"),
        Tone.FLOOR: ("", "#aab3bd"),
    },
    "#ffffff",
)

DARK = Theme(
    "dark",
    {
        Tone.NEAR: ("#8cbef0", "#2c4a6b"),
        Tone.FAR: ("#4b6c8f", "#2a3f57"),
        Tone.TRUNK: ("#7aaee2", "#2c4a6b"),
        Tone.PROP: ("#7a6a52", "#4b3f2e"),
        Tone.PROP_TOP: ("#968567", "#4b3f2e"),
        Tone.WALL: ("#2c3036", "#3c424a"),
        Tone.BALL: ("#d9735a", "#8c4330"),
        Tone.BALL_SHINE: ("#eba08b", ""),
        Tone.MAT: ("#2f5f50", "#24493d"),
        Tone.MAT_TOP: ("#2a4a40", "#35604f"),
        Tone.FLOOR: ("", "#5d6670"),
    },
    "#1e2227",
)

THEMES = {t.name: t for t in (LIGHT, DARK)}

OUTLINE = 0.009  # outline width, metres on the figure: about 2 px at 600 px wide


@dataclass(frozen=True, slots=True)
class Fit:
    """Maps picture-plane metres (y up) to pixels (y down), centred with a margin."""

    scale: float
    dx: float
    dy: float

    def x(self, x: float) -> float:
        return x * self.scale + self.dx

    def y(self, y: float) -> float:
        return self.dy - y * self.scale


def fit(
    bounds: tuple[float, float, float, float], width: float, height: float, margin: float = 0.09
) -> Fit:
    x0, y0, x1, y1 = bounds
    m = margin * min(width, height)
    scale = min((width - 2 * m) / max(x1 - x0, 1e-6), (height - 2 * m) / max(y1 - y0, 1e-6))
    dx = width / 2 - (x0 + x1) / 2 * scale
    dy = height / 2 + (y0 + y1) / 2 * scale
    return Fit(scale, dx, dy)
