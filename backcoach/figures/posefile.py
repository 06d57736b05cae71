"""Reading ``assets/poses/<exercise-id>.toml``: camera, props, contacts and keyframes.

The format is documented in docs/poses.md. Every mistake is collected (file, field,
fix) through the catalogue's ``FieldReader`` and raised together as ``PoseFileError``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backcoach.core.fields import CatalogError, FieldReader
from backcoach.figures.contacts import PARTS
from backcoach.figures.skeleton import DOFS_BY_KIND, JOINTS, POINTS, SECTION_BY_NAME

VIEWS: dict[str, tuple[float, float]] = {
    "side": (0.0, 0.0),
    "front": (90.0, 0.0),
    "back": (-90.0, 0.0),
    "top": (0.0, 90.0),
    "three-quarter": (35.0, 20.0),
}
PROP_KINDS = ("mat", "ball", "bench", "couch", "wall", "post")
POINT_NAMES = frozenset(j.name for j in JOINTS) | frozenset(POINTS)
_KIND = {j.name: j.kind for j in JOINTS}

# File names for joints: "body" is the root, a name without _l/_r sets both sides,
# and "spine" shares its angles equally between the lumbar and thoracic joints.
_GROUPS: dict[str, tuple[str, ...]] = {
    "body": ("pelvis",),
    "spine": ("lumbar", "thoracic"),
    **{name: (f"{name}_l", f"{name}_r") for name in ("hip", "knee", "ankle")},
    **{name: (f"{name}_l", f"{name}_r") for name in ("shoulder", "elbow", "wrist")},
}
_SINGLE = {j.name: (j.name,) for j in JOINTS if j.name != "pelvis"}
FILE_JOINTS: dict[str, tuple[str, ...]] = {**_GROUPS, **_SINGLE}
_FILE_DOFS = {"root": ("yaw", "pitch", "roll")}
_KEYFRAME_KEYS = {"like", "contacts", "adjust", "breath", "aim"}
# Body lines that can be aimed in a world direction ("the left arm points at the ceiling").
AIM_LINES: dict[str, tuple[str, str]] = {
    "trunk": ("pelvis", "neck"),
    "head": ("neck", "head"),
    **{f"arm_{s}": (f"shoulder_{s}", f"wrist_{s}") for s in "lr"},
    **{f"upper_arm_{s}": (f"shoulder_{s}", f"elbow_{s}") for s in "lr"},
    **{f"forearm_{s}": (f"elbow_{s}", f"wrist_{s}") for s in "lr"},
    **{f"leg_{s}": (f"hip_{s}", f"ankle_{s}") for s in "lr"},
    **{f"thigh_{s}": (f"hip_{s}", f"knee_{s}") for s in "lr"},
    **{f"shin_{s}": (f"knee_{s}", f"ankle_{s}") for s in "lr"},
}
DIRECTIONS: dict[str, tuple[float, float, float]] = {
    "up": (0.0, 1.0, 0.0),
    "down": (0.0, -1.0, 0.0),
    "+x": (1.0, 0.0, 0.0),
    "-x": (-1.0, 0.0, 0.0),
    "+z": (0.0, 0.0, 1.0),
    "-z": (0.0, 0.0, -1.0),
}
_SET_KEYS = {"view", "props", "contacts", "adjust", "aim", "key", "anchor", "keyframes"}


class PoseFileError(Exception):
    def __init__(self, errors: list[CatalogError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True, slots=True)
class Camera:
    azimuth: float  # degrees around the vertical; 0 looks along -z (figure's right side)
    elevation: float  # degrees above the horizon

    def mirrored(self) -> Camera:
        return Camera(180.0 - self.azimuth, self.elevation)


@dataclass(frozen=True, slots=True)
class PropSpec:
    kind: str
    at: str = ""  # body point it is placed against in the key pose
    side: float = 1.0  # walls and couches: which way along ``axis`` from ``at``
    shift: float = 0.0  # along world x, metres
    size: float = 0.0  # ball radius, bench or couch seat height (0 = default)
    axis: str = "x"  # a wall beside the figure ("+z"/"-z") lies along z instead of x


@dataclass(frozen=True, slots=True)
class Contact:
    part: str
    support: str = "floor"  # "floor" or a prop kind

    def __str__(self) -> str:
        return self.part if self.support == "floor" else f"{self.part}@{self.support}"


@dataclass(frozen=True, slots=True)
class Keyframe:
    name: str
    angles: dict[str, float]
    contacts: tuple[Contact, ...]
    adjust: tuple[str, ...]  # DOF keys the placer may change to make contacts touch
    aims: tuple[tuple[str, tuple[float, float, float]], ...] = ()


@dataclass(frozen=True, slots=True)
class PoseSet:
    """One look of an exercise: the base, or a variant that looks different."""

    view: Camera
    props: tuple[PropSpec, ...]
    key: str  # the keyframe drawn as the still picture
    anchor: str  # a contact part that stays put while animating ("" for none)
    keyframes: dict[str, Keyframe]
    contacts: tuple[Contact, ...] = ()  # defaults for keyframes that set none
    adjust: tuple[str, ...] = ()
    aims: tuple[tuple[str, tuple[float, float, float]], ...] = ()


@dataclass(frozen=True, slots=True)
class PoseFile:
    exercise_id: str
    path: Path
    base: PoseSet
    variants: dict[str, PoseSet] = field(default_factory=dict)

    def pose_set(self, variant: str | None) -> PoseSet:
        """The variant's own look when it has one, else the base (variants that only
        change the dose look the same)."""
        return self.variants.get(variant or "", self.base)


def load_pose_file(path: Path) -> PoseFile:
    reader = FieldReader(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PoseFileError([CatalogError(path, "", f"cannot be read as TOML ({exc})")]) from exc
    reader.keys(data, "", _SET_KEYS | {"variants", "side"})
    base = _read_set(reader, data, "", None)
    variants: dict[str, PoseSet] = {}
    for vid, table in (reader.subtable(data, "", "variants") or {}).items():
        if not isinstance(table, dict):
            reader.error(f"variants.{vid}", "expected a table ([variants.<id>])")
            continue
        reader.keys(table, f"variants.{vid}", _SET_KEYS)
        if base is not None:
            variants[vid] = _read_set(reader, table, f"variants.{vid}", base)  # type: ignore[assignment]
    if reader.errors or base is None:
        raise PoseFileError(reader.errors or [CatalogError(path, "", "no keyframes")])
    return PoseFile(path.stem, path, base, {k: v for k, v in variants.items() if v})


def _read_set(
    reader: FieldReader, data: Mapping[str, Any], prefix: str, base: PoseSet | None
) -> PoseSet | None:
    view = _read_view(reader, data, prefix) if "view" in data or base is None else base.view
    props = _read_props(reader, data, prefix) if "props" in data or base is None else base.props
    prop_kinds = {p.kind for p in props}
    contacts = _read_contacts(reader, data, prefix, prop_kinds)
    adjust = _read_adjust(reader, data, prefix)
    aims = _read_aims(reader, data, prefix)
    own = (contacts is not None, adjust is not None, aims is not None)
    if aims is None:
        aims = base.aims if base else ()
    if contacts is None:
        contacts = base.contacts if base else ()
    if adjust is None:
        adjust = base.adjust if base else ()
    raw = reader.subtable(data, prefix, "keyframes")
    if raw is None and base is not None:
        keyframes = base.keyframes
    else:
        if raw is None:
            reader.error(_join(prefix, "keyframes"), "missing; add at least one [keyframes.<name>]")
            return None
        defaults = (contacts, adjust, aims)
        fallback = base.keyframes if base else {}
        keyframes = _read_keyframes(
            reader, raw, _join(prefix, "keyframes"), defaults, prop_kinds, fallback, own
        )
    key = reader.text(data, prefix, "key", base.key if base else None)
    if keyframes and key not in keyframes:
        reader.error(
            _join(prefix, "key"), f"'{key}' is not a keyframe; use one of {sorted(keyframes)}"
        )
    anchor = reader.text(data, prefix, "anchor", base.anchor if base else "")
    if anchor and anchor not in PARTS:
        reader.error(_join(prefix, "anchor"), f"unknown body part '{anchor}'")
    return PoseSet(view, props, key, anchor, keyframes, contacts, adjust, aims)


def _read_view(reader: FieldReader, data: Mapping[str, Any], prefix: str) -> Camera:
    value = data.get("view", "side")
    where = _join(prefix, "view")
    if isinstance(value, str):
        if value not in VIEWS:
            reader.error(where, f"unknown view '{value}'; use one of {', '.join(VIEWS)} or a table")
            return Camera(0.0, 0.0)
        return Camera(*VIEWS[value])
    if isinstance(value, dict):
        reader.keys(value, where, {"azimuth", "elevation"})
        az = reader.number(value, where, "azimuth", -360, 360, 0.0)
        el = reader.number(value, where, "elevation", -90, 90, 0.0)
        return Camera(az or 0.0, el or 0.0)
    reader.error(where, "expected a view name or { azimuth = …, elevation = … }")
    return Camera(0.0, 0.0)


def _read_props(reader: FieldReader, data: Mapping[str, Any], prefix: str) -> tuple[PropSpec, ...]:
    out: list[PropSpec] = []
    value = data.get("props", [])
    if not isinstance(value, list):
        reader.error(_join(prefix, "props"), "expected a list of prop names or tables")
        return ()
    for i, item in enumerate(value):
        where = f"{_join(prefix, 'props')}[{i}]"
        if isinstance(item, str):
            item = {"kind": item}
        if not isinstance(item, dict):
            reader.error(where, "expected a prop name or a table")
            continue
        reader.keys(item, where, {"kind", "at", "side", "shift", "size"})
        kind = reader.text(item, where, "kind")
        if kind not in PROP_KINDS:
            reader.error(where, f"unknown prop '{kind}'; use one of {', '.join(PROP_KINDS)}")
            continue
        at = reader.text(item, where, "at", "")
        if kind != "mat" and at not in POINT_NAMES and at not in SECTION_BY_NAME:
            reader.error(f"{where}.at", f"'{at}' is not a body point; use a joint such as pelvis")
        side = reader.text(item, where, "side", "+x")
        sides = ("+x", "-x", "+z", "-z") if kind == "wall" else ("+x", "-x")
        if side not in sides:
            reader.error(f"{where}.side", f"expected one of {', '.join(sides)}")
        shift = reader.number(item, where, "shift", -2, 2, 0.0) or 0.0
        size = reader.number(item, where, "size", 0, 2, 0.0) or 0.0
        sign = -1.0 if side.startswith("-") else 1.0
        out.append(PropSpec(kind, at, sign, shift, size, side[-1:] if side in sides else "x"))
    return tuple(out)


def _read_contacts(
    reader: FieldReader, data: Mapping[str, Any], prefix: str, props: set[str]
) -> tuple[Contact, ...] | None:
    if "contacts" not in data:
        return None
    out: list[Contact] = []
    where = _join(prefix, "contacts")
    for text in reader.texts(data, prefix, "contacts"):
        part, _, support = text.partition("@")
        if part not in PARTS:
            reader.error(where, f"unknown body part '{part}'; use one of {', '.join(PARTS)}")
        elif support and support not in props and support not in POINT_NAMES:
            reader.error(
                where, f"'{text}': '{support}' is neither a prop in props nor a body point"
            )
        else:
            out.append(Contact(part, support or "floor"))
    return tuple(out)


def _read_adjust(
    reader: FieldReader, data: Mapping[str, Any], prefix: str
) -> tuple[str, ...] | None:
    if "adjust" not in data:
        return None
    out: list[str] = []
    for text in reader.texts(data, prefix, "adjust"):
        name, _, dof = text.partition(".")
        joints = FILE_JOINTS.get(name)
        if joints is None:
            reader.error(_join(prefix, "adjust"), f"unknown joint '{name}' in '{text}'")
            continue
        dofs = _dofs(joints[0])
        if dof and dof not in dofs:
            reader.error(_join(prefix, "adjust"), f"'{text}': {name} has {', '.join(dofs)}")
            continue
        out += [f"{j}.{d}" for j in joints for d in ((dof,) if dof else dofs)]
    return tuple(dict.fromkeys(out))


def _dofs(joint: str) -> tuple[str, ...]:
    kind = _KIND[joint]
    return _FILE_DOFS.get(kind, DOFS_BY_KIND[kind])


def _read_keyframes(
    reader: FieldReader,
    raw: Mapping[str, Any],
    prefix: str,
    defaults: tuple[
        tuple[Contact, ...], tuple[str, ...], tuple[tuple[str, tuple[float, float, float]], ...]
    ],
    props: set[str],
    fallback: Mapping[str, Keyframe],
    own: tuple[bool, bool, bool] = (True, True, True),
) -> dict[str, Keyframe]:
    """Keyframes, each starting from the one it is ``like`` (angles, contacts and the
    angles the placer may adjust), then changing what it sets itself."""
    done: dict[str, Keyframe] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> Keyframe:
        if name in done:
            return done[name]
        where = f"{prefix}.{name}"
        table = raw[name]
        base = Keyframe(name, {}, *defaults)
        like = table.get("like")
        if like is not None and (like not in raw or like == name) and like in fallback:
            # a variant starting from a base keyframe: the variant's own defaults win
            liked = fallback[like]
            base = Keyframe(
                name,
                liked.angles,
                defaults[0] if own[0] else liked.contacts,
                defaults[1] if own[1] else liked.adjust,
                defaults[2] if own[2] else liked.aims,
            )
        elif like is not None:
            if like not in raw or not isinstance(raw[like], dict):
                reader.error(f"{where}.like", f"no keyframe '{like}' to start from")
            elif like in chain:
                reader.error(f"{where}.like", f"'{like}' leads back to '{name}'; break the loop")
            else:
                base = resolve(like, (*chain, name))
        angles = dict(base.angles)
        if "breath" in table:
            breath = reader.number(table, where, "breath", -0.2, 0.2)
            if breath is not None:
                angles["breath"] = breath
        # Shared names first, so "hip_l" can refine what "hip" set for both sides.
        for key in sorted(table, key=lambda k: (len(FILE_JOINTS.get(k, ())) < 2, k)):
            if key not in _KEYFRAME_KEYS:
                _read_joint(reader, where, key, table[key], angles)
        contacts = _read_contacts(reader, table, where, props)
        adjust = _read_adjust(reader, table, where)
        aims = _read_aims(reader, table, where)
        done[name] = Keyframe(
            name,
            angles,
            contacts if contacts is not None else base.contacts,
            adjust if adjust is not None else base.adjust,
            aims if aims is not None else base.aims,
        )
        return done[name]

    for name, table in raw.items():
        if not isinstance(table, dict):
            reader.error(f"{prefix}.{name}", "expected a table ([keyframes.<name>])")
            continue
        reader.keys(table, f"{prefix}.{name}", _KEYFRAME_KEYS | set(FILE_JOINTS))
        resolve(name, ())
    return {name: done[name] for name in raw if name in done}


def _read_aims(
    reader: FieldReader, table: Mapping[str, Any], where: str
) -> tuple[tuple[str, tuple[float, float, float]], ...] | None:
    value = reader.subtable(table, where, "aim")
    if value is None:
        return None
    out = []
    for line, direction in value.items():
        if line not in AIM_LINES:
            reader.error(f"{where}.aim.{line}", f"unknown line; use one of {', '.join(AIM_LINES)}")
        elif direction not in DIRECTIONS:
            reader.error(
                f"{where}.aim.{line}", f"unknown direction; use one of {', '.join(DIRECTIONS)}"
            )
        else:
            out.append((line, DIRECTIONS[direction]))
    return tuple(out)


def _read_joint(
    reader: FieldReader, where: str, key: str, value: Any, angles: dict[str, float]
) -> None:
    joints = FILE_JOINTS.get(key)
    if joints is None:
        return  # reported by reader.keys
    dofs = _dofs(joints[0])
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = {"flex": value}
    if not isinstance(value, dict):
        reader.error(f"{where}.{key}", "expected a number (flexion) or a table of angles")
        return
    reader.keys(value, f"{where}.{key}", set(dofs))
    share = 1.0 / len(joints) if key == "spine" else 1.0
    for dof in dofs:
        deg = reader.number(value, f"{where}.{key}", dof, -360, 360, 0.0) if dof in value else None
        if deg is not None:
            for joint in joints:
                angles[f"{joint}.{dof}"] = deg * share


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key
