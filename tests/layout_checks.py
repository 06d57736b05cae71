"""What a runner would see as broken layout in one top-level window or dialog.

``layout_problems(top)`` returns one line per problem, empty when the window is sound:

- a visible widget reaching outside the window, or outside the parent that clips it
  (content scrolled inside a scroll area's viewport is clipped on purpose and is checked
  against the part of the viewport that shows);
- a scroll area cutting content it cannot scroll to (and, with ``SIDEWAYS``, a page
  that scrolls sideways);
- a widget squeezed below its layout's minimum (that is how Qt makes controls overlap
  and cut their text: the layout has no room left and lays out past the edge);
- a QLabel, button or check box whose text does not fit its contents rect (the text's
  font-metrics size; a word-wrapped label by its height for its width). Text elided to
  fit (``QFontMetrics.elidedText``) fits, so elision is never a problem;
- visible sibling controls overlapping each other;
- with ``screen`` given: a window asking for a minimum size bigger than that screen.

General on purpose: it knows no backcoach widget, so any window can be checked with it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedLayout,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

TOLERANCE = 1  # px: rounding at fractional scale factors
# A page that scrolls sideways hides nothing, but reads badly: a layout too wide.
SIDEWAYS = True


def layout_problems(top: QWidget, screen: QSize | None = None) -> list[str]:
    problems: list[str] = []
    if screen is not None:
        problems += _minimum_problems(top, screen)
    widgets = [w for w in top.findChildren(QWidget) if _shown_in(w, top)]
    for widget in widgets:
        problems += _edge_problems(widget, top)
        problems += _squeeze_problems(widget)
        problems += _text_problems(widget)
    problems += _overlap_problems([top, *widgets])
    return problems


def describe(widget: QWidget) -> str:
    """A widget as a person reading the report would find it: class, name and text."""
    parts = [type(widget).__name__]
    if widget.objectName():
        parts.append(f"#{widget.objectName()}")
    text = _text(widget) or widget.accessibleName()
    if not text and not widget.objectName():
        named = widget.parentWidget()  # an anonymous container: say whose it is
        while named is not None and type(named).__module__.startswith("PySide6"):
            named = named.parentWidget()
        if named is not None:
            parts.append(f"in {type(named).__name__}")
    if text:
        short = " ".join(text.split())
        parts.append(repr(short[:40] + ("…" if len(short) > 40 else "")))
    return " ".join(parts)


def _shown_in(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisible() and not widget.isWindow() and widget.window() is top


def _minimum_problems(top: QWidget, screen: QSize) -> list[str]:
    problems = []
    if top.width() > screen.width() + TOLERANCE or top.height() > screen.height() + TOLERANCE:
        problems.append(
            f"{describe(top)} is {_size(top.size())}, bigger than the {_size(screen)} screen"
        )
    need = top.minimumSize().expandedTo(top.minimumSizeHint())
    if need.width() > screen.width() or need.height() > screen.height():
        problems.append(
            f"{describe(top)} asks for at least {need.width()}x{need.height()}, "
            f"more than the {screen.width()}x{screen.height()} screen"
        )
    return problems


def _visible_rect(widget: QWidget, top: QWidget) -> QRect:
    """The widget's rectangle in ``top``'s coordinates, cut to any scroll viewport above it."""
    rect = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if _is_viewport(parent):
            port = QRect(parent.mapTo(top, parent.rect().topLeft()), parent.size())
            rect = rect.intersected(port)
        parent = parent.parentWidget()
    return rect


def _is_viewport(widget: QWidget) -> bool:
    area = widget.parentWidget()
    return isinstance(area, QAbstractScrollArea) and area.viewport() is widget


def _edge_problems(widget: QWidget, top: QWidget) -> list[str]:
    problems: list[str] = []
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        problems += _scroll_problems(widget)
    shown = _visible_rect(widget, top)
    if not shown.isEmpty() and not top.rect().adjusted(
        -TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE
    ).contains(shown):
        problems.append(
            f"{describe(widget)} at {_rect(shown)} reaches outside the window {_rect(top.rect())}"
        )
    parent = widget.parentWidget()
    if parent is not None and parent is not top and not _is_viewport(parent):
        inner = parent.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE)
        if not inner.contains(widget.geometry()) and not shown.isEmpty():
            problems.append(
                f"{describe(widget)} at {_rect(widget.geometry())} is cut by its parent "
                f"{describe(parent)} {_rect(parent.rect())}"
            )
    return problems


def _scroll_problems(area: QScrollArea) -> list[str]:
    """Content bigger than the viewport in a direction that cannot scroll is cut off."""
    content, port = area.widget(), area.viewport()
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    cut = []
    if area.horizontalScrollBarPolicy() == off and content.width() > port.width() + TOLERANCE:
        cut.append(f"{content.width() - port.width()} px of its width")
    if area.verticalScrollBarPolicy() == off and content.height() > port.height() + TOLERANCE:
        cut.append(f"{content.height() - port.height()} px of its height")
    problems = [f"{describe(area)} cannot scroll to {' and '.join(cut)}"] if cut else []
    if SIDEWAYS and area.horizontalScrollBar().isVisible():  # a page read sideways
        problems.append(
            f"{describe(area)} scrolls sideways: its content is {content.width()} px wide for {port.width()}"
        )
    return problems


def _squeeze_problems(widget: QWidget) -> list[str]:
    layout = widget.layout()
    if layout is None or widget.width() <= 0 or isinstance(layout, QStackedLayout):
        return []  # a stack needs only its current page's room; that page is checked
    # Not height-for-width: Qt takes a wrapped label's preferred height as the minimum
    # there, which would flag every page with a paragraph. Wrapped text that really lacks
    # room is found by the label check.
    need = layout.totalMinimumSize()
    if need.width() > widget.width() + TOLERANCE or need.height() > widget.height() + TOLERANCE:
        return [
            f"{describe(widget)} is {widget.width()}x{widget.height()}, squeezed below its "
            f"layout's minimum {need.width()}x{need.height()}"
        ]
    return []


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    return ""


def _text_problems(widget: QWidget) -> list[str]:
    if isinstance(widget, QLabel):
        return _label_problems(widget)
    if isinstance(widget, QCheckBox | QRadioButton | QPushButton):
        return _button_problems(widget)
    if isinstance(widget, QAbstractButton) and widget.text():
        hint = widget.sizeHint()
        if hint.width() > widget.width() + TOLERANCE or hint.height() > widget.height() + TOLERANCE:
            return [f"{describe(widget)} is {_size(widget.size())}, its text needs {_size(hint)}"]
    return []


def _label_problems(label: QLabel) -> list[str]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    box = label.contentsRect()
    margin = 2 * label.margin() + max(label.indent(), 0)
    room = QSize(box.width() - margin, box.height() - 2 * label.margin())
    if label.wordWrap() or (
        GuiQt.mightBeRichText(text) and label.textFormat() != Qt.TextFormat.PlainText
    ):
        need_h = label.heightForWidth(label.width())
        if need_h > label.height() + TOLERANCE:
            return [
                f"{describe(label)} is {_size(label.size())}, its wrapped text needs {need_h} px high"
            ]
        if not label.wordWrap() and label.sizeHint().width() > label.width() + TOLERANCE:
            return [
                f"{describe(label)} is {_size(label.size())}, its text needs {_size(label.sizeHint())}"
            ]
        return []
    need = label.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
    if need.width() > room.width() + TOLERANCE or need.height() > room.height() + TOLERANCE:
        return [f"{describe(label)} has {_size(room)} for text that needs {_size(need)}"]
    return []


def _button_problems(button: QAbstractButton) -> list[str]:
    text = button.text()
    if not text:
        return []
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = text
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    element = QStyle.SubElement.SE_PushButtonContents
    if isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    room = button.style().subElementRect(element, option, button)
    need = button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
    if not button.icon().isNull():
        need.setWidth(need.width() + button.iconSize().width() + 4)
    if need.width() > room.width() + TOLERANCE or need.height() > room.height() + TOLERANCE:
        return [f"{describe(button)} has {_size(room.size())} for text that needs {_size(need)}"]
    return []


def _overlap_problems(widgets: list[QWidget]) -> list[str]:
    problems: list[str] = []
    children: dict[int, list[QWidget]] = {}
    for widget in widgets:
        parent = widget.parentWidget()
        if parent is None or isinstance(parent, QStackedWidget) or widget is widgets[0]:
            continue
        if _is_viewport(widget) or isinstance(parent, QAbstractScrollArea):
            continue  # a scroll area's own viewport, bars and corner sit on one another
        children.setdefault(id(parent), []).append(widget)
    for siblings in children.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1 :]:
                common = a.geometry().intersected(b.geometry())
                if common.width() > TOLERANCE and common.height() > TOLERANCE:
                    problems.append(f"{describe(a)} and {describe(b)} overlap at {_rect(common)}")
    return problems


def _rect(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


def _size(size: QSize) -> str:
    return f"{size.width()}x{size.height()}"
