"""The :class:`Portfolio`: validated holdings and the metrics computed from them.

The metrics themselves are entries of :data:`~klimatbokslut.portfolio.metrics.METRIC_TABLE`;
the methods named after them (``financed_emissions``, ``carbon_footprint``, ``waci``,
``carbon_intensity``) are :meth:`Portfolio.metric` with the name filled in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import InputError
from ..ledger import Ledger
from ..units import get_registry
from ..validation import fail
from .compare import benchmark_value, relative_difference
from .metrics import METRIC_TABLE, contributions, get_metric
from .schema import scope_key
from .validate import validate_holdings

__all__ = ["Portfolio"]


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

    @property
    def _what(self) -> str:
        """The portfolio as error messages name it."""
        return f"portfolio {self.name!r}" if self.name else "portfolio"

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
          row 0, column 'currency', value 'USD': no exchange rate for USD; pass rates={'USD': <SEK per USD>} ...
        """
        valid = validate_holdings(df, currency=currency, rates=rates, total_value=total_value,
                                  fund_scopes=fund_scopes, year=year, what=what)
        return cls(valid.frame, year=valid.year, name=name, notional=valid.notional)

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
        return self._contributions(self._key(scopes)).copy()

    def _key(self, scopes: Iterable[int]) -> str:
        return scope_key(scopes, what=self._what)

    def _contributions(self, key: str) -> pd.DataFrame:
        # Holdings are validated once and treated as read-only, so the per-scope table is cached.
        if key not in self._cache:
            self._cache[key] = contributions(self.holdings, key)
        return self._cache[key]

    def _covered(self, metric: str, c: pd.DataFrame) -> np.ndarray:
        return c[get_metric(metric, what=self._what).covered].to_numpy()

    def _weights_only(self, purpose: str = "") -> InputError:
        return fail("total_value", None, "the holdings were given as weights only; pass total_value= to from_frame"
                    + purpose, what=self._what)

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
            raise self._weights_only()
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
        return self.metric("financed_emissions", scopes)

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
        return self.metric("carbon_footprint", scopes)

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
        return self.metric("waci", scopes)

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
        return self.metric("carbon_intensity", scopes)

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
        c = self._contributions(self._key(scopes))
        m = self._covered(metric, c)
        v = c["value_msek"].to_numpy()
        if of == "total":
            den = v.sum()
        elif of == "eligible":
            den = v[(self.holdings["kind"] != "none").to_numpy()].sum()
        else:
            raise fail("of", of, f"of must be 'total' or 'eligible', not {of!r}", what=self._what)
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
        c = self._contributions(self._key(scopes))
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
        spec = get_metric(name, what=self._what)
        if spec.absolute and self.notional:
            raise self._weights_only(f" to get absolute {name.replace('_', ' ')}")
        c = self._contributions(self._key(scopes))
        return get_registry().Quantity(spec.compute(c, c[spec.covered].to_numpy()), spec.unit)

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
        metrics = [m.name for m in METRIC_TABLE.values() if not (self.notional and m.absolute)]
        return pd.DataFrame({
            "metric": metrics,
            "value": [float(self.metric(m, scopes).magnitude) for m in metrics],
            "unit": [METRIC_TABLE[m].unit for m in metrics],
            "coverage": [self.coverage(m, scopes) for m in metrics],
            "coverage_eligible": [self.coverage(m, scopes, of="eligible") for m in metrics],
            "data_quality": [self.data_quality(m, scopes) for m in metrics],
            "scopes": self._key(scopes),
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
        other = benchmark_value(benchmark, metric, scopes)
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
            raise fail("year", None, "the portfolio has no year; pass to_ledger(year=...)", what=self._what)
        if self.notional:
            raise self._weights_only()
        key = self._key(scopes)
        c = self._contributions(key)
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
        ac = h["asset_class"].to_numpy(dtype=object)[~m]
        reason = np.where(kind == "none", "asset class " + ac
                          + " has no attribution method: not in financed emissions, lowers coverage",
                          f"no emissions data for scope {key}: not in financed emissions, lowers coverage")
        # government bonds are attributed apart from the companies (PCAF sovereign debt), never summed with them
        reason = np.where(ac == "sovereign_bond", "government bond: attributed apart from the companies by PCAF "
                          "sovereign debt (portfolio.attribute_sovereigns), not in these financed emissions", reason)
        column = np.where(kind == "none", "asset_class", np.where(kind == "fund", "footprint", "scope1"))
        rejects = pd.DataFrame({"row": c["row"].to_numpy()[~m], "column": column,
                                "value": c["holding"].to_numpy()[~m], "reason": reason,
                                "input_value_msek": c["value_msek"].to_numpy()[~m]})
        return Ledger(led.frame, rejects=rejects, gwp=gwp, input_rows=len(h))
