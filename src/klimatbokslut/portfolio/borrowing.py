"""The region's own borrowing: a debt table and the green share of the debt outstanding at year end.

A region that finances its investments with green loans (green bonds, Kommuninvest's green
loans) follows up the share of its debt that is green. The debt table has one row per loan:

``lender`` (*långivare*), ``amount`` (*belopp*: the amount outstanding), ``currency``
(*valuta*), ``green`` (*grön*: yes/no), ``framework`` (*ramverk*: the green framework it is
green under, required for a green loan), ``start`` (*startdatum*) and ``maturity``
(*förfallodag*). A loan is outstanding at the end of year *Y* when it started on or before
31 December *Y* and matures after it. ::

    green share(Y) = Σ amount of green loans outstanding at the end of Y
                     / Σ amount of all loans outstanding at the end of Y

Examples
--------
>>> import pandas as pd
>>> debt = read_debt(pd.DataFrame({"långivare": ["Kommuninvest", "Bank"], "belopp": ["4 600", "400"],
...     "valuta": "MSEK", "grön": ["ja", "nej"], "ramverk": ["Kommuninvests gröna ramverk", ""],
...     "startdatum": ["2020-01-15", "2021-06-01"], "förfallodag": ["2030-01-15", "2026-06-01"]}))
>>> debt.green_share(2024)
0.92
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..units import parse_numbers
from ..validation import CellFailures, Failures
from .currency import currency_factors, normalise_rates
from .read import read_table

__all__ = ["DEBT_COLUMNS", "Debt", "read_debt"]

#: Columns of a debt table and their Swedish spellings.
DEBT_COLUMNS = {
    "lender": ("lender", "långivare", "langivare", "motpart"),
    "amount": ("amount", "belopp", "skuld", "utestående", "utestaende", "nominellt_belopp"),
    "currency": ("currency", "valuta"),
    "green": ("green", "grön", "gron", "grönt_lån", "grönt"),
    "framework": ("framework", "ramverk", "grönt_ramverk"),
    "start": ("start", "startdatum", "start_date", "utbetalning"),
    "maturity": ("maturity", "förfallodag", "forfallodag", "förfall", "slutdatum", "maturity_date"),
    "loan": ("loan", "lån", "lan", "lånenummer", "id"),
}
_LOOKUP = {re.sub(r"[\s\-_]+", "", a.lower()): c for c, al in DEBT_COLUMNS.items() for a in al}
_REQUIRED = ("lender", "amount", "currency", "green", "start", "maturity")


class Debt:
    """A validated debt table: ``row, loan, lender, amount_msek, currency, green, framework, start, maturity``."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def __repr__(self) -> str:
        return f"<Debt {len(self.frame)} loans>"

    def outstanding(self, year: int) -> pd.DataFrame:
        """The loans outstanding at the end of ``year`` (started by 31 Dec, maturing after it)."""
        end = pd.Timestamp(int(year), 12, 31)
        f = self.frame
        return f[(f["start"] <= end) & (f["maturity"] > end)]

    def green_share(self, year: int) -> float:
        """Green share of the amount outstanding at the end of ``year`` [-]; NaN when nothing is outstanding."""
        o = self.outstanding(year)
        total = float(o["amount_msek"].sum())
        return float(o.loc[o["green"], "amount_msek"].sum()) / total if total > 0 else float("nan")

    def green_share_series(self, years) -> pd.Series:
        """:meth:`green_share` for each year (for a share target and the report)."""
        return pd.Series({int(y): self.green_share(y) for y in years}, dtype=float)

    def table(self, year: int) -> pd.DataFrame:
        """Outstanding debt at the end of ``year`` by lender and green/ordinary: ``lender, green, framework,
        loans, amount_msek``."""
        o = self.outstanding(year)
        return (o.groupby(["lender", "green", "framework"], sort=True)
                 .agg(loans=("lender", "size"), amount_msek=("amount_msek", "sum")).reset_index())

    def summary(self, year: int) -> dict[str, Any]:
        """Year-end totals: ``year, total_msek, green_msek, green_share, loans``."""
        o = self.outstanding(year)
        return {"year": int(year), "total_msek": float(o["amount_msek"].sum()),
                "green_msek": float(o.loc[o["green"], "amount_msek"].sum()), "green_share": self.green_share(year),
                "loans": len(o)}


def _canon(col: Any) -> str | None:
    return _LOOKUP.get(re.sub(r"[\s\-_]+", "", str(col).strip().lower()))


def read_debt(source: str | Path | pd.DataFrame, *, rates: Mapping | None = None, sep: str | None = None) -> Debt:
    """Read a debt table (CSV, Excel or DataFrame; Swedish headers), every problem in one round.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
    rates : mapping, optional
        Exchange rates to SEK for loans in other currencies (``{"EUR": "11,43 SEK/EUR"}``).
    sep : str, optional

    Returns
    -------
    Debt

    Raises
    ------
    InputError
        Naming row, column, value and reason: a missing column, an empty or negative amount,
        an unknown currency or one without a rate, ``green`` not yes/no, a green loan without
        its framework, an unreadable date, maturity not after start.

    Examples
    --------
    >>> import pandas as pd
    >>> read_debt(pd.DataFrame({"långivare": ["Bank"], "belopp": ["-5"], "valuta": ["MSEK"], "grön": ["ja"],
    ...     "ramverk": [""], "startdatum": ["2020-01-01"], "förfallodag": ["2019-01-01"]}))
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 3 problems in debt:
      row 0, column 'amount', value '-5': negative amount; give the amount outstanding
      row 0, column 'framework', value <empty>: a green loan names its green framework (e.g. Kommuninvest's)
      row 0, column 'maturity', value '2019-01-01': maturity is not after the start (2020-01-01)
    """
    what = "debt"
    if isinstance(source, pd.DataFrame):
        raw = source.copy()
    else:
        raw = read_table(source, sep=sep)
        what = str(Path(source))
    df = raw.rename(columns={c: _canon(c) or c for c in raw.columns})
    rows = df["row"].to_numpy() if "row" in df.columns else df.index.to_numpy()
    df = df.reset_index(drop=True)
    failures = Failures(what)
    for c in _REQUIRED:
        if c not in df.columns:
            failures.add(c, None, "required column missing (found: " + ", ".join(map(str, raw.columns)) + ")")
    failures.raise_if_any()
    return Debt(_checked(df, rows, failures, rates))


def _checked(df: pd.DataFrame, rows: np.ndarray, failures: Failures, rates: Mapping | None) -> pd.DataFrame:
    """The loans with amounts in MSEK and dates read, or every problem of the cells at once."""
    cells = CellFailures(rows)

    def text(c: str) -> pd.Series:
        if c not in df.columns:
            return pd.Series([""] * len(df), dtype=object)
        return df[c].astype("string").fillna("").str.strip().astype(object)

    amount, problems = parse_numbers(df["amount"].reset_index(drop=True))
    a_text = text("amount").to_numpy()
    cells.add(a_text == "", "amount", a_text, "empty amount")
    cells.add(pd.notna(problems) & (a_text != ""), "amount", a_text, problems)
    cells.add(amount < 0, "amount", a_text, "negative amount; give the amount outstanding")
    rate_table = normalise_rates(rates, failures)
    cur = text("currency")
    factor, why = currency_factors(cur, rate_table)
    cells.add(why.notna().to_numpy(), "currency", cur.to_numpy(), why.to_numpy(dtype=object))
    g = text("green").str.lower()
    yes = g.isin(("ja", "yes", "j", "y", "true", "1", "x", "grön", "green")).to_numpy()
    no = g.isin(("nej", "no", "n", "false", "0", "")).to_numpy()
    cells.add(~yes & ~no, "green", text("green").to_numpy(), "write yes or no (ja/nej)")
    fw = text("framework").to_numpy()
    cells.add(yes & (fw == ""), "framework", fw,
              "a green loan names its green framework (e.g. Kommuninvest's)")
    dates = {}
    for c in ("start", "maturity"):
        t = text(c)
        d = pd.to_datetime(t, errors="coerce", format="mixed", yearfirst=True)
        cells.add(d.isna().to_numpy(), c, t.to_numpy(), "not a date; write it as 2024-12-31")
        dates[c] = d
    order = (dates["maturity"] <= dates["start"]).to_numpy()
    cells.add(order, "maturity", text("maturity").to_numpy(),
              np.array([f"maturity is not after the start ({s})" for s in text("start")], dtype=object))
    failures.extend(cells.by_row())
    failures.raise_if_any()
    return pd.DataFrame({
        "row": rows, "loan": text("loan").to_numpy(), "lender": text("lender").to_numpy(),
        "amount_msek": amount * factor.to_numpy(), "currency": cur.to_numpy(), "green": yes, "framework": fw,
        "start": dates["start"].to_numpy(), "maturity": dates["maturity"].to_numpy()})
