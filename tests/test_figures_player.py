"""The moving figure follows the session's time exactly, stills when it stops, and
shows the side being worked as a mirror image."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from backcoach.core.catalog import TempoPhase
from backcoach.figures import figure_for
from backcoach.figures.skeleton import mirror_pose
from backcoach.ui.widgets.figure_player import FigurePlayer
from backcoach.ui.widgets.figure_view import FigureView, figure_image

BRIDGE = (
    TempoPhase("lift", 2, "Lift"),
    TempoPhase("hold", 3, "Hold"),
    TempoPhase("lower", 2, "Lower"),
)
SL_BRIDGE = (TempoPhase("lift", 2, ""), TempoPhase("hold", 2, ""), TempoPhase("lower", 2, ""))


@pytest.fixture
def player(qtbot) -> FigurePlayer:  # type: ignore[no-untyped-def]
    widget = FigurePlayer()
    widget.resize(600, 450)
    qtbot.addWidget(widget)
    return widget


def _pixels(widget) -> QImage:  # type: ignore[no-untyped-def]
    return widget.grab().toImage()


def test_phase_ends_show_the_keyframes_named_after_them(player: FigurePlayer) -> None:
    player.set_exercise("glute-bridge", "", "none", BRIDGE, "reps")
    fig = figure_for("glute-bridge")
    expected = {0.0: "lower", 2.0: "lift", 5.0: "hold", 7.0: "lower", 9.0: "lift"}
    for t, name in expected.items():
        player.set_elapsed(t)
        frame = player.current_frame()
        assert frame is not None
        pose, want = frame.pose, fig.keyframes[name]
        assert all(
            abs(pose.get(k, 0) - want.get(k, 0)) < 1e-6 for k in pose.keys() | want.keys()
        ), t


def test_frames_at_different_times_differ_and_are_drawn(player: FigurePlayer) -> None:
    player.set_exercise("glute-bridge", None, "none", BRIDGE, "reps")
    player.set_elapsed(0.0)
    bottom = _pixels(player)
    pose_bottom = player.current_frame().pose  # type: ignore[union-attr]
    player.set_elapsed(1.0)
    pose_mid = player.current_frame().pose  # type: ignore[union-attr]
    player.set_elapsed(2.0)
    top = _pixels(player)
    assert pose_mid != pose_bottom
    assert bottom != top
    assert _ink(top) > 0.03  # a figure, not a blank widget


def _ink(image: QImage) -> float:
    """Share of pixels that differ from the corner (background) colour."""
    bg = image.pixelColor(0, 0)
    step = 6
    total = hit = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            total += 1
            hit += image.pixelColor(x, y) != bg
    return hit / total


def test_a_paused_session_keeps_the_same_frame(player: FigurePlayer) -> None:
    player.set_exercise("glute-bridge", "", "none", BRIDGE, "reps")
    player.set_elapsed(1.3)
    before = player.current_frame().pose  # type: ignore[union-attr]
    player.set_paused(True)
    assert player.is_paused()
    for _ in range(5):  # the driver keeps ticking but elapsed no longer advances
        player.set_elapsed(1.3)
    assert player.current_frame().pose == before  # type: ignore[union-attr]
    dimmed = _pixels(player)
    player.set_paused(False)
    assert player.current_frame().pose == before  # type: ignore[union-attr]
    assert _pixels(player) != dimmed  # paused is drawn dimmed, with a pause mark


def test_left_and_right_differ_by_mirroring(player: FigurePlayer) -> None:
    player.set_exercise("single-leg-bridge", "", "left", SL_BRIDGE, "reps")
    player.set_elapsed(1.0)
    left = player.current_frame().pose  # type: ignore[union-attr]
    left_image = _pixels(player)
    player.set_exercise("single-leg-bridge", "", "right", SL_BRIDGE, "reps")
    player.set_elapsed(1.0)
    right = player.current_frame().pose  # type: ignore[union-attr]
    mirrored = mirror_pose(left)
    assert all(
        abs(right.get(k, 0) - mirrored.get(k, 0)) < 1e-9 for k in right.keys() | mirrored.keys()
    )
    right_image = _pixels(player)
    assert right_image != left_image
    assert _similar(right_image.flipped(Qt.Orientation.Horizontal), left_image)


def _similar(a: QImage, b: QImage) -> bool:
    """Pictures equal but for antialiasing at a few edge pixels."""
    differ = sum(
        a.pixelColor(x, y) != b.pixelColor(x, y)
        for y in range(0, a.height(), 3)
        for x in range(0, a.width(), 3)
    )
    return differ / ((a.height() // 3) * (a.width() // 3)) < 0.02


def test_variant_looks_and_holds(player: FigurePlayer) -> None:
    player.set_exercise("plank", "side-plank", "left", (), "hold")
    assert player.figure is not None and player.figure.variant == "side-plank"
    player.set_elapsed(0.0)
    first = player.current_frame()
    player.set_elapsed(1.25)
    later = player.current_frame()
    assert first.pose == later.pose  # type: ignore[union-attr]
    assert later.breath != first.breath  # type: ignore[union-attr]
    player.set_exercise("plank", "no-such-variant", "none", (), "hold")
    assert player.figure.variant == ""  # type: ignore[union-attr]


def test_an_exercise_without_a_pose_file_shows_nothing(player: FigurePlayer) -> None:
    player.set_exercise("glute-bridge", "", "none", BRIDGE, "reps")
    player.set_exercise("made-up-exercise", "", "none", (), "hold")
    assert player.current_frame() is None
    assert _ink(_pixels(player)) == 0


def test_the_figure_follows_a_dark_palette(player: FigurePlayer) -> None:
    player.set_exercise("plank", "", "none", (), "hold")
    light = _pixels(player)
    palette = QPalette(player.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#1e2227"))
    player.setPalette(palette)
    dark = _pixels(player)
    assert dark != light
    assert player.accessibleName()


def test_the_still_view_and_image_helper(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(240, 180)
    view.set_exercise("cat-cow")
    assert view.scene() is not None
    assert _ink(view.grab().toImage()) > 0.03
    image = figure_image("plank", QSize(96, 72), view.palette())
    assert image.size() == QSize(96, 72)
    assert _ink(image) > 0.03
    view.set_exercise("made-up-exercise")
    assert view.scene() is None


def test_a_broken_pose_file_costs_the_picture_not_the_session(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "wobbly.toml").write_text('key = "a"\n[keyframes.a]\nelbw = 3\n', encoding="utf-8")
    widget = FigurePlayer(poses=tmp_path)
    qtbot.addWidget(widget)
    widget.set_exercise("wobbly", "", "none", (), "hold")
    assert widget.current_frame() is None
