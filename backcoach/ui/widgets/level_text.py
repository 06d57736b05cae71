"""A runner's level next to the articles' range, as one line for cards and the routine page:
"Plank 50 s × 4 · articles 45–60 s, 3–5"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.core.levels import Level, Slot


def _tr(text: str) -> str:
    return QCoreApplication.translate("level_text", text)


def form_name(slot: Slot, level: Level) -> str:
    form = slot.form(level.variant)
    return form.name if form is not None else slot.name


def range_text(slot: Slot, level: Level) -> str:
    """ "articles 45–60 s × 3–5", "ours 8–12 reps × 1–2 (…)", or "" when nothing can move."""
    form = slot.form(level.variant)
    if form is None:
        return ""
    text = form.range_text()
    if not text:
        return ""
    if form.ours:
        return _tr("ours {0} (no figure in the articles)").format(text)
    return _tr("articles {0}").format(text)


def level_line(slot: Slot, level: Level) -> str:
    """ "Plank 50 s × 4 · articles 45–60 s × 3–5"."""
    line = f"{form_name(slot, level)} {level.describe()}"
    limits = range_text(slot, level)
    return f"{line} · {limits}" if limits else line
