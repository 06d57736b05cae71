"""Each exercise's level over time: per routine, per exercise, where it started and where
it is now, and under it each change with its date, the new level and the reason."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from backcoach.core.levels import ROUNDS_KEY, Level
from backcoach.core.progression import SETS_LEVEL, LevelChange, RoutineLevels
from backcoach.ui.widgets.level_text import form_name

KIND_WORDS = {"up": "Step up", "back": "Step back", "by-hand": "Set by hand", "reset": "Reset"}
ARROWS = {"up": "↑", "back": "↓", "by-hand": "✎", "reset": "↺"}


class LevelHistoryView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Exercise, date"), self.tr("Level"), self.tr("Why")])
        self.setAccessibleName(self.tr("Each exercise's level over time"))
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        head = self.header()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def show_levels(self, routines: Sequence[RoutineLevels]) -> None:
        self.clear()
        for state in routines:
            changes = [c for c in state.changes if c.kind in SETS_LEVEL]
            if not changes:
                continue
            top = QTreeWidgetItem([state.routine.name, "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.addTopLevelItem(top)
            for key, name in [*state.names().items(), (ROUNDS_KEY, self.tr("Rounds"))]:
                mine = [c for c in changes if c.slot == key]
                if mine:
                    top.addChild(self._slot_item(state, key, name, mine))
        self.expandAll()

    def _slot_item(
        self, state: RoutineLevels, key: str, name: str, changes: list[LevelChange]
    ) -> QTreeWidgetItem:
        def text(c: LevelChange | None) -> str:
            if key == ROUNDS_KEY:
                return str(c.rounds if c is not None else state.routine.rounds)
            level = c.level if c is not None and c.level is not None else state.slot(key).base
            return self._level(state, key, level)

        now = str(state.rounds) if key == ROUNDS_KEY else self._level(state, key, state.levels[key])
        n = len(changes)
        count = self.tr("1 change") if n == 1 else self.tr("{0} changes").format(n)
        item = QTreeWidgetItem([name, f"{text(None)} → {now}", count])
        bold = item.font(1)
        bold.setBold(True)
        item.setFont(1, bold)
        for c in changes:
            words = self.tr(KIND_WORDS[c.kind])
            child = QTreeWidgetItem(
                [f"{c.decided_at:%a %-d %b %Y}", f"{ARROWS[c.kind]} {text(c)}", c.reason]
            )
            child.setToolTip(2, f"{words}: {c.reason}")
            child.setData(1, Qt.ItemDataRole.AccessibleTextRole, f"{words}, {text(c)}")
            item.addChild(child)
        item.setData(
            0, Qt.ItemDataRole.AccessibleTextRole, self.tr("{0}, now {1}").format(name, now)
        )
        return item

    @staticmethod
    def _level(state: RoutineLevels, key: str, level: Level) -> str:
        slot = state.slot(key)
        if level.variant == slot.base.variant:
            return level.describe()
        return f"{form_name(slot, level)}, {level.describe()}"
