"""The common part of every target: parameters, the checks they pass, the protocol, and the registry of kinds.

A target kind is a frozen dataclass deriving from :class:`Target` (or from
:class:`~klimatbokslut.targets.path.PathTarget` for a reduction along a path) with a
``kind`` class attribute; defining the class registers it in :data:`KINDS` under that
name, which is the ``type`` a configuration gives (``type = "cap"``).

Code outside :mod:`klimatbokslut.targets` never compares a kind's name: it asks the
target. The protocol every kind answers (defaults here; a kind overrides what differs):

* ``evaluate(source, year)`` -> :class:`~klimatbokslut.targets.TargetResult`;
* ``measure(ledger, year)`` -> :class:`~klimatbokslut.targets.measure.Measure`, the metric
  of the selected rows of one year;
* ``chart_kind`` (``"path"``, ``"limit"``, ``"benchmark"`` or ``"budget"``), and
  ``chart_lines(result, series)`` / ``chart_years(result)``: the lines and years of its chart;
* ``note_text(result, lang)``: the result's note in the reader's language;
* ``change_as`` (``"relative"`` or ``"points"``): how the change since the base year reads;
* ``moves_with_base_year``: whether its thresholds are derived from the base-year value (a
  restated or simulated base year moves them);
* ``cumulative`` and ``actual_terms(ledger, result)``: whether the actual value is a sum
  over years, and the actual value as terms proportional to each year's ledger total
  (what a Monte Carlo redraws);
* ``reads_ledger``: whether ``evaluate`` takes a ledger (else the holder of ``metric``, a
  portfolio); ``ledger_base_year``: whether its ``base_year`` is a year of the ledger;
* ``index_parameter`` and ``with_index(index)``: the parameter a configuration may give as
  ``"index"`` (the benchmark portfolio), and the target with the index put in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field, fields, replace
from typing import Any, ClassVar

import pandas as pd

from ..errors import InputError, UnitError
from ..text import tr
from ..units import parse_unit
from ..validation import canonical_selection, fail, set_checked
from .measure import METRIC_DIM, METRICS, Measure, quantity
from .measure import measure as measure_metric
from .result import STATUS_RULES, TargetResult

__all__ = ["KINDS", "CHARTS", "UNKNOWN", "ChartLine", "Target", "kind_class", "per_year", "magnitude_in",
           "milestone_year", "trend"]

#: What a target may do with selected rows that lack the data its metric needs.
UNKNOWN = ("no_data", "exclude")

#: The year is not a selection: targets take it in ``evaluate``.
NO_YEAR = {"year": "the year is given to evaluate(); do not select on it"}

#: Target kinds by name, in the order they were defined (filled by :meth:`Target.__init_subclass__`).
KINDS: dict[str, type[Target]] = {}

#: The kinds of chart a target asks for (:attr:`Target.chart_kind`).
CHARTS = ("path", "limit", "benchmark", "budget")


def kind_class(name: Any) -> type[Target] | None:
    """The target class registered under ``name`` (a configuration's ``type``); None for any other value.

    Examples
    --------
    >>> import klimatbokslut.targets
    >>> kind_class("cap").__name__, kind_class("reduce"), kind_class(["cap"])
    ('Cap', None, None)
    """
    return KINDS.get(name) if isinstance(name, str) else None


@dataclass(frozen=True)
class ChartLine:
    """One line of a target's chart.

    Attributes
    ----------
    label : str
        What the line is, as a code the report puts in words: ``"actual"``, ``"path"``,
        ``"limit"``, ``"benchmark"``, ``"budget_used"``, ``"budget"``, ``"budget_path"``.
    points : list of (int, float)
        ``(year, value)`` [the result's unit].
    dashed : bool
        A reference line (the path, a limit) rather than a measured series.
    """

    label: str
    points: list[tuple[int, float]]
    dashed: bool = False


def per_year(value: Any) -> Any:
    """A mapping or Series by year with int keys (TOML keys are strings); anything else as it is.

    Examples
    --------
    >>> per_year({"2024": "2 000 kg"}), per_year(5)
    ({2024: '2 000 kg'}, 5)
    """
    if isinstance(value, (pd.Series, Mapping)):
        pairs: Iterable[tuple[Any, Any]] = value.items()    # a Series' labels are typed Hashable; years here
        return {int(k): v for k, v in pairs}
    return value


def milestone_year(years: Iterable[int | None], year: int) -> int | None:
    """The milestone year in force in ``year``: the latest milestone year not after it; None before the first.

    A value given for a year stays until the next one.

    Examples
    --------
    >>> milestone_year([2022, 2024, 2026], 2025), milestone_year([2022, 2024], 2021)
    (2024, None)
    """
    earlier = [y for y in years if y is not None and y <= year]
    return max(earlier) if earlier else None


def trend(previous: float, actual: float, lower_is_better: bool) -> str:
    """``"improving"``, ``"worsening"`` or ``"unchanged"`` from the previous value to ``actual``.

    Differences within 1e-12 of the values' size count as unchanged (rounding).

    Examples
    --------
    >>> trend(0.39, 0.413, lower_is_better=False), trend(80.0, 82.0, lower_is_better=True)
    ('improving', 'worsening')
    """
    d = (previous - actual) if lower_is_better else (actual - previous)
    if abs(d) <= 1e-12 * max(abs(previous), abs(actual), 1.0):
        return "unchanged"
    return "improving" if d > 0 else "worsening"


def magnitude_in(q, unit: str | None, what: str, column: str) -> float:
    """The magnitude of ``q`` in ``unit`` (as given when no unit), or a :class:`UnitError`."""
    if not unit:
        if q.dimensionless:
            return float(q.to("dimensionless").magnitude)
        return float(q.magnitude)
    try:
        return float(q.to(parse_unit(unit)).magnitude)
    except Exception:
        raise UnitError(str(q.units), f"{what}: {column}", expected=[unit]) from None


@dataclass(frozen=True)
class Target:
    """Common part of the ledger targets (not used directly).

    Parameters
    ----------
    name : str
        The target as the programme names it.
    select : dict, optional
        Ledger-column filters: column -> value or list of values.
    metric : {"co2e", "energy", "amount", "co2", "ch4", "n2o"}
        What is measured (see the module documentation).
    unit : str, optional
        Unit of the metric; default per :data:`METRICS` (``"amount"`` needs one).
    method : {"market", "location"}, optional
        Scope-2 method for ``co2e`` (default: the ledger's).
    unknown : {"no_data", "exclude"}
        What to do when selected rows lack data the metric needs (an unknown renewable
        share or heating value): ``"no_data"`` makes the year ``no_data``; ``"exclude"``
        evaluates the known rows and reports the coverage. Never counted as zero.
    status_rule : {"standard", "trend"}
        How the Swedish status word of a result that is not met is chosen: ``"standard"``
        gives *delvis* when ``progress > 0``; ``"trend"`` also gives *delvis* when the value
        improved since the previous year with data (``details["trend"]``, see
        :meth:`evaluate`). ``status`` itself is the same under both rules.
    """

    name: str
    _: KW_ONLY
    select: Mapping[str, Any] = field(default_factory=dict)
    metric: str = "co2e"
    unit: str | None = None
    method: str | None = None
    unknown: str = "no_data"
    status_rule: str = "standard"

    #: Whether a lower value is better (emissions, energy); False for shares.
    lower_is_better: ClassVar[bool] = True

    #: The name of the kind in configurations and :meth:`to_dict` (``"cap"``); a subclass
    #: that sets it is registered in :data:`KINDS`.
    kind: ClassVar[str] = ""

    #: How the change since the base year reads: ``"relative"`` (a percentage of the base-year
    #: value) or ``"points"`` (a difference of shares, in percentage points).
    change_as: ClassVar[str] = "relative"

    #: The actual value is a sum over the years since a start year (a budget): a simulation also
    #: gives the probability of staying within the whole target value.
    cumulative: ClassVar[bool] = False

    #: ``base_year`` (when the kind has one) is a year of the ledger, which a configuration can check.
    ledger_base_year: ClassVar[bool] = True

    #: The parameter a configuration may give as ``"index"``, the benchmark portfolio (None: none).
    index_parameter: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("kind")
        if not kind:
            return
        known = KINDS.get(kind)
        if known is not None and (known.__module__, known.__qualname__) != (cls.__module__, cls.__qualname__):
            raise TypeError(f"target kind {kind!r} is already defined by {known.__module__}.{known.__qualname__}")
        KINDS[kind] = cls

    def __post_init__(self) -> None:
        what = self._what()
        if not isinstance(self.name, str) or not self.name.strip():
            raise fail("name", self.name, "a target needs a name", what="target")
        self._check_metric(what)
        if self.method not in (None, "market", "location"):
            raise fail("method", self.method, "method must be 'market', 'location' or None", what=what)
        if self.unknown not in UNKNOWN:
            raise fail("unknown", self.unknown, f"unknown must be one of {', '.join(UNKNOWN)}", what=what)
        if self.status_rule not in STATUS_RULES:
            raise fail("status_rule", self.status_rule, f"status_rule must be one of {', '.join(STATUS_RULES)}",
                       what=what)
        self._set(select=dict(self.select or {}))
        canonical_selection(self.select, what=what, forbid=NO_YEAR)

    def _set(self, **values: Any) -> None:
        """Normalise fields in ``__post_init__`` (see :func:`klimatbokslut.validation.set_checked`)."""
        set_checked(self, **values)

    def _check_metric(self, what: str) -> None:
        """The metric is a ledger metric; ``unit`` becomes its unit (default per :data:`METRICS`)."""
        if self.metric not in METRICS:
            raise fail("metric", self.metric, f"metric must be one of {', '.join(METRICS)}", what=what)
        unit = self.unit or METRICS[self.metric]
        if unit is None:
            raise fail("unit", None, "the amount metric needs a unit, e.g. 'km', 'kg', 'l', 'MWh'", what=what)
        try:
            pu = parse_unit(unit)
        except UnitError:
            raise fail("unit", unit, "unknown unit", what=what) from None
        if self.metric in METRIC_DIM:
            if pu.dimensionality != parse_unit(METRIC_DIM[self.metric]).dimensionality:
                raise fail("unit", unit, f"the {self.metric} metric is measured in units like "
                                         f"{METRIC_DIM[self.metric]}", what=what)
        self._set(unit=unit)

    def _what(self) -> str:
        return f"target {getattr(self, 'name', '?')!r}"

    def _selection(self, select: Mapping[str, Any]) -> dict[str, list]:
        return canonical_selection(select, what=self._what(), forbid=NO_YEAR)

    def measure(self, ledger, year: int, *, numerator: Mapping[str, Any] | None = None,
                share_of: str | None = None) -> Measure:
        """The target's metric over its selected ledger rows of ``year`` [target unit].

        Parameters
        ----------
        ledger : Ledger or GivenSeries
            The ledger, or one indicator's values measured elsewhere
            (:class:`klimatbokslut.plan.given.GivenSeries`): then its value of the year, in the
            target's unit, marked "given, not computed" in the note.
        year : int
        numerator : dict, optional
            A further selection of the rows (a share's numerator).
        share_of : str, optional
            A key of :data:`~klimatbokslut.targets.measure.ENERGY_SHARES`: each row's energy
            weighed by that share of it.

        Returns
        -------
        Measure
            The value (NaN when the year has no rows or lacks data), the rows and the coverage.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> from klimatbokslut import targets
        >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [100], "unit": ["kg"], "year": [2024]}))
        >>> targets.Cap("Lustgas", limit=200, metric="n2o").measure(led, 2024).value
        100.0
        """
        given = getattr(ledger, "given_measure", None)     # values measured elsewhere (klimatbokslut.plan.given)
        if given is not None:
            return given(int(year), self.unit, self._what())
        return measure_metric(ledger, int(year), self._selection(self.select), self.metric, self.unit or "",
                              self.method, self.unknown, self._what(),
                              numerator=None if numerator is None else self._selection(numerator), share_of=share_of)

    # ------------------------------------------------------------------ what callers ask a target
    @property
    def reads_ledger(self) -> bool:
        """Whether :meth:`evaluate` takes a ledger (False: the holder of ``metric``, e.g. portfolios by year)."""
        return True

    @property
    def moves_with_base_year(self) -> bool:
        """Whether the target's thresholds are derived from its base-year value.

        Then a restated base year, or a base year drawn in a simulation, moves them with it.
        """
        return False

    @property
    def chart_kind(self) -> str:
        """The chart the target asks for, one of :data:`CHARTS` (``"limit"`` unless a kind says otherwise)."""
        return "limit"

    def chart_lines(self, result: TargetResult, series: Iterable[TargetResult]) -> list[ChartLine]:
        """The lines of the target's chart: the actual values, then its reference line.

        Parameters
        ----------
        result : TargetResult
            The result of the report year.
        series : iterable of TargetResult
            The results of the years shown.

        Returns
        -------
        list of ChartLine
            Values in the result's unit. The reference line is the path (base-year value,
            the trajectory in each year, target value) for a ``"path"`` chart, and the target
            value of each year for a ``"limit"`` or ``"benchmark"`` chart.

        Examples
        --------
        >>> from klimatbokslut import targets
        >>> from klimatbokslut.units import Q_
        >>> cap = targets.Cap("Lustgas", limit=200, metric="n2o")
        >>> r = targets.TargetResult("Lustgas", 2024, "met", actual=Q_(150.0, "kg"), target_value=Q_(200.0, "kg"),
        ...                          unit="kg")
        >>> [(line.label, line.points) for line in cap.chart_lines(r, [r])]
        [('actual', [(2024, 150.0)]), ('limit', [(2024, 200.0)])]
        """
        series = list(series)
        d = result.to_dict()
        lines = [ChartLine("actual", [(s.year, s.to_dict()["actual"]) for s in series if s.actual is not None])]
        if self.chart_kind == "path":
            path = []
            if d.get("base_year") is not None and d.get("base_value") is not None:
                path.append((d["base_year"], d["base_value"]))
            path += [(s.year, s.to_dict()["trajectory_value"]) for s in series
                     if s.trajectory_value is not None and s.year != d.get("base_year")]
            if d.get("target_year") is not None and d.get("target_value") is not None:
                path.append((d["target_year"], d["target_value"]))
            lines.append(ChartLine("path", sorted(set(path)), dashed=True))
        else:
            lines.append(ChartLine(self.chart_kind, [(s.year, s.to_dict()["target_value"]) for s in series
                                                     if s.target_value is not None], dashed=True))
        return lines

    def note_text(self, result: TargetResult, lang: str) -> str:
        """The result's note in ``lang``: what the reader should know beside the status.

        The default is :attr:`TargetResult.note` (English), translated where the note is a message of
        the catalogs; a kind that keeps its note as codes and figures in ``result.details`` writes it
        from them (:class:`~klimatbokslut.targets.EUClimateBenchmark`).

        Examples
        --------
        >>> from klimatbokslut import targets
        >>> cap = targets.Cap("Lustgas", limit=200, metric="n2o")
        >>> r = targets.TargetResult("Lustgas", 2024, "no_data", note="no ledger rows for the selection in this year")
        >>> cap.note_text(r, "en"), cap.note_text(r, "sv")
        ('no ledger rows for the selection in this year', 'inga rader i huvudboken för urvalet detta år')
        """
        return tr(lang, result.note) if result.note else ""

    def chart_years(self, result: TargetResult) -> list[int]:
        """The years the chart's axis must show: the result's base and target year, where it has them."""
        return [y for y in (result.base_year, result.target_year) if y is not None]

    def actual_terms(self, ledger, result: TargetResult) -> dict[int, float]:
        """The result's actual value as terms by year, each proportional to that year's selected ledger total.

        A Monte Carlo redraws the actual value as Σ term × (that year's draw / its point
        value). One term, the actual value itself, unless the kind sums over years.

        Returns
        -------
        dict of int to float
            Year -> term [the result's unit]; empty when the result has no actual value.
        """
        if result.actual is None:
            return {}
        return {int(result.year): float(result.actual.magnitude)}

    @classmethod
    def from_levels(cls, name: str, levels: Mapping[int, float], *, at_least: bool, **params: Any) -> Target:
        """The target of a plan's row: ``levels`` (year -> value in the target's unit, or a fraction) per year.

        A kind that can follow a value per year overrides it (a cap, a floor, a share, an
        intensity, a reduction with milestones); ``at_least`` says whether the value shall be
        at least (True) or at most the level. ``params`` are the kind's other parameters.

        Raises
        ------
        TypeError
            The kind takes no levels per year, or not in that direction.
        """
        takes = [k for k, c in KINDS.items() if "from_levels" in vars(c)]
        raise TypeError(f"a {cls.kind or cls.__name__} target takes no target per year; kinds that do: "
                        f"{', '.join(takes)}")

    #: Whether a plan's levels for the kind are reductions from the base-year value (always "at least").
    levels_are_reductions: ClassVar[bool] = False

    def with_index(self, index: Any) -> Target:
        """The target with the benchmark portfolio(s) ``index`` put in as :attr:`index_parameter`."""
        if self.index_parameter is None:
            raise TypeError(f"{self._what()} takes no benchmark index")
        return replace(self, **{self.index_parameter: index})

    def _unit_label(self) -> str:
        return self.unit or ""

    def _q(self, value: float | None):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else quantity(value,
                                                                                                       self.unit)

    def _base(self, ledger, base_year: int) -> float:
        m = self.measure(ledger, base_year)
        return self._require_base(m, ledger, base_year)

    def _require_base(self, m: Measure, ledger, base_year: int) -> float:
        if m.rows == 0:
            years = sorted(set(ledger.frame["year"].astype(int)))
            raise fail("base_year", base_year, f"no ledger rows for the selection in the base year; years with data: "
                                               f"{', '.join(map(str, years))}", what=self._what())
        if math.isnan(m.value):
            raise fail("base_year", base_year, f"the base-year value is not known: {m.note} Supply the data or use "
                                               "unknown='exclude'", what=self._what())
        return m.value

    def to_dict(self) -> dict[str, Any]:
        """The target as plain values, readable by :func:`~klimatbokslut.targets.from_dict`.

        Examples
        --------
        >>> from klimatbokslut.targets import Cap
        >>> Cap("Lustgas", limit=2000, metric="n2o", select={"activity": "n2o"}).to_dict()["type"]
        'cap'
        """
        out: dict[str, Any] = {"type": self.kind}
        for f in fields(self):
            if not f.init:          # derived state (a cap's limits per year ...), rebuilt from the parameters
                continue
            v = getattr(self, f.name)
            if f.name == "status_rule" and v == "standard":
                continue            # the default is left out, so older configurations read the same
            if hasattr(v, "units") and hasattr(v, "magnitude"):
                v = f"{v.magnitude} {v.units:~P}" if not v.dimensionless else float(v.magnitude)
            out[f.name] = v
        return out

    def evaluate(self, ledger, year: int) -> TargetResult:
        """The target's result in ``year`` (see :class:`~klimatbokslut.targets.TargetResult`).

        With ``status_rule="trend"`` the result also carries ``details["trend"]``: the value
        compared with the previous year that has a value (``year − 1``, else the latest
        earlier year with data), in the target's good direction (lower for emissions,
        energy and intensities; higher for shares): ``"improving"``, ``"worsening"``,
        ``"unchanged"``, or ``"unknown"`` (no value this year or in any earlier year), and
        ``details["trend_from_year"]``, the year compared with (None when unknown).
        """
        result = self._evaluate(ledger, year)
        if self.status_rule != "trend":
            return result
        return replace(result, status_rule="trend", details={**result.details, **self._trend(ledger, result)})

    def _evaluate(self, ledger, year: int) -> TargetResult:  # pragma: no cover - every kind overrides it
        """The result in ``year`` under the standard rule; each kind defines it."""
        raise TypeError(f"{type(self).__name__} is not a target kind; use one of {', '.join(KINDS)}")

    def _actual(self, source, year: int) -> float:
        """The value of the metric in ``year`` [the result's unit]; NaN when unknown (kinds measure otherwise)."""
        return self.measure(source, year).value

    def _earlier_years(self, source, year: int) -> list[int]:
        """Years before ``year`` that may have a value, latest first (a ledger's years; a mapping's keys)."""
        frame = getattr(source, "frame", None)
        if frame is not None and "year" in frame:
            years = {int(y) for y in frame["year"]}
        elif isinstance(source, (pd.Series, Mapping)):
            years = {int(y) for y in source.keys()}
        else:
            years = {year - 1}
        return sorted((y for y in years if y < year), reverse=True)

    def _trend(self, source, result: TargetResult) -> dict[str, Any]:
        """``trend`` and ``trend_from_year`` of a result (see :meth:`evaluate`)."""
        if result.actual is None or result.status == "no_data":
            return {"trend": "unknown", "trend_from_year": None}
        actual = self._actual(source, result.year)
        for y in self._earlier_years(source, result.year):
            try:
                prev = self._actual(source, y)
            except InputError:      # the selection has no rows in that year (it has in this one)
                continue
            if prev is not None and not math.isnan(prev):
                return {"trend": trend(prev, actual, self.lower_is_better), "trend_from_year": y}
        return {"trend": "unknown", "trend_from_year": None}
