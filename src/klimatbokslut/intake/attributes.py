"""Optional columns of an activity row beyond its quantity: cost, attributes and shares of energy.

A row may carry, beside its activity, amount, unit and year:

* its **cost** (``kostnad``, ``belopp``, ``inköpsvärde``, ``cost``): a number in SEK, or with
  its unit in the cell (``"12 500 kr"``, ``"12,5 tkr"``, ``"1,2 MSEK"``), or in the unit of a
  ``cost_unit`` column (``kr``, ``SEK``, ``tkr``, ``kSEK``, ``MSEK``) → ``cost_sek``. A ``vat``
  column (``moms``: ``inkl``/``exkl``) says whether the cost includes VAT: all rows of a table
  must say the same (a share by value mixing net and gross prices would be wrong), and once
  one row says it, every row with a cost must → ``cost_vat`` (``incl``, ``excl`` or empty);
* **attributes**: ``organic`` (``ekologisk``, ``eko``, ``krav``), ``fairtrade``
  (``rättvisemärkt``), ``vegetarian`` (``vegetarisk``, ``vego``, ``veg``): yes/no in any common
  spelling (ja/nej, x/blank, 1/0, true/false, sant/falskt); a blank cell is *no* (a column of
  ticks), so an unknown attribute counts as not organic and a share is never overstated;
* **shares of its energy** (``förnybar andel``, ``fossilfri andel``, ``återvunnen andel``):
  ``"95 %"``, ``"0,95"`` or ``"95"`` (a number above 1 is a percentage) → ``renewable_share``,
  ``fossil_free_share``, ``recovered_share`` in 0–1, which replace the dataset's shares for
  that row (a supplier's stated mix); renewable + recovered may not exceed 100 % nor the
  fossil-free share given on the same row (fossil-free = renewable + recovered + nuclear);
* ``installed_kw`` (``installerad effekt``): the installed power of own production, kW;
* the **quality of the amount** (``amount_quality``, ``datakvalitet``, ``underlag``): ``metered``
  (mätt, avläst), ``invoiced`` (fakturerad), ``estimated`` (uppskattad, schablon) or
  ``extrapolated`` (extrapolerad, uppräknad), and/or its **uncertainty** (``amount_uncertainty``,
  ``osäkerhet``): ``"±10 %"``, ``"10 %"`` or ``"0,1"`` (a number above 1 is a percentage), the
  half-width of the 95 % interval of the amount; both used by :func:`klimatbokslut.simulate`.

Each unreadable cell is a failure naming the row, the column and the value, with the other
problems of the table in one round.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..pedigree import TIER_ALIASES
from ..units import parse_numbers
from ..validation import CellFailures

__all__ = ["ATTRIBUTE_ALIASES", "ATTRIBUTE_COLUMNS", "YES_NO_SPELLINGS", "check_attributes", "read_yes_no"]

#: Header spellings of each optional column (compared without case, spaces, hyphens and underscores).
ATTRIBUTE_ALIASES: dict[str, tuple[str, ...]] = {
    "cost": ("cost", "kostnad", "belopp", "inköpsvärde", "inkopsvarde", "värde", "värde_sek", "kr", "sek", "cost_sek"),
    "cost_unit": ("cost_unit", "valuta", "beloppsenhet", "kostnadsenhet"),
    "vat": ("vat", "moms"),
    "organic": ("organic", "ekologisk", "eko", "krav", "ekologiskt"),
    "fairtrade": ("fairtrade", "fair_trade", "rättvisemärkt", "rattvisemarkt"),
    "vegetarian": ("vegetarian", "vegetarisk", "vego", "veg"),
    "renewable_share": ("renewable_share", "förnybar andel", "förnybar_andel", "andel förnybart"),
    "fossil_free_share": ("fossil_free_share", "fossilfri andel", "fossilfri_andel", "andel fossilfritt"),
    "recovered_share": ("recovered_share", "återvunnen andel", "återvunnen_andel", "andel återvunnet"),
    "installed_kw": ("installed_kw", "installerad effekt", "installerad_effekt", "effekt kw", "kw"),
    "amount_quality": ("amount_quality", "datakvalitet", "mängdkvalitet", "underlag", "datakälla mängd"),
    "amount_uncertainty": ("amount_uncertainty", "osäkerhet", "mängdosäkerhet", "osäkerhet mängd"),
}
#: The columns :func:`check_attributes` writes.
ATTRIBUTE_COLUMNS = ("cost_sek", "cost_vat", "organic", "fairtrade", "vegetarian", "renewable_share",
                     "fossil_free_share", "recovered_share", "installed_kw", "amount_quality", "amount_uncertainty")

_MONEY = {"kr": 1.0, "sek": 1.0, "kronor": 1.0, "tkr": 1e3, "ksek": 1e3, "mkr": 1e6, "msek": 1e6, "mnkr": 1e6}
_MONEY_CELL = re.compile(r"^\s*(?P<num>[-+]?[\d\s\u00a0.,]+?)\s*(?P<unit>[a-zåäö]+)?\s*$", re.IGNORECASE)
_YES = {"1", "true", "yes", "ja", "j", "x", "sant", "y"}
_NO = {"", "0", "false", "no", "nej", "n", "falskt", "nan", "none"}
_INCL = {"inkl", "inkl.", "inkl moms", "inkl. moms", "inklusive moms", "incl", "incl.", "including", "incl vat",
         "incl. vat", "ja", "yes"}
_EXCL = {"exkl", "exkl.", "exkl moms", "exkl. moms", "exklusive moms", "excl", "excl.", "excluding", "excl vat",
         "excl. vat", "nej", "no"}


def header_lookup() -> dict[str, str]:
    """Normalised header spelling → canonical attribute column."""
    return {re.sub(r"[\s\-_]+", "", a.lower()): canon for canon, al in ATTRIBUTE_ALIASES.items() for a in al}


def _text(df: pd.DataFrame, col: str) -> np.ndarray:
    return df[col].astype(object).where(df[col].notna(), "").astype(str).str.strip().to_numpy()


def _cost(fails: CellFailures, df: pd.DataFrame) -> np.ndarray:
    raw = _text(df, "cost")
    n = len(raw)
    scale = np.ones(n)
    numbers = np.empty(n, dtype=object)
    unit_col = _text(df, "cost_unit") if "cost_unit" in df.columns else np.full(n, "", dtype=object)
    bad_unit = np.zeros(n, dtype=bool)
    from_column = np.zeros(n, dtype=bool)   # the unit came from the cost_unit column, not the cell
    for i, (cell, col_unit) in enumerate(zip(raw, unit_col)):
        m = _MONEY_CELL.match(cell) if cell else None
        own = m.group("unit") if m else None
        from_column[i] = not own and bool(col_unit)
        unit = (own or col_unit or "kr").lower()
        numbers[i] = m.group("num") if m else cell
        if unit not in _MONEY:
            bad_unit[i] = True
        else:
            scale[i] = _MONEY[unit]
    values, problems = parse_numbers(pd.Series(numbers, dtype=object))
    empty = raw == ""
    units = f"write kr, SEK, tkr, kSEK or MSEK ({', '.join(sorted(_MONEY))})"
    fails.add(bad_unit & ~empty & ~from_column, "cost", raw, f"unknown money unit; {units}")
    fails.add(bad_unit & ~empty & from_column, "cost_unit", unit_col, f"unknown money unit; {units}")
    readable = pd.isna(problems) | empty
    fails.add(~readable & ~bad_unit, "cost", raw, "not an amount of money (e.g. 12 500, 12 500 kr, 12,5 tkr)")
    out = np.where(empty, np.nan, values * scale)
    fails.add(np.nan_to_num(out, nan=0.0) < 0, "cost", raw, "a cost cannot be negative")
    return out.astype(float)


def _vat(fails: CellFailures, df: pd.DataFrame, cost: np.ndarray | None) -> np.ndarray:
    """incl/excl per row; the table's costs must all be given one way (the first stated way is the table's)."""
    raw = _text(df, "vat")
    low = np.array([x.lower() for x in raw], dtype=object)
    out = np.array(["incl" if x in _INCL else "excl" if x in _EXCL else "" for x in low], dtype=object)
    unknown = (out == "") & (low != "")
    fails.add(unknown, "vat", raw, "write inkl or exkl (moms), or incl or excl (VAT)")
    stated = out[out != ""]
    if len(stated):
        way = stated[0]
        other = "excl" if way == "incl" else "incl"
        fails.add(out == other, "vat", raw,
                  f"costs both including and excluding VAT in one table (the first stated is {way}): a share by value "
                  "would mix net and gross prices; give every cost the same way")
        if cost is not None:
            fails.add(np.isfinite(cost) & (low == ""), "vat", raw,
                      f"a cost without inkl or exkl while the table's other costs are {way} VAT: say it for every cost")
    return out

#: The yes/no spellings of the attribute columns, as a sentence for error messages.
YES_NO_SPELLINGS = "ja/nej, yes/no, x or blank, 1/0, sant/falskt, true/false"


def read_yes_no(values: Any) -> tuple[np.ndarray, list[str]]:
    """Cells read as yes/no with the spellings of ``ekologisk``; also the distinct cells that are neither.

    Any column of one's own (``svenskproducerad``, ``närproducerad`` ...) is read this way
    when a target counts it as yes/no. A blank cell is *no*, as in a column of ticks.

    Examples
    --------
    >>> yes, bad = read_yes_no(["ja", "Nej", "", "x", 1.0, "kanske"])
    >>> yes.tolist(), bad
    ([True, False, False, True, True, False], ['kanske'])
    """
    cells = pd.Series(list(values) if not isinstance(values, pd.Series) else values, dtype=object)
    raw = cells.where(cells.notna(), "").map(lambda v: str(v).strip())
    if not len(raw):
        return np.zeros(0, dtype=bool), []
    codes, uniques = pd.factorize(raw)
    low = [_one_or_zero(u.lower()) for u in uniques]
    yes_u = np.array([x in _YES for x in low], dtype=bool)
    bad = [u for u, x in zip(uniques, low) if x not in _YES and x not in _NO]
    return yes_u[codes], sorted(bad)


def _yes_no(fails: CellFailures, df: pd.DataFrame, col: str) -> np.ndarray:
    """True for yes; blank is no. Numbers 1 and 0 (1.0, 0.0 as a spreadsheet writes them) are yes and no."""
    raw = _text(df, col)
    low = np.array([_one_or_zero(x.lower()) for x in raw], dtype=object)
    yes = np.isin(low, list(_YES))
    no = np.isin(low, list(_NO))
    fails.add(~yes & ~no, col, raw, f"write yes or no: {YES_NO_SPELLINGS}")
    return yes


def _one_or_zero(text: str) -> str:
    """``"1.0"``, ``"1,0"`` → ``"1"`` and ``"0.0"`` → ``"0"``; other text unchanged."""
    if re.fullmatch(r"[01](?:[.,]0+)?", text):
        return text[0]
    return text


def _share(fails: CellFailures, df: pd.DataFrame, col: str) -> np.ndarray:
    raw = _text(df, col)
    pct = np.array([x.endswith("%") for x in raw], dtype=bool)
    values, problems = parse_numbers(pd.Series([x.rstrip("%").strip() for x in raw], dtype=object))
    empty = raw == ""
    fails.add(~pd.isna(problems) & ~empty, col, raw, "not a share (write 0,95 or 95 %)")
    out = np.where(empty, np.nan, values)
    out = np.where(pct | (out > 1), out / 100.0, out)
    fails.add(np.isfinite(out) & ((out < 0) | (out > 1)), col, raw, "a share must be between 0 and 100 %")
    return out.astype(float)


def _check_share_sum(fails: CellFailures, df: pd.DataFrame, out: dict[str, Any]) -> None:
    """Fossil-free energy includes the renewable and the recovered: the shares given on a row must agree."""
    parts = [out[c] for c in ("renewable_share", "recovered_share") if c in out]
    if not parts:
        return
    stacked = np.vstack(parts)
    given = np.nansum(stacked, axis=0)
    in_range = ~((stacked < 0) | (stacked > 1)).any(axis=0)   # a share out of range is reported once, by itself
    if len(parts) == 2:
        fails.add(in_range & (given > 1 + 1e-9), "recovered_share", _text(df, "recovered_share"),
                  "the renewable and recovered shares given on the row add up to more than 100 %")
    if "fossil_free_share" in out:
        ff = out["fossil_free_share"]
        short = in_range & (ff >= 0) & (ff <= 1) & (given > ff + 1e-9)   # NaN compares False: not given
        fails.add(short, "fossil_free_share", _text(df, "fossil_free_share"),
                  lambda: [f"less than the renewable and recovered shares given on the row ({g:.0%}): fossil-free "
                           "is renewable + recovered + nuclear" for g in given])


def check_attributes(fails: CellFailures, df: pd.DataFrame) -> dict[str, Any]:
    """Read the optional columns present in ``df`` (canonical names), adding each bad cell to ``fails``.

    Returns the parsed columns (``cost_sek``, ``cost_vat``, the attributes, the shares,
    ``installed_kw``), one array per column that the table has.
    """
    out: dict[str, Any] = {}
    if "cost" in df.columns:
        out["cost_sek"] = _cost(fails, df)
    if "vat" in df.columns:
        out["cost_vat"] = _vat(fails, df, out.get("cost_sek"))
    for col in ("organic", "fairtrade", "vegetarian"):
        if col in df.columns:
            out[col] = _yes_no(fails, df, col)
    for col in ("renewable_share", "fossil_free_share", "recovered_share"):
        if col in df.columns:
            out[col] = _share(fails, df, col)
    _check_share_sum(fails, df, out)
    if "installed_kw" in df.columns:
        raw = _text(df, "installed_kw")
        values, problems = parse_numbers(pd.Series(raw, dtype=object))
        empty = raw == ""
        fails.add(~pd.isna(problems) & ~empty, "installed_kw", raw, "not a number of kW")
        out["installed_kw"] = np.where(empty, np.nan, values)
    if "amount_quality" in df.columns:
        out["amount_quality"] = _tier(fails, df)
    if "amount_uncertainty" in df.columns:
        out["amount_uncertainty"] = _plus_minus(fails, df)
    return out


def _tier(fails: CellFailures, df: pd.DataFrame) -> pd.Categorical:
    """The data-quality tier of each amount (canonical name, ``""`` when blank)."""
    raw = _text(df, "amount_quality")
    lookup = {alias: tier for tier, aliases in TIER_ALIASES.items() for alias in aliases}
    canon = np.array([lookup.get(x.strip().lower(), "?") if x.strip() else "" for x in raw], dtype=object)
    fails.add(canon == "?", "amount_quality", raw,
              "the quality of the amount: metered (mätt), invoiced (fakturerad), estimated (uppskattad) or "
              "extrapolated (extrapolerad)")
    canon[canon == "?"] = ""
    return pd.Categorical(canon, categories=["", *TIER_ALIASES])


def _plus_minus(fails: CellFailures, df: pd.DataFrame) -> np.ndarray:
    """The ±x of each amount as a fraction (NaN when blank)."""
    raw = _text(df, "amount_uncertainty")
    clean = [x.replace("±", "").replace("+/-", "").replace("+-", "").strip() for x in raw]
    pct = np.array([x.endswith("%") for x in clean], dtype=bool)
    values, problems = parse_numbers(pd.Series([x.rstrip("%").strip() for x in clean], dtype=object))
    empty = raw == ""
    fails.add(~pd.isna(problems) & ~empty, "amount_uncertainty", raw,
              "not an uncertainty (write ±10 %, 10 % or 0,1: the half-width of the 95 % interval)")
    out = np.where(empty, np.nan, values)
    out = np.where(pct | (out > 1), out / 100.0, out)
    fails.add(np.isfinite(out) & (out <= 0), "amount_uncertainty", raw,
              "an uncertainty is more than 0 % (leave the cell blank to use the quality's default)")
    return out.astype(float)
