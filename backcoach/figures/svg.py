"""Writing a scene as a small, deterministic SVG file (SVG Tiny features only, so
QSvgRenderer and browsers draw it the same)."""

from __future__ import annotations

import math

from backcoach.figures.geometry import capsule_tangents, clip_polygon
from backcoach.figures.primitives import Capsule, Circle, Line, Polygon, Scene, Shape
from backcoach.figures.style import LIGHT, OUTLINE, Fit, Theme, fit


def _n(v: float) -> str:
    text = f"{v:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _path(
    shape: Shape, f: Fit, box: tuple[float, float, float, float] = (-1e9, -1e9, 1e9, 1e9)
) -> str:
    if isinstance(shape, Circle):
        x, y, r = f.x(shape.x), f.y(shape.y), shape.r * f.scale
        return (
            f"M{_n(x - r)} {_n(y)}A{_n(r)} {_n(r)} 0 1 0 {_n(x + r)} {_n(y)}"
            f"A{_n(r)} {_n(r)} 0 1 0 {_n(x - r)} {_n(y)}Z"
        )
    if isinstance(shape, Polygon):
        clipped = clip_polygon([(f.x(x), f.y(y)) for x, y in shape.points], *box)
        if len(clipped) < 3:
            return ""
        return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in clipped) + "Z"
    if isinstance(shape, Line):
        xa, xb = (
            max(min(f.x(shape.x0), f.x(shape.x1)), box[0]),
            min(max(f.x(shape.x0), f.x(shape.x1)), box[2]),
        )
        return f"M{_n(xa)} {_n(f.y(shape.y0))}L{_n(xb)} {_n(f.y(shape.y1))}"
    return _capsule(shape, f)


def _capsule(c: Capsule, f: Fit) -> str:
    a, b = (f.x(c.ax), f.y(c.ay)), (f.x(c.bx), f.y(c.by))
    ra, rb = c.ra * f.scale, c.rb * f.scale
    t = capsule_tangents(a, b, ra, rb)
    if t is None:
        big = Circle(c.ax, c.ay, c.ra) if c.ra >= c.rb else Circle(c.bx, c.by, c.rb)
        return _path(big, f)
    p1, p2, p3, p4, _ = t
    large_b = int(_span(b, p2, p3) > math.pi)
    large_a = int(_span(a, p4, p1) > math.pi)

    def pt(p: tuple[float, float]) -> str:
        return f"{_n(p[0])} {_n(p[1])}"

    return (
        f"M{pt(p1)}L{pt(p2)}A{_n(rb)} {_n(rb)} 0 {large_b} 0 {pt(p3)}"
        f"L{pt(p4)}A{_n(ra)} {_n(ra)} 0 {large_a} 0 {pt(p1)}Z"
    )


def _span(c: tuple[float, float], start: tuple[float, float], end: tuple[float, float]) -> float:
    t0 = math.atan2(start[1] - c[1], start[0] - c[0])
    t1 = math.atan2(end[1] - c[1], end[0] - c[0])
    return (t0 - t1) % (2 * math.pi)


def scene_svg(
    scene: Scene, width: int = 400, height: int = 300, theme: Theme = LIGHT, title: str = ""
) -> str:
    f = fit(scene.bounds, width, height)
    outline = _n(2 * OUTLINE * f.scale)
    box = (0.0, 0.0, float(width), float(height))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
    ]
    if title:
        out.append(f"<title>{_escape(title)}</title>")
    out.append('<g stroke-linejoin="round" stroke-linecap="round">')
    for item in scene.items:
        fill, stroke = theme.colours[item.tone]
        paths = [d for d in (_path(s, f, box) for s in item.shapes) if d]
        if not paths:
            continue
        if not fill:
            out += [
                f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{outline}"/>'
                for d in paths
            ]
            continue
        if stroke:
            out += [
                f'<path d="{d}" fill="none" stroke="{stroke}" stroke-width="{outline}"/>'
                for d in paths
            ]
        out += [f'<path d="{d}" fill="{fill}"/>' for d in paths]
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
