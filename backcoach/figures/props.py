"""Props in the world: the mat, a stability ball, a bench or chair, a couch, a wall.

A prop is placed against a body point of the key pose (the ball under the pelvis, the
wall at the fingertips) and then stays where it is for every other keyframe, so the body
moves over a still ball instead of carrying it along.
"""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.figures.contacts import Box, Floor, Sphere, Support
from backcoach.figures.posefile import PropSpec
from backcoach.figures.skeleton import SECTION_BY_NAME, SEGMENTS, Body, section_axes

MAT_THICKNESS = 0.014
BALL_RADIUS = 0.33  # a 65 cm ball, the usual size for an adult
BENCH_HEIGHT = 0.45
COUCH_SEAT = 0.44


@dataclass(frozen=True, slots=True)
class Prop:
    kind: str
    boxes: tuple[Box, ...] = ()
    ball: Sphere | None = None

    @property
    def supports(self) -> tuple[Support, ...]:
        return (self.ball,) if self.ball else self.boxes

    def mirrored(self) -> Prop:
        boxes = tuple(
            Box((b.lo[0], b.lo[1], -b.hi[2]), (b.hi[0], b.hi[1], -b.lo[2])) for b in self.boxes
        )
        ball = None
        if self.ball:
            c = self.ball.centre
            ball = Sphere((c[0], c[1], -c[2]), self.ball.radius)
        return Prop(self.kind, boxes, ball)


def floor_height(specs: tuple[PropSpec, ...]) -> float:
    """Everything rests on the mat's top when there is a mat."""
    return MAT_THICKNESS if any(p.kind == "mat" for p in specs) else 0.0


def _point_radius(point: str) -> float:
    radii = [s.ra for s in SEGMENTS if s.a == point] + [s.rb for s in SEGMENTS if s.b == point]
    return max(radii, default=0.0)


def anchor_point(body: Body, name: str) -> tuple[float, float, float]:
    """A body point, or the centre of a trunk slice (a ball sits under the belly)."""
    if name in body.pos:
        return body.pos[name]
    return section_axes(body, SECTION_BY_NAME[name])[0]


def place(spec: PropSpec, body: Body, floor: float, roll: float = 0.0) -> Prop | None:
    """Put a prop against its body point; the mat is sized later, from every keyframe."""
    if spec.kind == "mat":
        return None
    x, _, z = anchor_point(body, spec.at)
    x += spec.shift + roll
    if spec.kind == "ball":
        r = spec.size or BALL_RADIUS
        return Prop("ball", ball=Sphere((x, floor + r, z), r))
    if spec.kind == "bench":
        h = spec.size or BENCH_HEIGHT
        return Prop(
            "bench", boxes=(Box((x - 0.22, floor, z - 0.22), (x + 0.22, floor + h, z + 0.22)),)
        )
    if spec.kind == "post":  # a rail or chair back to rest a hand on, topped under the point
        top = body.pos[spec.at][1] - _point_radius(spec.at)
        return Prop("post", boxes=(Box((x - 0.04, floor, z - 0.04), (x + 0.04, top, z + 0.04)),))
    if spec.kind == "wall" and spec.axis == "z":  # beside the figure, lying along x
        face = z + spec.side * _point_radius(spec.at)
        near, far = face, face + spec.side * 0.12
        lo, hi = min(near, far), max(near, far)
        return Prop("wall", boxes=(Box((x - 0.9, floor, lo), (x + 0.9, floor + 2.1, hi)),))
    face = x + spec.side * _point_radius(spec.at)
    if spec.kind == "wall":
        near, far = face, face + spec.side * 0.12
        lo, hi = min(near, far), max(near, far)
        return Prop("wall", boxes=(Box((lo, floor, z - 0.7), (hi, floor + 2.1, z + 0.7)),))
    # couch: a seat whose front face is at the body point, and a backrest behind it
    seat = spec.size or COUCH_SEAT
    s = spec.side
    front, back, rest = face, face + s * 0.62, face + s * 0.44
    boxes = (
        Box((min(front, back), floor, z - 0.8), (max(front, back), floor + seat, z + 0.8)),
        Box((min(rest, back), floor, z - 0.8), (max(rest, back), floor + 0.86, z + 0.8)),
    )
    return Prop("couch", boxes=boxes)


def supports_for(props: tuple[Prop, ...], floor: float) -> dict[str, tuple[Support, ...]]:
    out: dict[str, tuple[Support, ...]] = {"floor": (Floor(floor),)}
    for prop in props:
        out[prop.kind] = prop.supports
    return out


def mat_box(footprint: tuple[float, float, float, float]) -> Box:
    """A mat under everything that rests on the floor, at least mat-sized."""
    x0, x1, z0, z1 = footprint
    cx, cz = (x0 + x1) / 2, (z0 + z1) / 2
    half_len = max((x1 - x0) / 2 + 0.12, 0.9)
    half_wid = max((z1 - z0) / 2 + 0.1, 0.3)
    return Box((cx - half_len, 0.0, cz - half_wid), (cx + half_len, MAT_THICKNESS, cz + half_wid))
