"""Getting a run file's bytes safely: a size cap before anything is parsed, gzip and
zip unpacked under the same cap (Strava and Garmin Connect exports), and the format
told from the content, not the name.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

# Far above any real activity (a 24-hour ultra recorded every second is ~15 MB as GPX,
# less as FIT), far below what would tie up the importer's memory.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
KNOWN_SUFFIXES = (".fit", ".gpx", ".tcx")


class RunFileError(Exception):
    """A file that cannot be imported; ``str()`` is the reason, for the runner."""


@dataclass(frozen=True, slots=True)
class FileData:
    name: str  # the file's name; "export.zip/activity.fit" for a zip member
    data: bytes
    kind: str  # fit, gpx or tcx


def is_run_file_name(name: str) -> bool:
    """A name the importer would take (also .gz of them, and .zip)."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith((*KNOWN_SUFFIXES, ".zip"))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_capped(path: Path, max_bytes: int = MAX_FILE_BYTES) -> list[FileData]:
    """The file's activity data (one entry, or one per run file in a zip).

    Raises RunFileError for a file that is missing, empty, too big, or of a kind
    that is not FIT, GPX or TCX.
    """
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise RunFileError("not a file")
        if size > max_bytes:
            raise RunFileError(
                f"too big to be a run ({_mb(size)}; run files are at most {_mb(max_bytes)})"
            )
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise RunFileError("no such file") from None
    except IsADirectoryError:
        raise RunFileError("is a folder, not a file") from None
    except PermissionError:
        raise RunFileError("cannot be read (permission denied)") from None
    except OSError as exc:
        raise RunFileError(f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:  # grew while we looked
        raise RunFileError(f"too big to be a run (over {_mb(max_bytes)})")
    return _unpack(path.name, raw, max_bytes)


def _unpack(name: str, raw: bytes, max_bytes: int) -> list[FileData]:
    if not raw.strip():
        raise RunFileError("the file is empty")
    if raw[:2] == b"\x1f\x8b":
        return [_entry(_strip_gz(name), _gunzip(raw, max_bytes))]
    if raw[:4] == b"PK\x03\x04":
        return _unzip(name, raw, max_bytes)
    return [_entry(name, raw)]


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _gunzip(raw: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            data = gz.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RunFileError(f"the compressed file is damaged or cut short ({exc})") from None
    if len(data) > max_bytes:
        raise RunFileError(f"unpacks to more than {_mb(max_bytes)}: too big to be a run")
    if not data.strip():
        raise RunFileError("the compressed file is empty")
    return data


def _unzip(name: str, raw: bytes, max_bytes: int) -> list[FileData]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and is_run_file_name(m.filename)]
            if not members:
                raise RunFileError("a zip with no FIT, GPX or TCX file in it")
            if len(members) > MAX_ZIP_MEMBERS:
                raise RunFileError(
                    f"a zip with {len(members)} files; import at most {MAX_ZIP_MEMBERS} at once"
                )
            out = []
            total = 0
            for m in members:
                with zf.open(m) as fh:
                    data = fh.read(max_bytes + 1)
                total += len(data)
                if len(data) > max_bytes or total > max_bytes:
                    raise RunFileError(f"unpacks to more than {_mb(max_bytes)}: too big")
                member_name = f"{name}/{Path(m.filename).name}"
                if data[:2] == b"\x1f\x8b":
                    data = _gunzip(data, max_bytes)
                    member_name = _strip_gz(member_name)
                out.append(_entry(member_name, data))
            return out
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise RunFileError(f"a damaged zip ({exc})") from None


def _entry(name: str, data: bytes) -> FileData:
    return FileData(name, data, sniff(data, name))


def sniff(data: bytes, name: str = "") -> str:
    """fit, gpx or tcx from the bytes; RunFileError when it is none of them."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<gpx" in head:
            return "gpx"
        if b"<trainingcenterdatabase" in head:
            return "tcx"
        raise RunFileError("an XML file, but neither GPX nor TCX")
    suffix = Path(name).suffix.lower()
    if suffix == ".fit":
        raise RunFileError("not a FIT file (no FIT header): damaged, or another kind of file")
    if suffix in (".gpx", ".tcx"):
        raise RunFileError(f"not a {suffix[1:].upper()} file: it does not start as XML")
    raise RunFileError("not a FIT, GPX or TCX file")
