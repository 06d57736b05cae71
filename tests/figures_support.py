"""Shared facts for the figure tests: the exercises and the fixed tempo phase names."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ASSETS

# The 24 exercises of the catalogue (CONTENT.md) and the keyframes their tempo phases need.
PHASES: dict[str, tuple[str, ...]] = {
    "leg-swings": ("forward", "back"),
    "deep-core-activation": ("inhale", "exhale"),
    "single-leg-squat-rotation": ("lower", "rise"),
    "single-leg-bridge": ("lift", "hold", "lower"),
    "side-plank-rotation": ("rotate", "return"),
    "chicago-rolls": ("open", "close"),
    "plank": ("hold",),
    "ball-back-extension": ("lower", "lift", "pause"),
    "ball-reverse-leg-raise": ("lift", "lower"),
    "glute-bridge": ("lift", "hold", "lower"),
    "locust-pose": ("hold",),
    "roll-down": ("hold",),
    "downward-dog": ("hold",),
    "childs-pose": ("hold",),
    "cat-cow": ("arch", "round"),
    "modified-childs-pose": ("hold",),
    "kneeling-hip-flexor-stretch": ("hold",),
    "figure-four-stretch": ("hold",),
    "knee-to-chest": ("hold",),
    "worlds-greatest-stretch": ("lunge", "elbow", "reach", "return"),
    "quadruped-rock-back": ("back", "forward"),
    "half-kneeling-couch-stretch": ("hold",),
    "calf-stretch": ("hold",),
    "prone-knee-lift-check": ("lift", "lower"),
}
VARIANT_PHASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("leg-swings", "side-to-side"): ("across", "out"),
}


def exercise_ids() -> list[str]:
    """The listed exercises plus any catalogue file on this branch."""
    ids = set(PHASES)
    ids |= {p.stem for p in (ASSETS / "exercises").glob("*.toml")}
    return sorted(ids)


def pose_path(exercise_id: str) -> Path:
    return ASSETS / "poses" / f"{exercise_id}.toml"
