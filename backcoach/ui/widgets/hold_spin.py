"""The routine page's hold length: "As planned", then round figures inside the range.

A plain spin box stepping by 5 from one below the range went 34 → 39 → 44 s for a
35–60 s range. Here the arrows (and Page Up/Down) go through the range's ends and the
round figures between them: As planned → 35 → 40 → 45 … 60. Typed values stay allowed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox, QWidget


def round_steps(lo: int, hi: int, step: int = 5) -> list[int]:
    """``lo``, every multiple of ``step`` strictly between, and ``hi``."""
    inside = range((lo // step + 1) * step, hi, step)
    return sorted({lo, *inside, hi})


class HoldSpin(QSpinBox):
    """Its minimum is "As planned" (the special value); above it, round steps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[int] = []

    def set_hold_range(self, lo: int, hi: int) -> None:
        self.steps = round_steps(lo, hi)
        self.setRange(lo - 1, hi)

    def stepBy(self, steps: int) -> None:
        if not self.steps:
            super().stepBy(steps)
            return
        values = [self.minimum(), *self.steps]
        now = self.value()
        if steps > 0:  # from a typed value in between, up goes to the next round figure
            above = [i for i, v in enumerate(values) if v > now]
            index = above[0] + steps - 1 if above else len(values) - 1
        else:
            below = [i for i, v in enumerate(values) if v < now]
            index = below[-1] + steps + 1 if below else 0
        self.setValue(values[max(0, min(index, len(values) - 1))])
