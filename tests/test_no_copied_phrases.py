"""No run of six words in backcoach's own text is copied from the source articles.

Facts and figures carry over from the articles, sentences do not (CONTENT.md). The
articles are not in this repository (CI checks out a clean clone), so the check uses the
committed hashes of their six-word runs (tests/phrases.py). Every text file under
assets/ is checked whole, comments included, and so are the docs and the program's own
strings. The articles' titles may be named where they are cited.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ASSETS, REPO
from tests.phrases import HASHES, load_hashes, seed_hashes, shared_runs

# Cited by title on the "Why it hurts" page (and only there).
TITLES = (
    '"5 exercises to strengthen and mobilise the lower back"',
    '"Runners With Low Back Pain: 5 Exercises To Help Fix It And Prevent It From Happening Again"',
    '"Lower back pain in runners – causes and prevention"',
)


def _checked_files() -> list[Path]:
    assets = [p for p in ASSETS.rglob("*") if p.suffix in {".toml", ".md", ".txt"}]
    docs = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    program = sorted((REPO / "backcoach").rglob("*.py"))
    return sorted(assets) + docs + program


def _without_titles(text: str) -> str:
    flat = re.sub(r"\s+", " ", text)
    for title in TITLES:
        flat = flat.replace(title, " ")
    return flat


@pytest.fixture(scope="module")
def hashes() -> set[str]:
    return load_hashes()


@pytest.mark.parametrize("path", _checked_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_no_six_words_in_a_row_from_the_articles(path: Path, hashes: set[str]) -> None:
    copied = shared_runs(_without_titles(path.read_text(encoding="utf-8")), hashes)
    assert copied == [], f"{path.relative_to(REPO)} shares these runs with the articles"


def test_the_check_finds_a_copied_run_and_ignores_a_reworded_one(hashes: set[str]) -> None:
    # A run from the issue that found the guide's old wording (seed 003), and our rewording.
    assert shared_runs("Most lower back pain in runners has no single cause.", hashes)
    assert shared_runs("For most runners the pain has no single source.", hashes) == []
    # Case, curly quotes and punctuation do not hide a copy.
    assert shared_runs("MOST lower-back pain, in runners", hashes)


def test_titles_are_exempt_only_where_the_guide_cites_them() -> None:
    guide = re.sub(r"\s+", " ", (ASSETS / "guides" / "why-it-happens.md").read_text("utf-8"))
    for title in TITLES:
        assert title in guide, title


def test_the_hash_file_holds_hashes_only_and_matches_the_articles_when_they_are_here() -> None:
    lines = [ln for ln in HASHES.read_text(encoding="utf-8").splitlines() if ln]
    body = [ln for ln in lines if not ln.startswith("#")]
    assert len(body) > 3000  # five articles of some 700 to 1,300 words each
    assert all(re.fullmatch(r"[0-9a-f]{16}", ln) for ln in body)
    assert body == sorted(set(body))
    # Where the articles are at hand (a development checkout beside ../shared/seeds, or
    # BACKCOACH_SEEDS), the committed hashes must be exactly theirs: remake them with
    # scripts/seed-shingles when an article changes.
    candidates = [os.environ.get("BACKCOACH_SEEDS", ""), REPO.parent / "shared" / "seeds"]
    candidates.append(REPO.parent.parent / "shared" / "seeds")
    found = [Path(c) for c in candidates if c and len(list(Path(c).glob("*.txt"))) == 5]
    if found:
        texts = [p.read_text(encoding="utf-8") for p in sorted(found[0].glob("*.txt"))]
        assert set(body) == seed_hashes(texts)
