"""D-Bus ``uint32`` arguments from PySide6.

PySide6 marshals a Python int in a message as ``int32`` and binds a single integer
overload of ``QDBusArgument <<`` (it writes ``uint16``). Methods such as
``org.freedesktop.Notifications.Notify`` take a ``uint32`` and refuse the call
otherwise. The inhibitor's way round it (calling through the QDBusInterface's
meta-object with ``Q_ARG("uint", n)``) does not work for Notify: its ``a{sv}`` hints
have no Qt type unless the server's introspection carries a QtDBus annotation, which
GNOME's and most others' does not, so the method never appears on the meta-object.
libQt6DBus has the C++ ``QDBusArgument::operator<<(uint)``; on Linux (the only place
D-Bus is used) it is called directly on the argument PySide6 made. The self-test checks
that the symbol is there in a frozen build too.
"""

from __future__ import annotations

import ctypes
import logging
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

_SYMBOL = "_ZN13QDBusArgumentlsEj"  # QDBusArgument::operator<<(unsigned int)


@cache
def _append_uint() -> Any:
    import PySide6.QtDBus  # noqa: F401  (loads libQt6DBus, so dlopen finds it by name)

    fn = getattr(ctypes.CDLL("libQt6DBus.so.6"), _SYMBOL)
    fn.restype = ctypes.c_void_p
    fn.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    return fn


def uint32(value: int) -> Any:
    """A QDBusArgument holding ``value`` as a D-Bus ``uint32`` (signature ``u``)."""
    import shiboken6
    from PySide6.QtDBus import QDBusArgument

    if not 0 <= value <= 0xFFFFFFFF:
        raise ValueError(f"{value} does not fit a uint32")
    arg = QDBusArgument()
    _append_uint()(shiboken6.getCppPointer(arg)[0], value)
    return arg


def string_list(values: list[str]) -> Any:
    """``as`` even when empty: an empty Python list would go as ``av``. (Streaming the
    strings in one by one is no way round it: PySide6 takes a str for a list of str.)"""
    if values:
        return list(values)
    from PySide6.QtCore import QMetaType
    from PySide6.QtDBus import QDBusArgument

    arg = QDBusArgument()
    arg.beginArray(QMetaType(QMetaType.Type.QString))
    arg.endArray()
    return arg
