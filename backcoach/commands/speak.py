"""``backcoach speak TEXT [--to FILE.wav]``: say a cue, or write it to a WAV file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

_NO_SOUND = ("no-audio-device", "no-aplay")  # the engine works; only playback does not


def register(sub: Any) -> None:
    p = sub.add_parser("speak", help="say a cue aloud, or write it to a WAV file")
    p.add_argument("text", metavar="TEXT", help='what to say, e.g. "Switch sides"')
    p.add_argument("--to", metavar="FILE.wav", help="write the speech to this WAV file")
    p.add_argument("--voice", help="voice id (default: the one in your settings)")
    p.add_argument("--rate", type=int, metavar="WPM", help="words per minute")
    p.add_argument("--volume", type=float, help="0 to 1")
    p.set_defaults(handler=cmd_speak)


def cmd_speak(args: argparse.Namespace) -> int:
    from backcoach import paths
    from backcoach.commands.errors import UsageError
    from backcoach.core.settings import load_settings
    from backcoach.speech.wavfile import SpeechError

    text = args.text.strip()
    if not text:
        raise UsageError("nothing to say: TEXT is empty")
    settings = load_settings(paths.settings_file()).settings
    voice = settings.voice if args.voice is None else args.voice
    rate = settings.rate_wpm if args.rate is None else args.rate
    volume = settings.volume if args.volume is None else args.volume
    if not 0.0 <= volume <= 1.0:
        raise UsageError(f"--volume {volume} is out of range; give a number from 0 to 1")
    try:
        if args.to:
            return _to_file(text, Path(args.to), voice, rate, volume)
        return _aloud(text, voice, rate, volume)
    except SpeechError as exc:
        print(f"backcoach: {exc}", file=sys.stderr)
        return 1


def _to_file(text: str, path: Path, voice: str, rate: int, volume: float) -> int:
    from backcoach.commands.errors import UsageError
    from backcoach.speech.wavfile import save_wav

    if path.suffix.lower() != ".wav":
        raise UsageError(f"--to {path}: speech is written as WAV; give a name ending in .wav")
    if not path.parent.is_dir():
        raise UsageError(f"--to {path}: the folder {path.parent} does not exist; create it first")
    if path.is_dir():
        raise UsageError(f"--to {path}: that is a folder; give a file name ending in .wav")
    seconds = save_wav(text, path, voice=voice, rate_wpm=rate, volume=volume)
    print(f"wrote {path} ({seconds:.2f} s)")
    return 0


def _aloud(text: str, voice: str, rate: int, volume: float) -> int:
    import threading
    import time

    from backcoach.core.cues import Cue, CueKind
    from backcoach.speech import notices
    from backcoach.speech.pyttsx3_backend import Pyttsx3Speaker

    done = threading.Event()
    outcome: list[bool] = []

    def finished(_cue: Cue, completed: bool) -> None:
        outcome.append(completed)
        done.set()

    with Pyttsx3Speaker(voice=voice, rate_wpm=rate, volume=volume, spare=False) as speaker:
        speaker.listen(finished=finished, dropped=lambda _c, _r: done.set())
        ready = speaker.wait_ready(30.0)
        if not ready or (not speaker.audible and speaker.sink_requested != "null"):
            kind = next(iter(speaker.notice_kinds()), "no-engine")
            tip = notices.fix(kind)
            print(
                f"backcoach: cannot speak: {notices.reason(kind)}."
                + (f" {tip}" if tip else "")
                + (" To keep the speech anyway, use --to FILE.wav." if kind in _NO_SOUND else ""),
                file=sys.stderr,
            )
            return 1
        cue = Cue(0.0, text, CueKind.NOTICE)
        speaker.say(cue, time.monotonic())
        if not done.wait(cue.speech_s(rate) * 3 + 20.0) or not outcome or not outcome[0]:
            print(f"backcoach: {notices.reason('crashing')}; nothing was said", file=sys.stderr)
            return 1
    return 0
