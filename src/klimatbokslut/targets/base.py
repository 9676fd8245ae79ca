"""The common part of every target: parameters, the checks they pass, and the registry of kinds.

A target kind is a frozen dataclass deriving from :class:`Target` (or from
:class:`~klimatbokslut.targets.path.PathTarget` for a reduction along a path) with a
``kind`` class attribute; defining the class registers it in :data:`KINDS` under that
name, which is the ``type`` a configuration gives (``type = "cap"``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field, fields, replace
from typing import Any, ClassVar

import pandas as pd

from ..errors import InputError, UnitError
from ..units import parse_unit
from ..validation import canonical_selection, fail, set_checked
from .measure import METRIC_DIM, METRICS, Measure, measure, quantity
from .result import STATUS_RULES, TargetResult

__all__ = ["KINDS", "UNKNOWN", "Target", "per_year", "magnitude_in", "milestone_year", "trend"]

#: What a target may do with selected rows that lack the data its metric needs.
UNKNOWN = ("no_data", "exclude")

#: The year is not a selection: targets take it in ``evaluate``.
NO_YEAR = {"year": "the year is given to evaluate(); do not select on it"}

#: Target kinds by name, in the order they were defined (filled by :meth:`Target.__init_subclass__`).
KINDS: dict[str, type[Target]] = {}


def per_year(value: Any) -> Any:
    """A mapping or Series by year with int keys (TOML keys are strings); anything else as it is.

    Examples
    --------
    >>> per_year({"2024": "2 000 kg"}), per_year(5)
    ({2024: '2 000 kg'}, 5)
    """
    if isinstance(value, (pd.Series, Mapping)):
        return {int(k): v for k, v in value.items()}
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

    def _measure(self, ledger, year: int, *, renewable: bool = False,
                 numerator: Mapping[str, list] | None = None, share_of: str | None = None) -> Measure:
        return measure(ledger, int(year), self._selection(self.select), self.metric, self.unit or "", self.method,
                       self.unknown, self._what(), renewable=renewable, numerator=numerator, share_of=share_of)

    def _unit_label(self) -> str:
        return self.unit or ""

    def _q(self, value: float | None):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else quantity(value,
                                                                                                       self.unit)

    def _base(self, ledger, base_year: int) -> float:
        m = self._measure(ledger, base_year)
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
        return self._measure(source, year).value

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
