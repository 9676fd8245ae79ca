"""Reading closed years back: the ledger as published, as restated by the book's adjustments, and the history."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..ledger import Ledger
from .frames import frame_from_stored
from .schema import LEDGER_KINDS

_READ = [*LEDGER_KINDS, "extra"]


def stored_rows(book: Any, closing_id: int, *, with_hash: bool = False) -> dict[str, list[Any]]:
    """The stored columns of one closing's ledger rows, in their order (``pos``)."""
    names = _READ + (["pos", "row_hash"] if with_hash else [])
    with book.engine.connect() as c:
        cur = c.exec_driver_sql(f"SELECT {', '.join(names)} FROM ledger_rows WHERE closing_id = {int(closing_id)} "
                                "ORDER BY pos")
        rows = cur.fetchall()
        c.rollback()
    cols = list(zip(*rows)) if rows else [()] * len(names)
    return {n: list(v) for n, v in zip(names, cols)}


def ledger_from(header: dict[str, Any], cols: dict[str, list[Any]], factors=None) -> Ledger:
    """A :class:`Ledger` from a closing's header and stored columns."""
    frame = frame_from_stored(cols, header["dtypes"])
    s, lg = header["settings"], header["ledger"]
    rejects = pd.DataFrame(lg["rejects"], columns=lg.get("rejects_columns") or None)
    for c in ("row", "input_year"):
        if c in rejects.columns:
            num = pd.to_numeric(rejects[c], errors="coerce")
            rejects[c] = num.astype("int64") if num.notna().all() else num.astype("Int64")
    if "input_amount" in rejects.columns:
        rejects["input_amount"] = pd.to_numeric(rejects["input_amount"], errors="coerce")
    return Ledger(frame, rejects=rejects if len(rejects) else None, gwp=s["gwp"], scope2_method=s["scope2_method"],
                  factors=factors, input_rows=lg["input_rows"], blank_rows=lg["blank_rows"], inputs=lg["inputs"],
                  radiative_forcing=s["radiative_forcing"], factor_version=s["factor_version"])


def read_closed(book: Any, info: dict[str, Any], factors=None) -> Ledger:
    """The ledger of a closing as published."""
    header = info["header"] if isinstance(info["header"], dict) else json.loads(info["header"])
    return ledger_from(header, stored_rows(book, int(info["id"])), factors)


def restated_ledger(book: Any, year: int):
    """The closed year's ledger restated by the book's adjustments (base year: the first closed year)."""
    closed = book.closed_years()
    led = Ledger.concat([read_closed(book, info) for info in closed.values()])
    res = _restatement(book, led, min(closed))
    if res is None:
        return read_closed(book, closed[year])
    out = res.ledger
    return out.replace(frame=out.frame[out.frame["year"] == year].reset_index(drop=True))


def _restatement(book: Any, led: Ledger, base: int):
    from ..config import RecalculationConfig
    from ..restatement import restate

    changes = [a["spec"] for a in book.adjustments() if a["kind"] == "change"]
    if not changes:
        return None
    rc = RecalculationConfig(changes=changes)
    return restate(led, rc.change_objects(None), base_year=base, policy=rc.policy())


def history(book: Any) -> pd.DataFrame:
    """Each closed year: published total, restated total, closing time and author, reopenings and adjustments."""
    closed = book.closed_years()
    cols = ["year", "published_t", "restated_t", "closed_at", "closed_by", "factor_version", "hash", "events"]
    if not closed:
        return pd.DataFrame(columns=cols)
    led = Ledger.concat([read_closed(book, info) for info in closed.values()])
    res = _restatement(book, led, min(closed))
    events = book.events()
    rows = []
    for y, info in closed.items():
        header = json.loads(info["header"])
        restated = float(res.ledger.total(year=y).magnitude) if res is not None else header["totals"]["co2e_t"]
        ev = events[(events["year"] == y) & events["kind"].isin(["close", "reopen", "adjust"])]
        rows.append({"year": y, "published_t": header["totals"]["co2e_t"], "restated_t": restated,
                     "closed_at": info["closed_at"], "closed_by": info["closed_by"],
                     "factor_version": header["settings"]["factor_version"], "hash": info["hash"][:12],
                     "events": "; ".join(f"{k} {a[:10]} {b}" for k, a, b in zip(ev["kind"], ev["at"], ev["by"]))})
    return pd.DataFrame(rows, columns=cols)
