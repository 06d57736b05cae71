"""What a picture is made of: flat 2D shapes with a depth and a tone.

The geometry is computed once per frame into these; the SVG writer and the Qt painter
only map tones to colours and draw the list in order (back to front). Coordinates are
metres on the picture plane, y pointing up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Tone(StrEnum):
    NEAR = "near"  # limbs on the side facing the viewer
    FAR = "far"  # limbs on the other side, lighter
    TRUNK = "trunk"  # trunk, neck and head
    PROP = "prop"  # faces of benches, couches, walls
    PROP_TOP = "prop-top"
    WALL = "wall"  # large and behind everything: kept faint
    BALL = "ball"
    BALL_SHINE = "ball-shine"
    MAT = "mat"
    MAT_TOP = "mat-top"
    FLOOR = "floor"


BACKDROP_DEPTH = -1e5  # items at or below this depth (floor, mat, props) never move


@dataclass(frozen=True, slots=True)
class Capsule:
    """A tapered capsule: two circles joined by their outer tangents."""

    ax: float
    ay: float
    bx: float
    by: float
    ra: float
    rb: float


@dataclass(frozen=True, slots=True)
class Circle:
    x: float
    y: float
    r: float


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float


Shape = Capsule | Circle | Polygon | Line


@dataclass(frozen=True, slots=True)
class Item:
    """Shapes drawn as one silhouette: all outlines first, then all fills, so the pieces
    of one item (a head and its jaw) merge instead of showing seams."""

    shapes: tuple[Shape, ...]
    tone: Tone
    depth: float  # larger is nearer the viewer


@dataclass(frozen=True, slots=True)
class Scene:
    items: tuple[Item, ...]  # back to front
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1 of everything drawn


def shape_bounds(shape: Shape) -> tuple[float, float, float, float]:
    if isinstance(shape, Capsule):
        return (
            min(shape.ax - shape.ra, shape.bx - shape.rb),
            min(shape.ay - shape.ra, shape.by - shape.rb),
            max(shape.ax + shape.ra, shape.bx + shape.rb),
            max(shape.ay + shape.ra, shape.by + shape.rb),
        )
    if isinstance(shape, Circle):
        return (shape.x - shape.r, shape.y - shape.r, shape.x + shape.r, shape.y + shape.r)
    if isinstance(shape, Line):
        return (
            min(shape.x0, shape.x1),
            min(shape.y0, shape.y1),
            max(shape.x0, shape.x1),
            max(shape.y0, shape.y1),
        )
    xs = [p[0] for p in shape.points]
    ys = [p[1] for p in shape.points]
    return (min(xs), min(ys), max(xs), max(ys))


def union(
    a: tuple[float, float, float, float] | None, b: tuple[float, float, float, float]
) -> tuple[float, float, float, float]:
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
