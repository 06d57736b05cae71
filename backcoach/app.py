"""Builds the QApplication and the main window. The only entry into Qt."""

from __future__ import annotations

import sys

from backcoach import __version__, paths


def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("backcoach")
    app.setApplicationDisplayName("backcoach")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("backcoach")
    app.setDesktopFileName(paths.APP_ID)
    return app


def run_app(screenshot_dir: str | None = None) -> int:
    from PySide6.QtWidgets import QLabel, QMainWindow

    app = create_application()
    window = QMainWindow()
    window.setWindowTitle("backcoach")
    window.setCentralWidget(QLabel("backcoach"))
    window.resize(1100, 720)
    window.show()
    return app.exec()
