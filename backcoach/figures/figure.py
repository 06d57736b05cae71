"""A solved figure: every keyframe of one exercise (or variant) placed in the world.

Solving happens once per exercise look and is cached: the key pose first (props are
placed against it), then every other keyframe against the same, now fixed, props, with
the anchor part held where the key pose put it so the figure does not slide.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from backcoach import paths
from backcoach.figures.contacts import (
    PARTS,
    SURFACE_PROBES,
    Box,
    body_support,
    Floor,
    Support,
    part_distances,
)
from backcoach.figures.posefile import Camera, Contact, Keyframe, PoseFile, PoseSet, load_pose_file
from backcoach.figures.props import Prop, floor_height, mat_box, place, supports_for
from backcoach.figures.skeleton import Body, Pose, mirror_pose, solve_body
from backcoach.figures.solver import least_squares

_W_PENETRATION = 3.0
_ROOT_XYZ = ("pelvis.x", "pelvis.y", "pelvis.z")


@dataclass(frozen=True, slots=True, eq=False)
class Figure:
    exercise_id: str
    variant: str
    side: str  # "left" as written in the pose file, "right" its mirror
    camera: Camera
    floor: float
    props: tuple[Prop, ...]
    mat: Box | None
    key: str
    keyframes: dict[str, dict[str, float]]  # solved, including the root position
    contacts: dict[str, tuple[Contact, ...]]
    anchor: str

    def supports(self) -> dict[str, tuple[Support, ...]]:
        return supports_for(self.props, self.floor)

    def mirrored(self) -> Figure:
        return replace(
            self,
            side="right" if self.side == "left" else "left",
            camera=self.camera.mirrored(),
            props=tuple(p.mirrored() for p in self.props),
            mat=Box((self.mat.lo[0], self.mat.lo[1], -self.mat.hi[2]), (self.mat.hi[0], self.mat.hi[1], -self.mat.lo[2])) if self.mat else None,
            keyframes={k: mirror_pose(v) for k, v in self.keyframes.items()},
        )


def pose_dir() -> Path:
    return paths.asset("poses")


def pose_file(exercise_id: str, folder: Path | None = None) -> PoseFile:
    return _load(str((folder or pose_dir()) / f"{exercise_id}.toml"))


@functools.lru_cache(maxsize=64)
def _load(path: str) -> PoseFile:
    return load_pose_file(Path(path))


def figure_for(exercise_id: str, variant: str = "", side: str = "left", folder: Path | None = None) -> Figure:
    """The solved figure for an exercise look and side ("none" draws as written)."""
    return _solved(str((folder or pose_dir()) / f"{exercise_id}.toml"), variant or "", side == "right")


@functools.lru_cache(maxsize=128)
def _solved(path: str, variant: str, mirrored: bool) -> Figure:
    if mirrored:
        return _solved(path, variant, False).mirrored()
    pf = _load(path)
    ps = pf.pose_set(variant)
    used_variant = variant if variant in pf.variants else ""
    return solve_set(pf.exercise_id, used_variant, ps)


def solve_set(exercise_id: str, variant: str, ps: PoseSet) -> Figure:
    floor = floor_height(ps.props)
    key_frame = ps.keyframes[ps.key]
    key_pose, props = _solve_key(key_frame, ps, floor)
    anchor_points = _anchor_points(solve_body(key_pose), ps.anchor)
    solved = {ps.key: key_pose}
    for name, kf in ps.keyframes.items():
        if name != ps.key:
            start = dict(kf.angles)
            for k in _ROOT_XYZ:
                start[k] = key_pose.get(k, 0.0)
            solved[name] = _solve(start, kf, props, floor, anchor_points, ps.anchor)
    mat = None
    if any(p.kind == "mat" for p in ps.props):
        mat = mat_box(_footprint([solve_body(p) for p in solved.values()], props, floor))
    return Figure(
        exercise_id,
        variant,
        "left",
        ps.view,
        floor,
        props,
        mat,
        ps.key,
        solved,
        {name: kf.contacts for name, kf in ps.keyframes.items()},
        ps.anchor,
    )


def _solve_key(kf: Keyframe, ps: PoseSet, floor: float) -> tuple[dict[str, float], tuple[Prop, ...]]:
    pose = dict(kf.angles)
    body = solve_body(pose)
    pose["pelvis.y"] = floor - min(p.distance(body, Floor(0.0)) for p in SURFACE_PROBES)

    def props_for(body: Body) -> tuple[Prop, ...]:
        placed = (place(spec, body, floor) for spec in ps.props)
        return tuple(p for p in placed if p is not None)

    def residuals(pose: dict[str, float], weight: float) -> list[float]:
        body = solve_body(pose)
        supports = supports_for(props_for(body), floor)
        return _residuals(body, kf, supports) + _regularise(pose, kf, weight)

    variables = [*kf.adjust, "pelvis.y"]
    pose = _two_stage(pose, variables, residuals)
    return pose, props_for(solve_body(pose))


def _solve(
    start: dict[str, float],
    kf: Keyframe,
    props: tuple[Prop, ...],
    floor: float,
    anchor_points: dict[str, tuple[float, float]],
    anchor: str,
) -> dict[str, float]:
    supports = supports_for(props, floor)

    def residuals(pose: dict[str, float], weight: float) -> list[float]:
        body = solve_body(pose)
        out = _residuals(body, kf, supports) + _regularise(pose, kf, weight)
        for point, (x, z) in anchor_points.items():
            p = body.pos[point]
            out += [p[0] - x, p[2] - z]
        return out

    variables = [*kf.adjust, *(_ROOT_XYZ if anchor else ("pelvis.y",))]
    return _two_stage(start, variables, residuals)


def _two_stage(pose: dict[str, float], variables: list[str], residuals) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """A loose pass that keeps close to the written angles, then a tight one for contact."""
    pose = least_squares(pose, variables, lambda p: residuals(p, 0.05))
    return least_squares(pose, variables, lambda p: residuals(p, 0.002), iterations=30)


def _residuals(body: Body, kf: Keyframe, supports: dict[str, tuple[Support, ...]]) -> list[float]:
    out: list[float] = []
    for contact in kf.contacts:
        part = PARTS[contact.part]
        options = supports.get(contact.support) or (body_support(body, contact.support),)
        per_support = [part_distances(body, part, s) for s in options]
        out += min(per_support, key=lambda ds: sum(abs(d) for d in ds))
    for group in supports.values():
        for support in group:
            for probe in SURFACE_PROBES:
                d = probe.distance(body, support)
                if d < 0:
                    out.append(_W_PENETRATION * d)
                else:
                    out.append(0.0)
    return out


def _regularise(pose: Pose, kf: Keyframe, weight: float) -> list[float]:
    return [weight * (pose.get(k, 0.0) - kf.angles.get(k, 0.0)) * 0.017453 for k in kf.adjust]


def _anchor_points(body: Body, anchor: str) -> dict[str, tuple[float, float]]:
    if not anchor:
        return {}
    return {p.point: (body.pos[p.point][0], body.pos[p.point][2]) for p in PARTS[anchor].probes if not p.section}


def _footprint(bodies: list[Body], props: tuple[Prop, ...], floor: float) -> tuple[float, float, float, float]:
    xs: list[float] = []
    zs: list[float] = []
    for body in bodies:
        for name, p in body.pos.items():
            if p[1] - floor < 0.35 or name in ("head", "pelvis"):
                xs.append(p[0])
                zs.append(p[2])
    for prop in props:
        for box in prop.boxes if prop.kind == "bench" else ():
            xs += [box.lo[0], box.hi[0]]
        if prop.ball:
            xs += [prop.ball.centre[0] - prop.ball.radius, prop.ball.centre[0] + prop.ball.radius]
    return min(xs), max(xs), min(zs), max(zs)
