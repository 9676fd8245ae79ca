"""The portfolio metrics as a table: one :class:`Metric` entry per metric.

An entry says everything about its metric: its unit, the per-holding columns it adds
to the contributions table, the rule for which holdings it covers (the columns that
must be finite), how the value is computed from the covered holdings, and where the
report lists it. :class:`~klimatbokslut.portfolio.Portfolio` (``metric``, ``summary``,
``coverage``, ``data_quality``, ``contributions``), :func:`~klimatbokslut.portfolio.trend`
and the report read this table, so a new metric is one entry in ``METRIC_TABLE``
(and, if a target should name it, a method of that name on ``Portfolio``).

Missing data is never zero: a holding without the data a metric needs is not covered,
left out of the metric's sums and lowers its coverage.

Examples
--------
>>> METRICS
('financed_emissions', 'carbon_footprint', 'waci', 'carbon_intensity')
>>> m = get_metric("waci")
>>> m.unit, m.covered, m.needs
('t CO2e / MSEK', 'covered_waci', ('intensity_t_per_msek_revenue',))
>>> [m.name for m in report_metrics("trend")]
['carbon_footprint', 'waci']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..validation import fail

__all__ = ["HoldingData", "Column", "Metric", "METRIC_TABLE", "METRICS", "get_metric", "report_metrics",
           "contributions"]


@dataclass(frozen=True)
class HoldingData:
    """Per-holding arrays the contribution columns are computed from (money in MSEK, emissions in t CO2e)."""

    value: np.ndarray         # value [MSEK]
    company: np.ndarray       # attributed by EVIC (company data)
    fund: np.ndarray          # a fund whose reported figures cover the scopes asked for
    emissions: np.ndarray     # the company's emissions for the scopes asked for [t CO2e]
    evic: np.ndarray
    revenue: np.ndarray
    footprint: np.ndarray     # fund-reported [t CO2e/MSEK invested]
    waci: np.ndarray          # fund-reported [t CO2e/MSEK revenue]
    intensity: np.ndarray     # fund-reported [t CO2e/MSEK revenue]
    attribution: np.ndarray   # value / EVIC for companies, NaN otherwise

    @classmethod
    def of(cls, h: pd.DataFrame, key: str) -> HoldingData:
        """The arrays of validated holdings for the investee scopes ``key`` (``"1+2"``)."""
        v = h["value_msek"].to_numpy(dtype=float)
        comp = (h["kind"] == "company").to_numpy()
        evic = h["evic_msek"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            af = np.where(comp, v / evic, np.nan)
        return cls(value=v, company=comp, fund=((h["kind"] == "fund") & (h["scopes"] == key)).to_numpy(),
                   emissions=h[[f"scope{s}_t" for s in key.split("+")]].to_numpy(dtype=float).sum(axis=1),
                   evic=evic, revenue=h["revenue_msek"].to_numpy(dtype=float),
                   footprint=h["footprint"].to_numpy(dtype=float), waci=h["waci"].to_numpy(dtype=float),
                   intensity=h["intensity"].to_numpy(dtype=float), attribution=af)


@dataclass(frozen=True)
class Column:
    """A per-holding column of the contributions table; NaN where the holding has no data."""

    name: str
    compute: Callable[[HoldingData], np.ndarray]


@dataclass(frozen=True)
class Metric:
    """One portfolio metric.

    Attributes
    ----------
    name : str
        Method name on :class:`~klimatbokslut.portfolio.Portfolio` and key of ``METRIC_TABLE``.
    unit : str
        Unit of the value (pint text).
    covered : str
        Name of the coverage flag in the contributions table (metrics may share one).
    needs : tuple of str
        The coverage rule: a holding is covered where these contribution columns are finite.
    compute : callable
        ``(contributions, covered mask) -> magnitude`` in ``unit``.
    columns : tuple of Column
        Per-holding columns the metric adds to the contributions table (shared ones once).
    absolute : bool
        An absolute figure: unknown for holdings given as weights only.
    report : tuple of str
        Report tables that list the metric besides the summary: ``"trend"`` (over the
        years), ``"index"`` (against the benchmark).
    report_unit : str
        The unit as the report's tables write it.
    """

    name: str
    unit: str
    covered: str
    needs: tuple[str, ...]
    compute: Callable[[pd.DataFrame, np.ndarray], float]
    columns: tuple[Column, ...] = ()
    absolute: bool = False
    report: tuple[str, ...] = ()
    report_unit: str = ""


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den > 0 else float("nan")


def _col(c: pd.DataFrame, name: str, m: np.ndarray) -> np.ndarray:
    return c[name].to_numpy()[m]


# ----------------------------------------------------------------------------- per-holding columns
def _financed(d: HoldingData) -> np.ndarray:
    """``value / EVIC × emissions`` for companies (PCAF), ``value × footprint`` for funds [t CO2e]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d.company, d.attribution * d.emissions, np.where(d.fund, d.value * d.footprint, np.nan))


def _intensity(d: HoldingData) -> np.ndarray:
    """``emissions / revenue`` for companies, the reported WACI for funds [t CO2e/MSEK revenue]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d.company, d.emissions / d.revenue, np.where(d.fund, d.waci, np.nan))


def _financed_revenue(d: HoldingData) -> np.ndarray:
    """``value / EVIC × revenue`` for companies, ``value × footprint / intensity`` for funds [MSEK]."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(d.company, d.attribution * d.revenue,
                        np.where(d.fund, d.value * d.footprint / d.intensity, np.nan))


FINANCED = Column("financed_t", _financed)
INTENSITY = Column("intensity_t_per_msek_revenue", _intensity)
FINANCED_REVENUE = Column("financed_revenue_msek", _financed_revenue)


# ----------------------------------------------------------------------------- metric values
def _financed_emissions(c: pd.DataFrame, m: np.ndarray) -> float:
    """Σ financed over the covered holdings, not scaled up (PCAF 2022; TCFD total carbon emissions)."""
    return float(c.loc[m, "financed_t"].sum())


def _carbon_footprint(c: pd.DataFrame, m: np.ndarray) -> float:
    """Σ financed / Σ value over the covered holdings (TCFD carbon footprint)."""
    return _ratio(_col(c, "financed_t", m).sum(), _col(c, "value_msek", m).sum())


def _waci(c: pd.DataFrame, m: np.ndarray) -> float:
    """Σ w_i × intensity_i with the covered holdings' value shares (TCFD WACI)."""
    v = _col(c, "value_msek", m)
    return _ratio((v * _col(c, "intensity_t_per_msek_revenue", m)).sum(), v.sum())


def _carbon_intensity(c: pd.DataFrame, m: np.ndarray) -> float:
    """Σ financed / Σ financed revenue over holdings with both (TCFD carbon intensity)."""
    return _ratio(_col(c, "financed_t", m).sum(), _col(c, "financed_revenue_msek", m).sum())


#: The metrics, in the order summaries list them.
METRIC_TABLE: dict[str, Metric] = {m.name: m for m in (
    Metric("financed_emissions", "t CO2e", covered="covered_footprint", needs=("financed_t",),
           compute=_financed_emissions, columns=(FINANCED,), absolute=True),
    Metric("carbon_footprint", "t CO2e / MSEK", covered="covered_footprint", needs=("financed_t",),
           compute=_carbon_footprint, columns=(FINANCED,), report=("trend", "index"), report_unit="t CO2e/MSEK"),
    Metric("waci", "t CO2e / MSEK", covered="covered_waci", needs=("intensity_t_per_msek_revenue",),
           compute=_waci, columns=(INTENSITY,), report=("trend", "index"), report_unit="t CO2e/MSEK"),
    Metric("carbon_intensity", "t CO2e / MSEK", covered="covered_intensity",
           needs=("financed_t", "financed_revenue_msek"), compute=_carbon_intensity,
           columns=(FINANCED, FINANCED_REVENUE), report=("index",), report_unit="t CO2e/MSEK"),
)}

#: Metric names, in table order.
METRICS = tuple(METRIC_TABLE)


def get_metric(name: str, *, what: str = "portfolio") -> Metric:
    """The table entry of a metric, or an :class:`~klimatbokslut.errors.InputError` naming the known ones."""
    try:
        return METRIC_TABLE[name]
    except (KeyError, TypeError):
        raise fail("metric", name, f"metric must be one of {', '.join(METRICS)}, not {name!r}", what=what) from None


def report_metrics(table: str) -> list[Metric]:
    """The metrics a report table lists (``"trend"``, ``"index"``), in table order."""
    return [m for m in METRIC_TABLE.values() if table in m.report]


def contributions(h: pd.DataFrame, key: str) -> pd.DataFrame:
    """Each holding's part in every metric for the investee scopes ``key`` (see ``Portfolio.contributions``)."""
    d = HoldingData.of(h, key)
    v = d.value
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = v / v.sum()
    out = pd.DataFrame({"row": h["row"].to_numpy(), "holding": h["holding"].to_numpy(),
                        "asset_class": h["asset_class"].to_numpy(), "value_msek": v, "weight": weight,
                        "attribution_factor": d.attribution})
    for metric in METRIC_TABLE.values():
        for col in metric.columns:
            if col.name not in out.columns:
                out[col.name] = col.compute(d)
    out["data_quality"] = h["data_quality"].to_numpy(dtype=float)
    for metric in METRIC_TABLE.values():
        if metric.covered not in out.columns:
            out[metric.covered] = np.logical_and.reduce([np.isfinite(out[c].to_numpy()) for c in metric.needs])
    return out
