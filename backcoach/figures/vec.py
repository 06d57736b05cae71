"""Small 3D vector and rotation helpers on plain tuples.

The figure is posed and drawn on every animation frame, so this stays dependency-free
and allocation-light: a vector is a 3-tuple, a rotation a row-major 9-tuple.
"""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
Mat = tuple[float, float, float, float, float, float, float, float, float]

IDENTITY: Mat = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)
_RAD = math.pi / 180.0


def rot_x(deg: float) -> Mat:
    c, s = math.cos(deg * _RAD), math.sin(deg * _RAD)
    return (1.0, 0.0, 0.0, 0.0, c, -s, 0.0, s, c)


def rot_y(deg: float) -> Mat:
    c, s = math.cos(deg * _RAD), math.sin(deg * _RAD)
    return (c, 0.0, s, 0.0, 1.0, 0.0, -s, 0.0, c)


def rot_z(deg: float) -> Mat:
    c, s = math.cos(deg * _RAD), math.sin(deg * _RAD)
    return (c, -s, 0.0, s, c, 0.0, 0.0, 0.0, 1.0)


def mul(a: Mat, b: Mat) -> Mat:
    a0, a1, a2, a3, a4, a5, a6, a7, a8 = a
    b0, b1, b2, b3, b4, b5, b6, b7, b8 = b
    return (
        a0 * b0 + a1 * b3 + a2 * b6,
        a0 * b1 + a1 * b4 + a2 * b7,
        a0 * b2 + a1 * b5 + a2 * b8,
        a3 * b0 + a4 * b3 + a5 * b6,
        a3 * b1 + a4 * b4 + a5 * b7,
        a3 * b2 + a4 * b5 + a5 * b8,
        a6 * b0 + a7 * b3 + a8 * b6,
        a6 * b1 + a7 * b4 + a8 * b7,
        a6 * b2 + a7 * b5 + a8 * b8,
    )


def apply(m: Mat, v: Vec) -> Vec:
    x, y, z = v
    return (
        m[0] * x + m[1] * y + m[2] * z,
        m[3] * x + m[4] * y + m[5] * z,
        m[6] * x + m[7] * y + m[8] * z,
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def norm(a: Vec) -> float:
    return math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2])
