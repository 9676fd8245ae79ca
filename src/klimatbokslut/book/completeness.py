"""``book status``: a year's contributions and what looks missing against the year before.

Compared with the previous year (its closed ledger when it is closed, else its contributions
computed): an activity, site or organisational unit present then and absent now, and an amount or
energy per activity and site that moved by more than the tolerance (default ±30 %). These are
warnings for the person collecting the data, never errors.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pandas as pd

from .compute import read_contribution

#: What a warning is about, with last year's and this year's figures.
WARNING_COLUMNS = ["kind", "activity", "site", "org_unit", "unit", "previous", "current", "change"]


@dataclasses.dataclass
class YearStatus:
    """A year's state, its contributions (with rows and problems) and the warnings against the year before."""

    year: int
    closed: bool
    contributions: pd.DataFrame
    warnings: pd.DataFrame
    previous_year: int | None
    tolerance: float


def _activity_rows(book: Any, year: int) -> pd.DataFrame | None:
    """Activity rows of a year (read from its current contributions), with energy in MWh where known."""
    frames = []
    for c in book.contributions(year, content=True):
        if c["kind"] == "activities":
            frames.append(read_contribution(c["name"], c["content"]).frame)
    if not frames:
        return None
    f = pd.concat(frames, ignore_index=True)
    for col in ("site", "org_unit"):
        if col not in f.columns:
            f[col] = ""
    f = f.assign(activity=f["activity"].astype(str), unit=f["unit"].astype(str),
                 site=f["site"].fillna("").astype(str), org_unit=f["org_unit"].fillna("").astype(str))
    return f


def status(book: Any, year: int, *, tolerance: float = 0.30) -> YearStatus:
    """The :class:`YearStatus` of ``year``."""
    rows = book.contributions(year, include_superseded=True)
    contribs = pd.DataFrame([{"id": c["id"], "kind": c["kind"], "area": c["area"], "name": c["name"],
                              "added_by": c["added_by"], "added_at": c["added_at"][:19], "rows": c["rows"],
                              "rejected": c["rejected"], "superseded_by": c["superseded_by"],
                              "problems": len(json.loads(c["report"]).get("rejects", []))} for c in rows],
                            columns=["id", "kind", "area", "name", "added_by", "added_at", "rows", "rejected",
                                     "superseded_by", "problems"])
    years = [y for y in book.years() if y < year]
    prev_year = years[-1] if years else None
    warnings = pd.DataFrame(columns=WARNING_COLUMNS)
    if prev_year is not None:
        now, before = _activity_rows(book, year), _activity_rows(book, prev_year)
        if before is not None:
            warnings = compare(before, now if now is not None else before.iloc[:0], tolerance)
    return YearStatus(year, book.is_closed(year), contribs, warnings, prev_year, tolerance)


def compare(before: pd.DataFrame, now: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Warnings: units, sites and activities that disappeared, and amounts that moved beyond ``tolerance``."""
    out: list[dict[str, Any]] = []
    for col, kind in (("org_unit", "org_unit_missing"), ("site", "site_missing"), ("activity", "activity_missing")):
        gone = sorted(set(before[col]) - set(now[col]) - {""})
        for g in gone:
            sub = before[before[col] == g]
            for (act, unit), amount in sub.groupby(["activity", "unit"])["amount"].sum().items():
                out.append({"kind": kind, "activity": act, "site": g if col == "site" else "",
                            "org_unit": g if col == "org_unit" else "", "unit": unit, "previous": float(amount),
                            "current": 0.0, "change": -1.0})
    key = ["activity", "site", "unit"]
    a = before.groupby(key)["amount"].sum()
    b = now.groupby(key)["amount"].sum()
    both = pd.concat([a.rename("previous"), b.rename("current")], axis=1).fillna(0.0)
    for label, r in both.iterrows():
        act, site, unit = (str(x) for x in label)  # type: ignore[attr-defined]  # a three-level index
        prev, cur = float(r["previous"]), float(r["current"])
        if prev > 0 and cur > 0 and abs(cur / prev - 1.0) > tolerance + 1e-9:     # 30 % exactly is within ±30 %
            out.append({"kind": "amount_changed", "activity": act, "site": site, "org_unit": "", "unit": unit,
                        "previous": prev, "current": cur, "change": cur / prev - 1.0})
        elif prev > 0 and cur == 0 and site not in {o["site"] for o in out if o["kind"] == "site_missing"} \
                and act not in {o["activity"] for o in out if o["kind"] == "activity_missing"}:
            out.append({"kind": "amount_missing", "activity": act, "site": site, "org_unit": "", "unit": unit,
                        "previous": prev, "current": 0.0, "change": -1.0})
    return pd.DataFrame(out, columns=WARNING_COLUMNS)
