"""Exercise pictures for cards, rendered once and kept as raw pixels between starts.

The library shows eighteen pictures in its first frame. Rendering one means loading the
figure engine (its modules alone cost about as much as a bare window's start) and
tracing every limb's outline; reading back the pixels it made last time costs a fraction
of a millisecond. They are kept raw, not as PNG (some 60 kB a card): no image reader,
no scan of Qt's image-format plug-ins and no inflating before the first frame. So a
card's picture is looked up by what decides its pixels (exercise, variant, size, pixel
ratio, light or dark figure) under a stamp of what drew it (backcoach's version, the
file format, the pose files' solved cache, the figure code), and rendered only when
missing or unreadable. The files live in the platform's cache folder; a new stamp sweeps
the old ones away. A cache that cannot be written only costs speed."""

from __future__ import annotations

import contextlib
import logging
import shutil
import struct
import zlib
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPalette

from backcoach import __version__, paths

log = logging.getLogger(__name__)

FORMAT = "raw1"  # how the files are kept: part of the stamp, so a change sweeps them
_RAW = QImage.Format.Format_ARGB32_Premultiplied  # what painting a widget wants anyway
_HEAD = struct.Struct("<4sIII")  # b"BCpx", width, height, bytes per line

_memory: dict[tuple[str, str, int, int, float, bool], QImage | None] = {}
_stamp: str = ""


def stamp() -> str:
    """Changes whenever the pictures could: a new version, pose files or figure code."""
    global _stamp
    if not _stamp:
        figures = Path(__file__).resolve().parent.parent.parent / "figures"
        parts = [__version__, FORMAT]
        for path in sorted([*figures.glob("*.py"), *paths.asset("poses").glob("*")]):
            with contextlib.suppress(OSError):
                st = path.stat()
                parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
        # Two zlib checksums, not hashlib: loading OpenSSL is a cost of the first frame,
        # and this only has to notice a change, not withstand an adversary.
        text = "|".join(parts).encode()
        _stamp = f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"
    return _stamp


def is_dark(palette: QPalette) -> bool:
    """Light figures on dark windows (the figure painter's own rule)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def picture(
    exercise_id: str, variant: str, size: QSize, ratio: float, palette: QPalette
) -> QImage | None:
    """The still picture at ``size`` (logical pixels); None when it has no pose file."""
    if size.isEmpty():
        return None
    dark = is_dark(palette)
    key = (exercise_id, variant, size.width(), size.height(), ratio, dark)
    if key in _memory:
        return _memory[key]
    folder = paths.cache_dir() / "pictures" / stamp()
    name = f"{exercise_id}--{variant}-{size.width()}x{size.height()}@{ratio:g}-{'dark' if dark else 'light'}.px"
    image = _read(folder / name)
    if image is None:
        image = _render(exercise_id, variant, size, ratio, palette)
        if image is not None:
            _save(image, folder, name)
    if image is not None:
        image.setDevicePixelRatio(ratio)
    _memory[key] = image
    return image


def _render(
    exercise_id: str, variant: str, size: QSize, ratio: float, palette: QPalette
) -> QImage | None:
    from backcoach.figures.figure import MissingPose
    from backcoach.ui.widgets.figure_view import figure_image

    physical = QSize(round(size.width() * ratio), round(size.height() * ratio))
    try:
        return figure_image(exercise_id, physical, palette, variant).convertToFormat(_RAW)
    except MissingPose:
        return None


def _read(file: Path) -> QImage | None:
    """The kept pixels; None when missing, cut short or not ours (then drawn again)."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    if len(data) < _HEAD.size:
        return None
    magic, width, height, per_line = _HEAD.unpack_from(data)
    pixels = data[_HEAD.size :]
    if magic != b"BCpx" or per_line < width * 4 or len(pixels) != per_line * height or not width:
        return None
    # copy(): the image owns its pixels, not a view of this bytes object.
    return QImage(pixels, width, height, per_line, _RAW).copy()


def _save(image: QImage, folder: Path, name: str) -> None:
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.parent.iterdir():  # pictures drawn by an older stamp
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True)
        raw = image.convertToFormat(_RAW)
        head = _HEAD.pack(b"BCpx", raw.width(), raw.height(), raw.bytesPerLine())
        tmp = folder / f".{name}.tmp"
        tmp.write_bytes(head + bytes(raw.constBits()))
        tmp.replace(folder / name)
    except OSError as exc:
        log.info("picture cache not written (%s): %s", folder, exc)


def forget() -> None:
    """Drop the pictures held in memory (tests; after pose files change on disk)."""
    global _stamp
    _memory.clear()
    _stamp = ""
