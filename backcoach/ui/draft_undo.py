"""One edit of a routine draft on the editor's undo stack: the draft before and after.

Drafts are immutable values (core), so undoing is showing the one before. Consecutive
changes to one field (typing a name, stepping a spin box) merge into one step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from backcoach.core.routine_draft import RoutineDraft

_TYPING = 1  # the undo id of commands that may merge


class DraftChange(QUndoCommand):
    def __init__(
        self,
        show: Callable[[RoutineDraft], None],
        before: RoutineDraft,
        after: RoutineDraft,
        text: str,
        merge_key: str = "",
    ) -> None:
        super().__init__(text)
        self.show, self.before, self.after, self.merge_key = show, before, after, merge_key

    def redo(self) -> None:
        self.show(self.after)

    def undo(self) -> None:
        self.show(self.before)

    def id(self) -> int:
        return _TYPING if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftChange) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True
