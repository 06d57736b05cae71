"""Sub-commands of the ``backcoach`` command line, one module each.

Each module exposes ``register(sub)`` and keeps its heavy imports inside its handler,
so ``backcoach --version`` and ``backcoach routines`` never load Qt.
"""

from __future__ import annotations

from typing import Any


def register_all(sub: Any) -> None:
    from backcoach.commands import history, plan, routine, routines, run, runs, shoes, speak

    for module in (routines, routine, plan, run, history, speak, runs, shoes):
        module.register(sub)
