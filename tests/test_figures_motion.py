"""Time to pose: the keyframe named after a phase is reached as that phase ends."""

from __future__ import annotations

import pytest

from backcoach.core.catalog import TempoPhase
from backcoach.figures import figure_for
from backcoach.figures.motion import Motion, ease, plan_steps


def _close(a: dict[str, float], b: dict[str, float], tol: float = 1e-3) -> bool:
    return all(abs(a.get(k, 0.0) - b.get(k, 0.0)) <= tol for k in a.keys() | b.keys())


BRIDGE = (
    TempoPhase("lift", 2, "Lift"),
    TempoPhase("hold", 3, "Hold"),
    TempoPhase("lower", 2, "Lower"),
)


def test_each_phase_ends_on_its_keyframe_and_reps_join_up() -> None:
    fig = figure_for("glute-bridge")
    motion = Motion(fig, BRIDGE, "reps")
    assert [(s.name, s.begin, s.end) for s in motion.steps] == [
        ("lift", "lower", "lift"),  # no "start": a rep begins where the last phase ends
        ("hold", "lift", "hold"),
        ("lower", "hold", "lower"),
    ]
    assert motion.cycle_s == 7
    assert motion.frame(0).pose == fig.keyframes["lower"]
    assert motion.frame(2.0).pose == fig.keyframes["lift"]  # lift done: the top
    assert _close(motion.frame(1.999999).pose, fig.keyframes["lift"])
    assert motion.frame(4.0).pose == fig.keyframes["hold"] == fig.keyframes["lift"]  # still
    assert motion.frame(7.0).pose == fig.keyframes["lower"]  # next rep, same start
    assert motion.frame(3 * 7 + 2.0).pose == motion.frame(2.0).pose


def test_the_middle_of_a_phase_is_between_its_ends() -> None:
    fig = figure_for("glute-bridge")
    frame = Motion(fig, BRIDGE, "reps").frame(1.0)
    a = fig.keyframes["lower"]["pelvis.pitch"]
    b = fig.keyframes["lift"]["pelvis.pitch"]
    assert min(a, b) < frame.pose["pelvis.pitch"] < max(a, b)
    assert frame.phase == "lift" and frame.progress == pytest.approx(0.5)


def test_a_start_keyframe_begins_every_rep() -> None:
    fig = figure_for("worlds-greatest-stretch")
    tempo = tuple(TempoPhase(n, 2, "") for n in ("lunge", "elbow", "reach", "return"))
    steps = plan_steps(fig, tempo, "reps")
    assert steps[0].begin == "return" and steps[-1].end == "return"


def test_a_hold_without_tempo_shows_the_hold_pose_breathing() -> None:
    fig = figure_for("plank")
    motion = Motion(fig, (), "hold")
    assert motion.steps == ()
    frames = [motion.frame(t) for t in (0.0, 1.25, 2.5)]
    assert all(f.pose == fig.keyframes["hold"] for f in frames)
    assert frames[1].breath > 0 and frames[0].breath == 0


def test_a_hold_with_a_cycle_moves_through_it() -> None:
    fig = figure_for("cat-cow")
    motion = Motion(fig, (TempoPhase("arch", 3, ""), TempoPhase("round", 3, "")), "hold")
    assert motion.frame(3.0).pose == fig.keyframes["round"] or motion.frame(3.0).phase == "round"
    assert _close(motion.frame(2.9999).pose, fig.keyframes["arch"])


def test_prepare_shows_the_starting_position() -> None:
    fig = figure_for("locust-pose")
    assert Motion(fig, (), "prepare").frame(5).pose == fig.keyframes["start"]
    assert (
        Motion(figure_for("plank"), (), "prepare").frame(5).pose
        == figure_for("plank").keyframes["hold"]
    )


def test_unknown_phase_names_leave_the_figure_still() -> None:
    fig = figure_for("plank")
    motion = Motion(fig, (TempoPhase("wobble", 2, ""),), "reps")
    assert motion.steps == ()
    assert motion.frame(1).pose == fig.keyframes[fig.key]


def test_time_before_the_segment_is_its_start() -> None:
    motion = Motion(figure_for("glute-bridge"), BRIDGE, "reps")
    assert motion.frame(-3).pose == motion.frame(0).pose


def test_easing_starts_and_ends_gently() -> None:
    assert ease(0) == 0 and ease(1) == 1 and ease(0.5) == pytest.approx(0.5)
    assert ease(0.05) < 0.05 and ease(0.95) > 0.95
    assert ease(-1) == 0 and ease(2) == 1
