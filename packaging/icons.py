"""Render the app icon's PNG sizes and the Windows .ico from the one SVG, with Qt.

    python packaging/icons.py          # rewrite the committed PNGs and .ico
    python packaging/icons.py --check  # exit 1 when they no longer match the SVG
    python packaging/icons.py --iconset build/macos/backcoach.iconset   # for iconutil

The SVG (assets/icons/<APP_ID>.svg) is the only drawing; everything else is made from
it so the sizes never drift apart. The macOS .icns is made at build time by
packaging/macos/build.sh: this script writes the iconset, iconutil (macOS only) packs it.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from backcoach.paths import APP_ID  # noqa: E402

SVG = REPO / "assets" / "icons" / f"{APP_ID}.svg"
HICOLOR = REPO / "packaging" / "linux" / "icons" / "hicolor"
ICO = REPO / "packaging" / "windows" / "backcoach.ico"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
TOLERANCE = 8  # per channel: another Qt release may anti-alias an edge a little differently


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtSvg import QSvgRenderer

    from backcoach.ui.svg_image import svg_image

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    return svg_image(renderer, size, size)


def png_bytes(image) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding PNG-compressed images (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def differs(a, b) -> bool:  # type: ignore[no-untyped-def]
    if a.size() != b.size():
        return True
    from PySide6.QtGui import QImage

    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    return any(abs(x - y) > TOLERANCE for x, y in zip(a.constBits(), b.constBits(), strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python packaging/icons.py")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when stale")
    parser.add_argument("--iconset", type=Path, metavar="DIR", help="write a macOS .iconset")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication([])
    if args.iconset:
        write_iconset(args.iconset)
        return 0
    stale: list[str] = []
    for size in PNG_SIZES:
        fresh, path = render(size), png_path(size)
        if args.check:
            if not path.is_file() or differs(fresh, QImage(str(path))):
                stale.append(str(path.relative_to(REPO)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png_bytes(fresh))
    ico = ico_bytes({s: png_bytes(render(s)) for s in ICO_SIZES})
    if args.check:
        if not ICO.is_file() or not _same_ico(ICO.read_bytes(), ico):
            stale.append(str(ICO.relative_to(REPO)))
        for name in stale:
            print(f"stale: {name} (run python packaging/icons.py)")
        return 1 if stale else 0
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico)
    print(
        f"wrote {len(PNG_SIZES)} PNGs under {HICOLOR.relative_to(REPO)} and {ICO.relative_to(REPO)}"
    )
    return 0


def write_iconset(folder: Path) -> None:
    """icon_16x16.png ... icon_512x512@2x.png, the names iconutil expects."""
    folder.mkdir(parents=True, exist_ok=True)
    for base in (16, 32, 128, 256, 512):
        for scale, suffix in ((1, ""), (2, "@2x")):
            path = folder / f"icon_{base}x{base}{suffix}.png"
            path.write_bytes(png_bytes(render(base * scale)))
    print(f"wrote {folder}")


def _same_ico(old: bytes, new: bytes) -> bool:
    """Same sizes, and each image within TOLERANCE of a fresh render."""
    from PySide6.QtGui import QImage

    def images(blob: bytes) -> dict[int, QImage]:
        count = struct.unpack_from("<H", blob, 4)[0]
        out = {}
        for i in range(count):
            side, _h, _c, _r, _p, _b, length, offset = struct.unpack_from(
                "<BBBBHHII", blob, 6 + 16 * i
            )
            out[side or 256] = QImage.fromData(blob[offset : offset + length], "PNG")
        return out

    a, b = images(old), images(new)
    return a.keys() == b.keys() and not any(differs(a[s], b[s]) for s in a)


if __name__ == "__main__":
    sys.exit(main())
