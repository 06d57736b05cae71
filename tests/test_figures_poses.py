"""Every exercise has a pose file and a picture, and every pose is physically right:
contacts touch the floor or their prop, nothing sinks into them, the phases line up."""

from __future__ import annotations

import pytest

from backcoach.core.catalog import TempoPhase, load_catalog
from backcoach.figures import figure_for
from backcoach.figures.checks import SINK_TOLERANCE, contact_gaps, lowest_clearance, problems
from backcoach.figures.figure import pose_file
from backcoach.figures.motion import Motion
from tests.conftest import ASSETS
from tests.figures_support import PHASES, VARIANT_PHASES, exercise_ids, pose_path


def _looks() -> list[tuple[str, str]]:
    out = []
    for exercise_id in sorted(PHASES):
        out.append((exercise_id, ""))
        out += [(exercise_id, v) for v in sorted(pose_file(exercise_id).variants)]
    return out


LOOKS = _looks()


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_a_pose_file_and_a_picture(exercise_id: str) -> None:
    assert pose_path(exercise_id).is_file()
    svg = ASSETS / "images" / f"{exercise_id}.svg"
    assert svg.is_file()
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")


@pytest.mark.parametrize(("exercise_id", "variant"), LOOKS)
def test_contacts_touch_and_nothing_sinks_in_any_keyframe(exercise_id: str, variant: str) -> None:
    for side in ("left", "right"):
        found = problems(figure_for(exercise_id, variant, side))
        assert [str(p) for p in found] == [], f"{exercise_id} {variant} {side}"


@pytest.mark.parametrize(("exercise_id", "variant"), LOOKS)
def test_nothing_goes_below_the_floor_between_keyframes(exercise_id: str, variant: str) -> None:
    fig = figure_for(exercise_id, variant)
    names = [n for n in fig.keyframes if n != "start"]
    motion = Motion(fig, tuple(TempoPhase(n, 1.0, "") for n in names), "reps")
    for i in range(int(motion.cycle_s * 12) + 1):
        frame = motion.frame(i / 12)
        depth, where = lowest_clearance(fig, frame.body)
        assert depth >= -SINK_TOLERANCE * 2, f"t={i / 12:.2f}: {where} {depth:.3f}"


def test_frames_between_keyframes_keep_shared_contacts_down() -> None:
    """A bridge rising keeps its feet and shoulders on the mat the whole way up."""
    fig = figure_for("glute-bridge")
    motion = Motion(fig, (TempoPhase("lift", 2, ""), TempoPhase("lower", 2, "")), "reps")
    for i in range(1, 20):
        frame = motion.frame(i * 0.1)
        gaps = contact_gaps(fig, "lift", frame.body)
        assert abs(gaps["foot_r"]) < 0.01
        assert abs(gaps["back"]) < 0.03, gaps


@pytest.mark.parametrize("exercise_id", sorted(PHASES))
def test_the_fixed_phase_names_have_keyframes(exercise_id: str) -> None:
    fig = figure_for(exercise_id)
    missing = [name for name in PHASES[exercise_id] if name not in fig.keyframes]
    assert missing == []


@pytest.mark.parametrize(("exercise_id", "variant"), sorted(VARIANT_PHASES))
def test_variant_phase_names_have_keyframes(exercise_id: str, variant: str) -> None:
    fig = figure_for(exercise_id, variant)
    assert fig.variant == variant
    assert set(VARIANT_PHASES[(exercise_id, variant)]) <= set(fig.keyframes)


def test_catalogue_tempo_phases_have_keyframes() -> None:
    """Whatever the catalogue on this branch says a rep is made of, the figure can show."""
    catalog = load_catalog(ASSETS)
    for ex in catalog.exercises.values():
        looks = [("", ex.dosage)] + [(v.id, v.dosage) for v in ex.variants if v.dosage]
        for variant, dosage in looks:
            fig = figure_for(ex.id, variant)
            names = {p.name for p in dosage.tempo}
            if dosage.mode == "hold" and not names:
                names = {"hold"}
            assert names <= set(fig.keyframes), (ex.id, variant, names - set(fig.keyframes))


def test_holds_show_their_hold_pose() -> None:
    for exercise_id, phases in PHASES.items():
        if phases == ("hold",):
            fig = figure_for(exercise_id)
            assert "hold" in fig.keyframes
            assert Motion(fig, (), "hold").still == "hold"


def test_left_and_right_are_mirror_images_not_two_drawings() -> None:
    left = figure_for("single-leg-bridge", "", "left")
    right = figure_for("single-leg-bridge", "", "right")
    assert right.keyframes["lift"]["hip_l.flex"] == left.keyframes["lift"]["hip_r.flex"]
    assert right.camera.azimuth == pytest.approx(180 - left.camera.azimuth)
    assert right.keyframes != left.keyframes
