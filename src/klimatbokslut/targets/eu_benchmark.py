"""EUClimateBenchmark: which EU climate-benchmark tests (CTB or PAB) a portfolio passes in a year.

The tests are :func:`klimatbokslut.portfolio.climate_benchmark.benchmark_tests` (Delegated
Regulation (EU) 2020/1818): intensity at least 30 % (CTB) or 50 % (PAB) below the universe,
at least 7 % a year of self-decarbonisation after the EVIC inflation adjustment, and the
exclusions. ``met`` when every test of the label passes; ``not_met`` when one fails (the
failing test and its figure are in the note); ``no_data`` when none fails but one lacks data
(its reason in the note). The result's ``details`` keep each test as codes and figures
(``{test}_passes``, ``{test}_figure``, ``{test}_threshold``, ``{test}_reason_code`` and the reason's
arguments as ``{test}_{argument}``), from which :meth:`EUClimateBenchmark.note_text` writes the note in a
reader's language.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..text import N_, NP_, percent, ptr, tr
from ..units import get_registry
from ..validation import check_year, fail
from .benchmark import BelowBenchmark
from .eu_rules import REASONS, REDUCTION, benchmark_tests, reason_text
from .result import TargetResult

__all__ = ["EUClimateBenchmark"]

_LABELS = ("ctb", "pab")

#: The tests in the order the note names them, with their words.
TESTS = {"intensity": NP_("benchmark test", "intensity"),
         "self_decarbonisation": NP_("benchmark test", "self-decarbonisation"),
         "scope3_phase_in": NP_("benchmark test", "scope 3 phase-in"),
         "exclusions": NP_("benchmark test", "exclusions")}


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
    ('not_met', 'intensity: 35% below the universe, needs 50%. self-decarbonisation: no base year.')
    >>> t2.note_text(r, "sv")
    'intensitet: 35 % under universumet, krav 50 %. egen minskning: inget basår.'

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
                         f"{x['test']}_threshold": x["threshold"], f"{x['test']}_reason": x["reason"],
                         f"{x['test']}_reason_code": x["reason_code"]})
            flat.update({f"{x['test']}_{k}": v for k, v in (x.get("reason_args") or {}).items()})
            if x.get("failing"):
                flat["excluded_holdings"] = x["failing"]
        failing = [x for x in tests if x["passes"] is False or (x["passes"] is not None and not x["passes"])]
        missing = [x for x in tests if x["passes"] is None]
        status = "not_met" if failing else ("no_data" if missing else "met")
        limit = universe * (1.0 - REDUCTION[self.label]) if math.isfinite(universe) else float("nan")
        ureg = get_registry()
        ref = unit or ""

        def q(x: float):
            return None if not math.isfinite(x) else ureg.Quantity(x, ref)

        return TargetResult(self.name, year, status, actual=q(actual), target_value=q(limit),
                            gap=q(actual - limit) if math.isfinite(actual - limit) else None,
                            base_year=self.base_year, note=_note(flat, "en"),
                            details={"benchmark_label": self.label, "benchmark_value": universe,
                                     "relative_to_benchmark": (actual / universe - 1.0) if universe else float("nan"),
                                     **flat},
                            unit=ref)

    def note_text(self, result: TargetResult, lang: str) -> str:
        """The failing tests with their deciding figures, then the tests without a value and why, in ``lang``."""
        if "intensity_passes" not in result.details:
            return super().note_text(result, lang)
        return _note(result.details, lang)


#: A failing test with its deciding figure, by test.
_FAILS = {"intensity": N_("{test}: {figure} below the universe, needs {needed}."),
          "self_decarbonisation": N_("{test}: {figure} a year, needs {needed}."),
          "exclusions": N_("{test}: {holdings}.")}


def _note(details: Mapping[str, Any], lang: str) -> str:
    """The note of a result's tests (``details`` as :meth:`EUClimateBenchmark._evaluate` keeps them) in ``lang``."""
    fails, missing = [], []
    for test, word in TESTS.items():
        if f"{test}_passes" not in details:
            continue
        passes, name = details[f"{test}_passes"], ptr(lang, *word)
        if passes is None:
            code = details.get(f"{test}_reason_code") or ""
            args = {k: details[f"{test}_{k}"] for k in _placeholders(REASONS.get(code, ""))}
            missing.append(tr(lang, "{test}: {reason}.", test=name, reason=reason_text(code, args, lang)))
        elif not passes:
            digits = 1 if test == "self_decarbonisation" else 0
            fig, needed = details.get(f"{test}_figure"), details.get(f"{test}_threshold")
            fails.append(tr(lang, _FAILS.get(test, _FAILS["exclusions"]), test=name,
                            figure=percent(fig, digits, lang) if fig is not None else "–",
                            needed=percent(needed, 0, lang) if needed is not None else "–",
                            holdings=details.get("excluded_holdings", "")))
    return " ".join(fails + missing)


def _placeholders(msgid: str) -> list[str]:
    """The named placeholders of a message id."""
    return [f for _, f, _, _ in string.Formatter().parse(msgid) if f]
