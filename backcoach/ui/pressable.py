"""Widgets that act like a button to a screen reader without being QPushButtons.

A routine card is a framed panel of pictures and text that opens its routine on a click,
Enter or Space. Qt reads a QFrame as a "panel" with only a set-focus action, so a screen
reader user hears a name and cannot press it. A widget marked ``pressable`` here is read
as a push button with a Press action that does what a click does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

_PRESS: dict[int, Callable[[], None]] = {}  # id(widget) -> what pressing it does
_installed = False


class _PressableAccessible(QAccessibleWidget):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Button)

    def actionNames(self) -> list[str]:
        return [QAccessibleWidget.pressAction(), *super().actionNames()]

    def localizedActionDescription(self, name: str) -> str:
        if name == QAccessibleWidget.pressAction():
            return self.widget().toolTip() or name
        return super().localizedActionDescription(name)

    def doAction(self, name: str) -> None:
        if name == QAccessibleWidget.pressAction():
            press = _PRESS.get(id(self.widget()))
            if press is not None:
                press()
            return
        super().doAction(name)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QWidget) and id(obj) in _PRESS:
        return _PressableAccessible(obj)
    return None


def make_pressable(widget: QWidget, press: Callable[[], None]) -> None:
    """Read ``widget`` as a push button whose Press action calls ``press``."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
    key = id(widget)
    _PRESS[key] = press
    widget.destroyed.connect(lambda *_: _PRESS.pop(key, None))
