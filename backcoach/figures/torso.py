"""The trunk outline: a smooth silhouette swept through projected elliptical slices.

Each slice of the trunk is an ellipse in 3D; projected, it is still an ellipse. Walking
up the spine, the outline takes each slice's extreme point on either side of the spine's
on-screen direction, rounds off both ends with the end slices' own curves, and is then
smoothed, so the trunk reads as a body (chest, waist, seat) from any camera angle.
"""

from __future__ import annotations

import math

Pt = tuple[float, float]
_BOTTOM = 0.07  # how far the seat rounds off below the lowest slice, metres
_TOP = 0.035
Slice = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]


def _extreme(a: Pt, b: Pt, n: Pt) -> Pt:
    """Offset of the ellipse point furthest along ``n``."""
    an = a[0] * n[0] + a[1] * n[1]
    bn = b[0] * n[0] + b[1] * n[1]
    t = math.atan2(bn, an)
    c, s = math.cos(t), math.sin(t)
    return (a[0] * c + b[0] * s, a[1] * c + b[1] * s)


def _cap(c: Pt, e: Pt, outward: Pt, length: float, steps: int = 6) -> list[Pt]:
    """A rounded end from ``c + e`` over the outward side to ``c - e``.

    The slice's own ellipse can collapse to a line when seen edge-on, so the end is a
    half-ellipse of fixed length instead: the trunk's ends always look rounded.
    """
    out = []
    for i in range(1, steps):
        t = math.pi * i / steps
        ct, st = math.cos(t), math.sin(t)
        out.append(
            (
                c[0] + e[0] * ct + outward[0] * length * st,
                c[1] + e[1] * ct + outward[1] * length * st,
            )
        )
    return out


def trunk_outline(slices: list[Slice]) -> tuple[Pt, ...]:
    centres = [(s[0][0], s[0][1]) for s in slices]
    axes = [((s[1][0], s[1][1]), (s[2][0], s[2][1])) for s in slices]
    n = len(slices)
    left: list[Pt] = []
    right: list[Pt] = []
    dirs: list[Pt] = []
    last = (0.0, 1.0)
    for i in range(n):
        p = centres[max(i - 1, 0)]
        q = centres[min(i + 1, n - 1)]
        dx, dy = q[0] - p[0], q[1] - p[1]
        length = math.hypot(dx, dy)
        d = (dx / length, dy / length) if length > 1e-6 else last
        last = d
        dirs.append(d)
        normal = (-d[1], d[0])
        ox, oy = _extreme(*axes[i], normal)
        c = centres[i]
        left.append((c[0] + ox, c[1] + oy))
        right.append((c[0] - ox, c[1] - oy))
    c0, c1 = centres[0], centres[-1]
    e0 = (right[0][0] - c0[0], right[0][1] - c0[1])
    e1 = (left[-1][0] - c1[0], left[-1][1] - c1[1])
    bottom = _cap(c0, e0, (-dirs[0][0], -dirs[0][1]), _BOTTOM)
    top = _cap(c1, e1, dirs[-1], _TOP)
    ring = left + top + right[::-1] + bottom
    return _smooth(ring)


def _smooth(ring: list[Pt], steps: int = 3) -> tuple[Pt, ...]:
    """Closed Catmull-Rom spline through the ring."""
    n = len(ring)
    out: list[Pt] = []
    for i in range(n):
        p0, p1, p2, p3 = ring[i - 1], ring[i], ring[(i + 1) % n], ring[(i + 2) % n]
        for k in range(steps):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(
                (
                    0.5
                    * (
                        2 * p1[0]
                        + (-p0[0] + p2[0]) * t
                        + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                        + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3
                    ),
                    0.5
                    * (
                        2 * p1[1]
                        + (-p0[1] + p2[1]) * t
                        + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                        + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3
                    ),
                )
            )
    return tuple(out)
