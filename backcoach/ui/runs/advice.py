"""What the articles say a runner can change on the running side (seeds 000 and 003),
in our own words, and how the Runs page words the load zones."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from backcoach.runs.load import Load, Zone

SOURCES = "Running-side advice from the articles behind backcoach (sources 000 and 003)."


def tr(text: str) -> str:
    return QCoreApplication.translate("RunAdvice", text)


def running_side_advice() -> list[str]:
    return [
        tr("Build up gradually: add distance a little at a time, not all in one week."),
        tr("Take care with a sudden switch to harder surfaces, such as more road running."),
        tr(
            "On hills, lean forward with your ribs over your pelvis, drive with your arms and "
            "trunk, and push up with your glutes rather than arching your lower back."
        ),
        tr("Change your shoes regularly, especially when you are running a lot."),
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
            "This week is well above what you are used to. A sudden jump in training load is "
            "one of the running-side causes of back pain the articles name: consider easing "
            "off for the next few days and building up again gradually."
        )
    if load.zone is Zone.STEP:
        return tr("A step up this week. Keep the next week steady before adding more.")
    return ""


THRESHOLDS_NOTE = (
    "Zones are ours, from sports-science guidance on training load (risk rises above about "
    "1.5); the articles say only that sudden jumps in load matter."
)
