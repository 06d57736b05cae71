"""What backcoach is and is not: the first-run welcome and the About box."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from backcoach import __version__
from backcoach.ui.context import AppContext
from backcoach.ui.pages.library_page import DISCLAIMER


def welcome_if_first_run(parent: QWidget, ctx: AppContext) -> None:
    """Once, at the very first start: what backcoach is not, and when to stop."""
    if ctx.settings.welcomed:
        return
    from backcoach.core.safety import RED_FLAGS

    tr = parent.tr
    signs = "".join(f"<li>{tr(f.question)}</li>" for f in RED_FLAGS)
    QMessageBox.information(
        parent,
        tr("Welcome to backcoach"),
        tr(
            "<p>{0}</p><p><b>See a physiotherapist or doctor before you start, and stop "
            "and get assessed, if you have any of these:</b></p><ul>{1}</ul>"
            "<p>backcoach will ask about them again before every session.</p>"
        ).format(tr(DISCLAIMER), signs),
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
