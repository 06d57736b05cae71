"""Which installed voices to offer for backcoach's English cues: English ones first.

espeak-ng installs some 131 voices, one per language; English cues read by a Polish or
Mandarin voice are no use to a runner, so the settings list shows the English voices and
keeps the rest behind "Show all languages"."""

from __future__ import annotations

import re

Voice = tuple[str, str]  # (id, name)

_EN_ID = re.compile(r"(^|[/\\_.-])en([-_.]|$)", re.IGNORECASE)


def is_english(voice: Voice) -> bool:
    vid, name = voice
    words = name.lower()
    if "as english" in words:  # "Chinese (Mandarin, latin as English)" is a Chinese voice
        return False
    return words.startswith("english") or "- english" in words or bool(_EN_ID.search(vid))


def english_first(voices: list[Voice]) -> tuple[list[Voice], list[Voice]]:
    """(English voices, all the others), each sorted by name."""
    english = sorted((v for v in voices if is_english(v)), key=lambda v: v[1].lower())
    others = sorted((v for v in voices if not is_english(v)), key=lambda v: v[1].lower())
    return english, others
