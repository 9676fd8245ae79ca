"""BelowBenchmark: a value (a portfolio's carbon footprint ...) that shall be lower than a benchmark."""

from __future__ import annotations

import inspect
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ..errors import UnitError
from ..ledger import Ledger
from ..units import as_quantity, get_registry, parse_unit
from ..validation import check_year, fail
from .base import Target
from .measure import METRICS, quantity
from .result import TargetResult

__all__ = ["BelowBenchmark"]


@dataclass(frozen=True, kw_only=True)
class BelowBenchmark(Target):
    """A value (e.g. a portfolio's carbon footprint) that shall be lower than a benchmark.

    Duck-typed so that it works with whatever holds the value: ``evaluate(source, year)``
    takes

    * a mapping year -> value, where a value is a number, a Quantity, or an object with
      a method named ``metric`` (e.g. a portfolio with ``carbon_footprint()``);
    * an object with that method: called with ``year=year`` when its signature takes a
      ``year``, else without arguments (the object then is the portfolio of that year);
      the method may return a number, a Quantity or a Series indexed by year;
    * a :class:`~klimatbokslut.ledger.Ledger`, measured like the other targets (``metric``
      then is a ledger metric and ``select`` applies).

    ``benchmark`` is resolved the same way (a number, a Quantity, a mapping by year, or an
    object with the method). With ``base_year`` the value must also be lower than in the
    base year ("keep falling vs 2021"). Strictly lower is ``met``; else ``not_met``.

    Parameters
    ----------
    name : str
    benchmark : number, Quantity, mapping or object
    metric : str
        Method name on the source (``"carbon_footprint"``, ``"waci"``) or a ledger metric.
    unit : str, optional
        Unit in which plain numbers are read and the result is shown (``"t CO2e/MSEK"``).
    base_year : int, optional
    status_rule : {"standard", "trend"}
        See :class:`Target`.

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> class Fund:  # anything with the method works, e.g. a portfolio
    ...     def __init__(self, fp): self.fp = fp
    ...     def carbon_footprint(self): return self.fp
    >>> t = targets.BelowBenchmark("Pensionsmedel", metric="carbon_footprint", unit="t CO2e/MSEK",
    ...                            benchmark={2021: 10.0, 2024: 8.0}, base_year=2021)
    >>> r = t.evaluate({2021: Fund(7.0), 2024: Fund(6.0)}, 2024)
    >>> r.status, round(r.details["relative_to_benchmark"], 3)
    ('met', -0.25)
    """

    benchmark: Any
    metric: str = "carbon_footprint"
    base_year: int | None = None
    kind: ClassVar[str] = "below_benchmark"
    ledger_base_year: ClassVar[bool] = False
    index_parameter: ClassVar[str | None] = "benchmark"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.base_year is not None:
            check_year(self.base_year, "base_year", what=self._what())

    @property
    def reads_ledger(self) -> bool:
        """True when ``metric`` is a ledger metric; else the source is what holds the metric (portfolios)."""
        return self.metric in METRICS

    @property
    def chart_kind(self) -> str:
        """``"benchmark"``: the value against the benchmark of each year."""
        return "benchmark"

    def _check_metric(self, what: str) -> None:
        """The metric names a method of the source or a ledger metric; a unit, if given, is known."""
        if not isinstance(self.metric, str) or not self.metric:
            raise fail("metric", self.metric, "metric names a method (e.g. 'carbon_footprint') or a "
                                              f"ledger metric ({', '.join(METRICS)})", what=what)
        if self.unit is not None:
            try:
                parse_unit(self.unit)
            except UnitError:
                raise fail("unit", self.unit, "unknown unit", what=what) from None

    def _resolve(self, value: Any, year: int, column: str, depth: int = 0):
        """A Quantity for ``year`` from a number / Quantity / mapping / object, or None."""
        ureg = get_registry()
        if value is None or depth > 3:
            return None
        if isinstance(value, Ledger):
            if self.metric not in METRICS:
                raise fail("metric", self.metric, f"a ledger is measured with a ledger metric: {', '.join(METRICS)}",
                           what=self._what())
            t = Target(name=self.name, select=self.select, metric=self.metric, unit=self.unit, method=self.method,
                       unknown=self.unknown)
            m = t.measure(value, year)
            return None if math.isnan(m.value) else quantity(m.value, t.unit)
        if isinstance(value, pd.Series):
            return self._resolve(value.get(year), year, column, depth + 1)
        if isinstance(value, Mapping):
            v = {int(k): x for k, x in value.items()}.get(year)
            return self._resolve(v, year, column, depth + 1)
        if isinstance(value, str):
            return as_quantity(value, self.unit, column=column, what=self._what())
        if isinstance(value, ureg.Quantity):
            return None if math.isnan(float(value.magnitude)) else value
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            return None if math.isnan(float(value)) else quantity(float(value), self.unit or "")
        method = getattr(value, self.metric, None)
        if callable(method):
            try:
                takes_year = "year" in inspect.signature(method).parameters
            except (TypeError, ValueError):
                takes_year = False
            out = method(year=year) if takes_year else method()
            return self._resolve(out, year, column, depth + 1)
        raise fail(column, type(value).__name__, "expected a number, a Quantity, a mapping by year, a Ledger or an "
                                                 f"object with a {self.metric}() method", what=self._what())

    def _convert(self, q, ref_units) -> float:
        try:
            return float(q.to(ref_units).magnitude)
        except Exception:
            raise UnitError(f"{q.units}", f"{self._what()}", expected=[f"{ref_units}"],
                            reason="the value and the benchmark must have the same dimension") from None

    def _actual(self, source, year: int) -> float:
        """The value in ``year`` in ``unit`` (in base units without one); NaN when there is none."""
        q = self._resolve(source, year, "source")
        if q is None:
            return float("nan")
        return self._convert(q, parse_unit(self.unit)) if self.unit else float(q.to_base_units().magnitude)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        b = self.benchmark
        if isinstance(b, Mapping):
            out["benchmark"] = {str(k): (f"{v.magnitude} {v.units:~P}" if hasattr(v, "units") else v)
                                for k, v in b.items()}
        return out

    def _evaluate(self, source, year: int) -> TargetResult:
        """Evaluate in ``year``: ``met`` when below the benchmark (and below the base year)."""
        year = check_year(year, "year", what=self._what())
        actual = self._resolve(source, year, "source")
        bench = self._resolve(self.benchmark, year, "benchmark")
        unit = self.unit
        if actual is None or bench is None:
            missing = "value" if actual is None else "benchmark"
            return TargetResult(self.name, year, "no_data", base_year=self.base_year, coverage=0.0,
                                note=f"no {missing} for {year}", unit=unit or "")
        ref = parse_unit(unit) if unit else actual.units
        a = self._convert(actual, ref)
        b = self._convert(bench, ref)
        details = {"benchmark_value": b, "relative_to_benchmark": (a / b - 1.0) if b else float("nan")}
        base = None
        note = ""
        below = a < b
        if self.base_year is not None:
            bq = self._resolve(source, self.base_year, "source")
            if bq is None:
                raise fail("base_year", self.base_year, "no value for the base year", what=self._what())
            base = self._convert(bq, ref)
            details["falling_vs_base"] = a < base
            if not a < base:
                note = f"not lower than in {self.base_year}. "
        if not below:
            note += "not lower than the benchmark. "
        status = "met" if below and (base is None or a < base) else "not_met"
        progress = None
        if base is not None:
            progress = 1.0 if status == "met" else (0.5 if (below or a < base) else 0.0)

        def q(x: float | None):
            return None if x is None else get_registry().Quantity(x, ref)

        return TargetResult(self.name, year, status, actual=q(a), target_value=q(b), gap=q(a - b), base_value=q(base),
                            progress=progress, base_year=self.base_year, note=note.strip(), details=details,
                            unit=unit or f"{ref:~P}")
