"""Every exercise picture shows what its steps say, measured on the solved figure.

One test per exercise. Each reads the exercise's own steps (assets/exercises/<id>.toml)
as a physiotherapist would check a photo against them: the body parts that must be down
are down, the ones that must be up are up, the lines that must be straight are straight,
and the thing that makes the exercise what it is (a back that rounds then arches, a shin
up the wall, a back knee just off the floor) can be seen. Files are written for the left
side; the right side is their mirror image (test_figures_poses checks that).
"""

from __future__ import annotations

import pytest

from backcoach.core.catalog import Catalog
from backcoach.figures import figure_for
from backcoach.figures.figure import pose_file
from tests.figure_geometry import HEAD_RADIUS, Pose, pose, prop_distance
from tests.figures_support import PHASES

DOWN = 0.012  # a part resting on the floor or a prop: within about a centimetre
FEW_CM = 0.06


def _down(p: Pose, *parts: str) -> None:
    for part in parts:
        assert p.clearance(part) < DOWN, f"{part} is {p.clearance(part) * 100:.1f} cm up"


def _flat(p: Pose, *parts: str) -> None:
    """Down along its whole length (a foot flat, a forearm on the mat)."""
    for part in parts:
        assert p.highest(part) < 0.05, f"{part} is not flat: {p.highest(part) * 100:.1f} cm"


def _up(p: Pose, part: str, at_least: float) -> None:
    assert p.clearance(part) > at_least, f"{part} only {p.clearance(part) * 100:.1f} cm up"


def _lying_face_up(p: Pose) -> None:
    _down(p, "back", "pelvis", "head")
    assert p.tilt("pelvis", "neck") > 75  # the trunk lies along the floor


def _straight(p: Pose, a: str, joint: str, b: str, within: float = 15.0) -> None:
    bend = 180 - p.angle_at(a, joint, b)
    assert bend < within, f"{a}-{joint}-{b} bends {bend:.0f}°"


# --- standing and warm-up -------------------------------------------------------------


def test_leg_swings_swing_forward_and_back_with_a_hand_on_the_wall() -> None:
    fwd, back = pose("leg-swings", "forward"), pose("leg-swings", "back")
    for p in (fwd, back):
        _flat(p, "foot_r")  # standing on the support leg
        _up(p, "foot_l", 0.05)
        assert p.tilt("pelvis", "neck") < 12  # trunk tall and quiet
        assert abs(prop_distance(p, "wall", "hand_r")) < DOWN  # the near hand on the wall
    hip = fwd.at("hip_l")[0]
    assert fwd.at("ankle_l")[0] > hip + 0.3  # swung in front
    assert back.at("ankle_l")[0] < back.at("hip_l")[0] - 0.2  # and behind
    wall_side = figure_for("leg-swings").props[0].boxes[0]
    assert wall_side.lo[2] > fwd.at("shoulder_r")[2]  # side-on: the wall is beside the body


def test_leg_swings_side_to_side_cross_in_front_then_out_facing_the_wall() -> None:
    out = pose("leg-swings", "out", "side-to-side")
    across = pose("leg-swings", "across", "side-to-side")
    for p in (out, across):
        _flat(p, "foot_r")
        for hand in ("fingers_l", "fingers_r"):
            assert abs(prop_distance(p, "wall", hand)) < DOWN  # both hands on the wall
        wall = p.figure.props[0].boxes[0]
        assert wall.lo[0] > p.at("neck")[0]  # the wall is in front of the chest
    # Left is -z: across goes past the standing leg, out goes well away from the body.
    assert across.at("ankle_l")[2] > across.at("hip_r")[2] - 0.05
    assert out.at("ankle_l")[2] < out.at("hip_l")[2] - 0.2


def test_worlds_greatest_stretch_is_a_long_lunge_with_the_back_knee_low() -> None:
    reach = pose("worlds-greatest-stretch", "reach")
    for name in ("lunge", "elbow", "reach"):
        p = pose("worlds-greatest-stretch", name)
        _flat(p, "foot_l")  # front foot flat
        _down(p, "toes_r")  # back foot down on its toes
        assert p.clearance("knee_r") < FEW_CM, f"{name}: back knee floats"
        assert p.tilt("knee_l", "ankle_l") > 165  # front shin upright
        assert p.at("ankle_r")[0] < p.at("hip_r")[0] - 0.5  # a long step back
        _down(p, "hand_r")  # the opposite hand on the floor
        assert abs(p.at("wrist_r")[2] - p.at("ankle_l")[2]) < 0.22  # beside the front foot
    elbow = pose("worlds-greatest-stretch", "elbow")
    assert elbow.height("elbow_l") < elbow.height("knee_l")  # the elbow drops inside the knee
    assert elbow.distance("elbow_l", "ankle_l") < 0.3
    # Then the chest opens and that arm reaches for the ceiling.
    assert reach.tilt("shoulder_l", "wrist_l") < 10
    assert reach.height("wrist_l") > reach.height("shoulder_l") + 0.45
    assert abs(reach.figure.camera.elevation) < 8  # low enough that the floor line shows
    stand = pose("worlds-greatest-stretch", "return")
    assert stand.tilt("pelvis", "neck") < 10 and stand.height("pelvis") > 0.85


def test_single_leg_squat_rotation_sinks_on_the_front_leg_and_turns() -> None:
    low, rise = (
        pose("single-leg-squat-rotation", "lower"),
        pose("single-leg-squat-rotation", "rise"),
    )
    _flat(low, "foot_l")
    _flat(rise, "foot_l")
    assert 180 - low.angle_at("hip_l", "knee_l", "ankle_l") > 40  # front knee bends
    assert 180 - rise.angle_at("hip_l", "knee_l", "ankle_l") < 25  # and straightens
    assert low.at("ankle_r")[0] < low.at("hip_r")[0] - 0.3  # the other leg reaches back
    assert low.at("knee_l")[0] < low.at("toe_l")[0] + 0.02  # knee not past the toes
    # chest turned toward the front (left) leg going down, away from it coming up
    assert low.figure.keyframes["lower"].get("thoracic.twist", 0) < -10
    assert rise.figure.keyframes["rise"].get("thoracic.twist", 0) > 10
    helped = pose("single-leg-squat-rotation", "lower", "back-foot-support")
    _down(helped, "toes_r")  # the easier form rests the back foot


def test_roll_down_curls_forward_from_standing() -> None:
    stand, hang = pose("roll-down", "start"), pose("roll-down", "hold")
    _flat(stand, "foot_l", "foot_r")
    _flat(hang, "foot_l", "foot_r")
    assert stand.tilt("pelvis", "neck") < 10
    assert hang.tilt("pelvis", "neck") > 95  # folded over, head below the hips
    assert hang.height("head") < hang.height("pelvis") - 0.2
    assert hang.back_sag() > 0.02  # curled, not a flat-backed hinge
    assert 180 - hang.angle_at("hip_l", "knee_l", "ankle_l") > 3  # knees soft


def test_calf_stretch_leans_on_the_wall_with_the_back_heel_down() -> None:
    p = pose("calf-stretch", "hold")
    for hand in ("hand_l", "hand_r"):
        assert abs(prop_distance(p, "wall", hand)) < DOWN
    _flat(p, "foot_l", "foot_r")  # back heel pressed into the floor
    back, front = ("r", "l") if p.at("ankle_r")[0] < p.at("ankle_l")[0] else ("l", "r")
    _straight(p, f"hip_{back}", f"knee_{back}", f"ankle_{back}", 8)
    assert 180 - p.angle_at(f"hip_{front}", f"knee_{front}", f"ankle_{front}") > 15
    assert p.at(f"ankle_{back}")[0] < p.at(f"ankle_{front}")[0] - 0.3


# --- lying on the back ----------------------------------------------------------------


def test_deep_core_activation_lies_face_up_knees_bent() -> None:
    for name in ("inhale", "exhale"):
        p = pose("deep-core-activation", name)
        _lying_face_up(p)
        _flat(p, "foot_l", "foot_r")
        assert 180 - p.angle_at("hip_l", "knee_l", "ankle_l") > 60
    breaths = {
        n: figure_for("deep-core-activation").keyframes[n].get("breath", 0.0)
        for n in ("inhale", "exhale")
    }
    assert breaths["inhale"] > breaths["exhale"]  # the belly rises on the in-breath
    lift = pose("deep-core-activation", "exhale", "limb-lift")
    _lying_face_up(lift)
    assert lift.clearance("foot_l") > 0.05 or lift.clearance("hand_l") > 0.15  # a limb moves
    fours = pose("deep-core-activation", "exhale", "hands-and-knees")
    _down(fours, "hand_l", "hand_r", "knee_l", "knee_r")
    assert abs(fours.back_sag()) < 0.03  # back flat


def test_single_leg_bridge_lifts_level_hips_on_one_foot() -> None:
    top, bottom = pose("single-leg-bridge", "lift"), pose("single-leg-bridge", "lower")
    _flat(top, "foot_l")
    _up(top, "foot_r", 0.08)  # the other foot off the mat
    assert abs(top.height("hip_l") - top.height("hip_r")) < 0.03  # pelvis level
    assert top.height("pelvis") > bottom.height("pelvis") + 0.12
    _straight(top, "neck", "hip_l", "knee_l", 12)  # in line, not arched past it
    _down(bottom, "pelvis")
    both = pose("single-leg-bridge", "lift", "double-leg")
    _flat(both, "foot_l", "foot_r")
    chair = pose("single-leg-bridge", "lift", "foot-on-chair")
    assert abs(prop_distance(chair, "bench", "heel_l")) < DOWN
    _up(chair, "foot_r", 0.1)
    assert (
        chair.height("pelvis")
        > pose("single-leg-bridge", "lower", "foot-on-chair").height("pelvis") + 0.12
    )


def test_glute_bridge_makes_one_line_from_shoulders_to_knees() -> None:
    top, bottom = pose("glute-bridge", "lift"), pose("glute-bridge", "lower")
    _flat(top, "foot_l", "foot_r")
    _down(top, "back", "hand_l", "hand_r")  # arms by the sides, palms down
    _straight(top, "neck", "hip_l", "knee_l", 12)
    _lying_face_up(bottom)
    assert (
        figure_for("glute-bridge").keyframes["hold"] == figure_for("glute-bridge").keyframes["lift"]
    )


def test_knee_to_chest_hugs_one_knee_in() -> None:
    p = pose("knee-to-chest", "hold")
    _lying_face_up(p)
    assert p.distance("knee_l", "shoulder_l") < 0.45  # drawn toward the chest
    assert p.distance("fingertip_l", "knee_l") < 0.1 and p.distance("fingertip_r", "knee_l") < 0.1
    _down(p, "heel_r")  # the other leg rests


def test_figure_four_crosses_an_ankle_over_the_other_knee() -> None:
    p = pose("figure-four-stretch", "hold")
    _lying_face_up(p)
    _flat(p, "foot_r")  # the bottom foot on the mat
    assert p.distance("ankle_l", "knee_r") < 0.12  # the crossed ankle rests on the knee
    assert p.at("knee_l")[2] < p.at("hip_l")[2] - 0.2  # its knee dropped out to the side
    assert 180 - p.angle_at("hip_l", "knee_l", "ankle_l") > 70
    assert p.figure.camera.elevation <= 30  # a coach's view, not from above


# --- lying on the side or front -------------------------------------------------------


def test_chicago_rolls_top_knee_over_then_the_top_arm_opens_to_the_ceiling() -> None:
    close, open_ = pose("chicago-rolls", "close"), pose("chicago-rolls", "open")
    for p in (close, open_):
        _down(p, "pelvis", "head", "knee_l")  # on the side, top knee down over the other leg
        assert p.at("knee_l")[2] < p.at("pelvis")[2] - 0.25  # that knee is in front
    # Lying on the right side: shoulders stacked; opening turns the chest to the ceiling.
    assert close.height("shoulder_l") > close.height("shoulder_r") + 0.25
    assert close.distance("fingertip_l", "wrist_r") < 0.08  # the top hand meets the other
    assert open_.height("wrist_l") > open_.height("shoulder_l") + 0.45
    assert open_.tilt("shoulder_l", "wrist_l") < 15
    lean = close.height("shoulder_l") - close.height("shoulder_r")
    assert open_.height("shoulder_l") - open_.height("shoulder_r") < lean - 0.05
    assert open_.figure.camera.elevation <= 30


def test_side_plank_rotation_holds_a_straight_side_plank_and_turns() -> None:
    ret, rot = pose("side-plank-rotation", "return"), pose("side-plank-rotation", "rotate")
    for p in (ret, rot):
        _flat(p, "forearm_l")
        _up(p, "pelvis", 0.05)  # the side of the hips, clear of the mat
        assert p.height("pelvis") > 0.2
        _straight(p, "neck", "pelvis", "ankle_l", 20)  # ribs and pelvis in line with the legs
    twist = lambda p, n: p.figure.keyframes[n].get("thoracic.twist", 0)  # noqa: E731
    assert abs(twist(rot, "rotate") - twist(ret, "return")) > 20
    easy = pose("side-plank-rotation", "return", "bent-knee")
    _down(easy, "knee_l")


def test_plank_is_one_line_on_forearms_and_toes() -> None:
    p = pose("plank", "hold")
    _flat(p, "forearm_l", "forearm_r")
    _down(p, "toes_l", "toes_r")
    assert abs(p.at("elbow_l")[0] - p.at("shoulder_l")[0]) < 0.08  # elbows under shoulders
    _straight(p, "neck", "pelvis", "ankle_l", 12)
    side = pose("plank", "hold", "side-plank")
    _flat(side, "forearm_l")
    _straight(side, "neck", "pelvis", "ankle_l", 15)
    assert side.distance("ankle_l", "ankle_r") < 0.15  # feet stacked


def test_locust_lifts_chest_arms_and_legs_off_the_mat() -> None:
    rest, lift = pose("locust-pose", "start"), pose("locust-pose", "hold")
    _down(rest, "chest", "pelvis", "head")
    _down(lift, "pelvis")
    for part in ("head", "chest", "hand_l", "hand_r", "foot_l", "foot_r"):
        _up(lift, part, 0.02)
    assert lift.height("wrist_l") < lift.height("shoulder_l")  # arms back along the sides


def test_prone_knee_lift_bends_the_knee_and_lifts_it() -> None:
    low, up = pose("prone-knee-lift-check", "lower"), pose("prone-knee-lift-check", "lift")
    for p in (low, up):
        _down(p, "chest", "pelvis")
        assert 70 < 180 - p.angle_at("hip_l", "knee_l", "ankle_l") < 110  # a right angle
        assert p.tilt("knee_l", "ankle_l") < 30  # shin up at the ceiling
    _down(low, "knee_l")
    _up(up, "knee_l", 0.04)  # a little way off the floor


def test_ball_back_extension_lowers_over_the_ball_and_lifts_level() -> None:
    top, bottom = pose("ball-back-extension", "lift"), pose("ball-back-extension", "lower")
    for p in (top, bottom):
        _down(p, "toes_l", "toes_r")
        assert p.distance("fingertip_l", "head") < HEAD_RADIUS + 0.05  # fingertips by the ears
    assert abs(prop_distance(top, "ball", "belly")) < DOWN
    _straight(top, "ankle_l", "pelvis", "neck", 20)  # chest up level with the legs
    assert bottom.height("neck") < top.height("neck") - 0.1  # chest comes down over the ball


def test_ball_reverse_leg_raise_lifts_straight_legs_in_line() -> None:
    top, bottom = pose("ball-reverse-leg-raise", "lift"), pose("ball-reverse-leg-raise", "lower")
    for p in (top, bottom):
        _flat(p, "hand_l", "hand_r")
        assert abs(p.at("wrist_l")[0] - p.at("shoulder_l")[0]) < 0.12  # under the shoulders
        _straight(p, "hip_l", "knee_l", "ankle_l", 15)  # knees straight
    _down(bottom, "toes_l", "toes_r")
    _straight(top, "neck", "pelvis", "ankle_l", 20)  # legs line up with the body
    _up(top, "toes_l", 0.2)


# --- kneeling and all fours -----------------------------------------------------------


def _all_fours(p: Pose) -> None:
    _down(p, "hand_l", "hand_r", "knee_l", "knee_r")
    assert abs(p.at("wrist_r")[0] - p.at("shoulder_r")[0]) < 0.08  # hands under shoulders
    assert abs(p.at("knee_r")[0] - p.at("hip_r")[0]) < 0.08  # knees under hips


def test_cat_cow_clearly_arches_then_clearly_rounds() -> None:
    arch, round_ = pose("cat-cow", "arch"), pose("cat-cow", "round")
    _all_fours(arch)
    _all_fours(round_)
    # The back's curve changes sign, by a clear margin each way.
    assert arch.back_sag() < -0.03, arch.back_sag()
    assert round_.back_sag() > 0.04, round_.back_sag()
    assert round_.height("head") < arch.height("head") - 0.12  # head drops in cat, lifts in cow


def test_quadruped_rock_back_rocks_the_hips_back_with_a_flat_back() -> None:
    fwd, back = pose("quadruped-rock-back", "forward"), pose("quadruped-rock-back", "back")
    for p in (fwd, back):
        _down(p, "hand_l", "hand_r", "knee_l", "knee_r", "toes_l", "toes_r")
        assert p.height("heel_l") > p.height("toe_l") + 0.05  # toes tucked under
        assert abs(p.back_sag()) < 0.03  # back flat
    assert back.distance("pelvis", "heel_l") < fwd.distance("pelvis", "heel_l") - 0.1


def test_downward_dog_hands_ahead_head_between_the_arms() -> None:
    p = pose("downward-dog", "hold")
    _flat(p, "hand_l", "hand_r", "foot_l", "foot_r")
    assert p.height("pelvis") == max(p.height(k) for k in p.body.pos)  # hips are the peak
    assert p.at("wrist_r")[0] > p.at("shoulder_r")[0] + 0.2  # hands well ahead of shoulders
    assert p.at("fingertip_r")[0] > p.at("wrist_r")[0]  # fingers point forward
    away, along = p.off_line("head", "shoulder_r", "wrist_r")
    assert away < HEAD_RADIUS and 0 < along < 0.5  # the head hangs between the upper arms
    _straight(p, "pelvis", "shoulder_r", "wrist_r", 25)  # arms carry on the line of the back
    _straight(p, "hip_l", "knee_l", "ankle_l", 15)


def test_childs_pose_sits_back_to_the_heels_forehead_down() -> None:
    p = pose("childs-pose", "hold")
    _down(p, "head", "hand_l", "hand_r", "shin_l", "shin_r")
    assert p.distance("pelvis", "heel_l") < 0.25  # hips back toward the heels
    assert p.at("wrist_l")[0] > p.at("head")[0]  # arms reach forward


def test_modified_childs_pose_walks_both_hands_to_one_side() -> None:
    base, p = pose("childs-pose", "hold"), pose("modified-childs-pose", "hold")
    _down(p, "head", "hand_l", "hand_r", "shin_l", "shin_r")
    assert p.distance("pelvis", "heel_l") < 0.25
    # Left is -z: both hands are well over to the left of the knees.
    for wrist in ("wrist_l", "wrist_r"):
        assert p.at(wrist)[2] < p.at("pelvis")[2] - 0.2, wrist
    assert p.at("head")[2] < p.at("pelvis")[2] - 0.08  # the trunk bends toward them
    assert abs(base.at("wrist_l")[2] - base.at("wrist_r")[2]) > 0.2  # unlike child's pose
    assert p.figure.camera.elevation <= 35  # from behind, as a coach stands, not from above


def test_kneeling_hip_flexor_stretch_half_kneels_upright() -> None:
    p = pose("kneeling-hip-flexor-stretch", "hold")
    _down(p, "knee_l")
    _flat(p, "foot_r")
    for side in "lr":
        assert 60 < 180 - p.angle_at(f"hip_{side}", f"knee_{side}", f"ankle_{side}") < 120
    assert p.tilt("pelvis", "neck") < 10  # chest upright, no lean back


def test_couch_stretch_back_shin_runs_up_the_wall() -> None:
    for name in ("start", "hold"):
        p = pose("half-kneeling-couch-stretch", name)
        _down(p, "knee_l")
        assert abs(prop_distance(p, "wall", "knee_l")) < DOWN  # knee right at the wall's foot
        assert abs(prop_distance(p, "wall", "shin_l")) < DOWN  # shin against it
        assert p.tilt("knee_l", "ankle_l") < 15, name  # and near vertical, up the wall
        assert abs(prop_distance(p, "wall", "instep_l")) < DOWN  # top of the foot on it
        _flat(p, "foot_r")
        assert p.tilt("pelvis", "neck") < 12  # chest tall
    hold = pose("half-kneeling-couch-stretch", "hold")
    # The thigh slants forward off the shin, so the two are apart and the shin shows.
    assert hold.distance("hip_l", "ankle_l") > 0.2


# --- every picture --------------------------------------------------------------------

PROP_EQUIPMENT = {"ball": "stability-ball", "bench": "chair", "wall": "wall", "mat": "mat"}


def _looks() -> list[tuple[str, str]]:
    return [(ex, v) for ex in sorted(PHASES) for v in ("", *sorted(pose_file(ex).variants))]


@pytest.mark.parametrize(("exercise_id", "variant"), _looks())
def test_the_picture_draws_exactly_the_equipment_the_exercise_lists(
    catalog: Catalog, exercise_id: str, variant: str
) -> None:
    ex = catalog.exercise(exercise_id)
    listed = set(ex.equipment_for(variant or None))
    drawn = {PROP_EQUIPMENT[kind] for kind in _prop_kinds(exercise_id, variant)}
    assert drawn == listed, f"picture {sorted(drawn)} vs list {sorted(listed)}"


def _prop_kinds(exercise_id: str, variant: str) -> set[str]:
    look = pose_file(exercise_id).pose_set(variant)
    kinds = {p.kind for p in look.props}
    assert kinds <= set(PROP_EQUIPMENT), f"{exercise_id}: a prop no equipment names: {kinds}"
    return kinds


@pytest.mark.parametrize(("exercise_id", "variant"), _looks())
def test_no_picture_is_drawn_from_above(exercise_id: str, variant: str) -> None:
    assert figure_for(exercise_id, variant).camera.elevation <= 35


def test_there_is_a_picture_test_for_every_exercise(catalog: Catalog) -> None:
    tested = {
        name.removeprefix("test_")
        for name, fn in globals().items()
        if name.startswith("test_") and callable(fn)
    }
    words = {
        "leg-swings": "leg_swings",
        "half-kneeling-couch-stretch": "couch_stretch",
        "figure-four-stretch": "figure_four",
        "kneeling-hip-flexor-stretch": "kneeling_hip_flexor",
        "prone-knee-lift-check": "prone_knee_lift",
        "worlds-greatest-stretch": "worlds_greatest",
        "single-leg-squat-rotation": "single_leg_squat",
        "side-plank-rotation": "side_plank_rotation",
        "modified-childs-pose": "modified_childs",
        "childs-pose": "childs_pose",
        "locust-pose": "locust",
    }
    for ex_id in catalog.exercises:
        word = words.get(ex_id, ex_id.replace("-", "_"))
        assert any(name.startswith(word) for name in tested), f"no picture test for {ex_id}"
