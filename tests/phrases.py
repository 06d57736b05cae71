"""Six-word runs shared with the source articles: the no-copied-phrases check.

backcoach's words must be its own (CONTENT.md: facts carry over, sentences do not). Any
run of six words that also appears in one of the five articles counts as copied. The
articles are not part of this repository, so the check compares against a committed
file of hashes of every six-word run in them (tests/data/seed-shingles.txt: hashes
only, not the articles' text), made by ``scripts/seed-shingles SEEDS_DIR``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

RUN = 6
HASHES = Path(__file__).resolve().parent / "data" / "seed-shingles.txt"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-case words; hyphens and punctuation split, curly quotes count as straight."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text)


def runs(text: str) -> Iterator[tuple[str, ...]]:
    w = words(text)
    for i in range(len(w) - RUN + 1):
        yield tuple(w[i : i + RUN])


def run_hash(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def seed_hashes(texts: Iterable[str]) -> set[str]:
    return {run_hash(r) for text in texts for r in runs(text)}


def load_hashes(path: Path = HASHES) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def shared_runs(text: str, hashes: set[str]) -> list[str]:
    """The six-word runs of ``text`` found in the articles, as plain words."""
    return [" ".join(r) for r in runs(text) if run_hash(r) in hashes]


def write_hashes(seed_dir: Path, out: Path = HASHES) -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seed_dir.glob("*.txt"))]
    if len(texts) != 5:
        raise SystemExit(f"expected the five seed articles in {seed_dir}, found {len(texts)}")
    hashes = sorted(seed_hashes(texts))
    header = [
        "# Hashes of every run of six words in the five source articles (sha256 of the",
        "# lower-cased words joined by single spaces, first 16 hex digits). No text of the",
        "# articles is kept here. Remake with: scripts/seed-shingles PATH/TO/seeds",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(header + hashes) + "\n", encoding="utf-8")
    return len(hashes)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tests.phrases SEEDS_DIR")
    count = write_hashes(Path(sys.argv[1]))
    print(f"wrote {HASHES} ({count} runs)")
