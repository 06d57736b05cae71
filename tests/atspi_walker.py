"""An AT-SPI client, run with the system Python (which has pyatspi), as Orca sees the app.

Reads commands on stdin, one a line, and answers each with one JSON line on stdout:
  find PID             wait for the application with that process id on the a11y bus
  walk                 every showing accessible of its active window, with what an AT
                       reads: role, name, description, text, states, actions, labels
  listen               start counting name, text and announcement events
  count MARKER         wait for a window name ending in MARKER (the app's "flush": events
                       from one sender arrive in order), then the counts since listen
  press NAME|THEN      do the "Press" action of the showing push button named NAME, then
                       wait for a showing push button named THEN
  focused              the accessible that has the focus
Not a test itself: tests/test_atspi.py drives it.
"""

from __future__ import annotations

import json
import sys
import time
import warnings

import gi

warnings.simplefilter("ignore", DeprecationWarning)  # the *_iface getters: still the API
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

Atspi.init()
APP: Atspi.Accessible | None = None
EVENTS: list[dict[str, str]] = []
LISTENERS: list[Atspi.EventListener] = []
EVENT_TYPES = (
    "object:property-change:accessible-name",
    "object:announcement",
    "object:text-changed",
    "object:property-change:accessible-value",
)


def pump(until, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    """Run the GLib loop (where AT-SPI events arrive) until ``until()`` or the timeout."""
    ctx = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            return False
        ctx.iteration(False) or GLib.usleep(2000)  # no busy spin between D-Bus messages
    return True


def find(pid: int) -> dict[str, object]:
    global APP

    def look() -> bool:
        global APP
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    APP = app
                    return True
            except GLib.Error:
                continue
        return False

    ok = pump(look, 30.0)
    return {"found": ok, "name": APP.get_name() if APP else ""}


def _states(acc: Atspi.Accessible) -> set[str]:
    ss = acc.get_state_set()
    return {
        name
        for name, st in (
            ("focusable", Atspi.StateType.FOCUSABLE),
            ("focused", Atspi.StateType.FOCUSED),
            ("showing", Atspi.StateType.SHOWING),
            ("visible", Atspi.StateType.VISIBLE),
            ("enabled", Atspi.StateType.ENABLED),
            ("active", Atspi.StateType.ACTIVE),
            ("editable", Atspi.StateType.EDITABLE),
        )
        if ss.contains(st)
    }


def _text(acc: Atspi.Accessible) -> str | None:
    t = acc.get_text_iface()
    if t is None:
        return None
    return Atspi.Text.get_text(t, 0, Atspi.Text.get_character_count(t))


def _actions(acc: Atspi.Accessible) -> list[str]:
    a = acc.get_action_iface()
    if a is None:
        return []
    return [Atspi.Action.get_action_name(a, i) for i in range(Atspi.Action.get_n_actions(a))]


def _labelled_by(acc: Atspi.Accessible) -> list[str]:
    out = []
    for rel in acc.get_relation_set() or []:
        if rel.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(rel.get_n_targets()):
                target = rel.get_target(i)
                out.append(target.get_name() or _text(target) or "")
    return out


def node(acc: Atspi.Accessible, path: str) -> dict[str, object]:
    return {
        "path": path,
        "role": acc.get_role_name(),
        "name": acc.get_name() or "",
        "description": acc.get_description() or "",
        "text": _text(acc),
        "states": sorted(_states(acc)),
        "actions": _actions(acc),
        "labelled_by": _labelled_by(acc),
        "extents": _extents(acc),
    }


def _extents(acc: Atspi.Accessible) -> list[int]:
    c = acc.get_component_iface()
    if c is None:
        return []
    r = Atspi.Component.get_extents(c, Atspi.CoordType.SCREEN)
    return [r.x, r.y, r.width, r.height]


def active_window() -> Atspi.Accessible | None:
    assert APP is not None
    windows = [APP.get_child_at_index(i) for i in range(APP.get_child_count())]
    for w in windows:
        if w is not None and "active" in _states(w):
            return w
    shown = [w for w in windows if w is not None and "showing" in _states(w)]
    return shown[-1] if shown else None


def walk() -> dict[str, object]:
    window = active_window()
    if window is None:
        return {"window": "", "nodes": []}
    nodes: list[dict[str, object]] = []

    def visit(acc: Atspi.Accessible, path: str, depth: int) -> None:
        if depth > 60:
            return
        n = node(acc, path)
        if "showing" not in n["states"]:  # type: ignore[operator]
            return
        nodes.append(n)
        if n["role"] in ("table", "tree table", "list") and acc.get_child_count() > 60:
            count = 60  # a long table: its first rows say enough
        else:
            count = acc.get_child_count()
        for i in range(count):
            child = acc.get_child_at_index(i)
            if child is not None:
                visit(child, f"{path}/{child.get_role_name()}[{i}]", depth + 1)

    visit(window, window.get_role_name(), 0)
    return {"window": window.get_name(), "nodes": nodes}


def listen() -> dict[str, object]:
    EVENTS.clear()
    if not LISTENERS:
        for kind in EVENT_TYPES:
            listener = Atspi.EventListener.new(_on_event)
            listener.register(kind)
            LISTENERS.append(listener)
    return {"listening": list(EVENT_TYPES)}


def _on_event(event: Atspi.Event) -> None:
    try:
        source = event.source.get_role_name() if event.source else ""
        name = event.source.get_name() if event.source else ""
    except GLib.Error:
        source = name = ""
    value = event.any_data if isinstance(event.any_data, str) else ""
    EVENTS.append({"type": event.type, "role": source, "name": name or "", "value": value})


def count(marker: str) -> dict[str, object]:
    def seen() -> bool:
        return any(marker in e["name"] or marker in e["value"] for e in EVENTS)

    ok = pump(seen, 20.0)
    # The window's own name changes are the flush markers, not the app's news.
    got = [e for e in EVENTS if e["role"] not in ("frame", "dialog")]
    EVENTS.clear()
    by_type: dict[str, int] = {}
    for e in got:
        by_type[e["type"]] = by_type.get(e["type"], 0) + 1
    return {"marker_seen": ok, "by_type": by_type, "events": got[:200]}


def press(arg: str) -> dict[str, object]:
    """``NAME|THEN``: press the button NAME, then wait until a button reads THEN (a
    button's click comes a moment after the action: Qt animates it)."""
    name, _, then = arg.partition("|")
    window = active_window()
    assert window is not None
    found = _find_showing(window, "push button", name)
    if found is None:
        return {"pressed": False, "then": False}
    a = found.get_action_iface()
    names = _actions(found)
    Atspi.Action.do_action(a, names.index("Press") if "Press" in names else 0)
    seen = pump(lambda: _find_showing(window, "push button", then) is not None, 10.0)
    return {"pressed": True, "then": seen}


def _find_showing(acc: Atspi.Accessible, role: str, name: str) -> Atspi.Accessible | None:
    if "showing" not in _states(acc):
        return None
    if acc.get_role_name() == role and acc.get_name() == name:
        return acc
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        hit = _find_showing(child, role, name) if child is not None else None
        if hit is not None:
            return hit
    return None


def focused(acc: Atspi.Accessible) -> Atspi.Accessible | None:
    if "focused" in _states(acc):
        return acc
    if "showing" not in _states(acc):
        return None
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        hit = focused(child) if child is not None else None
        if hit is not None:
            return hit
    return None


def focus() -> dict[str, object]:
    window = active_window()
    f = focused(window) if window is not None else None
    return {"role": f.get_role_name(), "name": f.get_name() or ""} if f else {"role": "none"}


def main() -> None:
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        try:
            if cmd == "find":
                out = find(int(arg))
            elif cmd == "walk":
                out = walk()
            elif cmd == "listen":
                out = listen()
            elif cmd == "count":
                out = count(arg)
            elif cmd == "press":
                out = press(arg)
            elif cmd == "focused":
                out = focus()
            else:
                out = {"error": f"unknown command {cmd!r}"}
        except Exception as exc:
            out = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
