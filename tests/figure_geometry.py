"""Measuring a solved exercise picture the way its steps describe it.

The picture tests ask questions such as "is the back knee within a few centimetres of the
floor?" or "does the back round in one phase and arch in the other?"; these helpers turn
a solved figure into the distances and angles those questions need. Positions are metres
in the world (y up; a figure standing faces +x), angles degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from backcoach.figures import figure_for
from backcoach.figures.contacts import PARTS, Floor, part_distances
from backcoach.figures.figure import Figure
from backcoach.figures.skeleton import HEAD_R, SECTION_BY_NAME, Body, section_axes, solve_body
from backcoach.figures.vec import Vec, norm, sub

UP: Vec = (0.0, 1.0, 0.0)


@dataclass(frozen=True)
class Pose:
    """One keyframe of one look, solved and placed (the left side, as the file is written)."""

    figure: Figure
    body: Body

    def at(self, point: str) -> Vec:
        return self.body.pos[point]

    def clearance(self, part: str) -> float:
        """How far the lowest point of a body part is above the floor (or the mat's top)."""
        return min(part_distances(self.body, PARTS[part], Floor(self.figure.floor)))

    def highest(self, part: str) -> float:
        """How far the highest probe of a part is above the floor: a flat part is down when
        even this is small."""
        probes = PARTS[part].probes
        return max(p.distance(self.body, Floor(self.figure.floor)) for p in probes)

    def height(self, point: str) -> float:
        return self.at(point)[1] - self.figure.floor

    def line(self, a: str, b: str) -> Vec:
        return sub(self.at(b), self.at(a))

    def tilt(self, a: str, b: str) -> float:
        """Angle of the line a→b from straight up (0 = pointing up, 180 = down)."""
        return angle(self.line(a, b), UP)

    def angle_at(self, a: str, joint: str, b: str) -> float:
        """The angle at ``joint`` between the lines to ``a`` and ``b`` (180 = straight)."""
        return angle(sub(self.at(a), self.at(joint)), sub(self.at(b), self.at(joint)))

    def distance(self, a: str, b: str) -> float:
        return norm(sub(self.at(a), self.at(b)))

    def off_line(self, point: str, a: str, b: str) -> tuple[float, float]:
        """(distance of ``point`` from the line a→b seen from the side, that is ignoring
        depth, and how far along it: 0 at a, 1 at b). A head between the arms is on the
        arms' line from the side, though half a shoulder-width from each arm."""
        ab = (*self.line(a, b)[:2], 0.0)
        ap = (*sub(self.at(point), self.at(a))[:2], 0.0)
        t = sum(ap[i] * ab[i] for i in range(3)) / sum(x * x for x in ab)
        return norm(tuple(ap[i] - t * ab[i] for i in range(3))), t  # type: ignore[arg-type]

    def back_sag(self) -> float:
        """How far the middle of the back bulges out (+, rounded) or sinks in (−, arched)
        from the straight line between the back of the hips and the upper back, metres.

        Measured on the drawn trunk: the back-most point of each trunk slice.
        """
        names = ("hips", "belly", "waist", "ribs", "chest", "upper")
        backs, outward = [], []
        for name in names:
            centre, _, depth = section_axes(self.body, SECTION_BY_NAME[name])
            backs.append(sub(centre, depth))
            d = norm(depth)
            outward.append(tuple(-x / d for x in depth))
        a, b = backs[0], backs[-1]
        chord = sub(b, a)
        chord_n = norm(chord)
        unit = tuple(x / chord_n for x in chord)
        mean = [sum(o[i] for o in outward) / len(outward) for i in range(3)]
        along = sum(mean[i] * unit[i] for i in range(3))
        normal = [mean[i] - along * unit[i] for i in range(3)]
        n = math.sqrt(sum(x * x for x in normal))
        normal = [x / n for x in normal]
        sags = [sum((p[i] - a[i]) * normal[i] for i in range(3)) for p in backs[1:-1]]
        return max(sags, key=abs)


def pose(exercise_id: str, keyframe: str = "", variant: str = "") -> Pose:
    fig = figure_for(exercise_id, variant)
    return Pose(fig, solve_body(fig.keyframes[keyframe or fig.key]))


def angle(u: Vec, v: Vec) -> float:
    c = sum(u[i] * v[i] for i in range(3)) / (norm(u) * norm(v))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def prop_distance(p: Pose, kind: str, part: str) -> float:
    """How far a body part is from the nearest prop of a kind (negative = inside it)."""
    supports = p.figure.supports().get(kind, ())
    assert supports, f"{p.figure.exercise_id} has no {kind}"
    return min(min(part_distances(p.body, PARTS[part], s)) for s in supports)


HEAD_RADIUS = HEAD_R
