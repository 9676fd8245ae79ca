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

from .catalogue import resolve_activity_name, suggest
from .errors import InputError
from .factors import FactorSet
from .text import number, tr

__all__ = ["span_text", "activity_filter", "factor_list", "factor_years", "print_years"]


def span_text(years: list[int]) -> str:
    """Years as runs: ``[2019, 2020, 2021, 2024]`` → ``"2019–2021, 2024"``."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def activity_filter(table: pd.DataFrame, text: str | None, lang: str = "en") -> pd.DataFrame:
    """The rows of one activity, named by key or by any name the catalogue knows (``"lastbil"``)."""
    if not text:
        return table
    key = resolve_activity_name(text) or text
    rows = table[table["activity"] == key]
    if rows.empty:
        hint = suggest(text)
        raise InputError([{"row": None, "column": "--activity", "value": text,
                           "reason": (tr(lang, "no factors for this activity; did you mean {names}?",
                                         names=", ".join(hint)) if hint
                                      else tr(lang, "no factors for this activity"))}],
                         what=tr(lang, "the command line"))
    return rows


def factor_years(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
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
        out.append({"activity": act, "region": region, "editions": span_text(editions) or tr(lang, "not given"),
                    "covers": covers, "boundaries": ", ".join(sorted(set(g["boundary"]))),
                    "user": tr(lang, "yes") if bool(g["user"].any()) else "",
                    "sources": "; ".join(dict.fromkeys(pubs))})
    return pd.DataFrame(out, columns=["activity", "region", "editions", "covers", "boundaries", "user", "sources"])


def print_years(fs: FactorSet, table: pd.DataFrame, lang: str = "en") -> None:
    """Print what the factor set covers, activity by activity (``klimatbokslut factors years``)."""
    from .report.names import activity_name

    years = factor_years(table, lang)
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        for act, g in years.groupby("activity", sort=False):
            name = activity_name(str(act), lang)
            name = "" if name == act else name
            print(f"{act}{f'  ({name})' if name else ''}")
            for rec in g.to_dict("records"):
                user = "  " + tr(lang, "[your factor file]") if rec["user"] else ""
                print(f"  {rec['region']:<16} " + tr(lang, "editions {editions:<22} covers {covers:<22} ",
                                                     editions=rec["editions"], covers=rec["covers"])
                      + f"{rec['boundaries']}{user}")
                print(f"  {'':<16} " + tr(lang, "sources: {sources}", sources=rec["sources"]))
    print("\n" + tr(lang, "{activities} activities, {factors} factors; dataset {name} version {version}. A year "
                     "between editions uses the nearest edition (flag fallback_year); a row of a factor file only "
                     "the years it covers.", activities=years["activity"].nunique(), factors=len(table),
                     name=fs.name, version=fs.version))


#: ``factors list``: the columns, the first ones always shown, the rest while the terminal has room.
_LIST_COLUMNS = ("factor_id", "activity", "region", "valid_from", "valid_to", "value", "unit", "boundary", "publisher",
                 "uncertainty")
_ALWAYS = 7


def factor_list(rows: pd.DataFrame, lang: str = "en", *, width: int | None = None, every_column: bool = False) -> str:
    """The factor rows as a table that fits the terminal: the id, activity, region, years, value and unit always,
    boundary, publisher and uncertainty while they fit (all of them with ``every_column``); long cells shortened
    with …; a last line names the columns left out.

    Examples
    --------
    >>> from klimatbokslut import default_factors
    >>> text = factor_list(activity_filter(default_factors().table(), "n2o"), "sv", width=80)
    >>> max(len(line) for line in text.splitlines()) <= 80, text.splitlines()[0].split()[:3]
    (True, ['Faktor-id', 'Aktivitet', 'Nät/region'])
    """
    import shutil
    import textwrap

    from .csvout import column_header

    width = width or shutil.get_terminal_size((100, 24)).columns

    def cell(v: object, n: int = 34) -> str:
        if isinstance(v, float) and v == v:     # a factor value with the decimals it has, in the language's form
            v = number(v, min(len(repr(v).partition(".")[2].rstrip("0")), 8), lang) if "e" not in repr(v) else v
        t = "" if v is None or (isinstance(v, float) and v != v) else str(v)
        return t if len(t) <= n else t[: n - 1] + "…"

    cols = [c for c in _LIST_COLUMNS if c in rows.columns or c == "uncertainty"]
    shown = cols if every_column else cols[:_ALWAYS]
    frame = rows.reindex(columns=cols)
    texts = {c: [cell(v, 10_000 if every_column else 34) for v in frame[c]] for c in cols}
    heads = {c: column_header(c, lang) for c in cols}
    w = {c: max([len(heads[c]), *(len(t) for t in texts[c])]) for c in cols}
    if not every_column:
        for c in cols[_ALWAYS:]:
            if sum(w[x] + 2 for x in shown) + w[c] <= width:
                shown.append(c)
        while sum(w[x] + 2 for x in shown) - 2 > width:   # still too wide: the widest column gives way (…)
            others = [x for x in shown if x != "factor_id" and w[x] > 10]   # the id (for `factors show`) last
            widest = max(others or shown, key=lambda x: w[x])
            if w[widest] <= 8:
                break
            w[widest] -= 1

    def fit(t: str, n: int) -> str:
        return (t if len(t) <= n else t[: n - 1] + "…").ljust(n)
    lines = ["  ".join(fit(heads[c], w[c]) for c in shown).rstrip()]
    lines += ["  ".join(fit(texts[c][i], w[c]) for c in shown).rstrip() for i in range(len(frame))]
    left = [heads[c] for c in cols if c not in shown]
    if left:
        lines.append(textwrap.fill(tr(lang, "(left out to fit the terminal: {columns}; --all shows every column)",
                                      columns=", ".join(left)), width))
    return "\n".join(lines)
