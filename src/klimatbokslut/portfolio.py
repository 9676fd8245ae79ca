"""Financed emissions of portfolio holdings: PCAF attribution, carbon footprint, WACI.

A region's pension capital and liquidity sit in funds, listed shares and bonds. This
module turns a holdings table into the figures the sustainability programmes follow
up, each a pint Quantity:

* :meth:`Portfolio.financed_emissions` [t CO2e]: the owned share of each investee's
  emissions, ``value / EVIC × emissions`` for companies (PCAF), ``value × footprint``
  for a fund whose manager reports its footprint;
* :meth:`Portfolio.carbon_footprint` [t CO2e/MSEK invested] (*relativ klimatbelastning*);
* :meth:`Portfolio.waci` [t CO2e/MSEK revenue], value-weighted (TCFD);
* :meth:`Portfolio.carbon_intensity` [t CO2e/MSEK revenue]: financed emissions over
  financed revenue (*koldioxidintensitet*);
* :meth:`Portfolio.coverage` and :meth:`Portfolio.data_quality` (PCAF score 1–5).

Missing data is never zero: a holding without the data a metric needs is left out
of that metric's sums and lowers its coverage. Intensities are computed over the
covered holdings; absolute financed emissions cover only the covered holdings and
are not scaled up. :meth:`Portfolio.to_ledger` puts financed emissions in a
:class:`~klimatbokslut.ledger.Ledger` as scope 3 category 15 (``investments``).

Holdings table
--------------
One row per holding. Columns (Swedish headers are accepted, see ``COLUMN_ALIASES``):

``holding``
    Name or identifier; unique.
``value`` and/or ``weight``
    Market value in ``currency``, and/or the share of the portfolio (fractions
    adding up to 1). Weights alone describe an index.
``currency``
    ``SEK``, ``kSEK``, ``MSEK``, ``EUR``, ``MEUR``, ``USD`` ... Anything not in
    kronor needs a rate in ``rates``; nothing is converted without one.
``asset_class``
    ``listed_equity``, ``corporate_bond``, ``unlisted_equity``, ``business_loan``
    (company data), ``fund`` (manager-reported figures), ``cash``,
    ``sovereign_bond``, ``other`` (no attribution method here: count in the
    value, lower the coverage).
``evic``, ``revenue``
    Company enterprise value including cash (for unlisted companies: total equity
    + debt) and revenue, in ``company_currency`` (default: the row's ``currency``).
``scope1``, ``scope2``, ``scope3``
    Company emissions [t CO2e/year].
``footprint``, ``waci``, ``intensity``
    For a fund: the manager-reported carbon footprint [t CO2e/MSEK invested],
    WACI [t CO2e/MSEK revenue] and carbon intensity [t CO2e/MSEK revenue] for the
    scopes in ``scopes`` (default ``fund_scopes=(1, 2)``).
``data_quality``
    PCAF score, 1 (best) to 5.
``year``
    The year the holdings describe (one per portfolio).

References
----------
.. [1] PCAF (2022). *The Global GHG Accounting and Reporting Standard Part A:
   Financed Emissions.* Second edition, December 2022. Partnership for Carbon
   Accounting Financials. Chapter 5.1 (listed equity and corporate bonds:
   attribution by EVIC), 5.2 (business loans and unlisted equity: total equity +
   debt), the data-quality scores 1–5, and chapter 6 (reporting, weighted data
   quality).
.. [2] TCFD (2021). *Implementing the Recommendations of the Task Force on
   Climate-related Financial Disclosures*, October 2021. Supplemental guidance for
   asset owners and asset managers: total carbon emissions, carbon footprint,
   carbon intensity and weighted average carbon intensity.

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut.portfolio import Portfolio
>>> p = Portfolio.from_frame(pd.DataFrame({
...     "holding": ["Fiktiv AB", "Fiktiv aktiefond"], "value": [10, 30], "currency": "MSEK",
...     "asset_class": ["listed_equity", "fund"], "evic": [1000, None], "revenue": [500, None],
...     "scope1": [2000, None], "scope2": [500, None], "footprint": [None, 2.0], "waci": [None, 4.0]}))
>>> p.financed_emissions()
<Quantity(85.0, 'metric_ton * CO2e')>
>>> round(p.carbon_footprint().magnitude, 4), round(p.waci().magnitude, 4)
(2.125, 4.25)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import FAILURE_COLUMNS, InputError, UnitError
from .ledger import Ledger
from .units import get_registry, parse_numbers

#: Asset classes and how their emissions are attributed.
ASSET_CLASSES = {
    "listed_equity": "company", "corporate_bond": "company", "unlisted_equity": "company",
    "business_loan": "company", "fund": "fund", "cash": "none", "sovereign_bond": "none", "other": "none",
}
_ASSET_ALIASES = {
    "listed_equity": ("equity", "equities", "share", "shares", "aktie", "aktier", "noterad_aktie",
                      "noterade_aktier", "listed_shares"),
    "corporate_bond": ("bond", "bonds", "företagsobligation", "företagsobligationer", "foretagsobligation",
                       "obligation", "credit"),
    "unlisted_equity": ("private_equity", "onoterad_aktie", "onoterade_aktier"),
    "business_loan": ("loan", "företagslån", "foretagslan"),
    "fund": ("fond", "fonder", "aktiefond", "räntefond", "rantefond", "blandfond", "indexfond", "equity_fund",
             "bond_fund", "index_fund", "mutual_fund"),
    "cash": ("kassa", "likvida_medel", "bankmedel", "bank", "deposit"),
    "sovereign_bond": ("statsobligation", "statsobligationer", "government_bond", "sovereign"),
    "other": ("övrigt", "ovrigt", "annat"),
}
_ASSET_LOOKUP = {a: canon for canon, al in _ASSET_ALIASES.items() for a in (canon, *al)}

#: Header spellings accepted for each canonical column.
COLUMN_ALIASES = {
    "holding": ("holding", "innehav", "name", "namn", "bolag", "company", "värdepapper", "instrument", "security"),
    "value": ("value", "market_value", "marknadsvärde", "marknadsvarde", "värde", "varde", "outstanding",
              "outstanding_amount", "belopp"),
    "weight": ("weight", "vikt", "andel", "portfolio_weight", "portföljvikt"),
    "currency": ("currency", "valuta"),
    "company_currency": ("company_currency", "bolagsvaluta", "reporting_currency"),
    "asset_class": ("asset_class", "tillgångsslag", "tillgangsslag", "asset_type"),
    "evic": ("evic", "enterprise_value"),
    "revenue": ("revenue", "omsättning", "omsattning", "nettoomsättning", "intäkter", "intakter", "sales"),
    "scope1": ("scope1", "scope_1"),
    "scope2": ("scope2", "scope_2"),
    "scope3": ("scope3", "scope_3"),
    "footprint": ("footprint", "carbon_footprint", "koldioxidavtryck", "relativ_klimatbelastning",
                  "relativt_koldioxidutsläpp"),
    "waci": ("waci", "portföljviktad_koldioxidintensitet"),
    "intensity": ("intensity", "carbon_intensity", "koldioxidintensitet"),
    "scopes": ("scopes", "fund_scopes", "omfattning"),
    "data_quality": ("data_quality", "pcaf_score", "pcaf", "datakvalitet"),
    "year": ("year", "år", "ar"),
}


def _norm_header(name: object) -> str:
    return re.sub(r"[\s\-_]+", "", str(name).strip().lower())


_HEADER_LOOKUP = {_norm_header(a): canon for canon, al in COLUMN_ALIASES.items() for a in al}

#: Cells that say "no data" explicitly (e.g. a fund whose manager reports no footprint).
MISSING_MARKERS = ("n/a", "na", "-", "saknas", "uppgift saknas", "missing", "no data", "nd")

METRICS = ("financed_emissions", "carbon_footprint", "waci", "carbon_intensity")
_UNITS = {"financed_emissions": "t CO2e", "carbon_footprint": "t CO2e / MSEK", "waci": "t CO2e / MSEK",
          "carbon_intensity": "t CO2e / MSEK"}
_COMPANY_DATA = ("evic", "revenue", "scope1", "scope2", "scope3")
_FUND_DATA = ("footprint", "waci", "intensity")
_WEIGHT_TOLERANCE = 0.005


# ----------------------------------------------------------------------------- small helpers
def _scope_key(scopes: Iterable[int]) -> str:
    try:
        s = sorted({int(x) for x in scopes})
    except (TypeError, ValueError):
        s = []
    if not s or any(x not in (1, 2, 3) for x in s):
        raise ValueError(f"scopes must be a non-empty selection of 1, 2, 3, not {scopes!r}")
    return "+".join(map(str, s))


def _parse_scope_text(text: str) -> str | None:
    t = str(text).strip()
    if not re.fullmatch(r"[123](?:\s*(?:\+|,|&|och|and|\s)\s*[123])*", t):
        return None
    return "+".join(sorted(set(re.findall(r"[123]", t))))


def _as_quantity(value, what: str):
    ureg = get_registry()
    if isinstance(value, ureg.Quantity):
        return value
    if isinstance(value, str):
        from .units import Q_
        return Q_(value)
    raise TypeError(f"{what} must be a pint Quantity or a string such as '500 MSEK', not {value!r}")


def _currency_code(unit) -> str | None:
    dims = dict(unit.dimensionality)
    if len(dims) == 1:
        (dim, power), = dims.items()
        if power == 1 and dim.startswith("[currency_"):
            return dim[len("[currency_"):-1]
    return None


def _normalise_rates(rates: Mapping | None) -> tuple[dict[str, float], list[dict]]:
    """Rates as SEK per one unit of each currency; failures for unusable ones."""
    out: dict[str, float] = {}
    fails: list[dict] = []
    ureg = get_registry()
    for code, rate in (rates or {}).items():
        code = str(code).strip()
        try:
            unit = ureg.parse_units(code)
        except Exception:  # pint raises several error types for unknown text
            unit = None
        base = _currency_code(unit) if unit is not None else None
        if base is None:
            fails.append({"row": None, "column": "rates", "value": code, "reason": "not a currency"})
            continue
        try:
            if isinstance(rate, (int, float, np.integer, np.floating)) and not isinstance(rate, bool):
                value = float(rate) / float(ureg.Quantity(1, unit).to(base).magnitude)
            else:
                value = float(_as_quantity(rate, "a rate").to(f"SEK / {base}").magnitude)
        except Exception as exc:  # wrong dimension or unreadable text
            fails.append({"row": None, "column": "rates", "value": f"{code}: {rate}",
                          "reason": f"cannot read as SEK per {base} ({type(exc).__name__})"})
            continue
        if not np.isfinite(value) or value <= 0:
            fails.append({"row": None, "column": "rates", "value": f"{code}: {rate}",
                          "reason": "a rate must be a positive number of SEK per unit"})
            continue
        out[base] = value
    return out, fails


def _currency_factors(texts: pd.Series, rates: dict[str, float]) -> tuple[pd.Series, pd.Series]:
    """MSEK per unit of each currency text, and the reason where there is none (per unique text)."""
    ureg = get_registry()
    factor: dict[str, float] = {}
    reason: dict[str, str] = {}
    for text in pd.unique(texts):
        if text == "":
            reason[text] = "empty currency; give SEK, kSEK, MSEK, EUR ... or from_frame(currency=...)"
            continue
        try:
            unit = ureg.parse_units(text)
        except Exception:  # pint raises several error types for unknown text
            unit = None
        code = _currency_code(unit) if unit is not None else None
        if code is None:
            reason[text] = "unknown currency; use SEK, kSEK, MSEK, EUR, USD ..."
        elif code == "SEK":
            factor[text] = float(ureg.Quantity(1.0, unit).to("MSEK").magnitude)
        elif code not in rates:
            reason[text] = (f"no exchange rate for {code}; pass rates={{'{code}': <SEK per {code}>}} "
                            "(nothing is converted without a rate)")
        else:
            factor[text] = float(ureg.Quantity(1.0, unit).to(code).magnitude) * rates[code] / 1e6
    return texts.map(factor).astype(float), texts.map(reason)


# ----------------------------------------------------------------------------- validation
def _messages(mask: np.ndarray, make) -> np.ndarray:
    """Reasons that name values, formatted only for the failing rows."""
    out = np.full(len(mask), "", dtype=object)
    for i in np.flatnonzero(mask):
        out[i] = make(i)
    return out


def _read_any(source, *, sheet, sep, encoding) -> pd.DataFrame:
    from .activities import read_csv_text

    path = Path(source)
    if not path.is_file():
        raise InputError([{"row": None, "column": None, "value": str(path), "reason": "file not found"}],
                         what=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
        except Exception as exc:  # openpyxl raises many error types
            raise InputError([{"row": None, "column": None, "value": str(path),
                               "reason": f"cannot read the workbook: {exc}"}], what=str(path)) from None
        df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    else:
        df = read_csv_text(path, sep=sep, encoding=encoding)
    df.attrs["source"] = str(path)
    return df


def _validate(raw: pd.DataFrame, *, currency, rates, total_value, fund_scopes, year, what) -> tuple[pd.DataFrame, dict]:
    df = raw.copy()
    rename: dict = {}
    for col in df.columns:
        canon = _HEADER_LOOKUP.get(_norm_header(col))
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
    n = len(df)
    fails: list[pd.DataFrame] = []
    table_fails: list[dict] = []

    def fail(mask, column: str, values, reasons) -> None:
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            idx = np.flatnonzero(mask)
            vals = np.asarray(values, dtype=object)[idx] if not np.isscalar(values) else values
            rs = np.asarray(reasons, dtype=object)[idx] if not isinstance(reasons, str) else reasons
            fails.append(pd.DataFrame({"_i": idx, "row": row[idx], "column": column, "value": vals, "reason": rs}))

    has_value, has_weight = "value" in df.columns, "weight" in df.columns
    missing = [c for c in ("holding", "asset_class") if c not in df.columns]
    if not (has_value or has_weight):
        missing.append("value")
    if "currency" not in df.columns and currency is None:
        missing.append("currency")
    if missing:
        raise InputError([{"row": None, "column": c, "value": None,
                           "reason": "required column missing (found: " + ", ".join(map(str, raw.columns)) + ")"
                           + ("; or pass from_frame(currency=...)" if c == "currency" else "")
                           + ("; or give weights" if c == "value" else "")} for c in missing], what=what)

    def text(col: str) -> pd.Series:
        if col not in df.columns:
            return pd.Series([""] * n, dtype=object)
        return df[col].astype("string").fillna("").str.strip().astype(object)

    def raw_values(col: str) -> np.ndarray:
        return df[col].to_numpy(dtype=object) if col in df.columns else np.full(n, "", dtype=object)

    def number(col: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Values (NaN where empty or marked missing), blank mask, marked-missing mask."""
        t = text(col)
        blank = t.eq("").to_numpy()
        marker = t.str.lower().isin(MISSING_MARKERS).to_numpy()
        if col not in df.columns:
            return np.full(n, np.nan), blank, marker
        vals, problems = parse_numbers(df[col].reset_index(drop=True))
        bad = pd.notna(problems) & ~blank & ~marker
        fail(bad, col, raw_values(col), problems)
        vals = vals.copy()
        vals[blank | marker | bad] = np.nan
        return vals, blank, marker

    # --- holding
    holding = text("holding")
    fail(holding.eq("").to_numpy(), "holding", raw_values("holding"), "empty holding name")
    dup = holding.ne("") & holding.duplicated(keep="first")
    if dup.any():
        first = pd.Series(row, index=holding.to_numpy()).groupby(level=0).first()
        fail(dup.to_numpy(), "holding", holding.to_numpy(),
             _messages(dup.to_numpy(), lambda i: f"duplicate holding (first in row {first[holding.iloc[i]]}); "
                                                 "give each line its own name or add the lines up"))

    # --- asset class
    ac_text = text("asset_class")
    ac = ac_text.str.lower().str.replace(r"[\s\-]+", "_", regex=True).map(_ASSET_LOOKUP)
    fail(ac.isna().to_numpy(), "asset_class", raw_values("asset_class"),
         "unknown asset class; use one of " + ", ".join(ASSET_CLASSES))
    kind = ac.map(ASSET_CLASSES).fillna("").to_numpy(dtype=object)
    is_company, is_fund, is_none = kind == "company", kind == "fund", kind == "none"

    # --- numbers
    nums = {c: number(c) for c in ("value", "weight", *_COMPANY_DATA, *_FUND_DATA, "data_quality", "year")}
    value, value_blank, value_marker = nums["value"]
    weight, weight_blank, weight_marker = nums["weight"]
    if has_value:
        fail(value_blank | value_marker, "value", raw_values("value"), "empty value")
        fail(value < 0, "value", raw_values("value"), "negative value (short positions are not covered)")
    if has_weight:
        fail(weight_blank | weight_marker, "weight", raw_values("weight"), "empty weight")
        fail(weight < 0, "weight", raw_values("weight"), "negative weight")
    for col in ("evic", "revenue"):
        fail(nums[col][0] <= 0, col, raw_values(col), f"{col} must be positive")
    for col in ("scope1", "scope2", "scope3", "footprint", "waci"):
        fail(nums[col][0] < 0, col, raw_values(col), f"negative {col}")
    fail(nums["intensity"][0] <= 0, "intensity", raw_values("intensity"), "intensity must be positive")
    dq = nums["data_quality"][0]
    fail((dq < 1) | (dq > 5), "data_quality", raw_values("data_quality"), "PCAF data quality is a score from 1 to 5")

    # --- which data belong to which kind of holding
    for col in _COMPANY_DATA:
        given = ~nums[col][1] & ~nums[col][2]
        fail(given & is_fund, col, raw_values(col),
             "company data on a fund row; give the manager-reported footprint/waci/intensity instead")
    for col in _FUND_DATA:
        given = ~nums[col][1] & ~nums[col][2]
        fail(given & is_company, col, raw_values(col),
             "manager-reported figures apply to funds; give the company's evic, revenue and scope1/scope2")
    for col in (*_COMPANY_DATA, *_FUND_DATA):
        given = ~nums[col][1] & ~nums[col][2]
        fail(given & is_none, col, raw_values(col),
             "no attribution method for this asset class here (PCAF sovereign debt is not implemented); "
             "leave the data empty: the holding then lowers coverage")
    fail(is_fund & nums["footprint"][1], "footprint", raw_values("footprint"),
         "a fund needs its manager-reported footprint [t CO2e/MSEK invested]; write n/a if the manager "
         "reports none (the fund then lowers coverage)")

    # --- scopes behind a fund's reported figures
    default_key = _scope_key(fund_scopes)
    sc_text = text("scopes")
    sc_map = {t: (default_key if t == "" else _parse_scope_text(t)) for t in pd.unique(sc_text)}
    sc = sc_text.map(sc_map)
    fail((sc.isna() & is_fund).to_numpy(), "scopes", raw_values("scopes"), "write the scopes as 1+2 or 1+2+3")
    fail((sc_text.ne("") & ~is_fund).to_numpy(), "scopes", raw_values("scopes"),
         "scopes describe a fund's reported figures; companies give scope1/scope2/scope3 columns")
    sc = sc.where(is_fund, "").fillna("")

    # --- currencies
    rate_table, rate_fails = _normalise_rates(rates)
    table_fails += rate_fails
    cur = text("currency")
    if currency is not None:
        cur = cur.where(cur.ne(""), str(currency).strip())
    f_value, why = _currency_factors(cur, rate_table)
    fail(why.notna().to_numpy(), "currency", cur.to_numpy(), why.to_numpy(dtype=object))
    ccur_text = text("company_currency")
    ccur = ccur_text.where(ccur_text.ne(""), cur)
    f_company, cwhy = _currency_factors(ccur, rate_table)
    fail((cwhy.notna() & ccur_text.ne("")).to_numpy(), "company_currency", ccur.to_numpy(),
         cwhy.to_numpy(dtype=object))
    f_value, f_company = f_value.to_numpy(), f_company.to_numpy()

    # --- values in MSEK (or shares of a total)
    notional = False
    if has_value:
        if total_value is not None:
            table_fails.append({"row": None, "column": "total_value", "value": str(total_value),
                                "reason": "total_value is only for holdings given as weights without values"})
        value_msek = value * f_value
    elif total_value is not None:
        try:
            tv = float(_as_quantity(total_value, "total_value").to("MSEK").magnitude)
        except Exception as exc:  # wrong dimension (another currency) or unreadable text
            tv = np.nan
            table_fails.append({"row": None, "column": "total_value", "value": str(total_value),
                                "reason": f"cannot read as kronor ({type(exc).__name__}); convert it to SEK first"})
        value_msek = weight * tv
    else:
        value_msek, notional = weight.copy(), True
    evic_msek = nums["evic"][0] * f_company
    revenue_msek = nums["revenue"][0] * f_company

    # --- weights add up, and agree with values
    if has_weight and np.isfinite(weight).all() and n:
        total_w = float(weight.sum())
        if abs(total_w - 1.0) > _WEIGHT_TOLERANCE:
            hint = "; percentages? give shares, e.g. 0,25 for 25 %" if abs(total_w - 100) < 0.5 else ""
            table_fails.append({"row": None, "column": "weight", "value": f"{total_w:.6g}",
                                "reason": f"weights add up to {total_w:.6g}, not 1 (tolerance "
                                          f"{_WEIGHT_TOLERANCE}){hint}"})
        elif has_value and np.isfinite(value_msek).all() and value_msek.sum() > 0:
            share = value_msek / value_msek.sum()
            off = np.abs(share - weight) > _WEIGHT_TOLERANCE
            fail(off, "weight", raw_values("weight"),
                 _messages(off, lambda i: f"weight {weight[i]:.4g} but the value is {share[i]:.4g} of the "
                                          "portfolio"))

    # --- attribution factor above 1: value larger than the company
    with np.errstate(divide="ignore", invalid="ignore"):
        af = value_msek / evic_msek
    too_big = is_company & (af > 1)
    fail(too_big, "evic", raw_values("evic"),
         _messages(too_big, lambda i: f"value exceeds EVIC (attribution factor {af[i]:.3g} > 1); check the units "
                                      "of value and evic"))

    # --- year
    yv, yblank, _ = nums["year"]
    fail(~yblank & ~(np.isfinite(yv) & (np.floor(yv) == yv)), "year", raw_values("year"),
         "year must be a whole number, e.g. 2024")
    years = sorted({int(y) for y in yv[np.isfinite(yv) & (np.floor(yv) == yv)]})
    the_year = year
    if len(years) > 1:
        i0 = int(np.flatnonzero(np.isfinite(yv))[0])
        first_year = int(yv[i0])
        fail(np.isfinite(yv) & (yv != first_year), "year", raw_values("year"),
             f"a portfolio describes one year (row {row[i0]} says {first_year}); split the table by year")
    elif years:
        if year is not None and int(year) != years[0]:
            table_fails.append({"row": None, "column": "year", "value": years[0],
                                "reason": f"the table says {years[0]} but year={year} was passed"})
        the_year = years[0]

    if fails or table_fails:
        rows = pd.concat(fails, ignore_index=True).sort_values("_i", kind="stable").drop(columns="_i") \
            if fails else pd.DataFrame(columns=FAILURE_COLUMNS)
        allf = pd.concat([pd.DataFrame(table_fails, columns=FAILURE_COLUMNS), rows], ignore_index=True)
        raise InputError(allf, what=what)

    extras = [c for c in df.columns if c not in COLUMN_ALIASES]
    out = pd.DataFrame({
        "row": row, "holding": holding.to_numpy(), "asset_class": ac.to_numpy(dtype=object), "kind": kind,
        "value_msek": value_msek, "currency": cur.to_numpy(), "evic_msek": evic_msek,
        "revenue_msek": revenue_msek, "scope1_t": nums["scope1"][0], "scope2_t": nums["scope2"][0],
        "scope3_t": nums["scope3"][0], "footprint": nums["footprint"][0], "waci": nums["waci"][0],
        "intensity": nums["intensity"][0], "scopes": sc.to_numpy(dtype=object), "data_quality": dq,
    })
    for c in extras:
        out[c] = df[c].to_numpy()
    return out, {"year": None if the_year is None else int(the_year), "notional": notional}


# ----------------------------------------------------------------------------- reading
def read_holdings(source, *, currency: str | None = None, rates: Mapping | None = None, total_value=None,
                  fund_scopes: Iterable[int] = (1, 2), year: int | None = None, name: str = "",
                  sheet: str | int | None = None, sep: str | None = None,
                  encoding: str | None = None) -> Portfolio:
    """Read a holdings table from CSV or Excel (or a DataFrame) into a :class:`Portfolio`.

    CSV files may use ``;``, ``,`` or tab, decimal comma, spaces as thousands
    separators, UTF-8 or Windows-1252 (detected). Rows are reported by their line
    number (header = line 1).

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        The holdings table (columns in the module docstring).
    currency, rates, total_value, fund_scopes, year, name
        As in :meth:`Portfolio.from_frame`.
    sheet : str or int, optional
        Excel sheet (default: the first).
    sep, encoding : str, optional
        Override the detected CSV separator or encoding.

    Returns
    -------
    Portfolio

    Raises
    ------
    InputError
        Listing every failure (row, column, value, reason).

    References
    ----------
    .. [1] PCAF (2022). *The Global GHG Accounting and Reporting Standard Part A:
       Financed Emissions.* Second edition.
    .. [2] TCFD (2021). *Implementing the Recommendations of the Task Force on
       Climate-related Financial Disclosures.*

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "innehav.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("innehav;marknadsvärde;valuta;tillgångsslag;koldioxidavtryck;waci\\n"
    ...                  "Fiktiv aktiefond;1 250,5;MSEK;aktiefond;2,5;4,0\\n")
    >>> p = read_holdings(path)
    >>> p.total_value()
    <Quantity(1250.5, 'MSEK')>
    >>> p.carbon_footprint()
    <Quantity(2.5, 'metric_ton * CO2e / MSEK')>
    """
    if isinstance(source, pd.DataFrame):
        raw, what = source, "holdings"
    else:
        raw = _read_any(source, sheet=sheet, sep=sep, encoding=encoding)
        what = raw.attrs.get("source", str(source))
    return Portfolio.from_frame(raw, currency=currency, rates=rates, total_value=total_value,
                                fund_scopes=fund_scopes, year=year, name=name, what=what)


# ----------------------------------------------------------------------------- the portfolio
class Portfolio:
    """Validated holdings and the portfolio metrics computed from them.

    Build with :meth:`from_frame` or :func:`read_holdings`. All money is held in
    MSEK after conversion; emissions in t CO2e.

    Attributes
    ----------
    holdings : pandas.DataFrame
        One row per holding: ``row, holding, asset_class, kind, value_msek,
        currency, evic_msek, revenue_msek, scope1_t, scope2_t, scope3_t,
        footprint, waci, intensity, scopes, data_quality`` and any extra input
        columns. Treat it as read-only (per-scope results are cached); build a
        new portfolio to change holdings.
    year : int or None
        The year the holdings describe.
    name : str
        A label (e.g. ``"Pensionsmedel 2024"``).
    notional : bool
        True if the holdings were given as weights only: intensities are exact,
        but absolute financed emissions are unknown.
    """

    def __init__(self, holdings: pd.DataFrame, *, year: int | None = None, name: str = "", notional: bool = False):
        self.holdings = holdings
        self.year = year
        self.name = name
        self.notional = notional
        self._cache: dict[str, pd.DataFrame] = {}

    def __repr__(self) -> str:
        total = f"{self.holdings['value_msek'].sum():.6g} MSEK" if not self.notional else "weights only"
        label = f" {self.name!r}" if self.name else ""
        return f"<Portfolio{label} {len(self.holdings)} holdings, {total}, year={self.year}>"

    def __len__(self) -> int:
        return len(self.holdings)

    @classmethod
    def from_frame(cls, df: pd.DataFrame, *, currency: str | None = None, rates: Mapping | None = None,
                   total_value=None, fund_scopes: Iterable[int] = (1, 2), year: int | None = None,
                   name: str = "", what: str = "holdings") -> Portfolio:
        """Validate a holdings DataFrame and build a portfolio.

        Parameters
        ----------
        df : pandas.DataFrame
            Holdings (columns in the module docstring). Text cells are read the
            Swedish way (``"1 234,5"``). Rows are named by the index label.
        currency : str, optional
            Currency of rows whose ``currency`` cell is empty or absent (``"SEK"``,
            ``"MSEK"`` ...). There is no default: an amount without a currency is
            an error.
        rates : mapping, optional
            Exchange rates to SEK, e.g. ``{"EUR": 11.43}`` [SEK/EUR], or
            Quantities / strings such as ``"11,43 SEK/EUR"``. A currency other
            than kronor without a rate is an error, never a silent conversion.
        total_value : str or pint.Quantity, optional
            Portfolio value in kronor when the table gives weights only.
        fund_scopes : iterable of int
            Scopes that fund-reported figures cover when the ``scopes`` cell is
            empty; default scope 1 + 2 (the TCFD and PCAF headline scopes).
        year : int, optional
            The year the holdings describe (else the ``year`` column).
        name : str
            Label for reports.
        what : str
            Name of the input in error messages.

        Returns
        -------
        Portfolio

        Raises
        ------
        InputError
            One error listing every failure (row, column, value, reason): missing
            columns; empty, negative or non-numeric numbers; EVIC or revenue ≤ 0;
            value above EVIC; a fund without footprint; company data on a fund or
            fund data on a company; unknown asset class; a currency that is
            unknown or has no rate; duplicate holdings; weights that do not add up
            to 1 or disagree with the values; more than one year.

        References
        ----------
        .. [1] PCAF (2022). *The Global GHG Accounting and Reporting Standard Part
           A: Financed Emissions.* Second edition, ch. 5.1–5.2.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({
        ...     "holding": ["Fiktiv AG", "Kassa"], "value": ["2,0", "5"], "currency": ["MEUR", "MSEK"],
        ...     "asset_class": ["fund", "cash"], "footprint": ["4,0", None]}), rates={"EUR": 11.5})
        >>> p.holdings[["holding", "value_msek"]].to_dict("list")
        {'holding': ['Fiktiv AG', 'Kassa'], 'value_msek': [23.0, 5.0]}
        >>> Portfolio.from_frame(pd.DataFrame({"holding": ["X"], "value": [1], "currency": ["USD"],
        ...                                    "asset_class": ["fund"], "footprint": [1]}))
        Traceback (most recent call last):
        ...
        klimatbokslut.errors.InputError: 1 problem in holdings:
          row 0, column 'currency', value 'USD': no exchange rate for USD; pass rates={'USD': <SEK per USD>} (nothing is converted without a rate)
        """
        frame, meta = _validate(df, currency=currency, rates=rates, total_value=total_value,
                                fund_scopes=fund_scopes, year=year, what=what)
        return cls(frame, year=meta["year"], name=name, notional=meta["notional"])

    # ------------------------------------------------------------------ per holding
    def contributions(self, scopes: Iterable[int] = (1, 2)) -> pd.DataFrame:
        """Each holding's part in the metrics.

        Parameters
        ----------
        scopes : iterable of int
            Investee scopes to include.

        Returns
        -------
        pandas.DataFrame
            ``row, holding, asset_class, value_msek, weight`` (share of total
            value), ``attribution_factor`` (value / EVIC), ``financed_t``
            [t CO2e], ``intensity_t_per_msek_revenue`` (the holding's emissions
            per revenue, used by WACI), ``financed_revenue_msek`` [MSEK],
            ``data_quality`` and the coverage flags ``covered_footprint``,
            ``covered_waci``, ``covered_intensity``. NaN means no data, never 0.

        References
        ----------
        .. [1] PCAF (2022). Part A, 2nd ed., eq. for listed equity and corporate
           bonds (attribution factor = outstanding amount / EVIC).

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["A"], "value": [10], "currency": "MSEK",
        ...     "asset_class": ["listed_equity"], "evic": [1000], "revenue": [500], "scope1": [2000],
        ...     "scope2": [500]}))
        >>> p.contributions()[["attribution_factor", "financed_t", "intensity_t_per_msek_revenue"]].iloc[0].tolist()
        [0.01, 25.0, 5.0]
        """
        return self._contributions(_scope_key(scopes)).copy()

    def _contributions(self, key: str) -> pd.DataFrame:
        # Holdings are validated once and treated as read-only, so the per-scope table is cached.
        if key in self._cache:
            return self._cache[key]
        h = self.holdings
        v = h["value_msek"].to_numpy(dtype=float)
        comp = (h["kind"] == "company").to_numpy()
        fund = ((h["kind"] == "fund") & (h["scopes"] == key)).to_numpy()
        emissions = h[[f"scope{s}_t" for s in key.split("+")]].to_numpy(dtype=float).sum(axis=1)
        evic, rev = h["evic_msek"].to_numpy(dtype=float), h["revenue_msek"].to_numpy(dtype=float)
        fp, wa, ci = (h[c].to_numpy(dtype=float) for c in ("footprint", "waci", "intensity"))
        with np.errstate(divide="ignore", invalid="ignore"):
            af = np.where(comp, v / evic, np.nan)
            financed = np.where(comp, af * emissions, np.where(fund, v * fp, np.nan))
            intensity = np.where(comp, emissions / rev, np.where(fund, wa, np.nan))
            fin_rev = np.where(comp, af * rev, np.where(fund, v * fp / ci, np.nan))
            weight = v / v.sum()
        out = pd.DataFrame({
            "row": h["row"].to_numpy(), "holding": h["holding"].to_numpy(), "asset_class": h["asset_class"].to_numpy(),
            "value_msek": v, "weight": weight, "attribution_factor": af, "financed_t": financed,
            "intensity_t_per_msek_revenue": intensity, "financed_revenue_msek": fin_rev,
            "data_quality": h["data_quality"].to_numpy(dtype=float),
            "covered_footprint": np.isfinite(financed), "covered_waci": np.isfinite(intensity),
            "covered_intensity": np.isfinite(financed) & np.isfinite(fin_rev),
        })
        self._cache[key] = out
        return out

    def _covered(self, metric: str, c: pd.DataFrame) -> np.ndarray:
        if metric in ("financed_emissions", "carbon_footprint"):
            return c["covered_footprint"].to_numpy()
        if metric == "waci":
            return c["covered_waci"].to_numpy()
        if metric == "carbon_intensity":
            return c["covered_intensity"].to_numpy()
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, not {metric!r}")

    # ------------------------------------------------------------------ metrics
    def total_value(self):
        """Total value of all holdings [MSEK], covered or not.

        Examples
        --------
        >>> import pandas as pd
        >>> Portfolio.from_frame(pd.DataFrame({"holding": ["Kassa"], "value": ["2 500"], "currency": "kSEK",
        ...                                    "asset_class": ["cash"]})).total_value()
        <Quantity(2.5, 'MSEK')>
        """
        if self.notional:
            raise ValueError("the holdings were given as weights only; pass total_value= to from_frame")
        return get_registry().Quantity(float(self.holdings["value_msek"].sum()), "MSEK")

    def financed_emissions(self, scopes: Iterable[int] = (1, 2)):
        """Financed emissions of the covered holdings [t CO2e].

        ``Σ value_i / EVIC_i × emissions_i`` over companies plus
        ``Σ value_f × footprint_f`` over funds that report a footprint for these
        scopes. Holdings without data are left out (see :meth:`coverage`); the sum
        is not scaled up to the whole portfolio.

        Parameters
        ----------
        scopes : iterable of int
            Investee scopes, default scope 1 + 2.

        Returns
        -------
        pint.Quantity
            t CO2e.

        References
        ----------
        .. [1] PCAF (2022). Part A, 2nd ed., ch. 5.1 (listed equity and corporate
           bonds).
        .. [2] TCFD (2021), total carbon emissions.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["A", "B"], "value": [10, 30], "currency": "MSEK",
        ...     "asset_class": "listed_equity", "evic": [1000, 6000], "revenue": [500, 1200],
        ...     "scope1": [2000, 10000], "scope2": [500, 2000]}))
        >>> p.financed_emissions()
        <Quantity(85.0, 'metric_ton * CO2e')>
        """
        if self.notional:
            raise ValueError("the holdings were given as weights only; pass total_value= to from_frame "
                             "to get absolute financed emissions")
        c = self._contributions(_scope_key(scopes))
        return get_registry().Quantity(float(c.loc[c["covered_footprint"], "financed_t"].sum()), "t CO2e")

    def carbon_footprint(self, scopes: Iterable[int] = (1, 2)):
        """Carbon footprint: financed emissions per invested MSEK [t CO2e/MSEK].

        ``Σ financed_i / Σ value_i`` over the covered holdings (*relativ
        klimatbelastning*). NaN if nothing is covered.

        References
        ----------
        .. [1] TCFD (2021), carbon footprint.
        .. [2] PCAF (2022). Part A, 2nd ed., ch. 6 (emission intensity per
           invested amount).

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F1", "F2"], "value": [200, 50], "currency": "MSEK",
        ...     "asset_class": "fund", "footprint": [3.0, 10.0]}))
        >>> p.carbon_footprint()
        <Quantity(4.4, 'metric_ton * CO2e / MSEK')>
        """
        c = self._contributions(_scope_key(scopes))
        m = c["covered_footprint"].to_numpy()
        return self._ratio(c["financed_t"].to_numpy()[m].sum(), c["value_msek"].to_numpy()[m].sum())

    def waci(self, scopes: Iterable[int] = (1, 2)):
        """Weighted average carbon intensity [t CO2e/MSEK revenue].

        ``Σ w_i × emissions_i / revenue_i`` with weights ``w_i`` the value shares
        of the covered holdings (re-normalised to add up to 1); a fund enters
        with its reported WACI, which is exact because WACI is linear in the
        weights.

        References
        ----------
        .. [1] TCFD (2021), weighted average carbon intensity.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["A", "B"], "value": [10, 30], "currency": "MSEK",
        ...     "asset_class": "listed_equity", "evic": [1000, 6000], "revenue": [500, 1200],
        ...     "scope1": [2000, 10000], "scope2": [500, 2000]}))
        >>> p.waci()
        <Quantity(8.75, 'metric_ton * CO2e / MSEK')>
        """
        c = self._contributions(_scope_key(scopes))
        m = c["covered_waci"].to_numpy()
        v = c["value_msek"].to_numpy()[m]
        return self._ratio((v * c["intensity_t_per_msek_revenue"].to_numpy()[m]).sum(), v.sum())

    def carbon_intensity(self, scopes: Iterable[int] = (1, 2)):
        """Financed emissions per financed revenue [t CO2e/MSEK revenue].

        ``Σ financed_i / Σ (value_i / EVIC_i × revenue_i)`` over holdings with
        both (*koldioxidintensitet*). A fund enters only if its manager reports a
        carbon intensity (financed revenue = value × footprint / intensity).

        References
        ----------
        .. [1] TCFD (2021), carbon intensity.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["A", "B"], "value": [10, 30], "currency": "MSEK",
        ...     "asset_class": "listed_equity", "evic": [1000, 6000], "revenue": [500, 1200],
        ...     "scope1": [2000, 10000], "scope2": [500, 2000]}))
        >>> round(p.carbon_intensity().magnitude, 4)   # 85 t / (5 + 6) MSEK
        7.7273
        """
        c = self._contributions(_scope_key(scopes))
        m = c["covered_intensity"].to_numpy()
        return self._ratio(c["financed_t"].to_numpy()[m].sum(), c["financed_revenue_msek"].to_numpy()[m].sum())

    @staticmethod
    def _ratio(num: float, den: float):
        value = float(num) / float(den) if den > 0 else float("nan")
        return get_registry().Quantity(value, "t CO2e / MSEK")

    def coverage(self, metric: str = "carbon_footprint", scopes: Iterable[int] = (1, 2), *,
                 of: str = "total") -> float:
        """Share of value whose data the metric could use.

        Parameters
        ----------
        metric : {"financed_emissions", "carbon_footprint", "waci", "carbon_intensity"}
        scopes : iterable of int
        of : {"total", "eligible"}
            ``"total"``: share of the whole portfolio's value (as AP2 reports
            "kartlagt marknadsvärde"); ``"eligible"``: share of holdings that have
            an attribution method (cash, sovereign bonds and ``other`` left out).

        Returns
        -------
        float
            Between 0 and 1 [-]; NaN for an empty denominator.

        References
        ----------
        .. [1] PCAF (2022). Part A, 2nd ed., ch. 6 (disclose the share of the
           portfolio covered).

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F", "Kassa"], "value": [75, 25], "currency": "MSEK",
        ...     "asset_class": ["fund", "cash"], "footprint": [2.0, None]}))
        >>> p.coverage(), p.coverage(of="eligible"), p.coverage("waci")
        (0.75, 1.0, 0.0)
        """
        c = self._contributions(_scope_key(scopes))
        m = self._covered(metric, c)
        v = c["value_msek"].to_numpy()
        if of == "total":
            den = v.sum()
        elif of == "eligible":
            den = v[(self.holdings["kind"] != "none").to_numpy()].sum()
        else:
            raise ValueError(f"of must be 'total' or 'eligible', not {of!r}")
        return float(v[m].sum() / den) if den > 0 else float("nan")

    def data_quality(self, metric: str = "carbon_footprint", scopes: Iterable[int] = (1, 2)) -> float:
        """Value-weighted PCAF data-quality score of the covered holdings [1–5].

        Covered holdings without a score are left out of the average; NaN if none
        has one.

        References
        ----------
        .. [1] PCAF (2022). Part A, 2nd ed.: data-quality scores per asset class,
           reported as the outstanding-amount-weighted average.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F1", "F2"], "value": [10, 30], "currency": "MSEK",
        ...     "asset_class": "fund", "footprint": [1.0, 2.0], "data_quality": [2, 4]}))
        >>> p.data_quality()
        3.5
        """
        c = self._contributions(_scope_key(scopes))
        dq = c["data_quality"].to_numpy()
        m = self._covered(metric, c) & np.isfinite(dq)
        v = c["value_msek"].to_numpy()[m]
        return float((v * dq[m]).sum() / v.sum()) if v.sum() > 0 else float("nan")

    def metric(self, name: str, scopes: Iterable[int] = (1, 2)):
        """One metric by name (``"carbon_footprint"``, ``"waci"`` ...).

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F"], "value": [1], "currency": "MSEK",
        ...     "asset_class": "fund", "footprint": [2.0], "waci": [3.0]}))
        >>> p.metric("waci")
        <Quantity(3.0, 'metric_ton * CO2e / MSEK')>
        """
        if name not in METRICS:
            raise ValueError(f"metric must be one of {', '.join(METRICS)}, not {name!r}")
        return getattr(self, name)(scopes)

    def summary(self, scopes: Iterable[int] = (1, 2)) -> pd.DataFrame:
        """All metrics with unit, coverage and data quality, one line each.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F", "Kassa"], "value": [75, 25], "currency": "MSEK",
        ...     "asset_class": ["fund", "cash"], "footprint": [2.0, None]}))
        >>> p.summary()[["metric", "value", "unit", "coverage"]]
                       metric  value           unit  coverage
        0  financed_emissions  150.0         t CO2e      0.75
        1    carbon_footprint    2.0  t CO2e / MSEK      0.75
        2                waci    NaN  t CO2e / MSEK      0.00
        3    carbon_intensity    NaN  t CO2e / MSEK      0.00
        """
        metrics = [m for m in METRICS if not (self.notional and m == "financed_emissions")]
        return pd.DataFrame({
            "metric": metrics,
            "value": [float(self.metric(m, scopes).magnitude) for m in metrics],
            "unit": [_UNITS[m] for m in metrics],
            "coverage": [self.coverage(m, scopes) for m in metrics],
            "coverage_eligible": [self.coverage(m, scopes, of="eligible") for m in metrics],
            "data_quality": [self.data_quality(m, scopes) for m in metrics],
            "scopes": _scope_key(scopes),
        })

    # ------------------------------------------------------------------ comparison
    def compare(self, benchmark, metric: str = "carbon_footprint", scopes: Iterable[int] = (1, 2)) -> float:
        """Relative difference to a benchmark: ``self / benchmark − 1``.

        ``−0.64`` means 64 % lower than the benchmark. The benchmark is another
        :class:`Portfolio` (index holdings, or this portfolio in an earlier year
        for year-over-year and base-year comparisons) or a reported figure as a
        Quantity or string in the metric's unit.

        Parameters
        ----------
        benchmark : Portfolio, pint.Quantity or str
        metric : {"carbon_footprint", "waci", "carbon_intensity", "financed_emissions"}
        scopes : iterable of int

        Returns
        -------
        float
            Relative difference [-].

        Raises
        ------
        UnitError
            If a reported benchmark is not in the metric's unit (e.g. per MEUR:
            convert it with a rate first).

        References
        ----------
        .. [1] TCFD (2021), metrics for asset owners: compare with a benchmark
           and over time.

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F"], "value": [1], "currency": "MSEK",
        ...     "asset_class": "fund", "footprint": [1.8], "waci": [3.0]}))
        >>> round(p.compare("5 t CO2e/MSEK"), 2)    # 64 % lower than the index
        -0.64
        """
        mine = self.metric(metric, scopes)
        other = _benchmark_value(benchmark, metric, scopes)
        return relative_difference(mine, other)

    # ------------------------------------------------------------------ ledger
    def to_ledger(self, year: int | None = None, *, scopes: Iterable[int] = (1, 2), gwp: str = "AR6") -> Ledger:
        """Financed emissions as ledger rows: scope 3, category ``investments`` (15).

        One ledger row per covered holding (activity ``financed_emissions``,
        amount = value [MSEK], area ``capital``, ``data_quality``
        ``investee_reported`` or ``manager_reported``, the PCAF score in
        ``pcaf_data_quality``, and ``attribution_factor``); holdings without data go to
        ``ledger.rejects`` with the reason, so the ledger reconciles with the
        holdings table. Combine with other ledgers with
        :meth:`Ledger.concat <klimatbokslut.ledger.Ledger.concat>`.

        Parameters
        ----------
        year : int, optional
            Reporting year (default: the portfolio's).
        scopes : iterable of int
            Investee scopes to include (default 1 + 2).
        gwp : str
            GWP label of the ledger, so it can be concatenated with an activity
            ledger; the investees' CO2e figures are taken as reported (flag
            ``reported_co2e``).

        Returns
        -------
        Ledger

        References
        ----------
        .. [1] PCAF (2022). Part A, 2nd ed. (financed emissions are scope 3
           category 15 of the GHG Protocol Scope 3 Standard).

        Examples
        --------
        >>> import pandas as pd
        >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["F", "Kassa"], "value": [75, 25], "currency": "MSEK",
        ...     "asset_class": ["fund", "cash"], "footprint": [2.0, None]}), year=2024)
        >>> led = p.to_ledger()
        >>> led.total(category="investments")
        <Quantity(150.0, 'metric_ton * CO2e')>
        >>> led.reconcile()
        {'input_rows': 2, 'ledger_rows': 1, 'rejected_rows': 1, 'balanced': True}
        >>> print(led.rejects["reason"].iloc[0])
        asset class cash has no attribution method: not in financed emissions, lowers coverage
        """
        year = self.year if year is None else int(year)
        if year is None:
            raise ValueError("the portfolio has no year; pass to_ledger(year=...)")
        if self.notional:
            raise ValueError("the holdings were given as weights only; pass total_value= to from_frame")
        key = _scope_key(scopes)
        c = self._contributions(_scope_key(scopes))
        h = self.holdings
        m = c["covered_footprint"].to_numpy()
        is_fund = (h["kind"] == "fund").to_numpy()
        records = pd.DataFrame({
            "row": c["row"].to_numpy()[m], "id": c["holding"].to_numpy()[m], "activity": "financed_emissions",
            "amount": c["value_msek"].to_numpy()[m], "unit": "MSEK", "year": year, "scope": 3,
            "category": "investments", "area": "capital", "co2e_direct_kg": c["financed_t"].to_numpy()[m] * 1000.0,
            "flags": "reported_co2e", "source_ids": np.where(is_fund[m], "fund_manager", "investee_report"),
            "asset_class": c["asset_class"].to_numpy()[m], "attribution_factor": c["attribution_factor"].to_numpy()[m],
            "data_quality": np.where(is_fund[m], "manager_reported", "investee_reported"),
            "pcaf_data_quality": c["data_quality"].to_numpy()[m], "investee_scopes": key,
            "attribution_method": np.where(is_fund[m], "value x reported footprint", "PCAF value / EVIC"),
        })
        led = Ledger.from_records(records, gwp=gwp)
        kind = h["kind"].to_numpy()[~m]
        reason = np.where(kind == "none", "asset class " + h["asset_class"].to_numpy(dtype=object)[~m]
                          + " has no attribution method: not in financed emissions, lowers coverage",
                          f"no emissions data for scope {key}: not in financed emissions, lowers coverage")
        column = np.where(kind == "none", "asset_class", np.where(kind == "fund", "footprint", "scope1"))
        rejects = pd.DataFrame({"row": c["row"].to_numpy()[~m], "column": column,
                                "value": c["holding"].to_numpy()[~m], "reason": reason,
                                "input_value_msek": c["value_msek"].to_numpy()[~m]})
        return Ledger(led.frame, rejects=rejects, gwp=gwp, input_rows=len(h))


# ----------------------------------------------------------------------------- comparison helpers
def _benchmark_value(benchmark, metric: str, scopes):
    if isinstance(benchmark, Portfolio):
        return benchmark.metric(metric, scopes)
    q = _as_quantity(benchmark, "benchmark")
    try:
        return q.to(_UNITS[metric] if metric in _UNITS else "t CO2e / MSEK")
    except Exception:  # pint DimensionalityError
        raise UnitError(str(q.units), f"benchmark {metric}", expected=[_UNITS.get(metric, "t CO2e / MSEK")],
                        reason="convert other currencies with an explicit rate first") from None


def relative_difference(value, benchmark) -> float:
    """``value / benchmark − 1`` for two Quantities of the same kind [-].

    ``−0.64`` means 64 % lower than the benchmark.

    Examples
    --------
    >>> from klimatbokslut.units import Q_
    >>> round(relative_difference(Q_(1.8, "t CO2e/MSEK"), Q_(5, "t CO2e/MSEK")), 2)
    -0.64
    """
    v = float(value.to(benchmark.units).magnitude)
    b = float(benchmark.magnitude)
    if b == 0 or not np.isfinite(b):
        return float("nan")
    return v / b - 1.0


def trend(series: Mapping[int, object], metric: str = "carbon_footprint", *, base_year: int | None = None,
          scopes: Iterable[int] = (1, 2)) -> pd.DataFrame:
    """A metric over the years, with the change from the year before and from a base year.

    Parameters
    ----------
    series : mapping of year to Portfolio, pint.Quantity or str
        Portfolios, or reported figures (a fund report's footprint per year).
    metric : str
        One of ``financed_emissions, carbon_footprint, waci, carbon_intensity``.
    base_year : int, optional
        Year to compare with (e.g. 2021 for "keep falling compared with 2021").
    scopes : iterable of int

    Returns
    -------
    pandas.DataFrame
        ``year, value, unit, coverage, change_vs_previous, change_vs_base``;
        changes are relative (−0.25 = 25 % lower). ``coverage`` is NaN for
        reported figures.

    References
    ----------
    .. [1] TCFD (2021), metrics tracked over time against a base year.

    Examples
    --------
    >>> t = trend({2021: "8,97 t CO2e/MSEK", 2022: "7,68 t CO2e/MSEK"}, "waci", base_year=2021)
    >>> t[["year", "value", "change_vs_previous"]].round(3).to_dict("records")[1]
    {'year': 2022, 'value': 7.68, 'change_vs_previous': -0.144}
    """
    unit = _UNITS.get(metric)
    if unit is None:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, not {metric!r}")
    years = sorted(int(y) for y in series)
    values = [float(_benchmark_value(series[y], metric, scopes).to(unit).magnitude) for y in years]
    coverage = [series[y].coverage(metric, scopes) if isinstance(series[y], Portfolio) else float("nan")
                for y in years]
    out = pd.DataFrame({"year": years, "value": values, "unit": unit, "coverage": coverage})
    out["change_vs_previous"] = out["value"] / out["value"].shift(1) - 1.0
    if base_year is not None:
        if int(base_year) not in years:
            raise ValueError(f"base year {base_year} is not in the series ({', '.join(map(str, years))})")
        base = out.loc[out["year"] == int(base_year), "value"].iloc[0]
        out["change_vs_base"] = out["value"] / base - 1.0 if base != 0 else np.nan
    else:
        out["change_vs_base"] = np.nan
    return out
