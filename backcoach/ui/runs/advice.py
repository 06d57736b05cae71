"""What the articles say a runner can change on the running side (seeds 000 and 003),
in our own words, and how the Runs page words the load zones."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.core.sources import titles_text
from backcoach.runs.load import Load, Zone

SOURCES = f"From the articles behind backcoach: {titles_text(['000', '003'])}."


def tr(text: str) -> str:
    return QCoreApplication.translate("RunAdvice", text)


def running_side_advice() -> list[str]:
    return [
        tr("Build up gradually, a little at a time."),
        tr("Go easy on a sudden move onto harder ground, like more road running."),
        tr(
            "Uphill, lean forward with your ribs over your pelvis, drive with arms and trunk "
            "and push with your glutes, not your lower back."
        ),
        tr("Change your shoes regularly when you run a lot."),
    ]


def zone_words(zone: Zone) -> str:
    return {
        Zone.NO_HISTORY: tr("not enough history yet"),
        Zone.LOW: tr("less than you are used to"),
        Zone.STEADY: tr("in line with what you are used to"),
        Zone.STEP: tr("a step up on what you are used to"),
        Zone.JUMP: tr("well above what you are used to"),
    }[zone]


def load_sentence(load: Load) -> str:
    if load.zone is Zone.NO_HISTORY:
        return tr(
            "{0} km in the last 7 days. The ratio needs four weeks of runs in your log to "
            "compare with."
        ).format(f"{load.acute_m / 1000:.1f}")
    return tr("{0} km in the last 7 days, against {1} km a week over the last 4 weeks.").format(
        f"{load.acute_m / 1000:.1f}", f"{load.chronic_m / 1000:.1f}"
    )


def warning(load: Load) -> str:
    """A plain-words warning for a jump, a gentler note for a step up, else ""."""
    if load.zone is Zone.JUMP:
        return tr(
            "Well above what you are used to. A sudden jump in training load is one of the "
            "causes of back pain the articles name: ease off for a few days, then build up "
            "again gradually."
        )
    if load.zone is Zone.STEP:
        return tr("A step up this week. Keep the next week steady before adding more.")
    return ""


THRESHOLDS_NOTE = (
    "Zones are ours, from sports-science guidance (risk rises above about 1.5), not the "
    "articles'; they say only that sudden jumps in load matter."
)
