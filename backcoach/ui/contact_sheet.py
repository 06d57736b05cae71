"""One PNG with every exercise picture and its name: a quick way to review them all."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from backcoach.figures.build import Look, pose_files
from backcoach.figures.figure import figure_for
from backcoach.figures.posefile import load_pose_file
from backcoach.figures.render import still_scene
from backcoach.figures.style import THEMES


def _names(asset_root: Path) -> dict[tuple[str, str], str]:
    """Exercise and variant names from the catalogue, where it has them."""
    from backcoach.core.catalog import load_catalog

    names: dict[tuple[str, str], str] = {}
    for ex in load_catalog(asset_root).exercises.values():
        names[(ex.id, "")] = ex.name
        for v in ex.variants:
            names[(ex.id, v.id)] = v.name
    return names


def looks(asset_root: Path) -> list[Look]:
    out = []
    for path in pose_files(asset_root):
        pf = load_pose_file(path)
        out += [Look(pf.exercise_id, v) for v in ("", *sorted(pf.variants))]
    return out


def _fitting(font: Any, text: str, width: int) -> Any:
    """The font, made smaller (down to 9 px) until ``text`` fits in ``width``."""
    from PySide6.QtGui import QFont, QFontMetrics

    sized = QFont(font)
    while sized.pixelSize() > 9 and QFontMetrics(sized).horizontalAdvance(text) > width:
        sized.setPixelSize(sized.pixelSize() - 1)
    return sized


def write_contact_sheet(
    asset_root: Path, out: Path, cell: int = 260, theme_name: str = "light"
) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

    from backcoach.ui.figure_painter import paint_scene

    _app = QGuiApplication.instance() or QGuiApplication([])
    theme = THEMES[theme_name]
    all_looks = looks(asset_root)
    names = _names(asset_root)
    cols = 6
    pic_h = cell * 3 // 4
    label_h = 34
    rows = (len(all_looks) + cols - 1) // cols
    image = QImage(cols * cell, rows * (pic_h + label_h), QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    text_colour = QColor("#1b2530" if theme_name == "light" else "#e6edf3")
    font = QFont()
    font.setPixelSize(13)
    small = QFont(font)
    small.setPixelSize(10)
    for i, look in enumerate(all_looks):
        x, y = (i % cols) * cell, (i // cols) * (pic_h + label_h)
        fig = figure_for(look.exercise_id, look.variant, "left", asset_root / "poses")
        paint_scene(painter, still_scene(fig), QRectF(x, y, cell, pic_h), theme)
        name = names.get((look.exercise_id, look.variant), look.title)
        painter.setPen(text_colour)
        painter.setFont(_fitting(font, name, cell - 8))
        painter.drawText(QRectF(x + 4, y + pic_h, cell - 8, 18), Qt.AlignmentFlag.AlignCenter, name)
        painter.setFont(small)
        painter.drawText(
            QRectF(x + 4, y + pic_h + 17, cell - 8, 14),
            Qt.AlignmentFlag.AlignCenter,
            look.image_name,
        )
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")
    return len(all_looks)
