"""Runtime hook standing in for PyInstaller's pyi_rth_pyside6 (see trim.py, RUNTIME_HOOKS).

The stock hook imports PySide6.QtCore in every process the bundle starts, to register a
qt.conf that the PyPI wheels do not need (their Qt finds its plugins relative to
libQt6Core). That loads Qt and ICU into `backcoach --version`, the command line and
every speech worker. Pointing Qt at the bundled plugins is all that is left to do.
"""

import os
import sys

_qt = (
    os.path.join(sys._MEIPASS, "PySide6")
    if sys.platform == "win32"
    else os.path.join(sys._MEIPASS, "PySide6", "Qt")
)
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
del _qt
