"""The runs and shoes in the history file: one ``RunLog`` over the ``HistoryStore``.

Every write is one transaction on the store's connection, taking turns with the
session writes: one transaction per file imported. A write the file refuses is not
queued (the run file is still there to import again); it is reported, never raised.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcoach.core.history import HistoryStore, iso_local
from backcoach.runs import dedup, pain_link, sports
from backcoach.runs import load as maths
from backcoach.runs import queries as q
from backcoach.runs.model import (
    FORMAT_RANK,
    Activity,
    FileOutcome,
    ImportReport,
    Run,
    Shoe,
    Surface,
)

if TYPE_CHECKING:
    from backcoach.runs.files import FileRead

ImportListener = Callable[[ImportReport], None]


class ShoeError(ValueError):
    """A shoe the runner described that cannot be saved; the message says why."""


def _when(moment: datetime) -> str:
    return f"{moment:%a %d %b %Y %H:%M}"


class RunLog:
    def __init__(self, history: HistoryStore) -> None:
        self.history = history
        # Called after every import that wrote runs (reminders, the library's suggestion).
        self.listeners: list[ImportListener] = []

    # ------------------------------------------------------------------ reading
    def _q(self, default: Any, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        return self.history.query(default, fn)

    def runs(
        self, limit: int | None = None, since: date | None = None, offset: int = 0
    ) -> list[Run]:
        """Newest first; ``limit`` and ``offset`` page through them."""
        return self._q([], lambda c: q.runs(c, limit, since, offset))  # type: ignore[no-any-return]

    def run(self, run_id: int) -> Run | None:
        return self._q(None, lambda c: q.run(c, run_id))  # type: ignore[no-any-return]

    def run_json_lines(self) -> list[str]:
        return self._q([], q.run_json_lines)  # type: ignore[no-any-return]

    def count(self) -> int:
        return self._q(0, q.count)  # type: ignore[no-any-return]

    def first_day(self) -> date | None:
        """The local day of the first run in the log."""
        return self._q(None, q.first_day)  # type: ignore[no-any-return]

    def runs_on(self, day: date) -> list[Run]:
        return [r for r in self.runs(since=day) if r.day == day]

    def weeks(self, count: int, today: date) -> list[maths.Week]:
        first = maths.monday_of(today) - timedelta(weeks=max(count, 1) - 1)
        totals = self._q([], lambda c: q.week_totals(c, first, today + timedelta(days=6)))
        return maths.weeks(totals, count, today)

    def load(self, today: date) -> maths.Load:
        first = today - timedelta(days=maths.CHRONIC_DAYS - 1)
        totals = self._q([], lambda c: q.day_totals(c, first, today))
        by_day: dict[date, float] = {}
        for t in totals:
            by_day[t.day] = by_day.get(t.day, 0.0) + t.distance_m
        return maths.acute_chronic(by_day, today, self._q(None, q.first_day))

    def pain_observation(self, weeks: Sequence[maths.Week]) -> pain_link.Observation:
        if not weeks:
            return pain_link.Observation(())
        since = weeks[0].monday - timedelta(weeks=4)
        pains = self._q([], lambda c: q.pain_after(c, since))
        return pain_link.observe(maths.jumps(weeks), pains)

    def shoes(self) -> list[Shoe]:
        return self._q([], q.shoes)  # type: ignore[no-any-return]

    def shoe(self, shoe_id: int) -> Shoe | None:
        return self._q(None, lambda c: q.shoe(c, shoe_id))  # type: ignore[no-any-return]

    def shoe_named(self, name: str) -> Shoe | None:
        return self._q(None, lambda c: q.shoe_named(c, name))  # type: ignore[no-any-return]

    def default_shoe(self) -> Shoe | None:
        return next((s for s in self.shoes() if s.is_default and s.retired_on is None), None)

    def session_run(self, session_id: int) -> int | None:
        row = self.history.row_id(session_id)
        if row is None:
            return None
        return self._q(None, lambda c: q.session_run(c, row))  # type: ignore[no-any-return]

    def seen_files(self) -> dict[str, tuple[int, int]]:
        return self._q({}, q.seen_files)  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ importing
    def import_files(self, paths: Iterable[Path | str]) -> ImportReport:
        """Read and import each file; a bad file is named in the report, the rest go in."""
        from backcoach.runs.files import read_file  # the parsers: only when importing

        return self.import_reads([read_file(p) for p in paths])

    def import_reads(self, reads: Sequence[FileRead]) -> ImportReport:
        """Write already-read files, each in its own transaction.

        The richest format goes first (FIT, then TCX, then GPX), so when a batch holds
        one run in several formats the FIT is the one kept. The report keeps the order
        the files came in.
        """
        order = sorted(range(len(reads)), key=lambda i: reads[i].rank)
        outcomes: dict[int, FileOutcome] = {}
        default = self.default_shoe()
        for i in order:
            outcomes[i] = self._import_one(reads[i], default)
        report = ImportReport(tuple(outcomes[i] for i in range(len(reads))))
        if report.imported:
            for listener in list(self.listeners):
                listener(report)
        return report

    def _import_one(self, read: FileRead, default: Shoe | None) -> FileOutcome:
        if read.error:
            return FileOutcome(read.path, error=read.error)
        skipped: list[str] = list(read.parts)
        notes: list[str] = []

        def work(conn: sqlite3.Connection) -> list[int]:
            ids = []
            for a in read.activities:
                if not a.is_run:
                    skipped.append(f"skipped: {sports.describe(a.sport)}, not a run")
                    continue
                twin = _duplicate(conn, a.start, a.distance_m, a.source)
                if twin:
                    skipped.append(f"already in your log: {twin}")
                    continue
                shoe = default.id if default and default.started_on <= a.start.date() else None
                ids.append(_insert(conn, a, shoe))
                notes.extend(a.notes)
                if a.distance_m <= 0:
                    notes.append(
                        "no distance in the file (a treadmill without a foot pod?); counted by time"
                    )
            return ids

        ids = self.history.transaction(f"import {read.path}", work)
        if ids is None:
            return FileOutcome(read.path, error=f"not saved: {self.history.write_error}")
        return FileOutcome(read.path, tuple(ids), tuple(skipped), notes=tuple(dict.fromkeys(notes)))

    # ------------------------------------------------------------------ by hand
    def add_manual(
        self,
        start: datetime,
        distance_m: float,
        duration_s: float,
        surface: Surface = Surface.UNSET,
        hilly: bool | None = None,
        shoe_id: int | None = None,
        note: str = "",
    ) -> tuple[int | None, str]:
        """A run typed in; (its id, "") or (None, why not)."""
        if not 0 <= distance_m <= 500_000:
            return None, "distance must be between 0 and 500 km"
        if not 0 < duration_s <= 48 * 3600:
            return None, "duration must be more than 0 and at most 48 hours"
        if start.tzinfo is None:
            start = start.astimezone()
        activity = Activity(
            start, distance_m, duration_s, duration_s, None, sports.RUNNING, surface, "", "manual"
        )
        reason: list[str] = []

        def work(conn: sqlite3.Connection) -> int | None:
            twin = _duplicate(conn, start, distance_m)
            if twin:
                reason.append(f"this run is already in your log: {twin}")
                return None
            return _insert(conn, activity, shoe_id, hilly=hilly, note=note)

        run_id = self.history.transaction("add run", work)
        if run_id is None:
            return None, reason[0] if reason else f"not saved: {self.history.write_error}"
        return run_id, ""

    def update_run(self, run_id: int, **changes: Any) -> None:
        """Change what the runner may correct: surface, hilly, shoe_id, note, distance_m,
        moving_s."""
        allowed = {"surface", "hilly", "shoe_id", "note", "distance_m", "moving_s"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot change {', '.join(sorted(unknown))}")
        if not changes:
            return
        values = dict(changes)
        if "surface" in values:
            values["surface"] = str(Surface(values["surface"]))
        if values.get("hilly") is not None:
            values["hilly"] = int(bool(values["hilly"]))
        for key in ("distance_m", "moving_s"):
            if key in values:
                values[key] = round(float(values[key]), 1)
        sets = ", ".join(f"{k} = ?" for k in values)
        self.history.transaction(
            "update run",
            lambda c: c.execute(f"UPDATE runs SET {sets} WHERE id = ?", (*values.values(), run_id)),
        )

    def delete_run(self, run_id: int) -> None:
        self.history.transaction(
            "delete run", lambda c: c.execute("DELETE FROM runs WHERE id = ?", (run_id,))
        )

    def link_session(self, session_id: int | None, run_id: int | None) -> None:
        """Say which run a session followed (None: none). A session whose row is still
        waiting to be saved keeps no link."""
        session_id = self.history.row_id(session_id)
        if session_id is None or session_id < 0:
            return
        self.history.transaction(
            "link session",
            lambda c: c.execute(
                "UPDATE sessions SET run_id = ? WHERE id = ?", (run_id, session_id)
            ),
        )

    # ------------------------------------------------------------------ shoes
    def add_shoe(
        self,
        name: str,
        started_on: date,
        retire_at_m: float,
        start_m: float = 0.0,
        make_default: bool = False,
    ) -> int | None:
        name = _shoe_name(name)
        _check_shoe(retire_at_m, start_m)

        def work(conn: sqlite3.Connection) -> int:
            if conn.execute("SELECT 1 FROM shoes WHERE name = ?", (name,)).fetchone():
                raise ShoeError(f"you already have a shoe called “{name}”")
            cur = conn.execute(
                "INSERT INTO shoes (name, started_on, retire_at_m, start_m) VALUES (?, ?, ?, ?)",
                (name, started_on.isoformat(), float(retire_at_m), float(start_m)),
            )
            shoe_id = int(cur.lastrowid or 0)
            if make_default:
                _make_default(conn, shoe_id)
            return shoe_id

        return self.history.transaction("add shoe", work)

    def update_shoe(
        self, shoe_id: int, name: str, started_on: date, retire_at_m: float, start_m: float
    ) -> None:
        name = _shoe_name(name)
        _check_shoe(retire_at_m, start_m)

        def work(conn: sqlite3.Connection) -> None:
            clash = conn.execute(
                "SELECT 1 FROM shoes WHERE name = ? AND id != ?", (name, shoe_id)
            ).fetchone()
            if clash:
                raise ShoeError(f"you already have a shoe called “{name}”")
            conn.execute(
                "UPDATE shoes SET name = ?, started_on = ?, retire_at_m = ?, start_m = ? WHERE id = ?",
                (name, started_on.isoformat(), float(retire_at_m), float(start_m), shoe_id),
            )

        self.history.transaction("update shoe", work)

    def set_default_shoe(self, shoe_id: int | None) -> None:
        self.history.transaction("default shoe", lambda c: _make_default(c, shoe_id))

    def retire_shoe(self, shoe_id: int, on: date | None) -> None:
        """Retire (``on`` a date) or bring back (None); a retired shoe is nobody's default."""

        def work(conn: sqlite3.Connection) -> None:
            conn.execute(
                "UPDATE shoes SET retired_on = ?, is_default = CASE WHEN ? IS NULL THEN is_default ELSE 0 END WHERE id = ?",
                (None if on is None else on.isoformat(), None if on is None else 1, shoe_id),
            )

        self.history.transaction("retire shoe", work)

    def delete_shoe(self, shoe_id: int) -> None:
        self.history.transaction(
            "delete shoe", lambda c: c.execute("DELETE FROM shoes WHERE id = ?", (shoe_id,))
        )

    # ------------------------------------------------------------------ watched folder
    def mark_seen(self, path: str, size: int, mtime_ns: int, outcome: str) -> None:
        self.history.transaction(
            "seen file",
            lambda c: c.execute(
                "INSERT INTO run_files (path, size, mtime_ns, outcome, seen_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
                " outcome = excluded.outcome, seen_at = excluded.seen_at",
                (path, size, mtime_ns, outcome, iso_local()),
            ),
        )


def _shoe_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ShoeError("give the shoe a name")
    if len(name) > 80:
        raise ShoeError("keep the shoe's name under 80 characters")
    return name


def _check_shoe(retire_at_m: float, start_m: float) -> None:
    if not 1_000 <= retire_at_m <= 10_000_000:
        raise ShoeError("the retire-at distance must be between 1 and 10,000 km")
    if not 0 <= start_m <= 10_000_000:
        raise ShoeError("the distance already on the shoe must be between 0 and 10,000 km")


def _make_default(conn: sqlite3.Connection, shoe_id: int | None) -> None:
    conn.execute("UPDATE shoes SET is_default = 0 WHERE is_default = 1")
    if shoe_id is not None:
        conn.execute(
            "UPDATE shoes SET is_default = 1 WHERE id = ? AND retired_on IS NULL", (shoe_id,)
        )


def _duplicate(conn: sqlite3.Connection, start: datetime, distance_m: float, name: str = "") -> str:
    """How to name the run already in the log that this one repeats, or ""."""
    for _id, _utc, dist, source, started in q.near(conn, start.timestamp(), dedup.START_WINDOW_S):
        if dedup.same_distance(dist, distance_m):
            if source and source == name:
                where = ", from this same file"
            else:
                where = f", from {source}" if source else ", entered by hand"
            return f"the run of {_when(datetime.fromisoformat(started))}{where}"
    return ""


def _insert(
    conn: sqlite3.Connection,
    a: Activity,
    shoe_id: int | None,
    *,
    hilly: bool | None = None,
    note: str = "",
) -> int:
    if hilly is None:
        hilly = maths.is_hilly(a.ascent_m, a.distance_m)
    cur = conn.execute(
        "INSERT INTO runs (started_at, start_utc, distance_m, moving_s, elapsed_s, ascent_m, sport,"
        " surface, hilly, shoe_id, source, source_format, note, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            a.start.isoformat(timespec="seconds"),
            a.start.timestamp(),
            # Kept to a tenth (of a metre, of a second): finer is noise, and every reader
            # (the sqlite3 tool, runs --json) then shows the same number.
            round(max(a.distance_m, 0.0), 1),
            round(max(a.moving_s, 0.0), 1),
            round(max(a.elapsed_s, a.moving_s, 0.0), 1),
            None if a.ascent_m is None else round(a.ascent_m, 1),
            a.sport,
            str(a.surface),
            None if hilly is None else int(hilly),
            shoe_id,
            a.source,
            a.source_format if a.source_format in FORMAT_RANK else "manual",
            note.strip(),
            iso_local(),
        ),
    )
    return int(cur.lastrowid or 0)
