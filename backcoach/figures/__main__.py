"""``python -m backcoach.figures build | check | contact-sheet OUT.png``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from backcoach import paths
from backcoach.core.words import counted


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backcoach.figures")
    parser.add_argument("--assets", type=Path, help="asset folder (default: the program's own)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="regenerate assets/images/*.svg and assets/poses/solved.json")
    sub.add_parser("check", help="exit 1 when the committed pictures are out of date")
    sheet = sub.add_parser("contact-sheet", help="one PNG with every exercise picture")
    sheet.add_argument("out", type=Path)
    sheet.add_argument("--cell", type=int, default=260, help="cell width in pixels")
    sheet.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    root: Path = args.assets or paths.asset_root()

    from backcoach.figures.posefile import PoseFileError

    try:
        if args.command == "build":
            from backcoach.figures.build import build

            written = build(root)
            for rel in written:
                print(f"wrote {rel}")
            print(f"{counted(len(written), 'file')} changed")
            return 0
        if args.command == "check":
            from backcoach.figures.build import stale

            problems = stale(root)
            for line in problems:
                print(line)
            return 1 if problems else 0
        # Rasterising needs Qt; it lives in backcoach.ui and loads only for this command.
        from backcoach.ui.contact_sheet import write_contact_sheet

        count = write_contact_sheet(root, args.out, args.cell, args.theme)
        print(f"wrote {args.out} ({count} pictures)")
        return 0
    except PoseFileError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
