"""Pose files: shorthands, inheritance, variants, and mistakes reported with file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.figures.posefile import Camera, Contact, PoseFileError, load_pose_file


def _write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
view = "side"
props = ["mat", { kind = "ball", at = "waist" }]
key = "top"
anchor = "foot_l"
contacts = ["back", "foot_l", "foot_r"]
adjust = ["knee.flex", "body.pitch", "spine.flex"]

[keyframes.bottom]
body = { pitch = -90 }
hip = { flex = 60, abd = 5 }
hip_l = 70
spine = 20
knee = 100
breath = 0.05

[keyframes.top]
like = "bottom"
contacts = ["back", "foot_l", "belly@ball"]
knee = 80

[variants.easy]
view = { azimuth = 30, elevation = 20 }

[variants.easy.keyframes.top]
like = "top"
aim = { arm_l = "up" }
"""


def test_shorthands_expand_and_specific_names_win(tmp_path: Path) -> None:
    pf = load_pose_file(_write(tmp_path, GOOD))
    bottom = pf.base.keyframes["bottom"].angles
    assert bottom["hip_l.flex"] == 70 and bottom["hip_r.flex"] == 60  # hip_l refines hip
    assert bottom["hip_l.abd"] == 5 and bottom["hip_r.abd"] == 5
    assert bottom["lumbar.flex"] == 10 and bottom["thoracic.flex"] == 10  # spine is shared
    assert bottom["pelvis.pitch"] == -90 and bottom["breath"] == 0.05
    assert pf.base.keyframes["bottom"].adjust == (
        "knee_l.flex",
        "knee_r.flex",
        "pelvis.pitch",
        "lumbar.flex",
        "thoracic.flex",
    )


def test_like_copies_angles_contacts_and_adjust_then_changes_its_own(tmp_path: Path) -> None:
    pf = load_pose_file(_write(tmp_path, GOOD))
    top = pf.base.keyframes["top"]
    assert top.angles["knee_l.flex"] == 80 and top.angles["hip_l.flex"] == 70
    assert top.contacts == (Contact("back"), Contact("foot_l"), Contact("belly", "ball"))
    assert top.adjust == pf.base.keyframes["bottom"].adjust


def test_a_variant_inherits_what_it_does_not_change(tmp_path: Path) -> None:
    pf = load_pose_file(_write(tmp_path, GOOD))
    easy = pf.pose_set("easy")
    assert easy.view == Camera(30, 20)
    assert easy.props == pf.base.props and easy.key == "top" and easy.anchor == "foot_l"
    assert easy.keyframes["top"].angles == pf.base.keyframes["top"].angles
    assert easy.keyframes["top"].aims == (("arm_l", (0.0, 1.0, 0.0)),)
    assert pf.pose_set("no-such-variant") is pf.base  # a dose-only variant looks the same
    assert pf.pose_set(None) is pf.base


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('view = "sideways"', "view", "unknown view 'sideways'"),
        ('contacts = ["elbow_x"]', "contacts", "unknown body part 'elbow_x'"),
        ('contacts = ["hand_l@trampoline"]', "contacts", "neither a prop"),
        ('adjust = ["kneee.flex"]', "adjust", "unknown joint 'kneee'"),
        ('adjust = ["knee.abd"]', "adjust", "knee has flex"),
        ('props = ["hammock"]', "props[0]", "unknown prop 'hammock'"),
        ('props = [{ kind = "ball", at = "belly_button" }]', "props[0].at", "not a body point"),
        ('key = "middle"', "key", "'middle' is not a keyframe"),
        ('anchor = "tail"', "anchor", "unknown body part 'tail'"),
        ("zoom = 2", "zoom", "unknown key"),
    ],
)
def test_mistakes_name_the_file_the_field_and_the_fix(
    tmp_path: Path, text: str, field: str, words: str
) -> None:
    body = (
        f'key = "a"\n{text}\n[keyframes.a]\nknee = 10\n'
        if not text.startswith("key")
        else f"{text}\n[keyframes.a]\nknee = 10\n"
    )
    path = _write(tmp_path, body)
    with pytest.raises(PoseFileError) as caught:
        load_pose_file(path)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(f"{path}: {field}: ") and words in m for m in messages), messages


@pytest.mark.parametrize(
    ("keyframes", "field", "words"),
    [
        ("[keyframes.a]\nelbw = 10\n", "keyframes.a.elbw", "unknown key"),
        ("[keyframes.a]\nknee = { abd = 3 }\n", "keyframes.a.knee.abd", "unknown key"),
        ("[keyframes.a]\nknee = 'bent'\n", "keyframes.a.knee", "expected a number"),
        ("[keyframes.a]\nknee = 999\n", "keyframes.a.knee.flex", "out of range"),
        ("[keyframes.a]\nlike = 'b'\n[keyframes.b]\nlike = 'a'\n", "keyframes", "break the loop"),
        ("[keyframes.a]\nlike = 'zzz'\n", "keyframes.a.like", "no keyframe 'zzz'"),
        (
            "[keyframes.a]\naim = { arm_l = 'sideways' }\n",
            "keyframes.a.aim.arm_l",
            "unknown direction",
        ),
    ],
)
def test_keyframe_mistakes_are_reported_too(
    tmp_path: Path, keyframes: str, field: str, words: str
) -> None:
    path = _write(tmp_path, f'key = "a"\n{keyframes}')
    with pytest.raises(PoseFileError) as caught:
        load_pose_file(path)
    messages = [str(e) for e in caught.value.errors]
    assert any(field in m and words in m for m in messages), messages


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, 'key = "a"\nview = "x"\nanchor = "tail"\n[keyframes.a]\nelbw = 1\n')
    with pytest.raises(PoseFileError) as caught:
        load_pose_file(path)
    assert len(caught.value.errors) == 3


def test_broken_toml_is_reported_not_raised_raw(tmp_path: Path) -> None:
    path = _write(tmp_path, "key = \n")
    with pytest.raises(PoseFileError, match="cannot be read as TOML"):
        load_pose_file(path)
