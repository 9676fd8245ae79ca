"""PCAF sovereign debt: government bonds attributed by exposure over PPP-adjusted GDP.

For a sovereign bond of country *c* held in year *t* (PCAF Part A, 2nd ed., §5.7)::

    attribution factor  = exposure [M USD] / GDP_PPP(c) [M international $]
    financed emissions  = attribution factor × production emissions(c)   [t CO2e]

Production emissions excluding LULUCF are the headline; including LULUCF is reported
beside it; the standard's further scopes (scope 2: imported energy; scope 3: other
imports) are attributed where the country table gives them and otherwise stated as
missing, never counted as zero. The exposure is converted from kronor with a rate the user
gives (``sek_per_usd``), never a default one. Intensities are the standard's two for
sovereigns, as exposure-weighted averages over the attributed holdings: t CO2e per million
international $ of PPP GDP, and t CO2e per inhabitant.

Sovereign emissions are reported apart from the corporate financed emissions (the
standard asks for this: a country's production emissions include its companies').

Other public debt (PCAF Part A, 2nd ed., §5.7 scope): the method covers central-government
debt. Sub-sovereign (municipal, regional) bonds, supranational bonds and covered bonds have
no attribution method in this edition; such holdings are counted, with their value, and
stated as not attributed.

Data years: each holding uses the latest country-year not after the holdings' year; a gap
of more than ``max_data_gap`` years is flagged (``data_year_mismatch``) and counted.

References
----------
.. [1] PCAF (2022). *The Global GHG Accounting and Reporting Standard Part A: Financed
   Emissions.* Second edition, December 2022, §5.7 Sovereign debt (attribution by
   PPP-adjusted GDP; production emissions with and without LULUCF; scopes 1–3 of a
   sovereign; intensities per GDP and per capita; data-quality scores).

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut.portfolio import Portfolio
>>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["Svenska statsobligationer"], "value": [100],
...     "currency": "MSEK", "asset_class": ["statsobligation"], "land": ["SE"]}), year=2016)
>>> s = attribute_sovereigns(p, sek_per_usd=10.0)
>>> round(s.financed_emissions(), 1), round(s.financed_emissions(lulucf=True), 1)
(1133.7, 1043.2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..units import as_quantity
from ..validation import fail
from .countries import CountryTable, default_countries

__all__ = ["SOVEREIGN_METHODS", "SovereignAttribution", "attribute_sovereigns"]

#: Public-debt asset classes and what PCAF Part A (2nd ed.) gives for them.
SOVEREIGN_METHODS = {
    "sovereign_bond": "attributed",
    "sub_sovereign_bond": "no_method",
    "supranational_bond": "no_method",
    "covered_bond": "no_method",
}

#: Why a public-debt holding is not attributed (codes; the report words them).
REASONS = ("no_method", "no_country_data")


@dataclass
class SovereignAttribution:
    """Sovereign bonds attributed by PCAF, and the public debt left unattributed.

    Attributes
    ----------
    holdings : pandas.DataFrame
        One row per public-debt holding: ``row, holding, asset_class, country, value_msek,
        exposure_musd, status`` (``attributed``, ``no_method``, ``no_country_data``),
        ``data_year, data_gap, data_year_mismatch, gdp_ppp_bn_intl_usd, population,
        attribution_factor, financed_excl_lulucf_t, financed_incl_lulucf_t, financed_scope2_t,
        financed_scope3_t, intensity_per_gdp`` [t CO2e / M int$], ``intensity_per_capita``
        [t CO2e / person], ``data_quality, secondary, source``.
    year : int
    sek_per_usd : float
        The rate the exposure was converted with [SEK/USD].
    max_data_gap : int
    """

    holdings: pd.DataFrame
    year: int
    sek_per_usd: float
    max_data_gap: int

    @property
    def attributed(self) -> pd.DataFrame:
        """The attributed rows."""
        return self.holdings[self.holdings["status"] == "attributed"]

    def financed_emissions(self, *, lulucf: bool = False, scope: int = 1) -> float:
        """Attributed production emissions [t CO2e]; NaN when nothing is attributed.

        ``scope=1`` is the production (territorial) figure, excluding LULUCF unless
        ``lulucf=True``; ``scope=2`` and ``3`` sum the attributed imported-energy and
        other-import emissions and are NaN unless every attributed holding has them.
        """
        a = self.attributed
        col = {1: "financed_incl_lulucf_t" if lulucf else "financed_excl_lulucf_t", 2: "financed_scope2_t",
               3: "financed_scope3_t"}[scope]
        v = a[col].to_numpy(dtype=float)
        return float(v.sum()) if len(v) and np.isfinite(v).all() else float("nan")

    def _weighted(self, col: str) -> float:
        a = self.attributed
        w = a["value_msek"].to_numpy(dtype=float)
        v = a[col].to_numpy(dtype=float)
        m = np.isfinite(v)
        return float((w[m] * v[m]).sum() / w[m].sum()) if w[m].sum() > 0 else float("nan")

    def intensity_per_gdp(self) -> float:
        """Exposure-weighted production emissions per PPP GDP [t CO2e / M international $]."""
        return self._weighted("intensity_per_gdp")

    def intensity_per_capita(self) -> float:
        """Exposure-weighted production emissions per inhabitant [t CO2e / person]."""
        return self._weighted("intensity_per_capita")

    def data_quality(self) -> float:
        """Exposure-weighted PCAF data-quality score of the attributed holdings [1–5]."""
        return self._weighted("data_quality")

    def coverage(self) -> float:
        """Attributed value over the value of all public-debt holdings [-]; NaN if there are none."""
        v = self.holdings["value_msek"].to_numpy(dtype=float)
        return float(self.attributed["value_msek"].sum() / v.sum()) if v.sum() > 0 else float("nan")

    def not_attributed(self) -> pd.DataFrame:
        """Holdings not attributed, counted by asset class and reason: ``asset_class, reason, holdings, value_msek``."""
        h = self.holdings[self.holdings["status"] != "attributed"]
        return (h.groupby(["asset_class", "status"], sort=True)
                 .agg(holdings=("holding", "size"), value_msek=("value_msek", "sum")).reset_index()
                 .rename(columns={"status": "reason"}))

    def mismatched_years(self) -> int:
        """Attributed holdings whose country figures are more than ``max_data_gap`` years old."""
        return int(self.attributed["data_year_mismatch"].sum())

    def summary(self) -> dict[str, Any]:
        """The headline figures in one dict (for tables and the report)."""
        return {"year": self.year, "financed_excl_lulucf_t": self.financed_emissions(),
                "financed_incl_lulucf_t": self.financed_emissions(lulucf=True),
                "financed_scope2_t": self.financed_emissions(scope=2),
                "financed_scope3_t": self.financed_emissions(scope=3),
                "intensity_per_gdp": self.intensity_per_gdp(), "intensity_per_capita": self.intensity_per_capita(),
                "data_quality": self.data_quality(), "coverage": self.coverage(),
                "attributed_holdings": len(self.attributed), "not_attributed_holdings": int(
                    (self.holdings["status"] != "attributed").sum()),
                "data_year_mismatches": self.mismatched_years(), "sek_per_usd": self.sek_per_usd}


def _rate(sek_per_usd: Any) -> float:
    if sek_per_usd is None:
        raise fail("sek_per_usd", None, "the exposure is divided by GDP in international dollars: give the rate, "
                   "e.g. sek_per_usd='10,57 SEK/USD' (the rate of the valuation day)", what="sovereign attribution")
    if isinstance(sek_per_usd, (int, float)):
        rate = float(sek_per_usd)
    else:
        rate = float(as_quantity(sek_per_usd, "SEK/USD", column="sek_per_usd",
                                 what="sovereign attribution").to("SEK/USD").magnitude)
    if not rate > 0:
        raise fail("sek_per_usd", sek_per_usd, "the rate must be above zero", what="sovereign attribution")
    return rate


def attribute_sovereigns(portfolio, countries: CountryTable | None = None, *, sek_per_usd: Any = None,
                         year: int | None = None, max_data_gap: int = 2) -> SovereignAttribution:
    """Attribute a portfolio's sovereign bonds by PCAF (exposure / PPP GDP × production emissions).

    Parameters
    ----------
    portfolio : Portfolio
        Holdings with ``asset_class`` ``sovereign_bond`` (and a ``country``); sub-sovereign,
        supranational and covered bonds are counted as not attributed.
    countries : CountryTable, optional
        Country figures (default: :func:`~klimatbokslut.portfolio.countries.default_countries`;
        combine with your own via :meth:`CountryTable.updated`).
    sek_per_usd : float, str or Quantity
        Exchange rate [SEK/USD] for the exposure; required.
    year : int, optional
        The holdings' year (default: the portfolio's).
    max_data_gap : int
        Years the country figures may lag the holdings' year before the row is flagged.

    Returns
    -------
    SovereignAttribution

    References
    ----------
    .. [1] PCAF (2022). Part A, 2nd ed., §5.7 Sovereign debt.

    Examples
    --------
    >>> import pandas as pd
    >>> from klimatbokslut.portfolio import Portfolio
    >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["SE 2030", "Kommuninvest"], "value": [100, 50],
    ...     "currency": "MSEK", "asset_class": ["statsobligation", "kommunobligation"], "land": ["SE", "SE"]}),
    ...     year=2016)
    >>> s = attribute_sovereigns(p, sek_per_usd="10 SEK/USD")
    >>> round(s.coverage(), 4), s.not_attributed()[["asset_class", "reason", "holdings"]].values.tolist()
    (0.6667, [['sub_sovereign_bond', 'no_method', 1]])
    """
    rate = _rate(sek_per_usd)
    year = portfolio.year if year is None else int(year)
    if year is None:
        raise fail("year", None, "the portfolio has no year; pass year=", what="sovereign attribution")
    countries = default_countries() if countries is None else countries
    h = portfolio.holdings
    public = h[h["asset_class"].isin(list(SOVEREIGN_METHODS))]
    records = []
    for rec in public.to_dict("records"):
        records.append(_attribute_one(rec, countries, year, rate, max_data_gap))
    cols = ["row", "holding", "asset_class", "country", "value_msek", "exposure_musd", "status", "data_year",
            "data_gap", "data_year_mismatch", "gdp_ppp_bn_intl_usd", "population", "attribution_factor",
            "financed_excl_lulucf_t", "financed_incl_lulucf_t", "financed_scope2_t", "financed_scope3_t",
            "intensity_per_gdp", "intensity_per_capita", "data_quality", "secondary", "source"]
    frame = pd.DataFrame(records, columns=cols)
    frame["data_year_mismatch"] = frame["data_year_mismatch"].astype(bool)
    return SovereignAttribution(frame, year, rate, int(max_data_gap))


def _attribute_one(rec: dict, countries: CountryTable, year: int, rate: float, max_gap: int) -> dict[str, Any]:
    """One public-debt holding: attributed from its country's latest figures, or the reason it is not."""
    nan = float("nan")
    out: dict[str, Any] = {"row": rec["row"], "holding": rec["holding"], "asset_class": rec["asset_class"],
                           "country": rec.get("country", ""), "value_msek": rec["value_msek"],
                           "exposure_musd": rec["value_msek"] / rate, "data_year_mismatch": False}
    if SOVEREIGN_METHODS[rec["asset_class"]] != "attributed":
        return {**out, "status": "no_method"}
    data_year = countries.latest(out["country"], year)
    if data_year is None:
        return {**out, "status": "no_country_data"}
    c = countries.row(out["country"], data_year)
    gdp_musd = c["gdp_ppp_bn_intl_usd"] * 1000.0
    af = out["exposure_musd"] / gdp_musd

    def part(col: str) -> float:
        v = c.get(col)
        return nan if v is None else af * float(v) * 1e6

    pop = c.get("population")
    return {**out, "status": "attributed", "data_year": data_year, "data_gap": year - data_year,
            "data_year_mismatch": (year - data_year) > max_gap, "gdp_ppp_bn_intl_usd": c["gdp_ppp_bn_intl_usd"],
            "population": nan if pop is None else pop, "attribution_factor": af,
            "financed_excl_lulucf_t": part("ghg_excl_lulucf_mt"), "financed_incl_lulucf_t": part("ghg_incl_lulucf_mt"),
            "financed_scope2_t": part("scope2_mt"), "financed_scope3_t": part("scope3_mt"),
            "intensity_per_gdp": c["ghg_excl_lulucf_mt"] * 1e6 / gdp_musd,
            "intensity_per_capita": nan if pop is None else c["ghg_excl_lulucf_mt"] * 1e6 / pop,
            "data_quality": nan if c.get("data_quality") is None else c["data_quality"],
            "secondary": bool(c["secondary"]),
            "source": f"{c['publisher']}: {c['document']} ({c['edition']}) {c['url']}"}
