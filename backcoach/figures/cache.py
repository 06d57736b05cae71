"""Solved figures, saved next to the pose files so the app never waits for the solver.

``python -m backcoach.figures build`` writes ``assets/poses/solved.json``: for every pose
file, a hash of its text and every look (base and variants) solved. At run time a figure
comes from there when the hash matches; a pose file edited since (or a runner's own) is
solved on first use instead. A test keeps the committed file current.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from backcoach.figures.contacts import Box, Sphere
from backcoach.figures.posefile import Camera, Contact
from backcoach.figures.props import Prop

SOLVER_VERSION = 1  # bump when solving changes, so every cached figure is redone
CACHE_NAME = "solved.json"


def file_hash(path: Path) -> str:
    digest = hashlib.sha256(f"v{SOLVER_VERSION}\n".encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _r(v: float) -> float:
    r = round(v, 5)
    return 0.0 if r == 0 else r


def _vec(v: tuple[float, float, float]) -> list[float]:
    return [_r(x) for x in v]


def figure_to_json(fig: Any) -> dict[str, Any]:
    return {
        "camera": [fig.camera.azimuth, fig.camera.elevation],
        "floor": _r(fig.floor),
        "props": [
            {
                "kind": p.kind,
                "boxes": [[_vec(b.lo), _vec(b.hi)] for b in p.boxes],
                "ball": [_vec(p.ball.centre), _r(p.ball.radius)] if p.ball else None,
            }
            for p in fig.props
        ],
        "mat": [_vec(fig.mat.lo), _vec(fig.mat.hi)] if fig.mat else None,
        "key": fig.key,
        "anchor": fig.anchor,
        "keyframes": {
            name: {k: _r(v) for k, v in sorted(pose.items()) if _r(v) != 0.0}
            for name, pose in fig.keyframes.items()
        },
        "contacts": {name: [str(c) for c in cs] for name, cs in fig.contacts.items()},
    }


def figure_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for ``Figure`` (less id, variant and side) from the JSON form."""

    def box(pair: list[list[float]]) -> Box:
        lo, hi = pair
        return Box((lo[0], lo[1], lo[2]), (hi[0], hi[1], hi[2]))

    props = []
    for p in data["props"]:
        ball = None
        if p["ball"]:
            c, r = p["ball"]
            ball = Sphere((c[0], c[1], c[2]), r)
        props.append(Prop(p["kind"], tuple(box(b) for b in p["boxes"]), ball))
    contacts = {}
    for name, texts in data["contacts"].items():
        parsed = []
        for text in texts:
            part, _, support = text.partition("@")
            parsed.append(Contact(part, support or "floor"))
        contacts[name] = tuple(parsed)
    return {
        "camera": Camera(*data["camera"]),
        "floor": data["floor"],
        "props": tuple(props),
        "mat": box(data["mat"]) if data["mat"] else None,
        "key": data["key"],
        "keyframes": {k: dict(v) for k, v in data["keyframes"].items()},
        "contacts": contacts,
        "anchor": data["anchor"],
    }


def read_cache(folder: Path) -> dict[str, Any]:
    path = folder / CACHE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != SOLVER_VERSION:
        return {}
    figures = data.get("figures")
    return figures if isinstance(figures, dict) else {}


def cache_text(entries: dict[str, Any]) -> str:
    return (
        json.dumps({"version": SOLVER_VERSION, "figures": entries}, indent=1, sort_keys=True) + "\n"
    )
