"""When an exercise's question (the glute check) is due, for the window and the terminal.

It is asked once the exercise is over in a round, if any side or set of it was done:
skipping the right side of the knee lift must not lose the answer the left side gave.
"""

from __future__ import annotations

from backcoach.core.plan import Plan
from backcoach.core.records import SegmentRecord


class CheckDue:
    def __init__(self) -> None:
        self._worked: set[tuple[int, int]] = set()  # (item, round) with some work done
        self._asked: set[tuple[int, int]] = set()

    def after(self, plan: Plan, rec: SegmentRecord) -> bool:
        """True once, when ``rec`` ends an exercise of which something was done."""
        seg = plan.segments[rec.index]
        key = (seg.item_index, seg.round_no)
        if not rec.skipped:
            self._worked.add(key)
        if key in self._worked and key not in self._asked and plan.ends_item(rec.index):
            self._asked.add(key)
            return True
        return False
