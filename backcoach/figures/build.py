"""Generating the committed picture files, and checking they are current.

For every pose file: ``images/<id>.svg`` (the key pose of the base look) and
``images/<id>--<variant>.svg`` for each variant that looks different, plus the solved
figures in ``poses/solved.json``. Everything is generated in memory first, so the same
code writes the files and tells whether the committed ones are stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcoach.figures.cache import CACHE_NAME, cache_text, figure_to_json, file_hash
from backcoach.figures.figure import Figure, solve_set
from backcoach.figures.posefile import load_pose_file
from backcoach.figures.render import still_scene
from backcoach.figures.svg import scene_svg

IMAGE_SIZE = (400, 300)


@dataclass(frozen=True, slots=True)
class Look:
    exercise_id: str
    variant: str  # "" for the base look

    @property
    def image_name(self) -> str:
        return (
            f"{self.exercise_id}--{self.variant}.svg" if self.variant else f"{self.exercise_id}.svg"
        )

    @property
    def title(self) -> str:
        words = f"{self.exercise_id} ({self.variant})" if self.variant else self.exercise_id
        return words.replace("-", " ").capitalize()


def pose_files(asset_root: Path) -> list[Path]:
    return sorted((asset_root / "poses").glob("*.toml"))


def solve_all(asset_root: Path) -> dict[Look, Figure]:
    out: dict[Look, Figure] = {}
    for path in pose_files(asset_root):
        pf = load_pose_file(path)
        for variant in ("", *sorted(pf.variants)):
            out[Look(pf.exercise_id, variant)] = solve_set(
                pf.exercise_id, variant, pf.pose_set(variant)
            )
    return out


def generate(asset_root: Path, figures: dict[Look, Figure] | None = None) -> dict[Path, str]:
    """Every generated file (relative to the asset root) and its text."""
    figures = figures if figures is not None else solve_all(asset_root)
    files: dict[Path, str] = {}
    entries: dict[str, Any] = {}
    for look, fig in figures.items():
        files[Path("images") / look.image_name] = scene_svg(
            still_scene(fig), *IMAGE_SIZE, title=look.title
        )
        entry = entries.setdefault(
            look.exercise_id,
            {"hash": file_hash(asset_root / "poses" / f"{look.exercise_id}.toml"), "looks": {}},
        )
        entry["looks"][look.variant] = figure_to_json(fig)
    files[Path("poses") / CACHE_NAME] = cache_text(entries)
    return files


def build(asset_root: Path) -> list[Path]:
    """Write every generated file that changed; returns the ones written."""
    written = []
    for rel, text in generate(asset_root).items():
        path = asset_root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(rel)
    return written


def stale(asset_root: Path, generated: dict[Path, str] | None = None) -> list[str]:
    """What differs between the committed files and a fresh build (empty when current)."""
    generated = generated if generated is not None else generate(asset_root)
    problems = []
    for rel, text in sorted(generated.items()):
        path = asset_root / rel
        if not path.exists():
            problems.append(f"{rel}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel}: out of date")
    expected = {rel.name for rel in generated if rel.parent.name == "images"}
    for path in sorted((asset_root / "images").glob("*.svg")):
        if path.name not in expected:
            problems.append(f"images/{path.name}: no pose file makes it any more")
    return problems
