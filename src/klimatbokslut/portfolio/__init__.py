"""Financed emissions of portfolio holdings: PCAF attribution, carbon footprint, WACI.

A region's pension capital and liquidity sit in funds, listed shares and bonds. This
package turns a holdings table into the figures the sustainability programmes follow
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

Modules
-------
``schema``
    Columns and their spellings, asset classes, scopes.
``read``, ``validate``, ``currency``
    Reading a file; the checks, one function per concern (headers, holding names,
    asset class, numbers, data per kind of holding, scopes, currency, weights,
    attribution, year); exchange rates.
``metrics``
    The metric table (one :class:`~klimatbokslut.portfolio.metrics.Metric` per metric:
    unit, contribution columns, coverage rule, computation, report tables).
``model``
    :class:`Portfolio`.
``compare``
    :func:`relative_difference`, :func:`trend` and benchmark values.
``countries``, ``sovereign``
    Country figures and PCAF sovereign-debt attribution (:func:`attribute_sovereigns`).
``climate_benchmark``
    The EU climate-benchmark tests (Delegated Regulation (EU) 2020/1818).
``borrowing``
    The region's debt table and the green share of its borrowing (:func:`read_debt`).

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

from .borrowing import Debt, read_debt
from .climate_benchmark import benchmark_tests, intensity_test, pab_exclusions, self_decarbonisation
from .compare import relative_difference, trend
from .countries import CountryTable, default_countries, read_countries
from .data_years import data_year_counts, data_year_flags
from .metrics import METRIC_TABLE, METRICS, Metric, report_metrics
from .model import Portfolio
from .read import read_holdings
from .schema import ASSET_CLASSES, COLUMN_ALIASES, MISSING_MARKERS
from .sovereign import SovereignAttribution, attribute_sovereigns

__all__ = ["Portfolio", "read_holdings", "relative_difference", "trend", "METRICS", "METRIC_TABLE", "Metric",
           "report_metrics", "ASSET_CLASSES", "COLUMN_ALIASES", "MISSING_MARKERS", "Debt", "read_debt",
           "CountryTable", "default_countries", "read_countries", "SovereignAttribution", "attribute_sovereigns",
           "benchmark_tests", "intensity_test", "pab_exclusions", "self_decarbonisation", "data_year_flags",
           "data_year_counts"]
