"""Turning a posed body (and its props) into a back-to-front list of drawable items."""

from __future__ import annotations

from backcoach.figures.camera import Projector
from backcoach.figures.contacts import Box
from backcoach.figures.hand import hand_pieces
from backcoach.figures.posefile import Camera
from backcoach.figures.primitives import (
    Capsule,
    Circle,
    Item,
    Line,
    Polygon,
    Scene,
    Shape,
    Tone,
    shape_bounds,
    union,
)
from backcoach.figures.props import Prop
from backcoach.figures.skeleton import HEAD_R, JAW_R, SECTIONS, SEGMENTS, Body, section_axes
from backcoach.figures.style import OUTLINE
from backcoach.figures.torso import trunk_outline

_SIDE_GAP = 0.04  # metres of depth before one side counts as the near one
_BACKDROP = -1e6  # props, the mat and the floor sit behind the figure


def body_items(body: Body, project: Projector, breath: float = 0.0) -> list[Item]:
    pos = {k: project(v) for k, v in body.pos.items()}
    near = _near_sides(pos)
    items: list[Item] = []
    for seg in SEGMENTS:
        a, b = pos[seg.a], pos[seg.b]
        if seg.side == 0:
            continue
        tone = Tone.NEAR if seg.side in near else Tone.FAR
        if seg.name.startswith("hand_"):
            shapes = tuple(
                Capsule(*_xy(project(p)), *_xy(project(q)), rp, rq)
                for p, q, rp, rq in hand_pieces(body.pos[seg.a], body.frame[seg.a], seg.side)
            )
        else:
            shapes = (Capsule(a[0], a[1], b[0], b[1], seg.ra, seg.rb),)
        items.append(Item(shapes, tone, (a[2] + b[2]) / 2))
    sections = []
    for sec in SECTIONS:
        c, w, d = section_axes(body, sec)
        if breath and sec.name in ("chest", "upper", "waist"):
            d = (d[0] * (1 + breath), d[1] * (1 + breath), d[2] * (1 + breath))
        sections.append((project(c), project.direction(w), project.direction(d)))
    outline = trunk_outline(sections)
    trunk_depth = sum(s[0][2] for s in sections) / len(sections)
    items.append(Item((Polygon(outline),), Tone.TRUNK, trunk_depth))
    head, jaw, neck, skull = pos["head"], pos["jaw"], pos["neck"], pos["skull_base"]
    head_shapes: tuple[Shape, ...] = (
        Capsule(neck[0], neck[1], skull[0], skull[1], 0.05, 0.048),
        Circle(jaw[0], jaw[1], JAW_R),
        Circle(head[0], head[1], HEAD_R),
    )
    items.append(Item(head_shapes, Tone.TRUNK, head[2]))
    return items


def _xy(p: tuple[float, float, float]) -> tuple[float, float]:
    return p[0], p[1]


def _near_sides(pos: dict[str, tuple[float, float, float]]) -> set[int]:
    """Which sides draw in the near tone; both when the figure faces the viewer."""
    near: set[int] = set()
    for left, right in (("shoulder_l", "shoulder_r"), ("hip_l", "hip_r")):
        gap = pos[right][2] - pos[left][2]
        if gap > -_SIDE_GAP:
            near.add(1)
        if gap < _SIDE_GAP:
            near.add(-1)
    return near


def box_items(box: Box, project: Projector, side: Tone, top: Tone, depth: float) -> list[Item]:
    """The faces of a box that face the viewer."""
    (x0, y0, z0), (x1, y1, z1) = box.lo, box.hi
    faces = (
        ((0, 1, 0), [(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)]),
        ((0, 0, 1), [(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)]),
        ((0, 0, -1), [(x0, y0, z0), (x1, y0, z0), (x1, y1, z0), (x0, y1, z0)]),
        ((1, 0, 0), [(x1, y0, z0), (x1, y0, z1), (x1, y1, z1), (x1, y1, z0)]),
        ((-1, 0, 0), [(x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0)]),
    )
    out: list[Item] = []
    for normal, corners in faces:
        if project.direction((float(normal[0]), float(normal[1]), float(normal[2])))[2] <= 1e-6:
            continue
        pts = tuple((p[0], p[1]) for p in map(project, corners))
        out.append(Item((Polygon(pts),), top if normal[1] else side, depth))
    return out


def prop_items(props: tuple[Prop, ...], project: Projector) -> list[Item]:
    out: list[Item] = []
    for prop in props:
        if prop.ball:
            c = project(prop.ball.centre)
            r = prop.ball.radius
            shine = Circle(c[0] - r * 0.35, c[1] + r * 0.35, r * 0.22)
            out.append(Item((Circle(c[0], c[1], r),), Tone.BALL, _BACKDROP + 2))
            out.append(Item((shine,), Tone.BALL_SHINE, _BACKDROP + 2.5))
        faint = prop.kind == "wall"
        for box in prop.boxes:
            side, top = (Tone.WALL, Tone.WALL) if faint else (Tone.PROP, Tone.PROP_TOP)
            out += box_items(box, project, side, top, _BACKDROP + 1)
    return out


def ground_items(
    camera: Camera, mat: Box | None, floor_span: tuple[float, float], project: Projector
) -> list[Item]:
    out: list[Item] = []
    if abs(camera.elevation) < 8:
        y = project((0.0, 0.0, 0.0))[1]
        x0, x1 = floor_span
        out.append(Item((Line(x0, y, x1, y),), Tone.FLOOR, _BACKDROP - 1))
    if mat is not None:
        out += box_items(mat, project, Tone.MAT, Tone.MAT_TOP, _BACKDROP)
    return out


def build_scene(
    body: Body,
    camera: Camera,
    props: tuple[Prop, ...] = (),
    mat: Box | None = None,
    breath: float = 0.0,
    frame: tuple[float, float, float, float] | None = None,
) -> Scene:
    project = Projector(camera)
    figure = body_items(body, project, breath)
    bounds = None
    for item in figure:
        for shape in item.shapes:
            bounds = union(bounds, shape_bounds(shape))
    # A ball or bench belongs in the picture; a wall or couch only as far as the body
    # reaches, so a tall wall does not shrink the figure.
    for prop in props:
        for item in prop_items((prop,), project):
            if prop.kind in ("ball", "bench", "post"):
                for shape in item.shapes:
                    bounds = union(bounds, shape_bounds(shape))
    figure += prop_items(props, project)
    if mat is not None and abs(camera.elevation) < 8:
        # Seen from the side the mat is a thin strip under the body and belongs in the
        # frame; from above it is a large sheet and would shrink the figure, so it is
        # cut off at the frame instead.
        for item in box_items(mat, project, Tone.MAT, Tone.MAT_TOP, 0):
            for shape in item.shapes:
                bounds = union(bounds, shape_bounds(shape))
    assert bounds is not None
    pad = OUTLINE * 1.5  # outlines are drawn outside the shapes
    bounds = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
    span = frame or bounds
    pad = (span[2] - span[0]) * 0.5 + 1.0
    ground = ground_items(camera, mat, (span[0] - pad, span[2] + pad), project)
    items = sorted(ground + figure, key=lambda it: it.depth)
    return Scene(tuple(items), frame or bounds)
