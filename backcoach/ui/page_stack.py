"""The window's pages by name, each made the first time it is needed.

Only what start-up shows is built at once; the rest waits until the runner goes there,
so the window is on screen as soon as possible. A page that has a ``page_shown()``
method is told each time it comes to the front (to refresh what it reads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget

Factory = Callable[[], QWidget]
P = TypeVar("P", bound=QWidget)


class PageStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factories: dict[str, Factory] = {}
        self._pages: dict[str, QWidget] = {}
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    # A stacked widget asks for the biggest minimum of all its pages, so one wide page
    # (the session's) made every page wider than a small screen. Only the page showing
    # needs the room. As a layout does, a page's own minimum (set in a dimension) wins
    # over its hint there: the session page sets a small one and fits its type to the room.
    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return QSize(0, 0)
        hint, own = page.minimumSizeHint(), page.minimumSize()
        return QSize(own.width() or hint.width(), own.height() or hint.height())

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        return page.hasHeightForWidth() if page else False

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        return page.heightForWidth(width) if page else -1

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page else super().sizeHint()

    def register(self, name: str, factory: Factory) -> None:
        if name in self._factories:
            raise ValueError(f"a page named {name!r} is already registered")
        self._factories[name] = factory

    def page(self, name: str) -> QWidget:
        """The page called ``name``, made now if it wasn't yet."""
        page = self._pages.get(name)
        if page is None:
            page = self._factories[name]()
            self._pages[name] = page
            self.addWidget(page)
        return page

    def made(self, name: str) -> QWidget | None:
        """The page if it exists already; never makes one."""
        return self._pages.get(name)

    def name_of(self, page: QWidget) -> str | None:
        return next((n for n, p in self._pages.items() if p is page), None)

    def names(self) -> list[str]:
        return list(self._factories)

    def bring_forward(self, page: QWidget) -> None:
        self.setCurrentWidget(page)
        shown = getattr(page, "page_shown", None)
        if callable(shown):
            shown()


class PageAttribute(Generic[P]):
    """``routine_page: PageAttribute[RoutinePage] = PageAttribute("routine")`` on a class
    with a ``stack``: reading the attribute makes the page if needed and returns it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, owner: Any, cls: type | None = None) -> P:
        return cast(P, owner.stack.page(self.name))
