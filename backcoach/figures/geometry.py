"""Outlines of the shapes, in pixels, shared by the SVG writer and the Qt painter."""

from __future__ import annotations

import math

Pt = tuple[float, float]


def capsule_tangents(a: Pt, b: Pt, ra: float, rb: float) -> tuple[Pt, Pt, Pt, Pt, Pt] | None:
    """Outer tangent points p1 (at a), p2 (at b), p3 (at b), p4 (at a), and the unit axis.

    ``None`` when one end circle swallows the other.
    """
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    if d <= abs(ra - rb) + 1e-9:
        return None
    ux, uy = dx / d, dy / d
    nx, ny = -uy, ux
    s = (ra - rb) / d
    c = math.sqrt(max(1.0 - s * s, 0.0))
    m1 = (nx * c + ux * s, ny * c + uy * s)
    m2 = (-nx * c + ux * s, -ny * c + uy * s)
    return (
        (a[0] + ra * m1[0], a[1] + ra * m1[1]),
        (b[0] + rb * m1[0], b[1] + rb * m1[1]),
        (b[0] + rb * m2[0], b[1] + rb * m2[1]),
        (a[0] + ra * m2[0], a[1] + ra * m2[1]),
        (ux, uy),
    )


def capsule_polygon(a: Pt, b: Pt, ra: float, rb: float, steps: int = 8) -> list[Pt]:
    """The capsule outline as a polygon (arcs as ``steps`` chords each)."""
    t = capsule_tangents(a, b, ra, rb)
    if t is None:
        c, r = (a, ra) if ra >= rb else (b, rb)
        return [
            (c[0] + r * math.cos(k * math.pi / 8), c[1] + r * math.sin(k * math.pi / 8))
            for k in range(16)
        ]
    p1, p2, p3, p4, _ = t
    out = [p1, p2]
    out += _arc(b, rb, p2, p3, steps)
    out += [p3, p4]
    out += _arc(a, ra, p4, p1, steps)
    return out


def _arc(c: Pt, r: float, start: Pt, end: Pt, steps: int) -> list[Pt]:
    """Points strictly between start and end on the outer side of the capsule: the tangent
    points sit at ±90° from the axis, so the outer arc always runs toward smaller angles."""
    t0 = math.atan2(start[1] - c[1], start[0] - c[0])
    t1 = math.atan2(end[1] - c[1], end[0] - c[0])
    span = (t0 - t1) % (2 * math.pi)
    return [
        (c[0] + r * math.cos(t0 - span * k / steps), c[1] + r * math.sin(t0 - span * k / steps))
        for k in range(1, steps)
    ]


def offset_polygon(points: list[Pt], d: float) -> list[Pt]:
    """The closed polygon pushed outward by ``d`` along its vertex normals.

    Used to draw outlines as a slightly larger fill underneath, which is several times
    cheaper for QPainter than stroking with a wide pen.
    """
    n = len(points)
    area2 = sum(points[i - 1][0] * points[i][1] - points[i][0] * points[i - 1][1] for i in range(n))
    sign = 1.0 if area2 < 0 else -1.0  # outward is to the left of travel when clockwise
    out: list[Pt] = []
    for i in range(n):
        px, py = points[i - 1]
        cx, cy = points[i]
        nx, ny = points[(i + 1) % n]
        ax, ay = cx - px, cy - py
        bx, by = nx - cx, ny - cy
        la = math.hypot(ax, ay) or 1.0
        lb = math.hypot(bx, by) or 1.0
        # left normals of both edges, averaged
        mx = -ay / la - by / lb
        my = ax / la + bx / lb
        lm = math.hypot(mx, my)
        if lm < 1e-9:
            out.append((cx, cy))
            continue
        # keep the offset distance right at corners, but never spike
        cos_half = max(lm / 2, 0.5)
        k = sign * d / (lm * cos_half)
        out.append((cx + mx * k, cy + my * k))
    return out


def clip_polygon(points: list[Pt], x0: float, y0: float, x1: float, y1: float) -> list[Pt]:
    """The part of a polygon inside a rectangle (Sutherland-Hodgman); SVG Tiny has no
    clip paths, and some renderers draw outside the view box."""

    def clip(pts: list[Pt], inside, cross) -> list[Pt]:  # type: ignore[no-untyped-def]
        out: list[Pt] = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x: float):  # type: ignore[no-untyped-def]
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y: float):  # type: ignore[no-untyped-def]
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = points
    for inside, cross in (
        (lambda p: p[0] >= x0, at_x(x0)),
        (lambda p: p[0] <= x1, at_x(x1)),
        (lambda p: p[1] >= y0, at_y(y0)),
        (lambda p: p[1] <= y1, at_y(y1)),
    ):
        if not pts:
            break
        pts = clip(pts, inside, cross)
    return pts
