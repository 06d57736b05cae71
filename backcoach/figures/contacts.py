"""Where the body meets its supports: probes on the body, signed distances to surfaces.

A support is a solid (the floor, a ball, a box such as a bench, couch or wall) with a
signed distance: positive outside, zero on the surface. A contact names a body part;
the part touches its support when the signed distance of its probes is zero. "Flat"
parts (a forearm, a shin, a whole foot) touch along their length, so every probe must
touch; the others touch at their lowest point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcoach.figures.skeleton import (
    HEAD_R,
    JAW_R,
    SECTION_BY_NAME,
    SEGMENTS,
    Body,
    section_axes,
)
from backcoach.figures.vec import Vec


@dataclass(frozen=True, slots=True)
class Floor:
    height: float

    def distance(self, p: Vec) -> float:
        return p[1] - self.height


@dataclass(frozen=True, slots=True)
class Sphere:
    centre: Vec
    radius: float

    def distance(self, p: Vec) -> float:
        c = self.centre
        return math.sqrt((p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2 + (p[2] - c[2]) ** 2) - self.radius


@dataclass(frozen=True, slots=True)
class Box:
    lo: Vec
    hi: Vec

    def distance(self, p: Vec) -> float:
        dx = max(self.lo[0] - p[0], p[0] - self.hi[0])
        dy = max(self.lo[1] - p[1], p[1] - self.hi[1])
        dz = max(self.lo[2] - p[2], p[2] - self.hi[2])
        outside = math.sqrt(max(dx, 0.0) ** 2 + max(dy, 0.0) ** 2 + max(dz, 0.0) ** 2)
        return outside + min(max(dx, dy, dz), 0.0)


Support = Floor | Sphere | Box


@dataclass(frozen=True, slots=True)
class Probe:
    """A sphere on a body point, or an elliptical trunk slice."""

    point: str  # a point of Body.pos, or a Section name when ``section`` is true
    radius: float = 0.0
    section: bool = False

    def distance(self, body: Body, support: Support) -> float:
        if not self.section:
            return support.distance(body.pos[self.point]) - self.radius
        centre, w, d = section_axes(body, SECTION_BY_NAME[self.point])
        if isinstance(support, Floor):
            return centre[1] - math.sqrt(w[1] * w[1] + d[1] * d[1]) - support.height
        best = math.inf
        for i in range(16):
            a = i * math.pi / 8
            c, s = math.cos(a), math.sin(a)
            p = (
                centre[0] + c * w[0] + s * d[0],
                centre[1] + c * w[1] + s * d[1],
                centre[2] + c * w[2] + s * d[2],
            )
            best = min(best, support.distance(p))
        return best


def body_support(body: Body, point: str) -> Sphere:
    """Another part of the body as a support: hands on a knee, an ankle on a thigh."""
    if point == "head":
        return Sphere(body.pos["head"], HEAD_R)
    return Sphere(body.pos[point], _radius(point))


def _radius(point: str) -> float:
    """The thickest capsule end on a joint, so a probe sits on the drawn surface."""
    radii = [s.ra for s in SEGMENTS if s.a == point] + [s.rb for s in SEGMENTS if s.b == point]
    return max(radii)


def _sphere(point: str) -> Probe:
    return Probe(point, _radius(point))


def _sec(name: str) -> Probe:
    return Probe(name, section=True)


@dataclass(frozen=True, slots=True)
class Part:
    probes: tuple[Probe, ...]
    flat: bool  # every probe touches (lying along the surface), else the lowest one


def _sided(s: str) -> dict[str, Part]:
    return {
        f"hand_{s}": Part((_sphere(f"wrist_{s}"), _sphere(f"fingertip_{s}")), True),
        f"fingers_{s}": Part((_sphere(f"fingertip_{s}"),), False),
        f"forearm_{s}": Part((_sphere(f"elbow_{s}"), _sphere(f"wrist_{s}")), True),
        f"elbow_{s}": Part((_sphere(f"elbow_{s}"),), False),
        f"arm_{s}": Part(
            (_sphere(f"shoulder_{s}"), _sphere(f"elbow_{s}"), _sphere(f"wrist_{s}")), True
        ),
        f"shoulder_{s}": Part((_sphere(f"shoulder_{s}"),), False),
        f"knee_{s}": Part((_sphere(f"knee_{s}"),), False),
        f"shin_{s}": Part((_sphere(f"knee_{s}"), _sphere(f"ankle_{s}")), True),
        f"thigh_{s}": Part((_sphere(f"hip_{s}"), _sphere(f"knee_{s}")), True),
        f"leg_{s}": Part((_sphere(f"knee_{s}"), _sphere(f"heel_{s}")), True),
        f"foot_{s}": Part((_sphere(f"heel_{s}"), _sphere(f"toe_{s}")), True),
        f"heel_{s}": Part((_sphere(f"heel_{s}"),), False),
        f"ankle_{s}": Part((_sphere(f"ankle_{s}"),), False),
        f"instep_{s}": Part((_sphere(f"ankle_{s}"), _sphere(f"toe_{s}")), True),
        f"toes_{s}": Part((_sphere(f"toe_{s}"),), False),
    }


PARTS: dict[str, Part] = {
    "head": Part((Probe("head", HEAD_R), Probe("jaw", JAW_R)), False),
    "back": Part((_sec("upper"), _sec("chest"), _sec("ribs")), False),
    "chest": Part((_sec("chest"), _sec("ribs"), _sec("upper")), False),
    "belly": Part((_sec("waist"), _sec("belly")), False),
    "pelvis": Part((_sec("hips"), _sec("seat")), False),
    "trunk": Part(
        tuple(_sec(s) for s in ("seat", "hips", "belly", "waist", "ribs", "chest")), False
    ),
    **_sided("l"),
    **_sided("r"),
}


def part_distances(body: Body, part: Part, support: Support) -> list[float]:
    """One signed distance per probe for a flat part, else the single closest one."""
    values = [p.distance(body, support) for p in part.probes]
    return values if part.flat else [min(values)]


def _surface_probes() -> tuple[Probe, ...]:
    probes: list[Probe] = [Probe("head", HEAD_R), Probe("jaw", JAW_R)]
    probes += [_sec(name) for name in SECTION_BY_NAME]
    seen: set[str] = set()
    for seg in SEGMENTS:
        for point in (seg.a, seg.b):
            if point not in seen:
                seen.add(point)
                probes.append(_sphere(point))
    return tuple(probes)


# Everything drawn, as probes: nothing may sink into the floor or a prop.
SURFACE_PROBES = _surface_probes()
