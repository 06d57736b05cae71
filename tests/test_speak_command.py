"""``backcoach speak``, through ``backcoach.cli.main`` and the real engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backcoach.cli import main
from backcoach.core.cues import estimate_speech_s
from tests.speech_helpers import analyse_wav, no_leaks  # noqa: F401

pytestmark = [pytest.mark.speech, pytest.mark.usefixtures("no_leaks")]


def test_speak_to_a_wav_file(tmp_path: Path, capsys) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "x.wav"
    assert main(["speak", "Switch sides", "--to", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}")
    stats = analyse_wav(out)
    assert 0.5 <= stats.seconds / estimate_speech_s("Switch sides") <= 2.0
    assert stats.voiced >= 0.6 and stats.rms >= 1000
    assert [p.name for p in out.parent.iterdir()] == ["x.wav"]  # no temporary left behind


def test_rate_option_changes_the_length(tmp_path: Path) -> None:
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    assert main(["speak", "Breathe in, and lift", "--rate", "110", "--to", str(slow)]) == 0
    assert main(["speak", "Breathe in, and lift", "--rate", "300", "--to", str(fast)]) == 0
    assert analyse_wav(slow).seconds > 1.8 * analyse_wav(fast).seconds


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["speak", "  "], "nothing to say: TEXT is empty"),
        (["speak", "Go", "--to", "{tmp}/go.mp3"], "give a name ending in .wav"),
        (["speak", "Go", "--to", "{tmp}/missing/go.wav"], "does not exist; create it first"),
        (["speak", "Go", "--volume", "3"], "--volume 3.0 is out of range"),
    ],
)
def test_bad_input_is_one_clear_sentence(tmp_path: Path, capsys, argv, message) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("backcoach: ")
    assert not any(p.suffix in (".wav", ".mp3") for p in tmp_path.rglob("*"))


@pytest.mark.skipif(sys.platform != "linux", reason="uses Linux library paths")
def test_without_espeak_ng_the_fix_is_named(tmp_path: Path, monkeypatch, capsys) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "libespeak-ng.so.1").write_text("not a library")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(lib))
    assert main(["speak", "Go", "--to", str(tmp_path / "go.wav")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "espeak-ng is not installed" in err and "apt-get install espeak-ng alsa-utils" in err
    assert not (tmp_path / "go.wav").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="uses ALSA's configuration")
def test_speaking_aloud_without_a_sound_device_says_so(
    tmp_path: Path,
    monkeypatch,
    capsys,
) -> None:
    conf = tmp_path / "asound.conf"
    conf.write_text("")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(conf))
    monkeypatch.delenv("BACKCOACH_SPEECH_SINK", raising=False)
    assert main(["speak", "Go"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no sound output was found" in err and "--to FILE.wav" in err


def test_speaking_aloud_into_the_null_sink(monkeypatch) -> None:
    monkeypatch.setenv("BACKCOACH_SPEECH_SINK", "null")
    assert main(["speak", "Switch sides"]) == 0
