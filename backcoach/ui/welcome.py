"""What backcoach is and is not: the first-run welcome and the About box."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from backcoach import __version__
from backcoach.core import safety
from backcoach.core.safety import DISCLAIMER
from backcoach.ui.context import AppContext


def welcome_if_first_run(parent: QWidget, ctx: AppContext) -> None:
    """Once, at the very first start: what backcoach is not, and when to stop."""
    if ctx.settings.welcomed:
        return
    tr = parent.tr
    signs = "".join(f"<li>{tr(f.question)}</li>" for f in safety.RED_FLAGS)
    # The same words as the terminal's (core/safety.py: welcome_text), set as HTML.
    QMessageBox.information(
        parent,
        tr("Welcome to backcoach"),
        f"<p>{tr(DISCLAIMER)}</p><p><b>{tr(safety.WELCOME_BEFORE)}</b></p>"
        f"<p><b>{tr(safety.WELCOME_SIGNS)}</b></p><ul>{signs}</ul>"
        f"<p>{tr(safety.WELCOME_AFTER)}</p>",
    )
    ctx.update_settings(welcomed=True)


def show_about(parent: QWidget) -> None:
    tr = parent.tr
    QMessageBox.about(
        parent,
        tr("About backcoach"),
        tr(
            "<h3>backcoach {0}</h3><p>A follow-along coach for runners with lower back pain.</p>"
            "<p>{1}</p><p>Exercises are drawn from articles by physiotherapists and running "
            "magazines; every exercise file names its sources.</p>"
        ).format(__version__, tr(DISCLAIMER)),
    )
