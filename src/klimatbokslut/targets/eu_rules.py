"""The rules of the EU climate-benchmark tests (Commission Delegated Regulation (EU) 2020/1818).

Pure functions of intensities, EVIC and holding columns, used by the target kind
:class:`~klimatbokslut.targets.EUClimateBenchmark` and named again in
:mod:`klimatbokslut.portfolio.climate_benchmark`.

Four tests, each with the figure that decides it:

* **intensity** (Art. 9 and 11): the portfolio's GHG intensity at least 30 % below its
  investable universe or index for a Climate Transition Benchmark (CTB), at least 50 %
  below for a Paris-aligned Benchmark (PAB). ``reduction = 1 − portfolio / universe``.
* **self-decarbonisation** (Art. 7 and 8): the intensity falls by at least 7 % a year on
  average from the base year, ``rate = 1 − (I_t* / I_base)^(1 / (t − base))``, where the
  intensity is first adjusted for the inflation of enterprise value including cash (EVIC):
  ``I_t* = I_t × EVIC_t / EVIC_base`` with ``EVIC_t`` the average EVIC of the holdings at the
  end of year *t* (the chain of the yearly adjustment factors ``EVIC_t / EVIC_{t−1}``), so a
  rise in market values is not counted as decarbonisation.
* **scope 3 phase-in** (Art. 5): which holdings' scope 3 must be in the intensity by the
  end of a year: energy (oil, gas) and mining from 2022, transport, construction,
  buildings, materials and industry from 2024, every sector from 2026 (two, four and six
  years after entry into force on 23 December 2020).
* **PAB exclusions** (Art. 12(1)): (a) controversial weapons, (b) tobacco, (c) violations of
  the UN Global Compact / OECD Guidelines — for CTB and PAB — and, for PAB, (d) ≥ 1 % of
  revenue from hard coal and lignite, (e) ≥ 10 % from oil fuels, (f) ≥ 50 % from gaseous
  fuels, (g) ≥ 50 % from electricity generation above 100 g CO2e/kWh. Read from optional
  holding columns; each failing holding is named; a holding without the column's data is
  counted as unknown, never as passing.

A test without the data it needs gives ``None`` (the report's *värde saknas*) with its reason.

References
----------
.. [1] Commission Delegated Regulation (EU) 2020/1818 of 17 July 2020 supplementing
   Regulation (EU) 2016/1011 as regards minimum standards for EU Climate Transition
   Benchmarks and EU Paris-aligned Benchmarks. OJ L 406, 3.12.2020, p. 17–25.
   http://data.europa.eu/eli/reg_del/2020/1818/oj — Art. 5 (scope 3 phase-in), 7
   (self-decarbonisation 7 %), 8 (EVIC inflation adjustment), 9 and 11 (30 % / 50 % below
   the investable universe), 12 (exclusions).

Examples
--------
>>> intensity_test(4.5, 10.0)["passes"]       # 55 % below: both
{'ctb': True, 'pab': True}
>>> intensity_test(6.5, 10.0)["passes"]       # 35 % below: only CTB
{'ctb': True, 'pab': False}
>>> intensity_test(7.5, 10.0)["passes"]       # 25 % below: neither
{'ctb': False, 'pab': False}
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..text import N_, tr

__all__ = ["REDUCTION", "DECARBONISATION_RATE", "EXCLUSIONS", "SCOPE3_PHASE_IN", "REASONS", "reason_text",
           "intensity_test",
           "self_decarbonisation", "scope3_required", "scope3_phase_in", "pab_exclusions", "benchmark_tests"]

#: Minimum intensity reduction against the investable universe (Art. 9, Art. 11).
REDUCTION = {"ctb": 0.30, "pab": 0.50}
#: Minimum average yearly self-decarbonisation (Art. 7).
DECARBONISATION_RATE = 0.07
#: Exclusions of Art. 12(1): (letter, column, threshold or None for a yes/no flag, labels it applies to).
EXCLUSIONS = (
    ("a", "controversial_weapons", None, ("ctb", "pab")),
    ("b", "tobacco", None, ("ctb", "pab")),
    ("c", "ungc_violation", None, ("ctb", "pab")),
    ("d", "coal_revenue_share", 0.01, ("pab",)),
    ("e", "oil_revenue_share", 0.10, ("pab",)),
    ("f", "gas_revenue_share", 0.50, ("pab",)),
    ("g", "power_revenue_share", 0.50, ("pab",)),
)
#: Sector groups and the first year-end by which their scope 3 must be included (Art. 5).
SCOPE3_PHASE_IN = {"energy_mining": 2022, "transport_buildings_materials_industry": 2024, "other": 2026}

#: Why a test has no value (or what it needs), by code: the English message id; its named placeholders
#: are the reason's arguments (``reason_args``). :func:`reason_text` puts one in a reader's language.
REASONS = {
    "no_portfolio_intensity": N_("no portfolio intensity"),
    "no_universe_intensity": N_("no universe intensity"),
    "universe_not_positive": N_("universe intensity is not above zero"),
    "no_base_year": N_("no base year"),
    "no_years_after_base": N_("no years after the base year {base_year}"),
    "no_intensity_for": N_("no intensity for {year}"),
    "no_evic": N_("no average EVIC for the inflation adjustment (Art. 8)"),
    "base_not_positive": N_("base-year intensity is not above zero"),
    "scope3_required": N_("scope 3 must be in the intensity for {holdings} (Art. 5); the intensity compared "
                          "covers scopes 1 and 2"),
    "sector_unknown": N_("sector unknown for {n} company holdings: the scope 3 phase-in (Art. 5) cannot be "
                         "checked; give the sector column"),
    "no_exclusion_columns": N_("no exclusion columns in the holdings"),
    "exclusion_data_missing": N_("exclusion data missing for some holdings: {columns}"),
}


def reason_text(code: str, args: Mapping[str, Any] | None, lang: str = "en") -> str:
    """The reason ``code`` (a key of :data:`REASONS`) with its ``args``, in ``lang``; "" for no code.

    Examples
    --------
    >>> reason_text("no_intensity_for", {"year": 2022}, "en"), reason_text("no_base_year", None, "sv")
    ('no intensity for 2022', 'inget basår')
    """
    if not code:
        return ""
    return tr(lang, REASONS[code], **dict(args or {}))


def intensity_test(portfolio: float, universe: float) -> dict[str, Any]:
    """The 30 % (CTB) and 50 % (PAB) tests: ``reduction = 1 − portfolio / universe``.

    Parameters
    ----------
    portfolio, universe : float
        GHG intensities in the same unit (e.g. [t CO2e/MSEK]).

    Returns
    -------
    dict
        ``reduction`` [-], ``passes`` ({"ctb": bool, "pab": bool}, or None each without data)
        and ``reason`` ("" or why there is no value).

    Examples
    --------
    >>> r = intensity_test(6.5, 10.0)
    >>> round(r["reduction"], 2), r["passes"]
    (0.35, {'ctb': True, 'pab': False})
    >>> intensity_test(float("nan"), 10.0)["reason"]
    'no portfolio intensity'
    """
    if not (math.isfinite(portfolio) and math.isfinite(universe)):
        code = "no_portfolio_intensity" if not math.isfinite(portfolio) else "no_universe_intensity"
        return {"reduction": float("nan"), "passes": {"ctb": None, "pab": None}, **_reason(code)}
    if universe <= 0:
        return {"reduction": float("nan"), "passes": {"ctb": None, "pab": None}, **_reason("universe_not_positive")}
    red = 1.0 - portfolio / universe
    # a small tolerance so that exactly 30 % (or 50 %) below passes despite floating point
    return {"reduction": red, "passes": {k: red >= v - 1e-12 for k, v in REDUCTION.items()}, **_reason("")}


def _reason(code: str, **args: Any) -> dict[str, Any]:
    """``reason`` (English), ``reason_code`` and ``reason_args`` of a test."""
    return {"reason": reason_text(code, args), "reason_code": code, "reason_args": args}


def self_decarbonisation(intensity: Mapping[int, float], evic: Mapping[int, float] | None, year: int,
                         base_year: int) -> dict[str, Any]:
    """The Art. 7 test: at least 7 % a year on average after the Art. 8 EVIC inflation adjustment.

    Parameters
    ----------
    intensity : mapping of int to float
        GHG intensity per year [any unit per EVIC].
    evic : mapping of int to float or None
        Average EVIC of the holdings at each year's end [any money unit]; without it the test
        has no value (the regulation requires the adjustment).
    year, base_year : int

    Returns
    -------
    dict
        ``adjusted`` (year -> adjusted intensity), ``rate`` (average yearly reduction [-]),
        ``passes`` (bool or None) and ``reason`` (with ``reason_code`` and ``reason_args``).

    Examples
    --------
    Intensity 100 → 90 → 80 with average EVIC 1000 → 1000 → 1000: the rate is
    1 − (80/100)^(1/2) = 0.1056 ≥ 0.07, passing. With EVIC 1000 → 1100 → 1250 the adjusted
    2023 intensity is 80 × 1250/1000 = 100, a rate of 0: failing.

    >>> r = self_decarbonisation({2021: 100, 2022: 90, 2023: 80}, {2021: 1000, 2022: 1000, 2023: 1000}, 2023, 2021)
    >>> round(r["rate"], 4), r["passes"]
    (0.1056, True)
    >>> r = self_decarbonisation({2021: 100, 2022: 90, 2023: 80}, {2021: 1000, 2022: 1100, 2023: 1250}, 2023, 2021)
    >>> round(r["rate"], 4), r["passes"]
    (0.0, False)
    """
    out: dict[str, Any] = {"adjusted": {}, "rate": float("nan"), "passes": None, **_reason("")}
    if year <= base_year:
        out.update(_reason("no_years_after_base", base_year=base_year))
        return out
    i0, it = intensity.get(base_year), intensity.get(year)
    if i0 is None or it is None or not (math.isfinite(i0) and math.isfinite(it)):
        out.update(_reason("no_intensity_for", year=base_year if i0 is None or not math.isfinite(i0) else year))
        return out
    if not evic or evic.get(base_year) is None or evic.get(year) is None:
        out.update(_reason("no_evic"))
        return out
    e0 = float(evic[base_year])
    adjusted = {y: float(v) * float(evic[y]) / e0 for y, v in intensity.items()
                if base_year <= y <= year and evic.get(y) is not None and math.isfinite(float(v))}
    out["adjusted"] = adjusted
    if i0 <= 0:
        out.update(_reason("base_not_positive"))
        return out
    rate = 1.0 - (adjusted[year] / float(i0)) ** (1.0 / (year - base_year))
    out["rate"] = rate
    out["passes"] = rate >= DECARBONISATION_RATE - 1e-12
    return out


def scope3_required(sector: str, year: int) -> bool:
    """Whether a holding's scope 3 must be in the intensity by the end of ``year`` (Art. 5).

    Examples
    --------
    >>> scope3_required("energy_mining", 2022), scope3_required("other", 2025), scope3_required("other", 2026)
    (True, False, True)
    """
    first = SCOPE3_PHASE_IN.get(sector, SCOPE3_PHASE_IN["other"])
    return int(year) >= first


def scope3_phase_in(holdings: pd.DataFrame, year: int, *, scope3_included: bool = False) -> dict[str, Any]:
    """The Art. 5 check: holdings whose scope 3 must be in the intensity by the end of ``year``.

    Company holdings are placed by their ``sector`` column (keys of :data:`SCOPE3_PHASE_IN`);
    from the last phase-in year every holding (funds too) is required. The intensity the
    target compares is a portfolio metric for scopes 1 and 2 unless ``scope3_included``.

    Returns
    -------
    dict
        ``required`` (holding names), ``unknown`` (company holdings without a known sector while
        only some sectors are required), ``passes`` (True, or None with ``reason``).

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"holding": ["Olja AB", "Hus AB"], "kind": "company",
    ...                   "sector": ["energy_mining", "transport_buildings_materials_industry"]})
    >>> scope3_phase_in(h, 2023)["required"], scope3_phase_in(h, 2021)["passes"]
    (['Olja AB'], True)
    """
    out: dict[str, Any] = {"required": [], "unknown": [], "passes": True, **_reason("")}
    first = min(SCOPE3_PHASE_IN.values())
    if int(year) < first or scope3_included:
        return out
    kind = holdings["kind"] if "kind" in holdings else pd.Series("company", index=holdings.index)
    if int(year) >= SCOPE3_PHASE_IN["other"]:
        out["required"] = holdings.loc[kind.isin(["company", "fund"]), "holding"].tolist()
    else:
        comp = holdings[kind == "company"]
        sector = comp["sector"].astype("string").fillna("").str.strip() if "sector" in comp else \
            pd.Series("", index=comp.index)
        known = sector.isin(list(SCOPE3_PHASE_IN))
        out["required"] = [h for h, s, k in zip(comp["holding"], sector, known) if k and scope3_required(s, year)]
        out["unknown"] = comp.loc[~known.to_numpy(), "holding"].tolist()
    if out["required"]:
        out["passes"] = None
        out.update(_reason("scope3_required", holdings=", ".join(out["required"])))
    elif out["unknown"]:
        out["passes"] = None
        out.update(_reason("sector_unknown", n=len(out["unknown"])))
    return out


def pab_exclusions(holdings: pd.DataFrame, label: str = "pab") -> dict[str, Any]:
    """Holdings failing the Art. 12(1) exclusions that apply to ``label``, each named.

    Parameters
    ----------
    holdings : pandas.DataFrame
        :attr:`Portfolio.holdings` (the optional columns in :data:`EXCLUSIONS`).
    label : {"pab", "ctb"}

    Returns
    -------
    dict
        ``failing`` (DataFrame: ``holding, rule, column, value, threshold``), ``unknown``
        (holdings lacking some applicable column's data, by column), ``checked`` (the
        applicable columns present), ``passes`` (True, False, or None when no column is given).

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.DataFrame({"holding": ["A", "B"], "kind": ["company", "company"], "coal_revenue_share": [0.0, 0.02]})
    >>> r = pab_exclusions(h)
    >>> r["failing"][["holding", "rule"]].values.tolist(), r["passes"]
    ([['B', 'd']], False)
    """
    rows = []
    unknown: dict[str, int] = {}
    checked = []
    companies = holdings[holdings["kind"].isin(["company", "fund"])] if "kind" in holdings else holdings
    for letter, col, threshold, labels in EXCLUSIONS:
        if label not in labels or col not in companies.columns:
            continue
        checked.append(col)
        v = pd.to_numeric(companies[col], errors="coerce").to_numpy(dtype=float)
        bad = (v >= threshold) if threshold is not None else (v >= 1.0)
        for name, val in zip(companies["holding"].to_numpy()[bad], v[bad]):
            rows.append({"holding": name, "rule": letter, "column": col, "value": float(val),
                         "threshold": threshold})
        n_unknown = int((~np.isfinite(v)).sum())
        if n_unknown:
            unknown[col] = n_unknown
    failing = pd.DataFrame(rows, columns=["holding", "rule", "column", "value", "threshold"])
    passes = None if not checked else (False if len(failing) else (None if unknown else True))
    return {"failing": failing, "unknown": unknown, "checked": checked, "passes": passes}


def benchmark_tests(portfolio: float, universe: float, *, intensity: Mapping[int, float] | None = None,
                    evic: Mapping[int, float] | None = None, year: int, base_year: int | None = None,
                    holdings: pd.DataFrame | None = None, scope3_included: bool = False) -> pd.DataFrame:
    """Every test for CTB and PAB in one table: ``label, test, passes, figure, threshold, reason, failing``.

    ``reason_code`` and ``reason_args`` give the reason as a code of :data:`REASONS` and its arguments
    (for :func:`reason_text` in a reader's language).

    With ``holdings`` the exclusions and the scope 3 phase-in are checked too.

    ``passes`` is True, False or None (no value; ``reason`` says why).

    Examples
    --------
    >>> t = benchmark_tests(4.5, 10.0, year=2024)
    >>> t[t.test == "intensity"][["label", "passes", "figure"]].values.tolist()
    [['ctb', True, 0.55], ['pab', True, 0.55]]
    >>> t[t.test == "self_decarbonisation"]["reason"].iloc[0]
    'no base year'
    """
    rows = []
    it = intensity_test(portfolio, universe)
    dec = (self_decarbonisation(intensity or {}, evic, year, base_year) if base_year is not None
           else {"rate": float("nan"), "passes": None, **_reason("no_base_year")})

    def why(x: Mapping[str, Any]) -> dict[str, Any]:
        return {k: x[k] for k in ("reason", "reason_code", "reason_args")}

    for label in ("ctb", "pab"):
        rows.append({"label": label, "test": "intensity", "passes": it["passes"][label],
                     "figure": round(it["reduction"], 12), "threshold": REDUCTION[label], **why(it), "failing": ""})
        rows.append({"label": label, "test": "self_decarbonisation", "passes": dec["passes"], "figure": dec["rate"],
                     "threshold": DECARBONISATION_RATE, **why(dec), "failing": ""})
        if holdings is not None:
            s3 = scope3_phase_in(holdings, year, scope3_included=scope3_included)
            rows.append({"label": label, "test": "scope3_phase_in", "passes": s3["passes"],
                         "figure": float(len(s3["required"])), "threshold": 0.0, **why(s3), "failing": ""})
            ex = pab_exclusions(holdings, label)
            reason = _reason("")
            if ex["passes"] is None:
                reason = (_reason("no_exclusion_columns") if not ex["checked"] else
                          _reason("exclusion_data_missing",
                                  columns=", ".join(f"{c} ({n})" for c, n in ex["unknown"].items())))
            rows.append({"label": label, "test": "exclusions", "passes": ex["passes"],
                         "figure": float(ex["failing"]["holding"].nunique()), "threshold": 0.0, **reason,
                         "failing": ", ".join(f"{h} ({', '.join(g['rule'])})"
                                             for h, g in ex["failing"].groupby("holding", sort=False))})
    return pd.DataFrame(rows)
