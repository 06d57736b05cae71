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
    """Where backcoach's own limits apply (the articles give no figure): "backcoach's
    range 8–12 reps × 1–2"; "" where the articles' range is the limit (their line says it)."""
    form = slot.form(level.variant)
    if form is None or not form.ours or not form.range_text():
        return ""
    return _tr("backcoach's range {0}").format(form.range_text())


def articles_text(slot: Slot, level: Level) -> str:
    """The range a level moves in, in a few words: "articles 45–60 s × 3–5"."""
    form = slot.form(level.variant)
    if form is None or not form.range_text():
        return ""
    if form.ours:
        return range_text(slot, level)
    return _tr("articles {0}").format(form.range_text())


def level_line(slot: Slot, level: Level, named: bool = True) -> str:
    """ "Plank 50 s × 4" ("50 s × 4" unnamed, under a card's own title), with backcoach's
    limits where the articles give none."""
    line = f"{form_name(slot, level)} {level.describe()}" if named else level.describe()
    limits = range_text(slot, level)
    return f"{line} ({limits})" if limits else line
