"""What a factor set covers: per activity and region, the editions, the years covered, boundaries and sources.

Read by ``klimatbokslut factors years`` and ``factors list`` (an activity named by key or by any name
the catalogue knows).

Examples
--------
>>> span_text([2019, 2020, 2021, 2024])
'2019–2021, 2024'
"""

from __future__ import annotations

import pandas as pd

from .catalogue import get_activity, resolve_activity_name, suggest
from .errors import InputError
from .factors import FactorSet
from .text import tr

__all__ = ["span_text", "activity_filter", "factor_years", "print_years"]


def span_text(years: list[int]) -> str:
    """Years as runs: ``[2019, 2020, 2021, 2024]`` → ``"2019–2021, 2024"``."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def activity_filter(table: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """The rows of one activity, named by key or by any name the catalogue knows (``"lastbil"``)."""
    if not text:
        return table
    key = resolve_activity_name(text) or text
    rows = table[table["activity"] == key]
    if rows.empty:
        hint = suggest(text)
        raise InputError([{"row": None, "column": "--activity", "value": text,
                           "reason": (tr("en", "no factors for this activity; did you mean {names}?",
                                         names=", ".join(hint)) if hint
                                      else tr("en", "no factors for this activity"))}], what="the command line")
    return rows


def factor_years(table: pd.DataFrame) -> pd.DataFrame:
    """Per activity and region: the editions (years of the figures), the years covered, boundaries and sources.

    Examples
    --------
    >>> from klimatbokslut import default_factors
    >>> t = factor_years(default_factors().table())
    >>> t[t["activity"] == "n2o"][["activity", "region", "editions"]].to_dict("records")
    [{'activity': 'n2o', 'region': 'SE', 'editions': 'not given'}]
    """
    out = []
    for (act, region), g in table.groupby(["activity", "region"], sort=False):
        editions = [int(e) for e in g["edition"] if e is not None and e == e and str(e) != ""]
        covered = [y for a, b in zip(g["valid_from"], g["valid_to"]) if b - a <= 60 for y in range(int(a), int(b) + 1)]
        wide = [(int(a), int(b)) for a, b in zip(g["valid_from"], g["valid_to"]) if b - a > 60]
        covers = ", ".join(filter(None, [span_text(covered), *sorted({f"{a}–{b}" for a, b in wide})]))
        pubs = [f"{p} {e}".strip() if p == p and p else str(sid) for p, e, sid in
                zip(g["publisher"], g["source_edition"], g["source_id"])]
        out.append({"activity": act, "region": region, "editions": span_text(editions) or tr("en", "not given"),
                    "covers": covers, "boundaries": ", ".join(sorted(set(g["boundary"]))),
                    "user": tr("en", "yes") if bool(g["user"].any()) else "",
                    "sources": "; ".join(dict.fromkeys(pubs))})
    return pd.DataFrame(out, columns=["activity", "region", "editions", "covers", "boundaries", "user", "sources"])


def print_years(fs: FactorSet, table: pd.DataFrame) -> None:
    """Print what the factor set covers, activity by activity (``klimatbokslut factors years``)."""
    years = factor_years(table)
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        for act, g in years.groupby("activity", sort=False):
            try:
                name = get_activity(str(act)).en
            except KeyError:
                name = ""
            print(f"{act}{f'  ({name})' if name else ''}")
            for rec in g.to_dict("records"):
                user = "  " + tr("en", "[your factor file]") if rec["user"] else ""
                print(f"  {rec['region']:<16} " + tr("en", "editions {editions:<22} covers {covers:<22} ",
                                                     editions=rec["editions"], covers=rec["covers"])
                      + f"{rec['boundaries']}{user}")
                print(f"  {'':<16} " + tr("en", "sources: {sources}", sources=rec["sources"]))
    print("\n" + tr("en", "{activities} activities, {factors} factors; dataset {name} version {version}. A year "
                     "between editions uses the nearest edition (flag fallback_year); a row of a factor file only "
                     "the years it covers.", activities=years["activity"].nunique(), factors=len(table),
                     name=fs.name, version=fs.version))
