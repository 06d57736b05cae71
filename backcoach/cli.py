"""The front door: one program for the window and the command line.

Imports are deferred so that light commands (``--version``, ``routines``, the speech
worker) start without loading Qt, and the window, launched with no arguments from the
menu, starts without building the command line's parser and its sub-commands at all
(``WINDOW``: what that parser would have made of no arguments).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from backcoach import paths
from backcoach.commands.errors import FileMistakes, UsageError

if TYPE_CHECKING:
    import argparse

# What ``build_parser().parse_args([])`` gives: the window, nothing else asked for.
# tests/test_cli.py holds the two equal.
WINDOW = {
    "data_dir": None,
    "screenshot": None,
    "size": None,
    "self_test": False,
    "background": False,
    "speech_worker": False,
    "command": None,
}


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from backcoach import __version__

    parser = argparse.ArgumentParser(
        prog="backcoach",
        description="A follow-along exercise coach for runners with lower back pain.",
    )
    parser.add_argument("--version", action="version", version=f"backcoach {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep history and settings in DIR (also BACKCOACH_DATA_DIR)",
    )
    parser.add_argument(
        "--screenshot", metavar="DIR", help="render every page of the window to PNG in DIR"
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        help="with --screenshot: the window's size in logical pixels (default 1280x800); "
        "the PNGs are that times QT_SCALE_FACTOR",
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check this install headlessly; exit 0 when sound"
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start without a window and give the reminders (what the login entry runs)",
    )
    parser.add_argument("--speech-worker", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    from backcoach.commands import register_all

    register_all(sub)
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace | SimpleNamespace:
    """The command line's arguments; no arguments at all is the window."""
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:
        return SimpleNamespace(**WINDOW)
    return build_parser().parse_args(args)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"backcoach: {exc}", file=sys.stderr)
        return 2
    except FileMistakes as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        print(f"backcoach: {exc.verdict}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _dispatch(args: argparse.Namespace | SimpleNamespace) -> int:
    if args.speech_worker:
        from backcoach.speech.worker import main as worker_main

        return worker_main()
    from backcoach.logs import setup_logging

    setup_logging()
    if args.self_test:
        from backcoach.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from backcoach.app import run_app

        if args.screenshot:
            _screenshot_screen(args.size)
        elif args.size:
            raise UsageError("--size goes with --screenshot DIR")

        return run_app(screenshot_dir=args.screenshot, background=args.background)
    result: int = args.handler(args)
    return result


def _screenshot_screen(size_text: str | None) -> None:
    """Before Qt starts: the window's size for the screenshots, and a screen that holds it."""
    import os

    from backcoach.ui.screenshot_screen import parse_size, use_offscreen_screens
    from backcoach.ui.screenshots import SIZE, SIZE_ENV

    try:
        size = parse_size(size_text or os.environ.get(SIZE_ENV) or "x".join(map(str, SIZE)))
    except ValueError as exc:
        raise UsageError(f"--size: {exc}") from None
    os.environ[SIZE_ENV] = f"{size[0]}x{size[1]}"
    use_offscreen_screens([size])
