"""The library's first frame in Qt alone: what the start-up target is measured against.

No backcoach code runs here. The parent (benchmarks/startup.py) hands over, as a JSON
file, the shape of the real library's first frame: the rail's entries, the heading, the
disclaimer, the equipment filters, the time choices, each routine card's name, purpose,
facts and number of pictures, and the application's style sheet. This program builds
the same widgets with plain PySide6 (Fusion, the sheet, cards of 110 px pictures in a
scrolled grid beside the rail), shows them at the app's window size (its default,
fitted inside the screen) and, like the bare window and backcoach, prints
{"first_paint": time.time()} after its first frame and exits (with the bare window's
own probe). What it costs over the bare window is what Qt itself charges for that
frame; the rest of backcoach's start-up is the app's own (the catalogue, settings,
models, logging).

    python benchmarks/library_floor.py SHAPE.json
"""

import json
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging" / "pyinstaller"))
from bare_window import FirstPaint

THUMB = 110


def _label(text: str, role: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def _card(spec: dict, parent: QWidget, picture: QPixmap) -> QFrame:
    card = QFrame(parent)
    card.setProperty("card", True)
    card.setCursor(Qt.CursorShape.PointingHandCursor)
    card.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    card.setMinimumWidth(300)
    box = QVBoxLayout(card)
    pictures = QHBoxLayout()
    for _ in range(spec["pictures"]):
        thumb = QLabel()
        thumb.setFixedSize(THUMB, THUMB)
        thumb.setPixmap(picture)
        pictures.addWidget(thumb)
    box.addLayout(pictures)
    box.addWidget(_label(spec["name"], "subtitle"))
    box.addWidget(_label(spec["purpose"]))
    box.addStretch(1)
    box.addWidget(_label(spec["facts"], "muted"))
    return card


class _Page(QWidget):
    """As the library: as many columns of cards as 380 px go into its width."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[QFrame] = []
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(16)

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)
        while self.grid.count():
            self.grid.takeAt(0)
        columns = max(1, self.width() // 380)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)


def _page(shape: dict, picture: QPixmap) -> QWidget:
    page = _Page()
    root = QVBoxLayout(page)
    heading = QHBoxLayout()
    heading.addWidget(_label(shape["title"], "title", wrap=False), 1)
    for text in shape["buttons"]:
        heading.addWidget(QPushButton(text))
    root.addLayout(heading)
    root.addWidget(_label(shape["disclaimer"], "muted"))
    root.addWidget(_label(shape["today"]))
    filters = QHBoxLayout()
    filters.addWidget(QLabel("I have:"))
    for text in shape["equipment"]:
        filters.addWidget(QCheckBox(text))
    filters.addStretch(1)
    root.addLayout(filters)
    time_row = QHBoxLayout()
    time_row.addWidget(QLabel("Time:"))
    combo = QComboBox()
    for text in shape["times"]:
        combo.addItem(text)
    time_row.addWidget(combo)
    time_row.addStretch(1)
    root.addLayout(time_row)
    for i, spec in enumerate(shape["cards"]):
        page.cards.append(_card(spec, page.grid_host, picture))
        page.grid.addWidget(page.cards[-1], i // 3, i % 3)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(page.grid_host)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    root.addWidget(scroll, 1)
    return page


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        shape = json.load(f)
    app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    app.setStyleSheet(shape["sheet"])
    image = QImage(THUMB, THUMB, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFE6E8EC)
    picture = QPixmap.fromImage(image)
    window = QMainWindow()
    central = QWidget()
    row = QHBoxLayout(central)
    rail = QVBoxLayout()
    for text in shape["rail"]:
        entry = QToolButton()
        entry.setText(text)
        entry.setProperty("nav", True)
        entry.setCheckable(True)
        rail.addWidget(entry)
    rail.addStretch(1)
    row.addLayout(rail)
    row.addWidget(_page(shape, picture), 1)
    window.setCentralWidget(central)
    # The app's default size, fitted inside the screen as the app fits its window.
    width, height = shape["size"]
    room = app.primaryScreen().availableGeometry()
    allow_w, allow_h = shape["frame_allowance"]
    window.resize(min(width, room.width() - allow_w), min(height, room.height() - allow_h))
    probe = FirstPaint(window)
    window.installEventFilter(probe)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
