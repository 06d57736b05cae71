"""Reading exercise and routine files safely: no file can crash, hang or stall loading.

Before a byte is parsed: only regular files are opened (a FIFO would block for ever, a
device could stream for ever), never through a linked folder, never larger than
``MAX_FILE_BYTES``. After parsing, the data is walked once against the limits below,
so a hostile file is refused in milliseconds instead of costing a minute and a
gigabyte to plan. Every refusal is a CatalogError naming the file and the field (or
line) at fault; the rest of the catalogue loads. The limits are documented in
docs/routine-format.md.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcoach.core.fields import CatalogError

if TYPE_CHECKING:
    from backcoach.core.catalog_cache import ParsedCache

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 10  # tables and lists inside one another: shipped files use 6, a routine
# file carrying its own exercises 8 (exercise, variants, dosage, tempo)
MAX_TEXT = 1000  # characters in one piece of text
MAX_LIST = 100  # entries in any one list
MAX_ITEMS = 40  # exercises in one routine
MAX_ROUND_ITEMS = 120  # rounds × exercises
MAX_WHOLE = 10**9  # no figure in these files is anywhere near; refuses runaway numbers

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_AT_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def read_folder(
    folder: Path, errors: list[CatalogError], cache: ParsedCache | None = None
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every readable ``*.toml`` in ``folder``, parsed and within the limits, by name;
    with ``cache``, a file unchanged since it was last parsed is taken from there."""
    if folder.is_symlink():
        errors.append(
            CatalogError(
                folder,
                "(folder)",
                f"is a link to {folder.resolve()}; linked folders are not read: make "
                f"{folder.name} a real folder and copy the files into it",
            )
        )
        return
    if not folder.exists():
        return
    if not folder.is_dir():
        errors.append(
            CatalogError(folder, "(folder)", "is not a folder; remove it or make it a folder")
        )
        return
    home = folder.resolve()
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(".toml"))
    except OSError as exc:
        errors.append(CatalogError(folder, "(folder)", f"cannot be listed ({exc.strerror})"))
        return
    for name in names:
        path = folder / name
        data = _read_one(path, home, folder, errors, cache)
        if data is not None:
            yield path, data


def _read_one(
    path: Path,
    home: Path,
    folder: Path,
    errors: list[CatalogError],
    cache: ParsedCache | None = None,
) -> dict[str, Any] | None:
    def refuse(field: str, why: str) -> None:
        errors.append(CatalogError(path, field, why))

    # A link in the runner's folder must not make us read (and show) files elsewhere.
    target = path.resolve()
    if not target.is_relative_to(home):
        refuse(
            "(file)",
            f"links to {target}, outside {folder}; "
            f"expected a file inside {folder}: copy it there instead of linking",
        )
        return None
    if cache is None:
        return read_file(path, errors)
    try:
        st = os.stat(path)
    except OSError:
        return read_file(path, errors)  # which says why it cannot be read
    kept = cache.get(path, st) if stat.S_ISREG(st.st_mode) else None
    if kept is not None and not any(True for _ in _over_limits(kept)):
        return kept
    data = read_file(path, errors)
    if data is not None:
        cache.put(path, st, data)
    return data


def read_file(path: Path, errors: list[CatalogError]) -> dict[str, Any] | None:
    """One file, wherever it is (a folder's, dropped, imported): checked, parsed and
    walked against the limits; None with the reasons in ``errors``."""

    def refuse(field: str, why: str) -> None:
        errors.append(CatalogError(path, field, why))

    try:
        kind = _kind(os.stat(path).st_mode)
    except OSError as exc:
        refuse("(file)", f"cannot be read ({exc.strerror or exc})")
        return None
    if kind != "file":
        refuse("(file)", f"is {kind}, not a file; only plain files are read: remove it")
        return None
    try:
        raw = _read_bytes(path)
    except _Refused as exc:
        refuse("(file)", str(exc))
        return None
    except OSError as exc:
        refuse("(file)", f"cannot be read ({exc.strerror or exc})")
        return None
    text = _decode(raw, path, errors)
    if text is None:
        return None
    data = _parse(text, path, errors)
    if data is None:
        return None
    problems = list(_over_limits(data))
    for field, why in problems:
        refuse(field, why)
    return None if problems else data


class _Refused(Exception):
    pass


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _read_bytes(path: Path) -> bytes:
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it
    # returns at once instead of waiting for a writer that never comes.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Refused("is not a plain file; only plain files are read: remove it")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise _Refused(
                f"is larger than {MAX_FILE_BYTES // 1024} KB; a routine or exercise file is "
                "a few KB: check that this is the file you meant"
            )
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decode(raw: bytes, path: Path, errors: list[CatalogError]) -> str | None:
    for bom, name in _OTHER_BOMS.items():
        if raw.startswith(bom):
            errors.append(CatalogError(path, "(encoding)", f"is saved as {name}; save it as UTF-8"))
            return None
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]  # a byte-order mark some editors add: harmless
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.append(
            CatalogError(
                path,
                f"line {line}",
                f"is not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8",
            )
        )
        return None


def _parse(text: str, path: Path, errors: list[CatalogError]) -> dict[str, Any] | None:
    import tomllib  # here: a start whose files are all in the cache never needs it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _AT_LINE.search(str(exc))
        field = _line_field(text, int(m.group(1))) if m else "(syntax)"
        why = _AT_LINE.sub(lambda c: f"at column {c.group(2)}", str(exc)).strip()
        errors.append(CatalogError(path, field, f"not valid TOML ({why}); fix the syntax"))
    except RecursionError:
        errors.append(
            CatalogError(
                path,
                _locate(text),
                f"nests tables or lists far too deeply; at most {MAX_DEPTH} levels",
            )
        )
    except (ValueError, OverflowError, MemoryError) as exc:  # e.g. a 5,000-digit number
        why = _short(exc)
        if "digits" in why:  # Python's own guard against very long integers
            why = "a number of thousands of digits; far too large"
        errors.append(CatalogError(path, _locate(text), f"cannot be read: {why}"))
    return None


def _line_field(text: str, line: int) -> str:
    """ "line 3" or, when the line assigns a key, "x (line 3)"."""
    lines = text.splitlines()
    if 1 <= line <= len(lines):
        m = _KEY.match(lines[line - 1])
        if m:
            return f"{m.group(1).strip()} (line {line})"
    return f"line {line}"


def _locate(text: str) -> str:
    """The first line whose inclusion makes the parser fail in a way that is not a
    syntax error: found by bisecting on how many lines are parsed."""
    import tomllib

    lines = text.splitlines(keepends=True)
    lo, hi = 1, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        try:
            tomllib.loads("".join(lines[:mid]))
            failed = False
        except tomllib.TOMLDecodeError:
            failed = False  # cut mid-way through something: not the fault we seek
        except (RecursionError, ValueError, OverflowError, MemoryError):
            failed = True
        if failed:
            hi = mid
        else:
            lo = mid + 1
    return _line_field(text, lo)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"


def _over_limits(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, why) for everything past the limits, in one walk without recursion."""
    stack: list[tuple[str, Any, int]] = [("", data, 1)]
    while stack:
        where, value, depth = stack.pop()
        if isinstance(value, dict | list) and depth > MAX_DEPTH:
            yield where, f"nests tables or lists {depth} deep; at most {MAX_DEPTH} levels"
            continue
        if isinstance(value, dict):
            for key, child in value.items():
                stack.append((f"{where}.{key}" if where else str(key), child, depth + 1))
        elif isinstance(value, list):
            limit = MAX_ITEMS if where == "items" else MAX_LIST
            if len(value) > limit:
                what = "exercises" if where == "items" else "entries"
                yield where, f"{len(value)} {what}; at most {limit}"
                continue
            for i, child in enumerate(value):
                stack.append((f"{where}[{i}]", child, depth + 1))
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            yield where, f"text of {len(value)} characters; at most {MAX_TEXT}"
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WHOLE:
            yield where, f"a number of {len(str(abs(value)))} digits; far too large"
    rounds, items = data.get("rounds", 1), data.get("items")
    if not (isinstance(rounds, int) and isinstance(items, list) and 0 < rounds <= MAX_WHOLE):
        return
    if rounds * len(items) > MAX_ROUND_ITEMS and len(items) <= MAX_ITEMS:
        total = rounds * len(items)
        yield (
            "rounds",
            f"{rounds} rounds × {len(items)} exercises is {total}; at most {MAX_ROUND_ITEMS}",
        )
