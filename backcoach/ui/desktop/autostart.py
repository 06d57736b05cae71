"""Start the reminder presence at login, the XDG autostart way.

The Settings switch writes ``~/.config/autostart/<app id>.desktop`` (or under
``$XDG_CONFIG_HOME``) and removes it again; the file itself is the setting, so removing
it from the desktop's own "startup applications" turns the switch off too. The entry runs
this same program with ``--background`` (and the data folder, when one was chosen).
No Qt here: it is a text file.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from backcoach import paths

log = logging.getLogger(__name__)

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_quote(arg: str) -> str:
    """One argument for an Exec line (Desktop Entry spec, "The Exec key")."""
    arg = arg.replace("%", "%%")  # a lone % would be a field code
    if arg and not (_RESERVED & set(arg)):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{inner}"'


def exec_line(argv: list[str]) -> str:
    # The value's own string escapes come on top of the Exec quoting: \ is written \\.
    return " ".join(exec_quote(a) for a in argv).replace("\\", "\\\\")


def background_command() -> list[str]:
    argv = paths.self_command()
    if paths.data_dir_chosen():
        argv += ["--data-dir", str(paths.data_dir())]
    return [*argv, "--background"]


def entry_text(argv: list[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=backcoach reminders\n"
        "Comment=Reminders for your back routines while backcoach is closed\n"
        f"Exec={exec_line(argv)}\n"
        f"Icon={paths.APP_ID}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def is_enabled() -> bool:
    return paths.autostart_file().is_file()


def enable(argv: list[str] | None = None) -> Path:
    """Write the entry (atomically); raises OSError when the folder can't be written."""
    path = paths.autostart_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(entry_text(argv or background_command()), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("autostart entry written: %s", path)
    return path


def disable() -> bool:
    """Remove the entry; True if there was one."""
    path = paths.autostart_file()
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    log.info("autostart entry removed: %s", path)
    return True
