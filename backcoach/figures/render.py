"""Scenes for a solved figure: the still picture and the fixed frame for animation."""

from __future__ import annotations

import functools

from backcoach.figures.figure import Figure
from backcoach.figures.primitives import Scene, union
from backcoach.figures.scene import build_scene
from backcoach.figures.skeleton import Body, Pose, solve_body


def pose_scene(
    figure: Figure,
    pose: Pose,
    frame: tuple[float, float, float, float] | None = None,
    breath: float = 0.0,
) -> Scene:
    body = solve_body(pose)
    breath += pose.get("breath", 0.0)
    return build_scene(body, figure.camera, figure.props, figure.mat, breath, frame)


def still_scene(figure: Figure, keyframe: str = "") -> Scene:
    return pose_scene(figure, figure.keyframes[keyframe or figure.key])


@functools.lru_cache(maxsize=64)
def animation_frame(figure: Figure) -> tuple[float, float, float, float]:
    """One frame that holds every keyframe, so the picture does not zoom while moving."""
    bounds = None
    for pose in figure.keyframes.values():
        bounds = union(bounds, pose_scene(figure, pose).bounds)
    assert bounds is not None
    return bounds


def frame_scene(
    figure: Figure, body: Body, pose: Pose, breath: float, frame: tuple[float, float, float, float]
) -> Scene:
    """An animation frame: a body already posed (and settled) by ``Motion``."""
    total = breath + pose.get("breath", 0.0)
    return build_scene(body, figure.camera, figure.props, figure.mat, total, frame)
