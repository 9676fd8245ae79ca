"""The :class:`Book`: contributions per year, closed years stored as published, adjustments as entries.

A book lives in a database reached through SQLAlchemy Core: a SQLite file by default (a path)
or a PostgreSQL database (a ``postgresql://`` URL, through psycopg 3). See ``docs/book.md``.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import Connection

from ..errors import BookError
from . import schema as S
from .chain import closing_hash
from .frames import frame_from_stored, row_hashes, typed_arrays
from .open import check_book, connect_url, create_schema

__all__ = ["Book", "now"]


def now() -> str:
    """The current time in UTC, to the microsecond (ISO 8601)."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


class Book:
    """A climate account kept in a database: open years take contributions, closed years stay as published.

    Open one with :meth:`open`; the constructor takes an engine already checked.

    Examples
    --------
    >>> import tempfile, os, klimatbokslut as kb
    >>> book = kb.Book.open(os.path.join(tempfile.mkdtemp(), "bokslut.sqlite"))
    >>> book.years()
    []
    """

    def __init__(self, engine: Engine, where: str):
        self.engine = engine
        self.where = where
        self.dialect = engine.dialect.name

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, where: str | os.PathLike, *, create: bool = True) -> Book:
        """Open a book: a SQLite file path (created when missing and ``create``) or a ``postgresql://`` URL.

        A file that is not a book is refused and left as it is; a book written by a newer schema
        version is refused; an older one is migrated. The hash chain's links are checked.

        Raises
        ------
        BookError
            Not a book, a newer schema, a broken chain, or no such file and ``create`` is False.
        """
        url, is_new = connect_url(where, create=create)
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            _sqlite_setup(engine)
        book = cls(engine, str(where))
        if is_new:
            create_schema(engine)
        else:
            check_book(engine, str(where))
        return book

    def dispose(self) -> None:
        """Close the database connections."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"<Book {self.where} ({self.dialect})>"

    # ------------------------------------------------------------------ state
    def closed_years(self, conn: Connection | None = None) -> dict[int, dict[str, Any]]:
        """The current closing of each closed year: ``{year: {id, seq, closed_at, closed_by, hash, ...}}``."""
        def run(c: Connection):
            rows = c.execute(text("SELECT c.id, c.seq, c.year, c.generation, c.closed_at, c.closed_by, c.hash, "
                                  "c.row_count, c.header FROM closings c WHERE NOT EXISTS (SELECT 1 FROM reopenings r "
                                  "WHERE r.closing_id = c.id) ORDER BY c.year")).mappings().all()
            return {int(r["year"]): dict(r) for r in rows}
        if conn is not None:
            return run(conn)
        with self.engine.connect() as c:
            return run(c)

    def years(self) -> list[int]:
        """Every year with a contribution or a closing."""
        with self.engine.connect() as c:
            ys = {int(y) for (y,) in c.execute(select(S.contributions.c.year).distinct())}
            ys |= {int(y) for (y,) in c.execute(select(S.closings.c.year).distinct())}
        return sorted(ys)

    def is_closed(self, year: int) -> bool:
        """True when ``year`` is closed (closed and not reopened since)."""
        return int(year) in self.closed_years()

    def contributions(self, year: int | None = None, *, include_superseded: bool = False,
                      content: bool = False) -> list[dict[str, Any]]:
        """The contributions (of one year), oldest first, as dicts; ``content`` adds the stored bytes."""
        t = S.contributions
        cols = [c for c in t.c if content or c.name != "content"]
        q = select(*cols).order_by(t.c.year, t.c.id)
        if year is not None:
            q = q.where(t.c.year == int(year))
        if not include_superseded:
            q = q.where(t.c.superseded_by.is_(None))
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    # ------------------------------------------------------------------ adding
    def add(self, year: int, file: str | os.PathLike, *, by: str, area: str = "", kind: str = "activities",
            replaces: int | None = None, name: str | None = None) -> dict[str, Any]:
        """Store a contribution to an open year: the file's bytes, name, sha256, who and when, what reading said.

        Parameters
        ----------
        year : int
        file : path
            An activity file (CSV, Excel, Parquet) whose rows are all of ``year``, or (``kind="factors"``)
            a factor file of one's own (TOML or CSV).
        by : str
            Who contributes (a person or a department).
        area : str
            What it covers, free text (``"energi"``, ``"fordon"``); ``book status`` groups by it.
        replaces : int, optional
            The id of a contribution of the same year that this one replaces (kept, marked superseded).

        Returns
        -------
        dict
            The stored contribution (without its bytes): ``id``, ``rows``, ``rejected``, ``report`` ...

        Raises
        ------
        BookError
            The year is closed, a row is of another year (all such rows named), or ``replaces`` is not a
            current contribution of the year.
        """
        from ..factors import default_factors
        from .compute import factor_set_with
        from .intake_check import check_contribution

        path = Path(file)
        content = path.read_bytes()
        # the year's own factor files first: the activities they define are then known to the reader
        own = [c for c in self.contributions(year, content=True) if c["kind"] == "factors"]
        factor_set_with(default_factors(), own)
        rows, rejected, report = check_contribution(path, int(year), kind)
        who = _who(by)
        with self.engine.begin() as c:
            self._lock(c)
            if int(year) in self.closed_years(c):
                raise BookError(f"{year} is closed: a contribution cannot be added (reopen the year first: "
                                f"klimatbokslut book reopen {year} --reason ...)")
            if replaces is not None:
                old = c.execute(select(S.contributions.c.year, S.contributions.c.superseded_by)
                                .where(S.contributions.c.id == int(replaces))).first()
                if old is None or int(old.year) != int(year) or old.superseded_by is not None:
                    raise BookError(f"contribution {replaces} is not a current contribution of {year}; "
                                    f"see klimatbokslut book status {year}")
            at = now()
            new_id = c.execute(insert(S.contributions).values(
                year=int(year), kind=kind, area=area, name=name or path.name,
                sha256=hashlib.sha256(content).hexdigest(), added_by=who, added_at=at, content=content,
                rows=rows, rejected=rejected, report=json.dumps(report, ensure_ascii=False))
                .returning(S.contributions.c.id)).scalar_one()
            if replaces is not None:
                c.execute(update(S.contributions).where(S.contributions.c.id == int(replaces))
                          .values(superseded_by=new_id))
            self._event(c, "replace" if replaces is not None else "add", year, who,
                        {"contribution": new_id, "name": name or path.name, "replaces": replaces})
        return next(x for x in self.contributions(year, include_superseded=True) if x["id"] == new_id)

    # ------------------------------------------------------------------ closing, reopening
    def close(self, year: int, config, *, by: str | None = None, _fault: Callable[[str], None] | None = None):
        """Compute ``year`` with the configuration and store it as closed, in one transaction.

        Stored: every ledger row, the rejects, the settings (GWP, scope-2 method, radiative forcing,
        factor dataset version and the sha256 of its manifest, the content of own factor files),
        totals by scope, the target results, the uncertainty summary when enabled, when and by whom,
        and a sha256 over all of it that includes the previous closing's hash.

        Returns
        -------
        dict
            The closing: ``year``, ``hash``, ``rows``, ``closed_at``, ``closed_by``.

        Raises
        ------
        BookError
            The year has no contribution, is closed already (also when another process closed it a moment
            before), or its contributions changed while it was computed.
        """
        from .closing import prepare_closing

        fault = _fault or (lambda where: None)
        year = int(year)
        if year in self.closed_years():
            raise BookError(self._closed_message(year))
        contribs = self.contributions(year, content=True)
        if not [c for c in contribs if c["kind"] == "activities"]:
            raise BookError(f"{year} has no contribution of activities; add one with klimatbokslut book add {year} "
                            "FILE --by NAME")
        header, cols = prepare_closing(self, year, config, contribs)
        fault("computed")
        return self.store_closing(year, header, cols, by=by, expect=[x["id"] for x in contribs], _fault=fault)

    def store_closing(self, year: int, header: dict[str, Any], cols: dict[str, list[Any]], *, by: str | None = None,
                      expect: list[int] | None = None, _fault: Callable[[str], None] | None = None) -> dict[str, Any]:
        """The write half of :meth:`close`: one transaction that checks the year is open, links the hash chain and
        stores the header and the rows (``cols``, from :func:`.frames.stored_columns`). ``expect``: the ids of the
        contributions the rows were computed from (refused when the year's contributions changed meanwhile)."""
        fault = _fault or (lambda where: None)
        who = _who(by)
        arrays = typed_arrays(cols)
        with self.engine.begin() as c:
            self._lock(c)
            fault("locked")
            if year in self.closed_years(c):
                raise BookError(self._closed_message(year, c))
            now_ids = [r[0] for r in c.execute(select(S.contributions.c.id).where(
                S.contributions.c.year == year, S.contributions.c.superseded_by.is_(None))
                .order_by(S.contributions.c.id))]
            if expect is not None and now_ids != expect:
                raise BookError(f"the contributions of {year} changed while it was computed; close it again")
            last = c.execute(select(S.closings.c.seq, S.closings.c.hash).order_by(S.closings.c.seq.desc())
                             .limit(1)).first()
            seq, prev = (int(last.seq) + 1, last.hash) if last else (1, "")
            reopened = S.reopenings.join(S.closings, S.reopenings.c.closing_id == S.closings.c.id)
            generation = c.execute(select(func.count()).select_from(reopened)
                                   .where(S.closings.c.year == year)).scalar_one()
            header = {**header, "year": year, "seq": seq, "generation": int(generation), "closed_by": who,
                      "closed_at": now()}
            digest = closing_hash(prev, header, cols, arrays)
            cid = c.execute(insert(S.closings).values(
                seq=seq, year=year, generation=int(generation), closed_at=header["closed_at"], closed_by=who,
                header=json.dumps(header, ensure_ascii=False, sort_keys=True), row_count=len(cols["row"]),
                prev_hash=prev, hash=digest).returning(S.closings.c.id)).scalar_one()
            fault("header")
            from .bulk import write_rows

            write_rows(c, cid, cols, fault, row_hashes(cols, arrays))
            self._event(c, "close", year, who, {"closing": cid, "hash": digest})
            fault("before_commit")
        fault("committed")
        return {"year": year, "hash": digest, "rows": len(cols["row"]), "closed_at": header["closed_at"],
                "closed_by": who, "closing_id": cid}

    def reopen(self, year: int, *, by: str | None = None, reason: str) -> None:
        """Reopen a closed year: a recorded event; the closing stays, marked superseded.

        Raises
        ------
        BookError
            The year is not closed, or no reason is given.
        """
        if not reason or not reason.strip():
            raise BookError("a reopening needs a reason (--reason)")
        who = _who(by)
        with self.engine.begin() as c:
            self._lock(c)
            closed = self.closed_years(c)
            if int(year) not in closed:
                raise BookError(f"{year} is not closed")
            c.execute(insert(S.reopenings).values(closing_id=closed[int(year)]["id"], at=now(), by=who,
                                                  reason=reason))
            self._event(c, "reopen", year, who, {"closing": closed[int(year)]["id"], "reason": reason})

    def adjust(self, year: int, spec: Mapping[str, Any], *, by: str | None = None, reason: str,
               kind: str = "change") -> int:
        """Record a dated adjustment: a ``[[recalculation.changes]]`` entry (``kind="change"``) or a
        ``[[recalculation.method_changes]]`` entry (``kind="method_change"``), with its reason and author.

        Closed years are not touched: the adjustment restates them in :meth:`ledger` (``restated=True``),
        :meth:`history` and the report's recalculation section.
        """
        if kind not in ("change", "method_change"):
            raise BookError(f"adjustment kind {kind!r}: use 'change' or 'method_change'")
        if not reason or not reason.strip():
            raise BookError("an adjustment needs a reason")
        who = _who(by)
        with self.engine.begin() as c:
            aid = c.execute(insert(S.adjustments).values(year=int(year), at=now(), by=who, reason=reason, kind=kind,
                                                         spec=json.dumps(dict(spec), ensure_ascii=False))
                            .returning(S.adjustments.c.id)).scalar_one()
            self._event(c, "adjust", year, who, {"adjustment": aid, "reason": reason})
        return int(aid)

    def adjustments(self) -> list[dict[str, Any]]:
        """The recorded adjustments, oldest first (``spec`` parsed)."""
        with self.engine.connect() as c:
            rows = [dict(r) for r in c.execute(select(S.adjustments).order_by(S.adjustments.c.id)).mappings()]
        return [{**r, "spec": json.loads(r["spec"])} for r in rows]

    # ------------------------------------------------------------------ reading
    def ledger(self, year: int, *, restated: bool = False):
        """The ledger of a closed year as published (``restated=True``: with the book's adjustments).

        Raises
        ------
        BookError
            The year is not closed (an open year is computed by a report, not stored).
        """
        from .reading import read_closed, restated_ledger

        closed = self.closed_years()
        if int(year) not in closed:
            raise BookError(f"{year} is not closed; closed years: {', '.join(map(str, closed)) or 'none'}")
        if restated:
            return restated_ledger(self, int(year))
        return read_closed(self, closed[int(year)])

    def history(self) -> pd.DataFrame:
        """Each closed year as published and as restated by the adjustments, t CO2e, with the events."""
        from .reading import history

        return history(self)

    def events(self) -> pd.DataFrame:
        """Every recorded event (add, replace, close, reopen, adjust), oldest first."""
        with self.engine.connect() as c:
            return pd.DataFrame([dict(r) for r in c.execute(select(S.events).order_by(S.events.c.id)).mappings()],
                                columns=[c.name for c in S.events.c])

    def status(self, year: int, *, tolerance: float = 0.30):
        """Contributions of a year, their rows and problems, and what looks missing against the year before.

        ``tolerance`` is the share an amount or energy may move before it is flagged (default ±30 %).
        """
        from .completeness import status

        return status(self, int(year), tolerance=tolerance)

    def verify(self, *, recompute: bool = False, config=None) -> list[str]:
        """Check the hash chain and re-read every closed year; ``recompute`` also recalculates each closed
        year from its stored inputs and factors. Returns the problems (empty when all is well), each
        naming the year, the table and the row."""
        from .verify import verify

        return verify(self, recompute=recompute, config=config)

    # ------------------------------------------------------------------ internals
    def _lock(self, c: Connection) -> None:
        """Serialise writers: SQLite's BEGIN IMMEDIATE already holds the write lock; PostgreSQL an advisory lock."""
        if self.dialect == "postgresql":
            c.execute(text("SELECT pg_advisory_xact_lock(2606202601)"))

    def _closed_message(self, year: int, c: Connection | None = None) -> str:
        info = self.closed_years(c).get(int(year), {})
        return (f"{year} is closed (by {info.get('closed_by', '?')} at {info.get('closed_at', '?')}); "
                f"a closed year is not changed: reopen it with a reason (klimatbokslut book reopen {year})")

    def _event(self, c: Connection, kind: str, year: Any, who: str, detail: Mapping[str, Any]) -> None:
        c.execute(insert(S.events).values(at=now(), by=who, kind=kind, year=None if year is None else int(year),
                                          detail=json.dumps(dict(detail), ensure_ascii=False, default=str)))


def _sqlite_setup(engine: Engine) -> None:
    """SQLite: our own transactions (BEGIN IMMEDIATE, so two writers queue), foreign keys, a busy timeout."""
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):          # pragma: no cover - called by SQLAlchemy
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):                           # pragma: no cover - called by SQLAlchemy
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def frame_of(row_cols: dict[str, list[Any]], header: Mapping[str, Any]) -> pd.DataFrame:
    """The ledger frame of stored columns and a closing's header."""
    return frame_from_stored(row_cols, header["dtypes"])


def hashes_of(cols: dict[str, list[Any]]):
    """The per-row hashes of stored columns (for :mod:`.bulk`)."""
    return row_hashes(cols)
