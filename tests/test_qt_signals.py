"""Guards against the PySide6 6.12.0 bug that made the app crash mid-session.

On Python 3.11, PySide6 6.12.0's Signal.emit() returned True without taking a
reference, so each emit stole one; after a few thousand (a minute of a session at
60 ticks a second) the interpreter aborted with "bool_dealloc". pyproject.toml keeps
PySide6 below 6.12; this test fails if an install slips past that.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_from_python_does_not_leak_references_to_true(qapp) -> None:
    e = _Emitter()
    got: list[object] = []
    e.fired.connect(got.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        e.fired.emit([True, 1])
    assert len(got) == 2000
    del got
    assert sys.getrefcount(True) >= before - 5  # a few may move elsewhere; not thousands
