from pathlib import Path

from backcoach import paths


def test_data_dir_is_inside_tmp_path(tmp_path: Path) -> None:
    assert paths.data_dir().is_relative_to(tmp_path)
    assert paths.log_dir().is_relative_to(tmp_path)


def test_data_dir_override_wins(tmp_path: Path) -> None:
    paths.set_data_dir(tmp_path / "elsewhere")
    assert paths.history_db() == (tmp_path / "elsewhere" / "history.sqlite3").resolve()


def test_asset_lookup_refuses_to_climb_out() -> None:
    import pytest

    with pytest.raises(ValueError, match="leaves the asset folder"):
        paths.asset("..", "pyproject.toml")
    assert paths.asset("routines").is_dir()
