"""A solved figure: every keyframe of one exercise (or variant) placed in the world.

Solving happens once per exercise look and is cached: the key pose first (props are
placed against it), then every other keyframe against the same, now fixed, props, with
the anchor part held where the key pose put it so the figure does not slide.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from backcoach import paths
from backcoach.figures.cache import CACHE_NAME, figure_fields, file_hash, read_cache
from backcoach.figures.contacts import (
    PARTS,
    SURFACE_PROBES,
    Box,
    Floor,
    Support,
    body_support,
    part_distances,
)
from backcoach.figures.posefile import (
    AIM_LINES,
    Camera,
    Contact,
    Keyframe,
    PoseFile,
    PoseSet,
    load_pose_file,
)
from backcoach.figures.props import Prop, floor_height, mat_box, place, supports_for
from backcoach.figures.skeleton import DOF_KEYS, Body, Pose, dof_range, mirror_pose, solve_body
from backcoach.figures.solver import least_squares
from backcoach.figures.vec import norm, sub

_W_PENETRATION = 3.0
_W_AIM = 0.3  # a unit-vector error of 0.1 weighs like a 3 cm contact gap
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
            mat=_mirror_box(self.mat) if self.mat else None,
            keyframes={k: mirror_pose(v) for k, v in self.keyframes.items()},
            contacts={
                k: tuple(Contact(_swap(c.part), _swap(c.support)) for c in cs)
                for k, cs in self.contacts.items()
            },
            anchor=_swap(self.anchor),
        )


def _mirror_box(box: Box) -> Box:
    return Box((box.lo[0], box.lo[1], -box.hi[2]), (box.hi[0], box.hi[1], -box.lo[2]))


def _swap(name: str) -> str:
    """The same part on the other side: foot_l <-> foot_r."""
    if name.endswith("_l"):
        return name[:-2] + "_r"
    if name.endswith("_r"):
        return name[:-2] + "_l"
    return name


class MissingPose(LookupError):
    """The exercise has no pose file, so there is no picture to draw."""


def pose_dir() -> Path:
    return paths.asset("poses")


def pose_file(exercise_id: str, folder: Path | None = None) -> PoseFile:
    return _load(str((folder or pose_dir()) / f"{exercise_id}.toml"))


@functools.lru_cache(maxsize=64)
def _load(path: str) -> PoseFile:
    return load_pose_file(Path(path))


def figure_for(
    exercise_id: str, variant: str = "", side: str = "left", folder: Path | None = None
) -> Figure:
    """The solved figure for an exercise look and side ("none" draws as written).

    Raises ``MissingPose`` when the exercise has no pose file, and ``PoseFileError`` when
    it has one with mistakes.
    """
    path = (folder or pose_dir()) / f"{exercise_id}.toml"
    if not path.is_file():
        raise MissingPose(f"no pose file for '{exercise_id}' ({path})")
    return _solved(
        str((folder or pose_dir()) / f"{exercise_id}.toml"), variant or "", side == "right"
    )


@functools.lru_cache(maxsize=128)
def _solved(path: str, variant: str, mirrored: bool) -> Figure:
    if mirrored:
        return _solved(path, variant, False).mirrored()
    file = Path(path)
    # The shipped cache holds every look of an unchanged pose file: use it without even
    # parsing the TOML (the window shows a dozen pictures before its first paint).
    entry = _cache(str(file.parent), _mtime(file.parent / CACHE_NAME)).get(file.stem, {})
    if entry.get("hash") == file_hash(file):
        looks = entry.get("looks", {})
        used = variant if variant in looks else ""
        if used in looks:
            return Figure(file.stem, used, "left", **figure_fields(looks[used]))
    pf = _load(path)
    used_variant = variant if variant in pf.variants else ""
    return solve_set(pf.exercise_id, used_variant, pf.pose_set(used_variant))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@functools.lru_cache(maxsize=4)
def _cache(folder: str, mtime: int) -> dict[str, Any]:
    return read_cache(Path(folder)) if mtime else {}


def clear_caches() -> None:
    """Forget loaded and solved figures (after pose files change on disk)."""
    _load.cache_clear()
    _solved.cache_clear()
    _cache.cache_clear()


def solve_set(exercise_id: str, variant: str, ps: PoseSet) -> Figure:
    floor = floor_height(ps.props)
    key_frame = ps.keyframes[ps.key]
    key_pose, props = _solve_key(key_frame, ps, floor)
    anchor_points = _anchor_points(solve_body(key_pose), ps.anchor)
    solved = {ps.key: key_pose}
    # Keyframes written the same ("hold" like "lift") must come out exactly the same.
    seen = {_recipe(key_frame): key_pose}
    for name, kf in ps.keyframes.items():
        if name == ps.key:
            continue
        if _recipe(kf) in seen:
            solved[name] = dict(seen[_recipe(kf)])
            continue
        start = dict(kf.angles)
        for k in _ROOT_XYZ:
            start[k] = key_pose.get(k, 0.0)
        solved[name] = seen[_recipe(kf)] = _solve(start, kf, props, floor, anchor_points, ps.anchor)
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


def _recipe(kf: Keyframe) -> tuple[object, ...]:
    return (tuple(sorted(kf.angles.items())), kf.contacts, kf.adjust, kf.aims)


def _solve_key(
    kf: Keyframe, ps: PoseSet, floor: float
) -> tuple[dict[str, float], tuple[Prop, ...]]:
    pose = dict(kf.angles)
    body = solve_body(pose)
    pose["pelvis.y"] = floor - min(p.distance(body, Floor(0.0)) for p in SURFACE_PROBES)
    # A ball may roll along x until the body rests on it properly: where the body meets
    # a ball depends on how steeply the body lies, not only on where the belly is.
    rolling = [f"prop{i}.x" for i, spec in enumerate(ps.props) if spec.kind == "ball"]

    def props_for(body: Body, pose: dict[str, float]) -> tuple[Prop, ...]:
        placed = (
            place(spec, body, floor, pose.get(f"prop{i}.x", 0.0)) for i, spec in enumerate(ps.props)
        )
        return tuple(p for p in placed if p is not None)

    def residuals(pose: dict[str, float], weight: float, sink: float) -> list[float]:
        body = solve_body(pose)
        supports = supports_for(props_for(body, pose), floor)
        return _residuals(body, kf, supports, sink) + _regularise(pose, kf, weight)

    variables = [*kf.adjust, "pelvis.y", *rolling]
    pose = _two_stage(pose, variables, residuals)
    props = props_for(solve_body(pose), pose)
    return {k: v for k, v in pose.items() if not k.startswith("prop")}, props


def _solve(
    start: dict[str, float],
    kf: Keyframe,
    props: tuple[Prop, ...],
    floor: float,
    anchor_points: dict[str, tuple[float, float]],
    anchor: str,
) -> dict[str, float]:
    supports = supports_for(props, floor)

    def residuals(pose: dict[str, float], weight: float, sink: float) -> list[float]:
        body = solve_body(pose)
        out = _residuals(body, kf, supports, sink) + _regularise(pose, kf, weight)
        for point, (x, z) in anchor_points.items():
            p = body.pos[point]
            out += [p[0] - x, p[2] - z]
        return out

    # Start with the anchor already in place and the lowest floor contact on the floor,
    # so the solver does not begin with the body sunk into a prop.
    body = solve_body(start)
    for point, (x, z) in list(anchor_points.items())[:1]:
        start["pelvis.x"] = start.get("pelvis.x", 0.0) + x - body.pos[point][0]
        start["pelvis.z"] = start.get("pelvis.z", 0.0) + z - body.pos[point][2]
    on_floor = [c for c in kf.contacts if c.support == "floor"]
    if on_floor:
        floor_support = supports["floor"][0]
        low = min(min(part_distances(body, PARTS[c.part], floor_support)) for c in on_floor)
        start["pelvis.y"] = start.get("pelvis.y", 0.0) - low
    variables = [*kf.adjust, *(_ROOT_XYZ if anchor else ("pelvis.y",))]
    return _two_stage(start, variables, residuals)


def _two_stage(pose: dict[str, float], variables: list[str], residuals) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """First bring the contacts down while keeping close to the written angles, ignoring
    what sinks in (so a bad start is not trapped by it); then settle everything tightly."""
    pose = least_squares(pose, variables, lambda p: residuals(p, 0.05, 0.0))
    return least_squares(
        pose, variables, lambda p: residuals(p, 0.002, _W_PENETRATION), iterations=40
    )


def _residuals(
    body: Body, kf: Keyframe, supports: dict[str, tuple[Support, ...]], sink: float
) -> list[float]:
    out: list[float] = []
    for contact in kf.contacts:
        part = PARTS[contact.part]
        options = supports.get(contact.support) or (body_support(body, contact.support),)
        per_support = [part_distances(body, part, s) for s in options]
        out += min(per_support, key=lambda ds: sum(abs(d) for d in ds))
    for line, target in kf.aims:
        a, b = AIM_LINES[line]
        line_vec = sub(body.pos[b], body.pos[a])
        n = norm(line_vec) or 1.0
        out += [_W_AIM * (line_vec[i] / n - target[i]) for i in range(3)]
    if not sink:
        return out
    for group in supports.values():
        for support in group:
            for probe in SURFACE_PROBES:
                d = probe.distance(body, support)
                out.append(sink * d if d < 0 else 0.0)
    return out


def _regularise(pose: Pose, kf: Keyframe, weight: float) -> list[float]:
    """Stay near the written angles, and inside a comfortable range of motion."""
    out = []
    for k in kf.adjust:
        value = pose.get(k, 0.0)
        out.append(weight * (value - kf.angles.get(k, 0.0)) * 0.017453)
        lo, hi = _RANGES.get(k) or (-1e9, 1e9)
        out.append((min(value - lo, 0.0) + max(value - hi, 0.0)) * 0.017453)
    return out


_RANGES = {k: r for k in DOF_KEYS if (r := dof_range(k))}


def _anchor_points(body: Body, anchor: str) -> dict[str, tuple[float, float]]:
    if not anchor:
        return {}
    return {
        p.point: (body.pos[p.point][0], body.pos[p.point][2])
        for p in PARTS[anchor].probes
        if not p.section
    }


def _footprint(
    bodies: list[Body], props: tuple[Prop, ...], floor: float
) -> tuple[float, float, float, float]:
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
