"""Comparisons: a metric against a benchmark, and a metric over the years.

A benchmark is anything with the portfolio's ``metric`` method (another portfolio:
an index, or the same holdings in an earlier year) or a reported figure, a Quantity
or a text in the metric's unit. Currencies are never converted silently: a figure per
MEUR is a :class:`~klimatbokslut.errors.UnitError`.

Examples
--------
>>> benchmark_value("0,005 kg CO2e/SEK", "waci")
<Quantity(5.0, 'metric_ton * CO2e / MSEK')>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from ..errors import UnitError
from ..units import as_quantity, get_registry
from ..validation import fail
from .metrics import get_metric

__all__ = ["MetricSource", "benchmark_value", "relative_difference", "trend"]


@runtime_checkable
class MetricSource(Protocol):
    """What a benchmark portfolio offers: metrics by name and their coverage."""

    def metric(self, name: str, scopes: Iterable[int] = (1, 2)) -> Any: ...

    def coverage(self, metric: str = "carbon_footprint", scopes: Iterable[int] = (1, 2), *,
                 of: str = "total") -> float: ...


def _is_source(x: Any) -> bool:
    """A portfolio-like benchmark (texts and Quantities are reported figures)."""
    return not isinstance(x, (str, get_registry().Quantity)) and isinstance(x, MetricSource)


def benchmark_value(benchmark: Any, metric: str, scopes: Iterable[int] = (1, 2)) -> Any:
    """The metric of a benchmark portfolio, or a reported figure in the metric's unit.

    Raises
    ------
    InputError
        If the benchmark is neither a portfolio nor a figure with a unit.
    UnitError
        If a reported figure is not in the metric's unit (e.g. per MEUR).
    """
    if _is_source(benchmark):
        return benchmark.metric(metric, scopes)
    if not isinstance(benchmark, (str, get_registry().Quantity)):
        raise fail("benchmark", benchmark, "benchmark must be a pint Quantity or a string such as '500 MSEK', "
                   f"not {benchmark!r}", what=f"benchmark {metric}")
    q = as_quantity(benchmark, column="benchmark", what=f"benchmark {metric}")
    unit = get_metric(metric).unit
    try:
        return q.to(unit)
    except Exception:  # pint DimensionalityError
        raise UnitError(str(q.units), f"benchmark {metric}", expected=[unit],
                        reason="convert other currencies with an explicit rate first") from None


def relative_difference(value: Any, benchmark: Any) -> float:
    """``value / benchmark − 1`` for two Quantities of the same kind [-].

    ``−0.64`` means 64 % lower than the benchmark.

    Parameters
    ----------
    value, benchmark : pint.Quantity or float
        Two quantities of the same dimension, or two plain numbers in the same unit.

    Returns
    -------
    float
        ``value / benchmark − 1`` [-]; NaN when the benchmark is zero or not finite.

    Raises
    ------
    InputError
        A plain number compared with a quantity.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> round(kb.relative_difference(kb.Q_(1.8, "t CO2e/MSEK"), kb.Q_(5, "t CO2e/MSEK")), 2)
    -0.64
    >>> round(kb.relative_difference(5.4, 15.0), 2)      # plain numbers in the same unit
    -0.64
    """
    plain = [isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, bool)
             for x in (value, benchmark)]
    if all(plain):      # two plain numbers in the same unit: compared as they are
        v, b = float(value), float(benchmark)
    elif any(plain):
        which = "value" if plain[0] else "benchmark"
        raise fail(which, value if plain[0] else benchmark,
                   "a plain number compared with a quantity: give both with their unit "
                   "(e.g. \"5,4 t CO2e/MSEK\") or both as plain numbers", what="relative_difference")
    else:
        v = float(value.to(benchmark.units).magnitude)
        b = float(benchmark.magnitude)
    if b == 0 or not np.isfinite(b):
        return float("nan")
    return v / b - 1.0


def trend(series: Mapping[int, Any], metric: str = "carbon_footprint", *, base_year: int | None = None,
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
    unit = get_metric(metric, what="trend").unit
    years = sorted(int(y) for y in series)
    values = [_trend_value(series[y], y, metric, unit, scopes) for y in years]
    coverage = [series[y].coverage(metric, scopes) if _is_source(series[y]) else float("nan") for y in years]
    out = pd.DataFrame({"year": years, "value": values, "unit": unit, "coverage": coverage})
    out["change_vs_previous"] = out["value"] / out["value"].shift(1) - 1.0
    if base_year is not None:
        if int(base_year) not in years:
            raise fail("base_year", base_year,
                       f"base year {base_year} is not in the series ({', '.join(map(str, years))})", what="trend")
        base = out.loc[out["year"] == int(base_year), "value"].iloc[0]
        out["change_vs_base"] = out["value"] / base - 1.0 if base != 0 else np.nan
    else:
        out["change_vs_base"] = np.nan
    return out


def _trend_value(item: Any, year: int, metric: str, unit: str, scopes: Iterable[int]) -> float:
    """One year of a trend: a portfolio's metric, a reported figure with its unit, or a plain number
    (read as given in the metric's unit)."""
    if isinstance(item, (int, float, np.integer, np.floating)) and not isinstance(item, bool):
        return float(item)
    return float(benchmark_value(item, metric, scopes).to(unit).magnitude)
