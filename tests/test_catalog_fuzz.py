"""Property-based fuzzing of the catalogue loader: 0 crashes, 0 hangs, every error names
its file and a field.

Three kinds of input, derandomized so CI runs the same few hundred cases every time:
shipped files mutated the way hand edits and broken tools do (cut, spliced, doubled,
hostile tokens dropped in), whole files of random TOML built from the format's own
keys, and random bytes. Each case is a real file in a real data folder, loaded by the
real ``load_catalog`` under an alarm: a case still loading after ``HANG_S`` is a hang.
A "crash" is an exception escaping the loader, or one only its last-resort guard
caught (``UNFORESEEN``): either means a parser path nobody handled.
"""

from __future__ import annotations

import math
import shutil
import signal
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.core.catalog import UNFORESEEN, load_catalog
from tests.conftest import ASSETS

HANG_S = 5.0
EXAMPLES = 300
SHIPPED = sorted((ASSETS / "exercises").glob("*.toml")) + sorted(
    (ASSETS / "routines").glob("*.toml")
)
TEXTS = {p: p.read_text(encoding="utf-8") for p in SHIPPED}
BASE_EXERCISES = tuple(p.stem for p in sorted((ASSETS / "exercises").glob("*.toml")))
KEYS = [
    "id", "name", "summary", "position", "instructions", "equipment", "per_side", "dosage",
    "mode", "hold_s", "reps", "sets", "rest_s", "tempo", "seconds", "cue", "seed", "text",
    "variants", "level", "check", "answers", "label", "advice", "routine", "items",
    "exercise", "variant", "rounds", "rounds_range", "rest_between_exercises_s",
    "rest_between_rounds_s", "sources", "ours", "notes", "purpose", "when", "cues", "setup",
    "during", "default_is_ours",
]  # fmt: skip
TOKENS = [
    "[" * 400, "]" * 50, "{", "}", "9" * 5000, "9" * 400, "1e999", "-1e999", "nan", "inf",
    "-inf", "-0", "0x7fffffffffffffff", '"""', "'''", "\\u0000", "\ufeff", "\x00", "\r",
    "\n[[items]]\n", "\n[dosage]\n", "\n[[variants]]\n", "= ", '"' + "x" * 3000 + '"',
    "\U0001f600", "1979-05-27T07:32:00Z", "true", "[[]]", "a.b.c.d.e.f.g.h.i = 1",
]  # fmt: skip

counts: Counter[str] = Counter()


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


@pytest.fixture(scope="module")
def asset_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("assets")
    for folder in ("exercises", "routines"):  # a copy: the fuzz never touches the real ones
        shutil.copytree(ASSETS / folder, root / folder)
    return root


# ----------------------------------------------------------------- strategies
@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, bytes]:
    path = draw(st.sampled_from(SHIPPED))
    # A renamed copy, so an untouched one loads rather than clash with the shipped one.
    name = f"fuzz-{path.stem}"
    text = TEXTS[path].replace(f'id = "{path.stem}"', f'id = "{name}"', 1)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "cut", "double", "replace", "truncate"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif action == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif action == "double":
            text = text[:at] + text[at : at + 300] * draw(st.integers(2, 40)) + text[at:]
        elif action == "replace":
            text = text[:at] + draw(st.text(max_size=20)) + text[at + 20 :]
        else:
            text = text[:at]
    return path.parent.name, name, text.encode("utf-8", "surrogatepass")


_scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0, 0.5, 30.0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["hold", "reps", "mat", "glute-bridge", "easier", "after-run", ""]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)
    ),
    max_leaves=40,
)


def _toml(value: Any) -> str:
    """Inline TOML for a generated value (mixed-type arrays are valid TOML 1.0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        escaped = "".join(
            c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}"
            for c in value
            if ord(c) < 0x10000 and not 0xD800 <= ord(c) <= 0xDFFF
        )
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"


@st.composite
def generated(draw: st.DrawFn) -> tuple[str, str, bytes]:
    folder = draw(st.sampled_from(["exercises", "routines"]))
    table = draw(st.dictionaries(st.sampled_from(KEYS), _values, max_size=12))
    if draw(st.booleans()):
        table["id"] = "fuzz"
    if folder == "routines" and draw(st.booleans()):
        table["items"] = [
            {"exercise": draw(st.sampled_from(BASE_EXERCISES))}
            for _ in range(draw(st.integers(0, 60)))
        ]
    text = "\n".join(f"{k} = {_toml(v)}" for k, v in table.items()) + "\n"
    return folder, "fuzz", text.encode("utf-8")


raw_bytes = st.tuples(
    st.sampled_from(["exercises", "routines"]), st.just("fuzz"), st.binary(max_size=2000)
)


# ----------------------------------------------------------------- the property
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=st.one_of(mutated(), generated(), raw_bytes))
def test_no_file_crashes_hangs_or_goes_unnamed(
    asset_root: Path, case: tuple[str, str, bytes]
) -> None:
    folder, name, content = case
    with tempfile.TemporaryDirectory(prefix="backcoach-fuzz-") as tmp:
        data = Path(tmp)
        (data / folder).mkdir()
        path = data / folder / f"{name}.toml"
        path.write_bytes(content)
        counts["cases"] += 1
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_S)
        started = time.perf_counter()
        try:
            catalog = load_catalog(asset_root, data)
        except _Hang:
            counts["hangs"] += 1
            raise AssertionError(f"hang: still loading after {HANG_S} s") from None
        except BaseException:
            counts["crashes"] += 1
            raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        counts["slowest_ms"] = max(
            counts["slowest_ms"], int((time.perf_counter() - started) * 1000)
        )
    counts["refused" if catalog.errors else "loaded"] += 1
    for error in catalog.errors:
        if UNFORESEEN in error.message:
            counts["crashes"] += 1
            raise AssertionError(f"crash caught only by the last guard: {error}")
        if error.file != path or not error.field.strip():
            counts["unnamed"] += 1
            raise AssertionError(f"an error that names no file or field: {error!r}")
    assert set(BASE_EXERCISES) <= set(catalog.exercises)  # the rest still loads


def test_fuzz_counts() -> None:
    """Printed for the record (pytest -s); runs after the property in this file."""
    print(
        f"\nfuzz: {counts['cases']} cases, {counts['crashes']} crashes, {counts['hangs']} hangs, "
        f"{counts['unnamed']} unnamed errors; {counts['refused']} refused, "
        f"{counts['loaded']} loaded; slowest {counts['slowest_ms']} ms"
    )
    assert counts["cases"] >= EXAMPLES
    assert counts["crashes"] == counts["hangs"] == counts["unnamed"] == 0
