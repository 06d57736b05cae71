"""Counted words, the articles by title, and the History cards as sentences."""

from __future__ import annotations

import re
from pathlib import Path

from backcoach.core.history_stats import PainTrend
from backcoach.core.sources import TITLES, title, titles_text
from backcoach.core.stat_words import pain_words, relief_words, streak_words, week_words
from backcoach.core.words import counted

REPO = Path(__file__).resolve().parent.parent


def test_counted_words_agree_with_their_number() -> None:
    assert counted(1, "routine") + " hidden" == "1 routine hidden"
    assert counted(2, "routine") == "2 routines"
    assert counted(0, "session") == "0 sessions"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(1200, "run") == "1,200 runs"


def test_no_user_facing_text_says_s_in_brackets() -> None:
    """No "routine(s)" left anywhere the runner or the terminal reads."""
    found = []
    for path in (REPO / "backcoach").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(
                r"[a-z]{2}\(s\)(?= (?!for\b|if\b|in\b|and\b|or\b)[a-z])", line
            ) and not line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    assert found == []


def test_the_library_says_how_many_routines_are_hidden(window) -> None:
    lib = window.library
    for box in lib.equipment_boxes.values():
        box.setChecked(False)
    hidden = lib.hidden_label.text()
    n = int(hidden.split()[0])
    assert hidden == f"{n} routine{'' if n == 1 else 's'} hidden by your filters."
    assert "(s)" not in hidden


def test_articles_are_named_by_title() -> None:
    assert title("003_173be5928d1b84be.txt") == TITLES["003"]
    assert "Lower back pain in runners" in title("003")
    text = titles_text(["000", "003", "000"])
    assert text.count("Women's Running") == 1 and " and Jo Perkins" in text
    from backcoach.ui.runs.advice import SOURCES

    assert "000" not in SOURCES and "Women's Running" in SOURCES


def test_stat_cards_read_as_sentences() -> None:
    assert streak_words(6).sentence == "6 days in a row with a session"
    assert streak_words(1).sentence == "1 day in a row with a session"
    assert week_words(42.4, 38).sentence == "42 minutes of exercise this week (38 last week)"
    eased = pain_words(PainTrend(earlier=3.1, recent=2.0, relief=None))
    assert eased.sentence == "2.0 out of 10 before sessions lately, down from 3.1 at first"
    assert "up from 2.0" in pain_words(PainTrend(2.0, 3.0, None)).sentence
    only_now = pain_words(PainTrend(None, 2.0, None)).sentence
    assert only_now == "2.0 out of 10 before sessions, the last two weeks"
    assert "not rated yet" in pain_words(PainTrend(None, None, None)).sentence
    relief = relief_words(1.2).sentence
    assert relief == "1.2 less pain after a session than before it, on average (0 to 10)"
    assert relief_words(-0.5).value == "0.5 more" and relief_words(0.0).value == "No change"
    for words in (eased, relief_words(1.2), streak_words(3)):
        assert "→" not in words.sentence and "–" not in words.value
