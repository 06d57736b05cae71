"""Time to pose: which keyframes a moment in a segment falls between, and the pose there.

A rep runs through the tempo phases in order; the keyframe named after a phase is the pose
reached at the end of that phase, and a rep starts from the ``start`` keyframe (or, when
there is none, from where the last phase ends, so reps join up). A phase without a
keyframe of its name keeps the pose still ("hold" in a bridge). A hold without a tempo
shows the ``hold`` keyframe, breathing gently.

The time comes from outside (the session's clock); this module keeps none of its own, so
a paused session is simply a time that stops advancing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from backcoach.figures.contacts import PARTS, SURFACE_PROBES, Floor, part_distances
from backcoach.figures.figure import Figure
from backcoach.figures.skeleton import Body, solve_body

BREATH_PERIOD_S = 5.0
BREATH_DEPTH = 0.035  # of the chest's depth; enough to notice, not enough to distract


class PhaseLike(Protocol):
    """``backcoach.core.catalog.TempoPhase`` or anything with a name and a length."""

    @property
    def name(self) -> str: ...

    @property
    def seconds(self) -> float: ...


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    start_s: float
    seconds: float
    begin: str  # keyframe names
    end: str


@dataclass(frozen=True, slots=True)
class Frame:
    """One moment: the pose, the body it makes, and where in the rep it is."""

    pose: dict[str, float]
    body: Body
    breath: float
    phase: str  # the tempo phase under way, or "hold"
    progress: float  # 0..1 through that phase, eased


def ease(f: float) -> float:
    """Slow out of one pose and slow into the next, like a controlled movement."""
    f = min(max(f, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * f)


def plan_steps(figure: Figure, tempo: Sequence[PhaseLike], mode: str) -> tuple[Step, ...]:
    """The keyframe transitions of one rep (or one cycle of a hold); empty when still."""
    phases = [p for p in tempo if p.seconds > 0]
    names = figure.keyframes
    if mode not in ("reps", "hold") or not any(p.name in names for p in phases):
        return ()
    current = "start" if "start" in names else _last_known(phases, names) or figure.key
    steps: list[Step] = []
    t = 0.0
    for phase in phases:
        target = phase.name if phase.name in names else current
        steps.append(Step(phase.name, t, phase.seconds, current, target))
        current = target
        t += phase.seconds
    return tuple(steps)


def _last_known(phases: Sequence[PhaseLike], names: dict[str, dict[str, float]]) -> str:
    for phase in reversed(phases):
        if phase.name in names:
            return phase.name
    return ""


def still_keyframe(figure: Figure, mode: str) -> str:
    if mode == "prepare" and "start" in figure.keyframes:
        return "start"
    return "hold" if "hold" in figure.keyframes else figure.key


class Motion:
    """Poses over time for one figure (exercise look and side), tempo and mode."""

    def __init__(self, figure: Figure, tempo: Sequence[PhaseLike], mode: str) -> None:
        self.figure = figure
        self.mode = mode
        self.steps = plan_steps(figure, tempo, mode)
        # A phase between two equal poses ("hold" after "lift") is drawn perfectly still.
        self._still_steps = {
            s.name for s in self.steps if figure.keyframes[s.begin] == figure.keyframes[s.end]
        }
        self.cycle_s = sum(s.seconds for s in self.steps)
        self.still = still_keyframe(figure, mode)
        self.breathes = not self.steps and mode == "hold"
        floor = Floor(figure.floor)
        self._floor = floor
        key_body = solve_body(figure.keyframes[figure.key])
        probes = [p for p in PARTS[figure.anchor].probes if not p.section] if figure.anchor else []
        self._anchor = [(p.point, key_body.pos[p.point]) for p in probes[:1]]

    def frame(self, seconds: float) -> Frame:
        seconds = max(seconds, 0.0)
        if not self.steps:
            pose = self.figure.keyframes[self.still]
            breath = BREATH_DEPTH * math.sin(2 * math.pi * seconds / BREATH_PERIOD_S)
            return Frame(pose, solve_body(pose), breath if self.breathes else 0.0, "hold", 0.0)
        t = math.fmod(seconds, self.cycle_s)
        step = self.steps[-1]
        for candidate in self.steps:
            if t < candidate.start_s + candidate.seconds:
                step = candidate
                break
        f = ease((t - step.start_s) / step.seconds)
        a = self.figure.keyframes[step.begin]
        b = self.figure.keyframes[step.end]
        if step.name in self._still_steps or f == 0.0:
            return Frame(a, solve_body(a), 0.0, step.name, f)
        if f == 1.0:
            return Frame(b, solve_body(b), 0.0, step.name, f)
        mixed = {
            k: a.get(k, 0.0) + (b.get(k, 0.0) - a.get(k, 0.0)) * f for k in a.keys() | b.keys()
        }
        pose, body = self._settle(mixed, step)
        return Frame(pose, body, 0.0, step.name, f)

    def _settle(self, pose: dict[str, float], step: Step) -> tuple[dict[str, float], Body]:
        """Keep the anchor where it was and the shared contacts down, with nothing below
        the floor. Keyframes are solved exactly; frames between them only need this."""
        body = solve_body(pose)
        dx = dz = 0.0
        for point, (x, _, z) in self._anchor:
            p = body.pos[point]
            dx, dz = x - p[0], z - p[2]
        shared = set(self.figure.contacts.get(step.begin, ())) & set(
            self.figure.contacts.get(step.end, ())
        )
        on_floor = [c for c in shared if c.support == "floor"]
        dy = 0.0
        if on_floor:
            dy = -min(min(part_distances(body, PARTS[c.part], self._floor)) for c in on_floor)
        lowest = min(p.distance(body, self._floor) for p in SURFACE_PROBES) + dy
        if lowest < 0:
            dy -= lowest
        out = dict(pose)
        out["pelvis.x"] = pose.get("pelvis.x", 0.0) + dx
        out["pelvis.y"] = pose.get("pelvis.y", 0.0) + dy
        out["pelvis.z"] = pose.get("pelvis.z", 0.0) + dz
        return out, body.translated((dx, dy, dz))
