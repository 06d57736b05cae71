"""Choosing exercises for a routine: a search box, filters and a list with pictures.

Enter (or double-click, or Add) adds the chosen exercise; an exercise can also be
dragged from the list onto the routine.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcoach.core.catalog import EQUIPMENT, Catalog, Exercise
from backcoach.core.exercise_search import find_exercises, position_groups
from backcoach.core.words import counted
from backcoach.ui.figure_painter import paint_placeholder
from backcoach.ui.widgets.figure_view import figure_image

EXERCISE_MIME = "application/x-backcoach-exercise"
ICON = QSize(96, 72)
_ID = Qt.ItemDataRole.UserRole


class _ExerciseList(QListWidget):
    addRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setIconSize(ICON)
        self.setSpacing(2)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setUniformItemSizes(True)
        self.itemActivated.connect(lambda item: self.addRequested.emit(item.data(_ID)))

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if items:
            data.setData(EXERCISE_MIME, str(items[0].data(_ID)).encode())
        return data

    def mimeTypes(self) -> list[str]:
        return [EXERCISE_MIME]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # itemActivated already fires on Enter on most styles; Return must always add.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.addRequested.emit(self.currentItem().data(_ID))
            return
        super().keyPressEvent(event)


class ExercisePicker(QWidget):
    addRequested = Signal(str)  # exercise id
    newExerciseRequested = Signal()
    editExerciseRequested = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._icons: dict[tuple[str, bool], QIcon] = {}
        heading = QLabel(self.tr("Add exercises"))
        heading.setProperty("role", "subtitle")
        heading.setStyleSheet("font-weight: 700;")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search exercises (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search exercises"))
        self.search.setClearButtonEnabled(True)
        self.position = QComboBox()
        self.position.setAccessibleName(self.tr("Position"))
        self.position.addItem(self.tr("Any position"), "")
        for group in position_groups():
            self.position.addItem(self.tr(group), group)
        self.equipment = QComboBox()
        self.equipment.setAccessibleName(self.tr("Equipment"))
        self.equipment.addItem(self.tr("Any equipment"), "")
        self.equipment.addItem(self.tr("No equipment"), "none")
        for key, label in EQUIPMENT.items():
            self.equipment.addItem(self.tr(label), key)
        self.sides = QComboBox()
        for label, value in (("Either", None), ("Per side", True), ("Not per side", False)):
            self.sides.addItem(self.tr(label), value)
        self.list = _ExerciseList()
        # Long names elide (full name in the tooltip) rather than scroll the list sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setAccessibleName(self.tr("Exercises to add"))
        self.list.addRequested.connect(self.addRequested)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.add = QPushButton(self.tr("Add to routine"))
        self.add.setToolTip(self.tr("Add the chosen exercise at the end (Enter)"))
        self.add.clicked.connect(self._add_current)
        self.new = QPushButton(self.tr("New exercise…"))
        self.new.setToolTip(self.tr("Make an exercise of your own"))
        self.new.clicked.connect(self.newExerciseRequested)
        self.edit = QPushButton(self.tr("Edit…"))
        self.edit.setToolTip(self.tr("Change an exercise of your own"))
        self.edit.clicked.connect(self._edit_current)

        self.search.textChanged.connect(self.refresh)
        for combo in (self.position, self.equipment, self.sides):
            combo.currentIndexChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(self._current_changed)
        self.search.returnPressed.connect(self._search_enter)

        for combo in (self.position, self.equipment, self.sides):
            # Their longest choice must not set the picker's width (1024 px windows).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        # Each filter with its label, the label its buddy: what a screen reader names it by.
        filters = QGridLayout()
        for i, (text, combo) in enumerate(
            (
                (self.tr("Position:"), self.position),
                (self.tr("Equipment:"), self.equipment),
                (self.tr("Sides:"), self.sides),
            )
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label, i, 0)
            filters.addWidget(combo, i, 1)
        filters.addWidget(self.count, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addStretch(1)
        buttons.addWidget(self.edit)
        buttons.addWidget(self.new)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(heading)
        box.addWidget(self.search)
        box.addLayout(filters)
        box.addWidget(self.list, 1)
        box.addLayout(buttons)
        self.refresh()

    def shown(self) -> list[str]:
        return [self.list.item(i).data(_ID) for i in range(self.list.count())]

    def refresh(self) -> None:
        keep = self.list.currentItem().data(_ID) if self.list.currentItem() else ""
        found = find_exercises(
            self.catalog.exercises.values(),
            self.search.text(),
            self.position.currentData() or "",
            self.equipment.currentData() or "",
            self.sides.currentData(),
        )
        self.list.clear()
        for ex in found:
            item = QListWidgetItem(self._icon(ex), self._label(ex))
            item.setData(_ID, ex.id)
            item.setToolTip(f"{ex.name}: {ex.summary}")  # the whole name, when it is elided
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{ex.name}. {ex.position}")
            self.list.addItem(item)
            if ex.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        n = len(found)
        self.count.setText(counted(n, "exercise") if n else self.tr("None match"))
        self._current_changed()

    def _label(self, ex: Exercise) -> str:
        side = self.tr(" · each side") if ex.per_side else ""
        mine = self.tr(" · yours") if not ex.builtin else ""
        return f"{ex.name}\n{ex.dosage.describe()}{side}{mine}"

    def _icon(self, ex: Exercise) -> QIcon:
        dark = self.palette().color(self.palette().ColorRole.Window).lightness() < 128
        key = (ex.picture, dark)
        if key not in self._icons:
            if ex.picture:
                image = figure_image(ex.picture, ICON * 2, self.palette())
                self._icons[key] = QIcon(QPixmap.fromImage(image))
            else:
                self._icons[key] = _placeholder_icon(self)
        return self._icons[key]

    def _current_changed(self, *_args: object) -> None:
        item = self.list.currentItem()
        ex = self.catalog.exercises.get(item.data(_ID)) if item else None
        self.add.setEnabled(ex is not None)
        own = ex is not None and not ex.builtin and not ex.variants and ex.check is None
        self.edit.setVisible(own)

    def _add_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.addRequested.emit(item.data(_ID))

    def _edit_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.editExerciseRequested.emit(item.data(_ID))

    def _search_enter(self) -> None:
        """Enter in the search box: add the only match, or go to the list."""
        if self.list.count() == 1:
            self._add_current()
        elif self.list.count():
            self.list.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.refresh()
        super().changeEvent(event)

    def select(self, exercise_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(_ID) == exercise_id:
                self.list.setCurrentRow(i)


def _placeholder_icon(widget: QWidget) -> QIcon:
    image = QImage(ICON * 2, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    paint_placeholder(painter, QRectF(image.rect()), widget.palette())
    painter.end()
    return QIcon(QPixmap.fromImage(image))
