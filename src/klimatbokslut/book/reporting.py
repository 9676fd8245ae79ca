"""A report's inputs from a book: closed years as published, open years computed from their contributions.

``report.build`` calls :func:`report_inputs` instead of reading the configuration's activity files
when a book is given (``klimatbokslut report CONFIG --book bokslut.sqlite``). The configuration
still gives everything else (targets, portfolio, scenarios, the settings of open years). With
nothing restated, the report equals the one from the same files, table by table.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pandas as pd

from ..ledger import Ledger
from .closing import config_factor_sha
from .compute import factor_set_with, ledger_of, read_contribution, settings_of, year_table
from .reading import read_closed
from .store import Book

#: Columns of the report's ``book_years`` table.
BOOK_YEAR_COLUMNS = ["year", "state", "factor_version", "closed_at", "closed_by", "hash"]


def open_book(book: Book | str | os.PathLike) -> Book:
    """``book`` itself, or the book at a path or URL (never created here)."""
    return book if isinstance(book, Book) else Book.open(book, create=False)


def report_inputs(book: Book | str | os.PathLike, cfg, factors) -> tuple[pd.DataFrame, Ledger, pd.DataFrame]:
    """The activity rows of every year, the ledger (closed years as stored) and the ``book_years`` table."""
    bk = open_book(book)
    closed = bk.closed_years()
    contribs = bk.contributions(content=True)
    settings, already = settings_of(cfg), config_factor_sha(cfg)
    frames: list[pd.DataFrame] = []
    ledgers: list[Ledger] = []
    rows: list[dict[str, Any]] = []
    closed_inputs: list[dict[str, Any]] = []
    for y in sorted({int(c["year"]) for c in contribs} | set(closed)):
        ycs = [c for c in contribs if int(c["year"]) == y]
        if y in closed:
            info = closed[y]
            closed_inputs += _closed_inputs(bk, info, ycs)
            led = read_closed(bk, info, factors)
            ledgers.append(led)
            stored_version = json.loads(info["header"])["settings"]["factor_version"]
            rows.append({"year": y, "state": "closed", "factor_version": stored_version,
                         "closed_at": info["closed_at"], "closed_by": info["closed_by"], "hash": info["hash"]})
        else:
            fs = factor_set_with(factors, ycs, already=already)
            out = ledger_of(ycs, fs, settings)
            if out is None:
                continue
            frames.append(out[0])
            ledgers.append(out[1])
            rows.append({"year": y, "state": "open", "factor_version": getattr(fs, "version", ""),
                         "closed_at": "", "closed_by": "", "hash": ""})
    frames = _closed_activities(closed_inputs) + frames          # the closed years' rows, read in one go
    if not ledgers:
        from ..errors import BookError

        raise BookError(f"{bk.where} has no contributions")
    ledger = ledgers[0] if len(ledgers) == 1 else Ledger.concat(ledgers)
    acts = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return acts, ledger, pd.DataFrame(rows, columns=BOOK_YEAR_COLUMNS)


def _closed_inputs(bk: Book, info: dict[str, Any], current: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The contributions a closing was computed from (activity files)."""
    ids = [c["id"] for c in json.loads(info["header"])["contributions"] if c["kind"] == "activities"]
    have = {c["id"]: c for c in current}
    if all(i in have for i in ids):
        return [have[i] for i in ids]
    every = {c["id"]: c for c in bk.contributions(int(info["year"]), include_superseded=True, content=True)}
    return [every[i] for i in ids if i in every]


def with_book_adjustments(cfg, book: Book | str | os.PathLike):
    """The configuration with the book's recorded adjustments added to its ``[recalculation]`` (by name:
    an adjustment the configuration names already is not added twice)."""
    from ..config import RecalculationConfig

    adj = open_book(book).adjustments()
    if not adj:
        return cfg
    rc = cfg.recalculation or RecalculationConfig()
    names = {c.get("name") for c in rc.changes} | {c.get("name") for c in rc.method_changes}
    changes = rc.changes + [a["spec"] for a in adj if a["kind"] == "change" and a["spec"].get("name") not in names]
    methods = rc.method_changes + [a["spec"] for a in adj if a["kind"] == "method_change"
                                   and a["spec"].get("name") not in names]
    out = cfg.model_copy()
    out.recalculation = rc.model_copy(update={"changes": changes, "method_changes": methods})
    return out


def _closed_activities(contribs: list[dict[str, Any]]) -> list[pd.DataFrame]:
    """The activity rows of a closed year (for the report's scenarios and method history; its ledger is stored).

    CSV files with the same header line are read as one file (their rows joined under one header): one reading
    instead of one per department. The row numbers are then those of the joined file; nothing of a closed year
    shows them (its rejects are stored).
    """
    groups: dict[bytes, list[bytes]] = {}
    others = []
    for c in contribs:
        if c["kind"] != "activities":
            continue
        content = bytes(c["content"])
        head, sep, body = content.partition(b"\n")
        if c["name"].lower().endswith(".csv") and sep:
            groups.setdefault(head, []).append(body if body.endswith(b"\n") or not body else body + b"\n")
        else:
            others.append(c)
    out = [read_contribution("joined.csv", head + b"\n" + b"".join(bodies)).frame for head, bodies in groups.items()]
    table = year_table(others)
    return out + ([table.frame] if table is not None else [])
