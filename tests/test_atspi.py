"""The window as a screen reader meets it: the real AT-SPI tree, read by a real client.

A private D-Bus session (the a11y bus and registry are started by D-Bus activation, as
on a desktop), the app in its own process under the X server with Qt's AT-SPI bridge
on (tests/atspi_app.py), and pyatspi's library (gir1.2-atspi-2.0, the system Python's)
reading it as Orca does (tests/atspi_walker.py). On every page and the dialogs it fails
on: an interactive control with no name, a combo box, slider or spin box that no label
names (no labelled-by relation), a label whose accessible name hides its visible text,
a button whose name is not its text (a stale name after the text changed), a focusable
card with nothing to do, and a table that keeps the focus when Tab is pressed.
It prints, per page, the controls, how many are named, and the events an AT received.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.conftest import REPO
from tests.dbus_helpers import private_bus, read_line

pytestmark = pytest.mark.xvfb

SYSTEM_PYTHON = "/usr/bin/python3"
# What a keyboard or screen-reader user operates: each must say what it is.
INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "slider",
    "spin button",
    "text",
    "entry",
    "password text",
    "table",
    "tree table",
    "list",
    "page tab",
    "list item",
}
NEEDS_LABEL = {"combo box", "slider", "spin button"}
PAGES = ("library", "routine", "session", "summary", "history", "runs", "settings", "why")
DIALOGS = (
    "dialog-red-flags",
    "dialog-this-hurts",
    "dialog-glute-check",
    "dialog-new-exercise",
    "dialog-weekly-plan",
    "dialog-add-run",
    "dialog-add-shoes",
)


@dataclass
class Tally:
    controls: int = 0
    named: int = 0
    events: dict[str, int] = field(default_factory=dict)


class Session:
    """The app and the walker, each answering one line per command."""

    def __init__(self, app: subprocess.Popen[str], walker: subprocess.Popen[str]) -> None:
        self.app_proc, self.walker_proc = app, walker
        self.flushes = 0
        self.last_events: list[dict[str, str]] = []

    def app(self, command: str, timeout: float = 60.0) -> str:
        assert self.app_proc.stdin is not None
        self.app_proc.stdin.write(command + "\n")
        self.app_proc.stdin.flush()
        line = read_line(self.app_proc, timeout)
        assert line.startswith("ok"), f"app said {line!r} to {command!r}"
        return line[3:]

    def walker(self, command: str, timeout: float = 60.0) -> dict:  # type: ignore[type-arg]
        assert self.walker_proc.stdin is not None
        self.walker_proc.stdin.write(command + "\n")
        self.walker_proc.stdin.flush()
        out = json.loads(read_line(self.walker_proc, timeout))
        assert "error" not in out, f"walker: {out['error']} (after {command!r})"
        return out  # type: ignore[no-any-return]

    def events_of(self, command: str) -> dict[str, int]:
        """Run an app command with the walker listening; the events it caused."""
        self.walker("listen")
        self.app(command)
        self.flushes += 1
        marker = f"flush-{self.flushes}"
        self.app(f"flush {marker}")
        counted = self.walker(f"count {marker}")
        assert counted["marker_seen"], "the window's name change never reached the walker"
        self.last_events = counted["events"]
        return counted["by_type"]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def at(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    if not os.environ.get("DISPLAY"):
        pytest.fail("run under an X server: xvfb-run -a ... -m xvfb")
    probe = [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"]
    if shutil.which("dbus-daemon") is None or subprocess.run(probe).returncode != 0:
        pytest.fail("needs dbus-daemon and AT-SPI for the system Python: scripts/system-deps test")
    home = tmp_path_factory.mktemp("atspi-home")
    with private_bus() as bus:
        env = {
            **os.environ,
            "DBUS_SESSION_BUS_ADDRESS": bus.address,
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_ACCESSIBILITY": "1",
            "QT_QPA_PLATFORM": "xcb",
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(home),
            "XDG_DATA_HOME": str(home / "data-home"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"),
            "BACKCOACH_DATA_DIR": str(home / "data"),
            "PYTHONPATH": str(REPO),
        }
        app = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "atspi_app.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        walker = subprocess.Popen(
            [SYSTEM_PYTHON, str(REPO / "tests" / "atspi_walker.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        try:
            ready = read_line(app, 60)
            assert ready.startswith("ready "), ready
            s = Session(app, walker)
            assert s.walker(f"find {app.pid}")["found"], "the app never joined the a11y bus"
            yield s
        finally:
            for proc in (app, walker):
                assert proc.stdin is not None
                proc.stdin.close()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                assert proc.stdout is not None
                proc.stdout.close()


def problems(tree: dict, visible: list[dict]) -> tuple[list[str], Tally]:  # type: ignore[type-arg]
    """What is wrong with one window's tree, and its counts."""
    wrong: list[str] = []
    tally = Tally()
    nodes = tree["nodes"]
    by_extents: dict[tuple[int, ...], list[dict]] = {}  # type: ignore[type-arg]
    for n in nodes:
        by_extents.setdefault(tuple(n["extents"]), []).append(n)
    for n in nodes:
        role, name, states = n["role"], n["name"].strip(), set(n["states"])
        if role in INTERACTIVE and (role != "list item" or "focusable" in states):
            if role in ("text", "entry") and "editable" not in states:
                pass  # read-only text: not a control
            else:
                tally.controls += 1
                tally.named += bool(name)
                if not name:
                    wrong.append(f"{n['path']}: a {role} with no name")
        if role in NEEDS_LABEL and not n["labelled_by"]:
            wrong.append(f"{n['path']}: {role} {name!r} is labelled by no label")
        pressable = set(n["actions"]) - {"SetFocus"}
        if role == "panel" and name and "focusable" in states and not pressable:  # a card
            wrong.append(f"{n['path']}: focusable {role} {name!r} has nothing to press")
        if role == "push button" and "enabled" in states and "Press" not in n["actions"]:
            wrong.append(f"{n['path']}: push button {name!r} has no Press action")
    for v in visible:
        at = by_extents.get(tuple(v["extents"]), [])
        want_role = "label" if v["kind"] == "label" else None
        match = [
            n for n in at
            if (n["role"] == want_role if want_role else n["role"] != "label")
        ]  # fmt: skip
        if not match:
            continue  # not in the tree as itself (e.g. a table's delegate): nothing to compare
        read = " ".join((match[0]["name"] or match[0]["text"] or "").split())
        # WCAG 2.5.3, label in name: what is shown is in what is read.
        if _plain(v["text"]) not in _plain(read):
            what = "label hides its text" if v["kind"] == "label" else "button name is stale"
            wrong.append(f"{match[0]['path']}: {what}: shows {v['text']!r}, reads {read!r}")
    return wrong, tally


def _plain(text: str) -> str:
    return " ".join(text.split()).rstrip("…:").strip().casefold()


def check_window(at: Session, where: str) -> tuple[list[str], Tally]:
    tree = at.walker("walk")
    visible = json.loads(at.app("visible"))
    assert tree["nodes"], f"{where}: no showing accessibles"
    wrong, tally = problems(tree, visible)
    return [f"{where}: {w}" for w in wrong], tally


def test_every_page_and_dialog_reads_right_to_a_screen_reader(at: Session) -> None:
    wrong: list[str] = []
    counts: dict[str, Tally] = {}
    for page in (*PAGES, "editor"):
        events = at.events_of(f"page {page}")
        found, tally = check_window(at, page)
        tally.events = events
        # A routine card is a button to an AT: pressing it opens the routine.
        if page == "library" and not at.walker("press Tiny test routine|Start session")["then"]:
            wrong.append("library: pressing the routine card did not open the routine")
        if page == "session":
            # A stretch of the session: the countdown, cue, rep and side change.
            counts["session, 25 s run"] = Tally(events=at.events_of("step 25"))
            by_role: dict[str, int] = {}
            for e in at.last_events:
                key = f"{e['type'].split(':')[-1]} on {e['role']}"
                by_role[key] = by_role.get(key, 0) + 1
            print("\nDuring 25 s of a session, an AT heard:", by_role)
            # Buttons whose text changes: what an AT reads changes with it.
            for press, then in (("Pause", "Resume"), ("Voice: on", "Voice: off")):
                if not at.walker(f"press {press}|{then}")["then"]:
                    wrong.append(f"session: after pressing {press}, no button reads {then}")
            paused, _ = check_window(at, "session, paused")
            found += paused
        wrong += found
        counts[page] = tally
    for dialog in DIALOGS:
        events = at.events_of(f"dialog {dialog}")
        found, tally = check_window(at, dialog)
        tally.events = events
        wrong += found
        counts[dialog] = tally
    at.app("page library")

    print("\nAT-SPI, per page: controls, named, events received")
    for where, t in counts.items():
        ev = ", ".join(f"{k.split(':')[-1]} {v}" for k, v in sorted(t.events.items()))
        print(f"  {where:<20} {t.controls:>3} controls  {t.named:>3} named  events: {ev or '0'}")
    assert not wrong, "\n".join(wrong)
    assert all(t.controls > 0 for where, t in counts.items() if "25 s" not in where)
    # What changes during a session reaches an AT as it changes (labels, ring, bar).
    assert counts["session, 25 s run"].events.get("object:property-change:accessible-name", 0)


@pytest.mark.parametrize("page", ["summary", "history", "runs"])
def test_tab_leaves_every_table(at: Session, page: str) -> None:
    if page == "summary":
        at.app("page session")
    if page == "runs":
        at.app("add-run")
    at.app(f"page {page}")
    n = 0
    while (table := at.app(f"focus-table {n}")) != "none":
        before = at.walker("focused")
        assert before["role"] in ("table", "table cell"), before
        after = at.app("tab")
        assert after.startswith("left"), f"Tab stayed in the {page} table {table!r}"
        now = at.walker("focused")
        assert now != before, f"to an AT the focus stayed on {before} in {page}"
        n += 1
    assert n >= 1, f"no table showing on {page}"
