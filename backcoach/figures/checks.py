"""Physical checks on solved figures, shared by the tests and ``python -m backcoach.figures
check``: contacts touch their supports, and nothing sinks into the floor or a prop."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.figures.contacts import PARTS, SURFACE_PROBES, body_support, part_distances
from backcoach.figures.figure import Figure
from backcoach.figures.skeleton import Body, solve_body

CONTACT_TOLERANCE = 0.006  # metres: under a pixel at 600 px wide
SINK_TOLERANCE = 0.004


@dataclass(frozen=True, slots=True)
class Problem:
    keyframe: str
    what: str
    metres: float

    def __str__(self) -> str:
        return f"{self.keyframe}: {self.what} ({self.metres * 100:+.1f} cm)"


def contact_gaps(fig: Figure, name: str, body: Body | None = None) -> dict[str, float]:
    """For each declared contact of a keyframe, the worst gap (+) or overlap (-)."""
    body = body or solve_body(fig.keyframes[name])
    supports = fig.supports()
    out: dict[str, float] = {}
    for contact in fig.contacts[name]:
        options = supports.get(contact.support) or (body_support(body, contact.support),)
        gaps = [part_distances(body, PARTS[contact.part], s) for s in options]
        best = min(gaps, key=lambda ds: max(abs(d) for d in ds))
        out[str(contact)] = max(best, key=abs)
    return out


def lowest_clearance(fig: Figure, body: Body) -> tuple[float, str]:
    """The deepest any drawn part goes into the floor or a prop (negative = into it)."""
    worst, where = float("inf"), ""
    for kind, group in fig.supports().items():
        for support in group:
            for probe in SURFACE_PROBES:
                d = probe.distance(body, support)
                if d < worst:
                    worst, where = d, f"{probe.point} into {kind}"
    return worst, where


def problems(fig: Figure) -> list[Problem]:
    out: list[Problem] = []
    for name, pose in fig.keyframes.items():
        body = solve_body(pose)
        for contact, gap in contact_gaps(fig, name, body).items():
            if abs(gap) > CONTACT_TOLERANCE:
                out.append(Problem(name, f"{contact} does not touch", gap))
        depth, where = lowest_clearance(fig, body)
        if depth < -SINK_TOLERANCE:
            out.append(Problem(name, where, depth))
    return out
