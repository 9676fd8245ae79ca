"""``klimatbokslut book ...``: the book from the command line (registered by ``cli.py`` through :func:`add_parser`).

The book is ``--book`` (a SQLite file path or a ``postgresql://`` URL); without it the environment
variable ``KLIMATBOKSLUT_BOOK``, else ``bokslut.sqlite`` in the current folder.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from ..text import N_, ntr, number, percent, ptr, tr
from .store import Book

DEFAULT_BOOK = "bokslut.sqlite"


def _where(args) -> str:
    return args.book or os.environ.get("KLIMATBOKSLUT_BOOK") or DEFAULT_BOOK


def _open(args, create: bool = False) -> Book:
    return Book.open(_where(args), create=create)


def _cmd_init(args) -> int:
    book = Book.open(_where(args), create=True)
    print(tr(args.lang, "book {where} is ready", where=book.where))
    if args.roles:
        from .roles import create_roles

        for role in create_roles(book, prefix=args.role_prefix):
            print(tr(args.lang, "role {role} created", role=role))
    return 0


def _cmd_add(args) -> int:
    book = _open(args, create=True)
    kind = "factors" if args.factors else "activities"
    c = book.add(args.year, args.file, by=args.by, area=args.area or "", kind=kind, replaces=args.replaces)
    print(tr(args.lang, "contribution {id} to {year}: {name} by {by}, {rows} rows, {rejected} rejected",
             id=c["id"], year=c["year"], name=c["name"], by=c["added_by"], rows=c["rows"], rejected=c["rejected"]))
    if args.replaces is not None:
        print(tr(args.lang, "contribution {old} is kept, marked superseded by {new}", old=args.replaces, new=c["id"]))
    return 0


_WARNINGS = {
    "org_unit_missing": N_("{org_unit}: in {previous_year} {previous} {unit} {activity}; nothing in {year}"),
    "site_missing": N_("{site}: in {previous_year} {previous} {unit} {activity}; nothing in {year}"),
    "activity_missing": N_("{activity}: in {previous_year} {previous} {unit}; nothing in {year}"),
    "amount_missing": N_("{activity} at {site}: in {previous_year} {previous} {unit}; nothing in {year}"),
    "amount_changed": N_("{activity} at {site}: {previous} {unit} in {previous_year}, {current} {unit} in {year} "
                      "({change})"),
}


def _cmd_status(args) -> int:
    book = _open(args)
    st = book.status(args.year, tolerance=args.tolerance)
    lang = args.lang
    state = ptr(lang, "book year", "closed") if st.closed else ptr(lang, "book year", "open")
    print(ntr(lang, "{year} ({state}): {n} contribution", "{year} ({state}): {n} contributions",
              int(st.contributions["superseded_by"].isna().sum()), year=args.year, state=state))
    for r in st.contributions.itertuples(index=False):
        line = tr(lang, "  {id} {name} ({area}) by {by} {at}: {rows} rows, {rejected} rejected",
                  id=r.id, name=r.name, area=r.area or "-", by=r.added_by, at=r.added_at, rows=r.rows,
                  rejected=r.rejected)
        if r.superseded_by is not None and r.superseded_by == r.superseded_by:
            line += " " + tr(lang, "(superseded by {id})", id=int(r.superseded_by))
        print(line)
    if st.previous_year is None:
        print(tr(lang, "no earlier year to compare with"))
        return 0
    if not len(st.warnings):
        print(tr(lang, "nothing looks missing against {year} (tolerance ±{tolerance})", year=st.previous_year,
                 tolerance=percent(st.tolerance, 0, lang)))
        return 0
    print(tr(lang, "warnings against {year} (tolerance ±{tolerance}):", year=st.previous_year,
             tolerance=percent(st.tolerance, 0, lang)))
    for w in st.warnings.itertuples(index=False):
        print("  " + tr(lang, _WARNINGS[w.kind], org_unit=w.org_unit, site=w.site or "-", activity=w.activity,
                        unit=w.unit, previous=_amount(w.previous, lang),
                        current=_amount(w.current, lang),
                        change=percent(w.change, 0, lang, sign=True), previous_year=st.previous_year, year=args.year))
    return 0


def _amount(value: float, lang: str) -> str:
    return number(value, 0 if float(value).is_integer() or abs(value) >= 100 else 1, lang)


def _cmd_close(args) -> int:
    book = _open(args)
    c = book.close(args.year, args.config, by=args.by)
    print(tr(args.lang, "{year} closed by {by}: {rows} ledger rows, hash {hash}", year=c["year"], by=c["closed_by"],
             rows=c["rows"], hash=c["hash"][:16]))
    return 0


def _cmd_reopen(args) -> int:
    book = _open(args)
    book.reopen(args.year, by=args.by, reason=args.reason)
    print(tr(args.lang, "{year} reopened; its closing is kept, marked superseded", year=args.year))
    return 0


def _cmd_history(args) -> int:
    book = _open(args)
    h = book.history()
    lang = args.lang
    if not len(h):
        print(tr(lang, "no closed year"))
        return 0
    for r in h.itertuples(index=False):
        print(tr(lang, "{year}: published {published} t CO2e, restated {restated} t CO2e; factors {version}; "
                       "hash {hash}", year=r.year, published=number(r.published_t, 0, lang),
                 restated=number(r.restated_t, 0, lang), version=r.factor_version, hash=r.hash))
        print("  " + str(r.events))
    for a in book.adjustments():
        print(tr(lang, "adjustment {id} ({year}) by {by} {at}: {reason}", id=a["id"], year=a["year"], by=a["by"],
                 at=a["at"][:10], reason=a["reason"]))
    return 0


def _cmd_verify(args) -> int:
    book = _open(args)
    problems = book.verify(recompute=args.recompute, config=args.config)
    closed = book.closed_years()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(ntr(args.lang, "verify: {n} problem", "verify: {n} problems", len(problems)), file=sys.stderr)
        return 1
    if args.recompute:
        print(ntr(args.lang, "verify: the hash chain and {n} closed year are intact, recalculated from their stored "
                             "inputs", "verify: the hash chain and {n} closed years are intact, recalculated from "
                                       "their stored inputs", len(closed)))
    else:
        print(ntr(args.lang, "verify: the hash chain and {n} closed year are intact",
                  "verify: the hash chain and {n} closed years are intact", len(closed)))
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--book", default=None, help="the book: a SQLite file or a postgresql:// URL (default: "
                                                "$KLIMATBOKSLUT_BOOK, else bokslut.sqlite)")
    p.add_argument("--lang", default="sv", choices=["sv", "en"], help="language of the output (default sv)")


def add_parser(sub: Any) -> None:
    """Add ``klimatbokslut book`` and its subcommands to the command line's subparsers."""
    p = sub.add_parser("book", help="the book: contributions per year, closing, history, verify")
    bsub = p.add_subparsers(dest="book_command", required=True)

    b = bsub.add_parser("init", help="create a book (SQLite file or PostgreSQL database)")
    _common(b)
    b.add_argument("--roles", action="store_true", help="PostgreSQL: create the roles contributor, closer, reader")
    b.add_argument("--role-prefix", default="klimatbokslut_", help="prefix of the role names")
    b.set_defaults(func=_cmd_init)

    b = bsub.add_parser("add", help="add a contribution (an activity file, or --factors a factor file) to a year")
    b.add_argument("year", type=int)
    b.add_argument("file")
    b.add_argument("--by", required=True, help="who contributes (person or department)")
    b.add_argument("--area", default="", help="what the file covers (free text)")
    b.add_argument("--factors", action="store_true", help="the file is a factor file of one's own")
    b.add_argument("--replaces", type=int, default=None, help="id of the contribution this one replaces")
    _common(b)
    b.set_defaults(func=_cmd_add)

    b = bsub.add_parser("status", help="a year's contributions and what looks missing against the year before")
    b.add_argument("year", type=int)
    b.add_argument("--tolerance", type=float, default=0.30, help="share an amount may move (default 0.30)")
    _common(b)
    b.set_defaults(func=_cmd_status)

    b = bsub.add_parser("close", help="compute a year with the configuration and store it as closed")
    b.add_argument("year", type=int)
    b.add_argument("--config", default="klimatbokslut.toml", help="configuration (default klimatbokslut.toml)")
    b.add_argument("--by", default=None, help="who closes (default: the login name)")
    _common(b)
    b.set_defaults(func=_cmd_close)

    b = bsub.add_parser("reopen", help="reopen a closed year (recorded; the closing is kept as superseded)")
    b.add_argument("year", type=int)
    b.add_argument("--reason", required=True)
    b.add_argument("--by", default=None)
    _common(b)
    b.set_defaults(func=_cmd_reopen)

    b = bsub.add_parser("history", help="each closed year as published and as restated, with its events")
    _common(b)
    b.set_defaults(func=_cmd_history)

    b = bsub.add_parser("verify", help="check the hash chain and every closed year")
    b.add_argument("--recompute", action="store_true", help="also recalculate each closed year from its inputs")
    b.add_argument("--config", default=None, help="configuration for --recompute (default: the stored settings)")
    _common(b)
    b.set_defaults(func=_cmd_verify)
