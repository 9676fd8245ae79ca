"""Validation of a holdings table, one function per concern, every problem listed in one round.

:func:`validate_holdings` renames the headers, drops empty lines and runs the checks
in a fixed order: headers (which stop the round: nothing else can be read without
them), holding names, asset class, numbers, which data belong to which kind of
holding, fund scopes, currency, values, weights, attribution and year. Problems of
the whole table (rates, ``total_value``, weights that do not add up, a ``year``
argument that disagrees with the table) come first, then problems of cells by row.

Examples
--------
>>> valid = validate_holdings(pd.DataFrame({"innehav": ["F"], "värde": ["1 000"], "valuta": ["kSEK"],
...     "tillgångsslag": ["fond"], "koldioxidavtryck": ["2,5"]}), currency=None, rates=None,
...     total_value=None, fund_scopes=(1, 2), year=2024, what="holdings")
>>> valid.frame[["holding", "kind", "value_msek", "footprint", "scopes"]].to_dict("records")
[{'holding': 'F', 'kind': 'fund', 'value_msek': 1.0, 'footprint': 2.5, 'scopes': '1+2'}]
>>> valid.year, valid.notional
(2024, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ..targets.eu_rules import SCOPE3_PHASE_IN
from ..units import as_quantity, parse_numbers
from ..validation import CellFailures, Failures
from .countries import canonical_country
from .currency import currency_factors, normalise_rates
from .schema import (
    ASSET_CLASSES,
    COLUMN_ALIASES,
    COMPANY_DATA,
    DATA_YEARS,
    EXCLUSION_FLAGS,
    EXCLUSION_SHARES,
    FUND_DATA,
    MISSING_MARKERS,
    WEIGHT_TOLERANCE,
    canonical_asset_class,
    canonical_header,
    parse_scope_text,
    scope_key,
)

__all__ = ["ValidHoldings", "validate_holdings"]

#: Number columns, in the order their cells are read (and their problems listed within a row).
_NUMBER_COLUMNS = ("value", "weight", *COMPANY_DATA, *FUND_DATA, "data_quality", "year", *EXCLUSION_SHARES,
                   *DATA_YEARS)


class ValidHoldings(NamedTuple):
    """What :func:`validate_holdings` returns."""

    frame: pd.DataFrame       # one row per holding, money in MSEK (columns in Portfolio.holdings)
    year: int | None          # the year the holdings describe
    notional: bool            # weights only: intensities exact, absolute figures unknown


class Number(NamedTuple):
    """A number column read cell by cell."""

    values: np.ndarray        # NaN where empty, marked missing or unreadable
    blank: np.ndarray         # empty cells
    marker: np.ndarray        # cells that say "no data" (MISSING_MARKERS)

    @property
    def given(self) -> np.ndarray:
        """Cells with something in them other than a no-data marker."""
        return ~self.blank & ~self.marker


class Kinds(NamedTuple):
    """How each holding's emissions are attributed (``ASSET_CLASSES``)."""

    asset_class: pd.Series    # canonical asset class (NaN where unknown)
    kind: np.ndarray          # "company", "fund", "none" or "" where unknown
    company: np.ndarray
    fund: np.ndarray
    none: np.ndarray


def _messages(mask: np.ndarray, make: Callable[[int], str]) -> np.ndarray:
    """Reasons that name values, formatted only for the failing rows."""
    out = np.full(len(mask), "", dtype=object)
    for i in np.flatnonzero(mask).tolist():
        out[i] = make(i)
    return out


@dataclass
class Table:
    """The holdings with canonical headers and their row labels, read column by column."""

    df: pd.DataFrame
    row: np.ndarray
    cells: CellFailures = field(init=False)

    def __post_init__(self) -> None:
        self.cells = CellFailures(self.row)

    @property
    def n(self) -> int:
        return len(self.df)

    def has(self, col: str) -> bool:
        return col in self.df.columns

    def text(self, col: str) -> pd.Series:
        """Cells as stripped text ("" where empty or absent)."""
        if col not in self.df.columns:
            return pd.Series([""] * self.n, dtype=object)
        return self.df[col].astype("string").fillna("").str.strip().astype(object)

    def raw(self, col: str) -> np.ndarray:
        """Cells as given, for messages."""
        return self.df[col].to_numpy(dtype=object) if col in self.df.columns else np.full(self.n, "", dtype=object)

    def number(self, col: str) -> Number:
        """Cells as numbers; unreadable ones are recorded as problems."""
        t = self.text(col)
        blank = t.eq("").to_numpy()
        marker = t.str.lower().isin(MISSING_MARKERS).to_numpy()
        if col not in self.df.columns:
            return Number(np.full(self.n, np.nan), blank, marker)
        vals, problems = parse_numbers(self.df[col].reset_index(drop=True))
        bad = pd.notna(problems) & ~blank & ~marker
        self.cells.add(bad, col, self.raw(col), problems)
        vals = vals.copy()
        vals[blank | marker | bad] = np.nan
        return Number(vals, blank, marker)


# ----------------------------------------------------------------------------- one function per concern
def rename_headers(raw: pd.DataFrame) -> Table:
    """Canonical headers (the first spelling of a column wins), row labels, empty lines dropped."""
    df = raw.copy()
    rename: dict = {}
    for col in df.columns:
        canon = canonical_header(col)
        if canon and canon not in rename.values():
            rename[col] = canon
    df = df.rename(columns=rename)
    row = df["row"].to_numpy() if "row" in df.columns else df.index.to_numpy()
    df = df.drop(columns=["row"], errors="ignore").reset_index(drop=True)
    # Completely empty lines are not holdings.
    if len(df.columns):
        cells = df.astype("string").fillna("").apply(lambda s: s.str.strip())
        keep = ~cells.eq("").all(axis=1).to_numpy()
        df, row = df[keep].reset_index(drop=True), row[keep]
    return Table(df, row)


def check_headers(t: Table, raw: pd.DataFrame, *, currency: str | None, what: str) -> None:
    """Required columns: holding, asset_class, value or weight, currency (or the argument)."""
    missing = [c for c in ("holding", "asset_class") if not t.has(c)]
    if not (t.has("value") or t.has("weight")):
        missing.append("value")
    if not t.has("currency") and currency is None:
        missing.append("currency")
    failures = Failures(what)
    found = "required column missing (found: " + ", ".join(map(str, raw.columns)) + ")"
    for c in missing:
        failures.add(c, None, found + ("; or pass from_frame(currency=...)" if c == "currency" else "")
                     + ("; or give weights" if c == "value" else ""))
    failures.raise_if_any()


def check_holding_names(t: Table) -> pd.Series:
    """Holding names: none empty, none twice."""
    holding = t.text("holding")
    t.cells.add(holding.eq("").to_numpy(), "holding", t.raw("holding"), "empty holding name")
    dup = holding.ne("") & holding.duplicated(keep="first")
    if dup.any():
        first = pd.Series(t.row, index=holding.to_numpy()).groupby(level=0).first()
        t.cells.add(dup.to_numpy(), "holding", holding.to_numpy(),
                    _messages(dup.to_numpy(), lambda i: f"duplicate holding (first in row {first[holding.iloc[i]]}); "
                                                        "give each line its own name or add the lines up"))
    return holding


def check_asset_class(t: Table) -> Kinds:
    """A known asset class on every row, and so how the row's emissions are attributed."""
    text = t.text("asset_class")
    ac = text.map({s: canonical_asset_class(s) for s in pd.unique(text)})
    t.cells.add(ac.isna().to_numpy(), "asset_class", t.raw("asset_class"),
                "unknown asset class; use one of " + ", ".join(ASSET_CLASSES))
    kind = ac.map(ASSET_CLASSES).fillna("").to_numpy(dtype=object)
    return Kinds(ac, kind, kind == "company", kind == "fund", kind == "none")


def check_numbers(t: Table) -> dict[str, Number]:
    """Every number column read; values and weights given and not negative, company and fund data in range."""
    nums = {c: t.number(c) for c in _NUMBER_COLUMNS}
    value, weight = nums["value"], nums["weight"]
    if t.has("value"):
        t.cells.add(value.blank | value.marker, "value", t.raw("value"), "empty value")
        t.cells.add(value.values < 0, "value", t.raw("value"), "negative value (short positions are not covered)")
    if t.has("weight"):
        t.cells.add(weight.blank | weight.marker, "weight", t.raw("weight"), "empty weight")
        t.cells.add(weight.values < 0, "weight", t.raw("weight"), "negative weight")
    for col in ("evic", "revenue"):
        t.cells.add(nums[col].values <= 0, col, t.raw(col), f"{col} must be positive")
    for col in ("scope1", "scope2", "scope3", "footprint", "waci"):
        t.cells.add(nums[col].values < 0, col, t.raw(col), f"negative {col}")
    t.cells.add(nums["intensity"].values <= 0, "intensity", t.raw("intensity"), "intensity must be positive")
    dq = nums["data_quality"].values
    t.cells.add((dq < 1) | (dq > 5), "data_quality", t.raw("data_quality"),
                "PCAF data quality is a score from 1 to 5")
    return nums


def check_data_by_kind(t: Table, nums: Mapping[str, Number], k: Kinds) -> None:
    """Company data on companies, manager-reported figures on funds, none on cash and the like."""
    for col in COMPANY_DATA:
        t.cells.add(nums[col].given & k.fund, col, t.raw(col),
                    "company data on a fund row; give the manager-reported footprint/waci/intensity instead")
    for col in FUND_DATA:
        t.cells.add(nums[col].given & k.company, col, t.raw(col),
                    "manager-reported figures apply to funds; give the company's evic, revenue and scope1/scope2")
    for col in (*COMPANY_DATA, *FUND_DATA):
        t.cells.add(nums[col].given & k.none, col, t.raw(col),
                    "company and fund figures do not apply to this asset class (a sovereign bond is attributed "
                    "from its country's figures, cash and the like have no method); leave the data empty")
    t.cells.add(k.fund & nums["footprint"].blank, "footprint", t.raw("footprint"),
                "a fund needs its manager-reported footprint [t CO2e/MSEK invested]; write n/a if the manager "
                "reports none (the fund then lowers coverage)")


def check_fund_scopes(t: Table, k: Kinds, fund_scopes: Iterable[int], *, what: str) -> np.ndarray:
    """The scopes behind each fund's reported figures (the cell, else ``fund_scopes``); "" for other rows."""
    default_key = scope_key(fund_scopes, column="fund_scopes", what=what)
    text = t.text("scopes")
    sc = text.map({s: (default_key if s == "" else parse_scope_text(s)) for s in pd.unique(text)})
    t.cells.add((sc.isna() & k.fund).to_numpy(), "scopes", t.raw("scopes"), "write the scopes as 1+2 or 1+2+3")
    t.cells.add((text.ne("") & ~k.fund).to_numpy(), "scopes", t.raw("scopes"),
                "scopes describe a fund's reported figures; companies give scope1/scope2/scope3 columns")
    return sc.where(k.fund, "").fillna("").to_numpy(dtype=object)


class Currencies(NamedTuple):
    """The currency of each row and its factors to MSEK."""

    text: pd.Series           # the row's currency (the argument where the cell is empty)
    value: np.ndarray         # MSEK per unit of value
    company: np.ndarray       # MSEK per unit of evic and revenue


def check_currency(t: Table, failures: Failures, *, currency: str | None, rates: Mapping | None) -> Currencies:
    """Usable rates, and a known currency with a rate on every row (and in ``company_currency``)."""
    rate_table = normalise_rates(rates, failures)
    cur = t.text("currency")
    if currency is not None:
        cur = cur.where(cur.ne(""), str(currency).strip())
    f_value, why = currency_factors(cur, rate_table)
    t.cells.add(why.notna().to_numpy(), "currency", cur.to_numpy(), why.to_numpy(dtype=object))
    ccur_text = t.text("company_currency")
    ccur = ccur_text.where(ccur_text.ne(""), cur)
    f_company, cwhy = currency_factors(ccur, rate_table)
    t.cells.add((cwhy.notna() & ccur_text.ne("")).to_numpy(), "company_currency", ccur.to_numpy(),
                cwhy.to_numpy(dtype=object))
    return Currencies(cur, f_value.to_numpy(), f_company.to_numpy())


def values_in_msek(t: Table, nums: Mapping[str, Number], factor: np.ndarray, failures: Failures, *,
                   total_value: Any) -> tuple[np.ndarray, bool]:
    """Values in MSEK (weights times ``total_value``, or the weights themselves), and whether notional."""
    if t.has("value"):
        if total_value is not None:
            failures.add("total_value", str(total_value),
                         "total_value is only for holdings given as weights without values")
        return nums["value"].values * factor, False
    weight = nums["weight"].values
    if total_value is None:
        return weight.copy(), True
    try:
        tv = float(as_quantity(total_value, column="total_value", what=failures.what).to("MSEK").magnitude)
    except Exception as exc:  # wrong dimension (another currency) or unreadable text
        tv = np.nan
        failures.add("total_value", str(total_value),
                     f"cannot read as kronor ({type(exc).__name__}); convert it to SEK first")
    return weight * tv, False


def check_weights(t: Table, weight: np.ndarray, value_msek: np.ndarray, failures: Failures) -> None:
    """Weights add up to 1 and agree with the values' shares."""
    if not (t.has("weight") and np.isfinite(weight).all() and t.n):
        return
    total_w = float(weight.sum())
    if abs(total_w - 1.0) > WEIGHT_TOLERANCE:
        hint = "; percentages? give shares, e.g. 0,25 for 25 %" if abs(total_w - 100) < 0.5 else ""
        failures.add("weight", f"{total_w:.6g}",
                     f"weights add up to {total_w:.6g}, not 1 (tolerance {WEIGHT_TOLERANCE}){hint}")
    elif t.has("value") and np.isfinite(value_msek).all() and value_msek.sum() > 0:
        share = value_msek / value_msek.sum()
        off = np.abs(share - weight) > WEIGHT_TOLERANCE
        t.cells.add(off, "weight", t.raw("weight"),
                    _messages(off, lambda i: f"weight {weight[i]:.4g} but the value is {share[i]:.4g} of the "
                                             "portfolio"))


def check_attribution(t: Table, k: Kinds, value_msek: np.ndarray, evic_msek: np.ndarray) -> None:
    """No company holding larger than the company (attribution factor above 1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        af = value_msek / evic_msek
    too_big = k.company & (af > 1)
    t.cells.add(too_big, "evic", t.raw("evic"),
                _messages(too_big, lambda i: f"value exceeds EVIC (attribution factor {af[i]:.3g} > 1); check the "
                                             "units of value and evic"))


def check_year(t: Table, year_cells: Number, failures: Failures, *, year: int | None) -> int | None:
    """Whole-number years, one year per table, agreeing with the ``year`` argument."""
    yv = year_cells.values
    whole = np.isfinite(yv) & (np.floor(yv) == yv)
    t.cells.add(~year_cells.blank & ~whole, "year", t.raw("year"), "year must be a whole number, e.g. 2024")
    years = sorted({int(y) for y in yv[whole]})
    if len(years) > 1:
        i0 = int(np.flatnonzero(np.isfinite(yv))[0])
        first_year = int(yv[i0])
        t.cells.add(np.isfinite(yv) & (yv != first_year), "year", t.raw("year"),
                    f"a portfolio describes one year (row {t.row[i0]} says {first_year}); split the table by year")
        return year
    if years:
        if year is not None and int(year) != years[0]:
            failures.add("year", years[0], f"the table says {years[0]} but year={year} was passed")
        return years[0]
    return year


def check_country(t: Table, k: Kinds) -> np.ndarray:
    """An ISO country code on every sovereign bond, and a known code wherever one is given."""
    text = t.text("country")
    codes = text.map({s: canonical_country(s) for s in pd.unique(text)})
    t.cells.add((text.ne("") & codes.isna()).to_numpy(), "country", t.raw("country"),
                "unknown country code; give the ISO 3166-1 alpha-2 code (SE, DE, NO ...)")
    sovereign = k.asset_class.eq("sovereign_bond").to_numpy()
    t.cells.add(sovereign & text.eq("").to_numpy(), "country", t.raw("country"),
                "a sovereign bond needs its issuing country (ISO code, e.g. SE) to be attributed (PCAF sovereign debt)")
    return codes.fillna("").to_numpy(dtype=object)


def check_exclusions(t: Table, nums: Mapping[str, Number]) -> dict[str, np.ndarray]:
    """Revenue shares from 0 to 1 (or 0–100 %), and yes/no in the exclusion flags (EU PAB exclusions)."""
    for col in EXCLUSION_SHARES:
        v = nums[col].values
        t.cells.add((v < 0) | (v > 1), col, t.raw(col),
                    "a revenue share is a fraction from 0 to 1 (0,25 for 25 %); it cannot be negative or above 100 %")
    flags: dict[str, np.ndarray] = {}
    for col in EXCLUSION_FLAGS:
        text = t.text(col).str.lower()
        yes = text.isin(("yes", "ja", "j", "y", "true", "1", "x")).to_numpy()
        no = text.isin(("no", "nej", "n", "false", "0", "")).to_numpy()
        marker = text.isin(MISSING_MARKERS).to_numpy()
        t.cells.add(~yes & ~no & ~marker, col, t.raw(col), "write yes or no (ja/nej), or n/a when not known")
        flags[col] = np.where(yes, 1.0, np.where(no & text.ne("").to_numpy(), 0.0, np.nan))
    return flags


def check_sector(t: Table) -> None:
    """A sector, where given, is one of the scope 3 phase-in groups of Delegated Regulation (EU) 2020/1818, Art. 5."""
    text = t.text("sector")
    t.cells.add((text.ne("") & ~text.isin(list(SCOPE3_PHASE_IN))).to_numpy(), "sector", t.raw("sector"),
                "unknown sector; use one of " + ", ".join(SCOPE3_PHASE_IN) + " (the scope 3 phase-in groups)")


def check_data_years(t: Table, nums: Mapping[str, Number]) -> None:
    """Fiscal years of EVIC, revenue and emissions are whole years."""
    for col in DATA_YEARS:
        v = nums[col].values
        t.cells.add(np.isfinite(v) & (np.floor(v) != v), col, t.raw(col), "a fiscal year is a whole number, e.g. 2023")


def _raise_if_any(failures: Failures, cells: CellFailures) -> None:
    """Every problem of the round: the whole table's first, then the cells' by row."""
    failures.extend(cells.by_row())
    failures.raise_if_any()


# ----------------------------------------------------------------------------- the round
def validate_holdings(raw: pd.DataFrame, *, currency: str | None, rates: Mapping | None, total_value: Any,
                      fund_scopes: Iterable[int], year: int | None, what: str) -> ValidHoldings:
    """Check a holdings table and return it with canonical columns and money in MSEK.

    Raises
    ------
    InputError
        Every problem of the table at once (row, column, value, reason).
    """
    t = rename_headers(raw)
    check_headers(t, raw, currency=currency, what=what)
    failures = Failures(what)
    holding = check_holding_names(t)
    kinds = check_asset_class(t)
    nums = check_numbers(t)
    check_data_by_kind(t, nums, kinds)
    scopes = check_fund_scopes(t, kinds, fund_scopes, what=what)
    cur = check_currency(t, failures, currency=currency, rates=rates)
    value_msek, notional = values_in_msek(t, nums, cur.value, failures, total_value=total_value)
    evic_msek = nums["evic"].values * cur.company
    revenue_msek = nums["revenue"].values * cur.company
    check_weights(t, nums["weight"].values, value_msek, failures)
    check_attribution(t, kinds, value_msek, evic_msek)
    the_year = check_year(t, nums["year"], failures, year=year)
    country = check_country(t, kinds)
    flags = check_exclusions(t, nums)
    check_data_years(t, nums)
    check_sector(t)
    _raise_if_any(failures, t.cells)

    out = pd.DataFrame({
        "row": t.row, "holding": holding.to_numpy(), "asset_class": kinds.asset_class.to_numpy(dtype=object),
        "kind": kinds.kind, "value_msek": value_msek, "currency": cur.text.to_numpy(), "evic_msek": evic_msek,
        "revenue_msek": revenue_msek, "scope1_t": nums["scope1"].values, "scope2_t": nums["scope2"].values,
        "scope3_t": nums["scope3"].values, "footprint": nums["footprint"].values, "waci": nums["waci"].values,
        "intensity": nums["intensity"].values, "scopes": scopes, "data_quality": nums["data_quality"].values,
        "country": country,
    })
    for col in (*EXCLUSION_SHARES, *DATA_YEARS):
        if t.has(col):
            out[col] = nums[col].values
    for col, v in flags.items():
        if t.has(col):
            out[col] = v
    if t.has("sector"):
        out["sector"] = t.text("sector").to_numpy()
    for c in t.df.columns:
        if c not in COLUMN_ALIASES:
            out[c] = t.df[c].to_numpy()
    return ValidHoldings(out, None if the_year is None else int(the_year), notional)
