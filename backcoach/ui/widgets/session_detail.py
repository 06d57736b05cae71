"""One past session in full: every exercise planned against done, what was skipped or
hurt, the runner's note, and what they said during it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.history import SessionDetail
from backcoach.core.records import SegmentRecord, SessionEvent
from backcoach.ui.widgets.session_table_model import (
    completion_text,
    format_when,
    pain_text,
    status_text,
    unknown_share_reason,
)
from backcoach.ui.widgets.tables import tab_leaves


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionDetail", text)


def done_of_planned(r: SegmentRecord) -> str:
    """Reps for a rep exercise, else time: "12 / 15 reps", "40 / 45 s", "2.5 / 3.0 min"."""
    if r.planned_reps is not None:
        return _tr("{0} / {1} reps").format(
            "–" if r.done_reps is None else r.done_reps, r.planned_reps
        )
    if r.planned_s >= 120:
        return _tr("{0:.1f} / {1:.1f} min").format(r.done_s / 60, r.planned_s / 60)
    return _tr("{0:.0f} / {1:.0f} s").format(r.done_s, r.planned_s)


def event_text(ev: SessionEvent, names: Mapping[str, str] | None = None) -> str:
    """What the runner did or said, as a sentence; ``names`` maps exercise ids to names."""
    value = ev.value.replace("-", " ")
    choices = {
        "easier": _tr("switched to the easier variant"),
        "skip": _tr("skipped the exercise"),
        "end": _tr("ended the session"),
    }
    if ev.kind == "hurt":
        text = _tr("Said it hurts")
    elif ev.kind == "hurt-choice":
        text = _tr("Said it hurts and {0}").format(choices.get(ev.value, value))
    elif ev.kind == "check-answer":
        text = _tr("Glute check: felt it mostly in the {0}").format(value)
    elif ev.kind == "variant":
        text = _tr("Changed to the {0} variant").format(value)
    elif ev.kind == "auto-pause":
        text = _tr("Paused automatically") + (f" ({value})" if value else "")
    else:
        text = f"{ev.kind}: {value}" if value else ev.kind
    exercise = (names or {}).get(ev.exercise_id) or ev.exercise_id.replace("-", " ")
    where = ", ".join(x for x in (exercise, _side(ev.side)) if x)
    minutes, seconds = divmod(int(ev.at_s), 60)
    return f"{minutes}:{seconds:02d}  {text}" + (f" ({where})" if where else "")


def _side(side: str) -> str:
    return "" if side in ("", "none") else _tr(side)


class SessionDetailView(QStackedWidget):
    COLUMNS = ("Exercise", "Set", "Done")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Session details"))
        self._detail: SessionDetail | None = None

        self.placeholder = QLabel(self.tr("Choose a session to see every exercise in it."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setProperty("role", "muted")
        self.addWidget(self.placeholder)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 700;")
        self.title.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("font-style: italic;")
        self.table = QTableWidget(0, len(self.COLUMNS))
        tips = (
            self.tr("The exercise, its variant and side"),
            self.tr("Which set (and round) of the exercise"),
            self.tr("Done / planned: reps, or seconds held"),
        )
        for col, (name, tip) in enumerate(zip(self.COLUMNS, tips, strict=True)):
            item = QTableWidgetItem(self.tr(name))
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(col, item)
        self.table.setAccessibleName(self.tr("Exercises in this session"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        tab_leaves(self.table)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.events_title = QLabel(self.tr("During the session"))
        self.events_title.setStyleSheet("font-weight: 600;")
        self.events = QLabel()
        self.events.setWordWrap(True)
        self.events.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.title, self.summary, self.notes, self.table, self.events_title, self.events):
            layout.addWidget(w)
        layout.addStretch(1)
        # The table grows to show every set and the whole detail scrolls as one page,
        # rather than a small table scrolling inside a small pane.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.addWidget(self.scroll)

    def detail(self) -> SessionDetail | None:
        return self._detail

    def show_session(self, detail: SessionDetail | None) -> None:
        self._detail = detail
        if detail is None:
            self.setCurrentIndex(0)
            return
        s = detail.session
        self.title.setText(s.routine_name)
        parts = [
            format_when(s),
            status_text(s.status),
            self.tr("{0} of {1} min of exercise, {2} done").format(
                round(s.done_s / 60), round(s.planned_s / 60), completion_text(s)
            )
            if s.completion is not None
            else self.tr("{0} min of exercise").format(round(s.done_s / 60)),
            self.tr("pain {0} → {1}").format(pain_text(s.pain_before), pain_text(s.pain_after)),
        ]
        self.summary.setText(" · ".join(parts))
        self.summary.setToolTip("" if s.completion is not None else unknown_share_reason())
        self.notes.setText(f"“{s.notes}”" if s.notes else "")
        self.notes.setVisible(bool(s.notes))
        self._fill_table(detail.segments)
        names = {r.exercise_id: r.exercise_name for r in detail.segments}
        self.events.setText("\n".join(event_text(e, names) for e in detail.events))
        self.events_title.setVisible(bool(detail.events))
        self.events.setVisible(bool(detail.events))
        self.setCurrentIndex(1)
        self.scroll.verticalScrollBar().setValue(0)

    def row_texts(self) -> list[list[str]]:
        """What the exercise table shows, row by row (for tests and screen readers)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def _fill_table(self, segments: tuple[SegmentRecord, ...]) -> None:
        self.table.setRowCount(len(segments))
        multi_round = any(r.round_no > 1 for r in segments)
        for row, r in enumerate(segments):
            name = r.exercise_name + (f" ({r.variant})" if r.variant else "")
            if _side(r.side):
                name += f" · {_side(r.side)}"
            set_text = (
                self.tr("round {0}, set {1}").format(r.round_no, r.set_no)
                if multi_round
                else str(r.set_no)
            )
            flags = [self.tr("skipped")] if r.skipped else []
            if r.hurt:
                flags.append(self.tr("hurt"))
            # A skipped set did nothing, so its word says all; a hurt one keeps its count.
            done = " · ".join(flags) if r.skipped else " · ".join([done_of_planned(r), *flags])
            for col, text in enumerate((name, set_text, done)):
                item = QTableWidgetItem(text)
                if flags:  # a set that was skipped or hurt stands out in the whole row
                    bold = item.font()
                    bold.setBold(True)
                    item.setFont(bold)
                self.table.setItem(row, col, item)
