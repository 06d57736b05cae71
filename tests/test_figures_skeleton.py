"""The mannequin keeps its shape: fixed bone lengths, true mirror images, sane angles."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.figures import figure_for
from backcoach.figures.camera import Projector
from backcoach.figures.motion import Motion
from backcoach.figures.posefile import Camera
from backcoach.figures.skeleton import (
    DOF_KEYS,
    JOINTS,
    SEGMENTS,
    Body,
    mirror_pose,
    solve_body,
)
from backcoach.figures.vec import norm, sub
from tests.figures_support import PHASES


def _bone_lengths(body: Body) -> dict[str, float]:
    lengths = {j.name: norm(sub(body.pos[j.name], body.pos[j.parent])) for j in JOINTS if j.parent}
    lengths |= {s.name: norm(sub(body.pos[s.b], body.pos[s.a])) for s in SEGMENTS}
    return lengths


REST = _bone_lengths(solve_body({}))


def _assert_same_bones(body: Body, where: str) -> None:
    for name, length in _bone_lengths(body).items():
        assert length == pytest.approx(REST[name], abs=1e-9), f"{where}: {name}"


def test_rest_pose_is_an_adult_standing_tall() -> None:
    body = solve_body({"pelvis.y": 0.94})
    top_of_head = body.pos["head"][1] + 0.1
    assert 1.70 < top_of_head < 1.80
    assert body.pos["ankle_l"][1] == pytest.approx(0.07)
    assert body.pos["shoulder_l"][2] < 0 < body.pos["shoulder_r"][2]  # z points to the right


def test_angles_mean_what_their_names_say() -> None:
    flexed = solve_body({"hip_r.flex": 90, "knee_r.flex": 90, "elbow_l.flex": 90})
    assert flexed.pos["knee_r"][0] == pytest.approx(0.44)  # thigh swings forward
    assert flexed.pos["ankle_r"][1] == pytest.approx(flexed.pos["knee_r"][1] - 0.43)
    assert flexed.pos["wrist_l"][0] > 0.2  # forearm comes forward
    abducted = solve_body({"hip_l.abd": 30, "hip_r.abd": 30})
    assert abducted.pos["knee_l"][2] < -0.2 and abducted.pos["knee_r"][2] > 0.2
    prone = solve_body({"pelvis.pitch": 90})
    assert prone.pos["neck"][0] > 0.5 and abs(prone.pos["neck"][1]) < 1e-9


@pytest.mark.parametrize("exercise_id", sorted(PHASES))
def test_bone_lengths_are_identical_in_every_keyframe_and_frame(exercise_id: str) -> None:
    for side in ("left", "right"):
        fig = figure_for(exercise_id, "", side)
        for name, pose in fig.keyframes.items():
            _assert_same_bones(solve_body(pose), f"{exercise_id} {side} {name}")
        motion = Motion(fig, _tempo(fig), "reps")
        for i in range(24):
            frame = motion.frame(i * 0.37)
            _assert_same_bones(frame.body, f"{exercise_id} {side} t={i * 0.37:.2f}")


def _tempo(fig):  # type: ignore[no-untyped-def]
    from backcoach.core.catalog import TempoPhase

    names = [n for n in fig.keyframes if n not in ("start",)]
    return tuple(TempoPhase(n, 1.5, "") for n in names)


angles = st.floats(min_value=-120, max_value=120, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(DOF_KEYS), angles, max_size=20))
def test_bones_keep_their_length_whatever_the_angles(pose: dict[str, float]) -> None:
    pose = {k: v for k, v in pose.items() if not k.endswith((".x", ".y", ".z"))}
    _assert_same_bones(solve_body(pose), str(pose))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(DOF_KEYS), angles, max_size=20))
def test_a_mirrored_pose_is_the_reflection_through_the_midline(pose: dict[str, float]) -> None:
    body = solve_body(pose)
    mirrored = solve_body(mirror_pose(pose))
    for name, (x, y, z) in body.pos.items():
        other = (
            name[:-2] + ("_r" if name.endswith("_l") else "_l")
            if name[-2:] in ("_l", "_r")
            else name
        )
        mx, my, mz = mirrored.pos[other]
        assert (mx, my, mz) == pytest.approx((x, y, -z), abs=1e-9), name
    assert mirror_pose(mirror_pose(pose)) == pytest.approx(pose)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(-180, 180),
    st.floats(-89, 89),
    st.tuples(st.floats(-2, 2), st.floats(-2, 2), st.floats(-2, 2)),
)
def test_the_mirrored_camera_sees_the_mirror_image(
    az: float, el: float, p: tuple[float, float, float]
) -> None:
    """Right-side pictures are the left-side ones flipped left to right."""
    cam = Camera(az, el)
    x, y, depth = Projector(cam)(p)
    mx, my, mdepth = Projector(cam.mirrored())((p[0], p[1], -p[2]))
    assert (mx, my, mdepth) == pytest.approx((-x, y, depth), abs=1e-9)


def test_every_keyframe_angle_is_finite_and_every_dof_known() -> None:
    for exercise_id in PHASES:
        fig = figure_for(exercise_id)
        for pose in fig.keyframes.values():
            for key, value in pose.items():
                assert math.isfinite(value)
                assert key in DOF_KEYS or key == "breath", f"{exercise_id}: {key}"
