"""The mannequin: fixed bone lengths, joint rotations, forward kinematics.

Frames follow the body: x points forward (out of the chest), y up the spine, z to the
figure's right. A pose is a flat mapping ``"joint.dof" -> value`` (degrees, or metres for
the root's x/y/z); anything missing is 0, which is standing tall, arms by the sides.

Angles are anatomical, so a left and a right limb read the same: ``hip_l.abd = 30`` and
``hip_r.abd = 30`` both lift the leg away from the midline. That is also why mirroring a
pose is just swapping ``_l`` and ``_r`` and negating the few sideways angles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from backcoach.figures.vec import Mat, Vec, add, apply, mul, rot_x, rot_y, rot_z

Pose = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Joint:
    name: str
    parent: str | None
    offset: Vec  # where this joint sits, in the parent's frame
    kind: str  # root | spine | ball | knee | elbow | ankle | wrist
    side: int  # -1 left, +1 right, 0 midline


def _limbs(side: str, s: int) -> tuple[Joint, ...]:
    z = 0.09 * s
    return (
        Joint(f"shoulder_{side}", "thoracic", (0.0, 0.225, 0.18 * s), "ball", s),
        Joint(f"elbow_{side}", f"shoulder_{side}", (0.0, -0.29, 0.0), "elbow", s),
        Joint(f"wrist_{side}", f"elbow_{side}", (0.0, -0.25, 0.0), "wrist", s),
        Joint(f"hip_{side}", "pelvis", (0.0, 0.0, z), "ball", s),
        Joint(f"knee_{side}", f"hip_{side}", (0.0, -0.44, 0.0), "knee", s),
        Joint(f"ankle_{side}", f"knee_{side}", (0.0, -0.43, 0.0), "ankle", s),
    )


JOINTS: tuple[Joint, ...] = (
    Joint("pelvis", None, (0.0, 0.0, 0.0), "root", 0),
    Joint("lumbar", "pelvis", (0.0, 0.08, 0.0), "spine", 0),
    Joint("thoracic", "lumbar", (0.0, 0.20, 0.0), "spine", 0),
    Joint("neck", "thoracic", (0.0, 0.26, 0.0), "spine", 0),
    *_limbs("l", -1),
    *_limbs("r", 1),
)
JOINT_NAMES = tuple(j.name for j in JOINTS)

DOFS_BY_KIND: dict[str, tuple[str, ...]] = {
    "root": ("yaw", "pitch", "roll", "x", "y", "z"),
    "spine": ("flex", "side", "twist"),
    "ball": ("flex", "abd", "rot"),
    "knee": ("flex",),
    "elbow": ("flex",),
    "ankle": ("flex",),
    "wrist": ("flex",),
}
DOF_KEYS: tuple[str, ...] = tuple(f"{j.name}.{d}" for j in JOINTS for d in DOFS_BY_KIND[j.kind])
# Comfortable ranges of motion (degrees). The placer keeps inside them, so it never
# solves a contact by bending an elbow backwards.
_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("ball_hip", "flex"): (-35, 145),
    ("ball_hip", "abd"): (-35, 75),
    ("ball_hip", "rot"): (-70, 60),
    ("ball_shoulder", "flex"): (-70, 185),
    ("ball_shoulder", "abd"): (-50, 185),
    ("ball_shoulder", "rot"): (-95, 95),
    ("knee", "flex"): (-3, 158),
    ("elbow", "flex"): (-3, 150),
    ("ankle", "flex"): (-85, 40),
    ("wrist", "flex"): (-85, 95),
    ("spine", "flex"): (-40, 55),
    ("spine", "side"): (-35, 35),
    ("spine", "twist"): (-55, 55),
    ("neck", "flex"): (-50, 60),
    ("neck", "side"): (-40, 40),
    ("neck", "twist"): (-80, 80),
}


def dof_range(key: str) -> tuple[float, float] | None:
    joint, _, dof = key.partition(".")
    kind = next((j.kind for j in JOINTS if j.name == joint), "")
    if kind == "ball":
        kind = "ball_hip" if joint.startswith("hip") else "ball_shoulder"
    elif joint == "neck":
        kind = "neck"
    return _RANGES.get((kind, dof))


# Points carried by a joint's frame that are not joints themselves.
POINTS: dict[str, tuple[str, Vec]] = {
    "head": ("neck", (0.03, 0.17, 0.0)),
    "jaw": ("neck", (0.062, 0.118, 0.0)),
    "skull_base": ("neck", (0.0, 0.09, 0.0)),
    **{f"fingertip_{s}": (f"wrist_{s}", (0.0, -0.16, 0.0)) for s in "lr"},
    **{f"heel_{s}": (f"ankle_{s}", (-0.045, -0.035, 0.0)) for s in "lr"},
    **{f"toe_{s}": (f"ankle_{s}", (0.175, -0.048, 0.0)) for s in "lr"},
}

HEAD_R = 0.1
JAW_R = 0.062


@dataclass(frozen=True, slots=True)
class Segment:
    """A limb piece drawn as a tapered capsule; its length never changes."""

    name: str
    a: str
    b: str
    ra: float
    rb: float
    side: int


def _limb_segments(s: str, k: int) -> tuple[Segment, ...]:
    return (
        Segment(f"thigh_{s}", f"hip_{s}", f"knee_{s}", 0.082, 0.056, k),
        Segment(f"shin_{s}", f"knee_{s}", f"ankle_{s}", 0.054, 0.038, k),
        Segment(f"foot_{s}", f"heel_{s}", f"toe_{s}", 0.036, 0.022, k),
        Segment(f"upper_arm_{s}", f"shoulder_{s}", f"elbow_{s}", 0.05, 0.039, k),
        Segment(f"forearm_{s}", f"elbow_{s}", f"wrist_{s}", 0.039, 0.03, k),
        Segment(f"hand_{s}", f"wrist_{s}", f"fingertip_{s}", 0.022, 0.0105, k),  # see hand.py
    )


SEGMENTS: tuple[Segment, ...] = (
    Segment("neck", "neck", "skull_base", 0.05, 0.048, 0),
    *_limb_segments("l", -1),
    *_limb_segments("r", 1),
)
SEGMENT_BY_NAME = {s.name: s for s in SEGMENTS}


@dataclass(frozen=True, slots=True)
class Section:
    """An elliptical slice of the trunk; the trunk outline is swept through them."""

    name: str
    frame: str
    offset: Vec  # centre, in the frame of ``frame``
    half_width: float  # along the frame's z (side to side)
    half_depth: float  # along the frame's x (back to front)


SECTIONS: tuple[Section, ...] = (
    Section("seat", "pelvis", (-0.03, -0.06, 0.0), 0.14, 0.085),
    Section("hips", "pelvis", (-0.01, 0.04, 0.0), 0.17, 0.105),
    Section("belly", "lumbar", (0.0, 0.06, 0.0), 0.15, 0.1),
    Section("waist", "lumbar", (0.0, 0.16, 0.0), 0.14, 0.095),
    Section("ribs", "thoracic", (0.015, 0.05, 0.0), 0.155, 0.11),
    Section("chest", "thoracic", (0.0, 0.14, 0.0), 0.165, 0.115),
    Section("upper", "thoracic", (-0.005, 0.215, 0.0), 0.16, 0.09),
    Section("collar", "neck", (-0.01, 0.03, 0.0), 0.08, 0.06),
)
SECTION_BY_NAME = {s.name: s for s in SECTIONS}


@dataclass(frozen=True, slots=True)
class Body:
    """A posed figure: every joint and point in world coordinates, and joint frames."""

    pos: dict[str, Vec]
    frame: dict[str, Mat]

    def translated(self, d: Vec) -> Body:
        return Body({k: add(v, d) for k, v in self.pos.items()}, self.frame)


def local_rotation(joint: Joint, pose: Pose) -> Mat:
    g = pose.get
    n = joint.name
    kind = joint.kind
    if kind == "ball":
        s = joint.side
        return mul(
            rot_z(g(n + ".flex", 0.0)),
            mul(rot_x(-s * g(n + ".abd", 0.0)), rot_y(s * g(n + ".rot", 0.0))),
        )
    if kind == "spine":
        return mul(
            rot_z(-g(n + ".flex", 0.0)),
            mul(rot_x(g(n + ".side", 0.0)), rot_y(-g(n + ".twist", 0.0))),
        )
    if kind == "knee":
        return rot_z(-g(n + ".flex", 0.0))
    if kind in ("elbow", "ankle", "wrist"):
        return rot_z(g(n + ".flex", 0.0))
    # root: turn about the long axis (yaw: the heading when standing; which way the chest
    # faces when lying), then lean toward the viewer (roll), then tip over (pitch: 90 lies
    # the figure down with the head toward +x, -90 with the head toward -x)
    return mul(
        rot_z(-g(n + ".pitch", 0.0)),
        mul(rot_x(g(n + ".roll", 0.0)), rot_y(g(n + ".yaw", 0.0))),
    )


def solve_body(pose: Pose) -> Body:
    """Forward kinematics: joint angles to world positions."""
    pos: dict[str, Vec] = {}
    frame: dict[str, Mat] = {}
    g = pose.get
    for joint in JOINTS:
        rot = local_rotation(joint, pose)
        if joint.parent is None:
            frame[joint.name] = rot
            pos[joint.name] = (g("pelvis.x", 0.0), g("pelvis.y", 0.0), g("pelvis.z", 0.0))
        else:
            parent_rot = frame[joint.parent]
            frame[joint.name] = mul(parent_rot, rot)
            pos[joint.name] = add(pos[joint.parent], apply(parent_rot, joint.offset))
    for name, (on, offset) in POINTS.items():
        pos[name] = add(pos[on], apply(frame[on], offset))
    return Body(pos, frame)


def section_axes(body: Body, section: Section) -> tuple[Vec, Vec, Vec]:
    """Centre, half-width axis and half-depth axis of a trunk slice, in world coordinates."""
    rot = body.frame[section.frame]
    centre = add(body.pos[section.frame], apply(rot, section.offset))
    w = section.half_width
    d = section.half_depth
    return centre, (rot[2] * w, rot[5] * w, rot[8] * w), (rot[0] * d, rot[3] * d, rot[6] * d)


def mirror_key(key: str) -> str:
    joint, _, dof = key.partition(".")
    if joint.endswith("_l"):
        return f"{joint[:-2]}_r.{dof}"
    if joint.endswith("_r"):
        return f"{joint[:-2]}_l.{dof}"
    return key


# Angles that turn toward one side, and the root's sideways position, change sign in a mirror.
_MIRROR_NEGATE = {"pelvis.yaw", "pelvis.roll", "pelvis.z"} | {
    f"{j}.{d}" for j in ("lumbar", "thoracic", "neck") for d in ("side", "twist")
}


def mirror_pose(pose: Pose) -> dict[str, float]:
    """The same pose on the other side: the reflection through the body's midline plane."""
    out: dict[str, float] = {}
    for key, value in pose.items():
        out[mirror_key(key)] = -value if key in _MIRROR_NEGATE else value
    return out
