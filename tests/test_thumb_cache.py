"""Card pictures: rendered by the figure engine once, read back from their raw pixels
after (no image reader before the first frame); a damaged file is drawn again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPalette

from backcoach import paths
from backcoach.ui.widgets import thumb_cache
from backcoach.ui.widgets.figures import ExerciseThumb


@pytest.fixture(autouse=True)
def _fresh_memory():
    thumb_cache.forget()
    yield
    thumb_cache.forget()


def ink(image: QImage) -> int:
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).alpha() > 0
    )


def test_a_picture_is_rendered_once_then_read_back(qapp, monkeypatch) -> None:
    palette = QPalette()
    first = thumb_cache.picture("plank", "", QSize(120, 90), 1.0, palette)
    assert first is not None and ink(first) > 100
    files = list((paths.cache_dir() / "pictures").rglob("*.px"))
    assert [f.name for f in files] == ["plank---120x90@1-light.px"]
    thumb_cache.forget()  # a new start: nothing in memory

    def no_engine(*args: object) -> None:
        raise AssertionError("rendered again instead of reading the file")

    monkeypatch.setattr(thumb_cache, "_render", no_engine)
    again = thumb_cache.picture("plank", "", QSize(120, 90), 1.0, palette)
    assert again is not None and again == first  # pixel for pixel
    assert again.format() == QImage.Format.Format_ARGB32_Premultiplied


def test_a_damaged_picture_file_is_drawn_again(qapp) -> None:
    first = thumb_cache.picture("plank", "", QSize(80, 60), 1.0, QPalette())
    assert first is not None
    [file] = (paths.cache_dir() / "pictures").rglob("*.px")
    good = file.read_bytes()
    for bad in [good[:-7], b"PNG?" + good[4:], good[:10], b""]:
        file.write_bytes(bad)
        thumb_cache.forget()
        again = thumb_cache.picture("plank", "", QSize(80, 60), 1.0, QPalette())
        assert again == first
        assert file.read_bytes() == good  # written anew


def test_dark_windows_get_their_own_light_figure(qapp) -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#1e2227"))
    light_img = thumb_cache.picture("cat-cow", "", QSize(96, 72), 1.0, QPalette())
    dark_img = thumb_cache.picture("cat-cow", "", QSize(96, 72), 1.0, dark)
    assert light_img is not None and dark_img is not None
    assert light_img != dark_img
    names = sorted(f.name for f in (paths.cache_dir() / "pictures").rglob("*.px"))
    assert names == ["cat-cow---96x72@1-dark.px", "cat-cow---96x72@1-light.px"]


def test_a_new_stamp_sweeps_the_old_pictures(qapp, monkeypatch) -> None:
    thumb_cache.picture("plank", "", QSize(60, 45), 1.0, QPalette())
    old = {p.name for p in (paths.cache_dir() / "pictures").iterdir()}
    thumb_cache.forget()
    monkeypatch.setattr(thumb_cache, "stamp", lambda: "a-newer-stamp")
    thumb_cache.picture("plank", "", QSize(60, 45), 1.0, QPalette())
    assert {p.name for p in (paths.cache_dir() / "pictures").iterdir()} == {"a-newer-stamp"}
    assert old and "a-newer-stamp" not in old


def test_no_pose_file_is_no_picture_and_an_unwritable_cache_only_costs_speed(
    qapp, tmp_path, monkeypatch
) -> None:
    assert thumb_cache.picture("made-up-exercise", "", QSize(60, 45), 1.0, QPalette()) is None
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocked)
    image = thumb_cache.picture("plank", "", QSize(60, 45), 1.0, QPalette())
    assert image is not None and ink(image) > 20


def test_the_card_thumbnail_paints_its_picture(qtbot) -> None:
    thumb = ExerciseThumb(110)
    qtbot.addWidget(thumb)
    thumb.resize(110, 82)
    thumb.show_exercise("glute-bridge")
    assert thumb.accessibleName() == "glute bridge"
    shot = thumb.grab().toImage()
    background = shot.pixelColor(0, 0)
    assert (
        sum(
            1
            for y in range(0, 82, 2)
            for x in range(0, 110, 2)
            if shot.pixelColor(x, y) != background
        )
        > 50
    )
    thumb.show_exercise("")
    assert thumb.picture() is None
