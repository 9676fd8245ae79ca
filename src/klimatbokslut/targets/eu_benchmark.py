"""EUClimateBenchmark: which EU climate-benchmark tests (CTB or PAB) a portfolio passes in a year.

The tests are :func:`klimatbokslut.portfolio.climate_benchmark.benchmark_tests` (Delegated
Regulation (EU) 2020/1818): intensity at least 30 % (CTB) or 50 % (PAB) below the universe,
at least 7 % a year of self-decarbonisation after the EVIC inflation adjustment, and the
exclusions. ``met`` when every test of the label passes; ``not_met`` when one fails (the
failing test and its figure are in the note); ``no_data`` when none fails but one lacks data
(its reason in the note).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..units import get_registry
from ..validation import check_year, fail
from .benchmark import BelowBenchmark
from .eu_rules import REDUCTION, benchmark_tests
from .result import TargetResult

__all__ = ["EUClimateBenchmark"]

_LABELS = ("ctb", "pab")


@dataclass(frozen=True, kw_only=True)
class EUClimateBenchmark(BelowBenchmark):
    """The EU Climate Transition (``ctb``) or Paris-aligned (``pab``) Benchmark tests for a portfolio.

    Parameters
    ----------
    name : str
    label : {"ctb", "pab"}
    benchmark : number, Quantity, mapping or object
        The investable universe or index (``"index"`` in a configuration: the benchmark
        portfolio), resolved as in :class:`BelowBenchmark`.
    metric : str
        The intensity compared (default ``carbon_footprint``, t CO2e per MSEK invested: the
        regulation's emissions per EVIC, attributed).
    unit : str, optional
    base_year : int, optional
        First year of the self-decarbonisation series; without it that test has no value.
    evic : mapping year -> float, optional
        Average EVIC of the holdings at each year's end (any one money unit) for the
        inflation adjustment; without it the self-decarbonisation test has no value.

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> class P:                                     # anything with the metric works
    ...     def __init__(self, v): self.v = v
    ...     def carbon_footprint(self): return self.v
    >>> t = targets.EUClimateBenchmark("Klimatindex", label="pab", benchmark=10.0, base_year=2022,
    ...                                evic={2022: 100, 2024: 104}, unit="t CO2e/MSEK")
    >>> r = t.evaluate({2022: P(8.0), 2024: P(4.5)}, 2024)
    >>> r.status, r.details["intensity_passes"], round(r.details["self_decarbonisation_figure"], 4)
    ('met', True, 0.2351)
    >>> t2 = targets.EUClimateBenchmark("Klimatindex", label="pab", benchmark=10.0, unit="t CO2e/MSEK")
    >>> r = t2.evaluate({2024: P(6.5)}, 2024)       # 35 % below: fails the 50 % test
    >>> r.status, r.note
    ('not_met', 'intensity: 35 % below the universe, needs 50 %. self_decarbonisation: no base year.')
    """

    label: str = "ctb"
    evic: Mapping | None = None
    kind: ClassVar[str] = "eu_climate_benchmark"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.label not in _LABELS:
            raise fail("label", self.label, "label must be 'ctb' (Climate Transition Benchmark) or 'pab' "
                                            "(Paris-aligned Benchmark)", what=self._what())
        if self.evic is not None:
            if not isinstance(self.evic, Mapping):
                raise fail("evic", self.evic, "give the average EVIC per year, e.g. {2022 = 1250, 2024 = 1310}",
                           what=self._what())
            self._set(evic={check_year(int(k), "evic", what=self._what()): float(v) for k, v in self.evic.items()})

    def _evaluate(self, source, year: int) -> TargetResult:
        """Every test of the label in ``year``, with the figure deciding each."""
        year = check_year(year, "year", what=self._what())
        actual = self._actual(source, year)
        bq = self._resolve(self.benchmark, year, "benchmark")
        unit = self.unit
        universe = float("nan") if bq is None else (self._convert(bq, bq.units) if not unit else
                                                      self._convert(bq, get_registry().parse_units(unit)))
        series: dict[int, float] = {}
        if self.base_year is not None:
            for y in sorted({self.base_year, year, *(self.evic or {})}):
                if self.base_year <= y <= year:
                    try:
                        series[y] = self._actual(source, y)
                    except Exception:   # no holdings that year: the series lacks it
                        continue
        holdings = None
        held = source.get(year) if isinstance(source, Mapping) else None
        if held is not None and hasattr(held, "holdings"):
            holdings = held.holdings
        t = benchmark_tests(actual, universe, intensity=series, evic=self.evic, year=year,
                            base_year=self.base_year, holdings=holdings)
        mine = t[t["label"] == self.label]
        tests = [{str(k): v for k, v in rec.items()} for rec in mine.drop(columns=["label"]).to_dict("records")]
        flat: dict[str, Any] = {}
        for x in tests:     # flat, so that the targets table has one column per figure
            flat.update({f"{x['test']}_passes": x["passes"], f"{x['test']}_figure": x["figure"],
                         f"{x['test']}_reason": x["reason"]})
            if x.get("failing"):
                flat["excluded_holdings"] = x["failing"]
        failing = [x for x in tests if x["passes"] is False or (x["passes"] is not None and not x["passes"])]
        missing = [x for x in tests if x["passes"] is None]
        notes = [_why(x) for x in failing] + [f"{x['test']}: {x['reason']}." for x in missing]
        status = "not_met" if failing else ("no_data" if missing else "met")
        limit = universe * (1.0 - REDUCTION[self.label]) if math.isfinite(universe) else float("nan")
        ureg = get_registry()
        ref = unit or ""

        def q(x: float):
            return None if not math.isfinite(x) else ureg.Quantity(x, ref)

        return TargetResult(self.name, year, status, actual=q(actual), target_value=q(limit),
                            gap=q(actual - limit) if math.isfinite(actual - limit) else None,
                            base_year=self.base_year, note=" ".join(notes),
                            details={"benchmark_label": self.label, "benchmark_value": universe,
                                     "relative_to_benchmark": (actual / universe - 1.0) if universe else float("nan"),
                                     **flat},
                            unit=ref)


def _why(test: dict[str, Any]) -> str:
    """A failing test with its deciding figure."""
    if test["test"] == "intensity":
        return f"intensity: {test['figure'] * 100:.0f} % below the universe, needs {test['threshold'] * 100:.0f} %."
    if test["test"] == "self_decarbonisation":
        return (f"self-decarbonisation: {test['figure'] * 100:.1f} % a year, needs "
                f"{test['threshold'] * 100:.0f} %.")
    return f"exclusions: {test.get('failing', '')}."
