"""The screen ``backcoach --screenshot --size WxH`` renders on, set up before Qt starts.

The window is WxH logical pixels; at ``QT_SCALE_FACTOR`` s its PNGs are s times that.
Offscreen, the screen is what the platform's configuration says (800x800 by default),
so the run gets an offscreen screen exactly as big as the window: the window then fits
its screen as it would on a laptop of that size, and never grows past it unnoticed.
A real platform (``QT_QPA_PLATFORM=xcb`` and the like) keeps its own screens.
"""

from __future__ import annotations

import atexit
import json
import math
import os
import re
import shutil
import tempfile
from pathlib import Path

SIZE_PATTERN = re.compile(r"^\s*(\d{3,5})\s*[x×]\s*(\d{3,5})\s*$", re.IGNORECASE)


def parse_size(text: str) -> tuple[int, int]:
    """``"1366x768"`` → (1366, 768); ValueError for anything else."""
    match = SIZE_PATTERN.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a size like 1366x768")
    return int(match.group(1)), int(match.group(2))


def scale_factor() -> float:
    try:
        scale = float(os.environ.get("QT_SCALE_FACTOR", "") or 1.0)
    except ValueError:
        return 1.0
    return scale if scale > 0 else 1.0


def offscreen_config(screens: list[tuple[int, int]], scale: float) -> dict[str, object]:
    """Qt's offscreen configuration with one screen per logical size, side by side."""
    entries, x = [], 0
    for i, (width, height) in enumerate(screens):
        physical = (math.ceil(width * scale), math.ceil(height * scale))
        entries.append(
            {"name": f"screen-{i}", "x": x, "y": 0, "width": physical[0],
             "height": physical[1], "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}
        )  # fmt: skip
        x += physical[0]
    return {"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": entries}


def use_offscreen_screens(
    screens: list[tuple[int, int]], folder: Path | None = None
) -> Path | None:
    """Point Qt's offscreen platform at screens of these logical sizes; None (and nothing
    changed) when another platform was asked for."""
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if platform.split(":")[0] != "offscreen":
        return None
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="backcoach-screen-"))
        atexit.register(shutil.rmtree, folder, True)
    path = folder / f"offscreen-screens-{os.getpid()}.json"  # one per run: runs in parallel
    path.write_text(json.dumps(offscreen_config(screens, scale_factor())), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
    return path
