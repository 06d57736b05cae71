"""Orthographic projection for a camera at an azimuth and elevation."""

from __future__ import annotations

from backcoach.figures.posefile import Camera
from backcoach.figures.vec import Mat, Vec, mul, rot_x, rot_y


class Projector:
    """World point to (screen x, screen y, depth); depth grows toward the viewer."""

    __slots__ = ("m",)

    def __init__(self, camera: Camera) -> None:
        self.m: Mat = mul(rot_x(camera.elevation), rot_y(-camera.azimuth))

    def __call__(self, p: Vec) -> Vec:
        m = self.m
        x, y, z = p
        return (
            m[0] * x + m[1] * y + m[2] * z,
            m[3] * x + m[4] * y + m[5] * z,
            m[6] * x + m[7] * y + m[8] * z,
        )

    def direction(self, v: Vec) -> Vec:
        return self(v)
