"""Intensity: the metric per unit of a denominator (kWh per m², CO2e per portion), reduced or capped."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..units import as_quantity, get_registry, parse_unit
from ..validation import check_fraction, check_year, fail
from .base import Target, magnitude_in, milestone_year, per_year
from .measure import Measure, quantity
from .path import check_years, linear_required, no_data, path_result, straight_line
from .result import TargetResult

__all__ = ["Intensity"]


@dataclass(frozen=True, kw_only=True)
class Intensity(Target):
    """The metric per unit of a denominator (kWh per m², CO2e per portion), reduced or capped.

    Give either ``fraction`` with ``base_year`` and ``target_year`` (reduce the intensity by
    a fraction of its base-year value, straight-line trajectory) or ``limit`` (keep it at or
    below a value each year, or at or below the limit in force in each year).

    Parameters
    ----------
    name : str
    denominator : Quantity, str, or mapping year -> Quantity/str
        e.g. ``"120 000 m2"`` for every year, or ``{2021: "118 000 m2", 2024: "121 500 m2"}``.
        A year without a denominator is ``no_data`` (an error for the base year).
    fraction : float, optional
        Reduction of the intensity by the target year [-], 0–1.
    base_year, target_year : int, optional
        With ``fraction`` both are needed. With ``limit`` a ``base_year`` is optional (it gives
        the base-year value, ``progress`` and the change since then); ``target_year`` is not used.
    limit : number, Quantity, str, or mapping year -> limit, optional
        Highest allowed intensity [intensity unit]. A mapping gives milestones
        (``{2024: 77, 2025: 76, 2026: 75}``, TOML string keys accepted): the limit of a year
        is that of the latest milestone year not after it; a year before the first is
        ``no_data`` (no limit applies yet). ``details["milestone"]`` gives the year and limit.
    intensity_unit : str, optional
        Unit of the result, e.g. ``"kWh/m2"``; default metric unit / denominator unit.
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["el", "el"], "amount": [1000, 900], "unit": ["MWh", "MWh"],
    ...                                  "year": [2021, 2024]}))
    >>> t = targets.Intensity("El per m2", denominator={2021: "10 000 m2", 2024: "10 000 m2"}, metric="energy",
    ...                       intensity_unit="kWh/m2", fraction=0.08, base_year=2021, target_year=2028)
    >>> r = t.evaluate(led, 2024)
    >>> r.actual, r.target_value, r.status
    (<Quantity(90.0, 'kilowatt_hour / m2')>, <Quantity(92.0, 'kilowatt_hour / m2')>, 'met')

    A limit per year stays until the next one (2024 is under the 2023 limit of 92):

    >>> t = targets.Intensity("El per m2", denominator="10 000 m2", metric="energy", intensity_unit="kWh/m2",
    ...                       limit={"2023": 92, "2025": 88})
    >>> r = t.evaluate(led, 2024)
    >>> r.target_value.magnitude, r.status, r.details["milestone"]
    (92.0, 'met', {'year': 2023, 'limit': 92.0})
    >>> t.evaluate(led, 2021).note
    'no limit applies yet: the first limit is for 2023'
    """

    denominator: Any
    fraction: float | None = None
    base_year: int | None = None
    target_year: int | None = None
    limit: Any = None
    intensity_unit: str | None = None
    #: The denominator by year as Quantities of one unit; the key None when one applies to every year.
    _dens: dict[int | None, Any] = field(init=False, repr=False, compare=False)
    #: Metric unit per denominator unit -> intensity unit.
    _factor: float = field(init=False, repr=False, compare=False)
    #: The highest allowed intensity by year [intensity unit], the key None when one applies to
    #: every year; None for a reduction.
    _limits: dict[int | None, float] | None = field(init=False, repr=False, compare=False)
    kind: ClassVar[str] = "intensity"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        den = per_year(self.denominator)
        dens: dict[int | None, Any]
        if isinstance(den, Mapping):
            dens = {y: as_quantity(v, None, column="denominator", what=what) for y, v in den.items()}
        else:
            dens = {None: as_quantity(den, None, column="denominator", what=what)}
        if not dens:
            raise fail("denominator", "{}", "give the denominator (e.g. \"100 000 m2\") or one per year "
                       "(e.g. {2024 = \"100 000 m2\"})", what=what)
        for y, q in dens.items():
            if not q.magnitude > 0:
                raise fail("denominator", f"{q} ({y})" if y else str(q), "a denominator must be above 0", what=what)
        units = {str(q.units) for q in dens.values()}
        ref = next(iter(dens.values())).units
        try:
            dens = {y: q.to(ref) for y, q in dens.items()}
        except Exception:
            raise fail("denominator", ", ".join(sorted(units)), "all denominators need one dimension",
                       what=what) from None
        iu = self.intensity_unit or f"({self.unit}) / ({ref:~})"
        try:
            factor = float(quantity(1.0, self.unit).__truediv__(get_registry().Quantity(1.0, ref))
                           .to(parse_unit(iu)).magnitude)
        except Exception:
            raise fail("intensity_unit", iu, f"not a unit of {self.unit} per {ref:~}", what=what) from None
        self._set(intensity_unit=iu, _dens=dens, _factor=factor)
        reduce = self.fraction is not None
        if reduce == (self.limit is not None):
            raise fail("fraction/limit", (self.fraction, self.limit),
                       "give either fraction (with base_year and target_year) or limit", what=what)
        if reduce:
            self._set(fraction=check_fraction(self.fraction, "fraction", what=what))
            check_years(self.base_year, self.target_year, what)
            self._set(_limits=None)
        else:
            if self.target_year is not None:
                raise fail("target_year", self.target_year, "a limit applies in every year; target_year goes with "
                                                            "fraction (give limits by year for milestones)", what=what)
            if self.base_year is not None:
                check_year(self.base_year, "base_year", what=what)
            self._set(_limits=self._check_limits(iu))

    def _check_limits(self, iu: str) -> dict[int | None, float]:
        """The limit(s) in the intensity unit, by year (the key None for one limit), each above 0."""
        what = self._what()
        raw = per_year(self.limit)
        items = raw.items() if isinstance(raw, Mapping) else [(None, raw)]
        if isinstance(raw, Mapping) and not raw:
            raise fail("limit", raw, "no limits given", what=what)
        limits: dict[int | None, float] = {}
        for y, v in items:
            col = "limit" if y is None else f"limit[{y}]"
            if y is not None:
                check_year(y, col, what=what)
            lim = magnitude_in(as_quantity(v, iu, column=col, what=what), iu, what, col)
            if not lim > 0:
                raise fail(col, v, "a limit must be above 0", what=what)
            limits[y] = lim
        return dict(sorted(limits.items(), key=lambda kv: -1 if kv[0] is None else kv[0]))

    def limit_for(self, year: int) -> tuple[int | None, float] | None:
        """The limit in force in ``year`` as (milestone year or None, limit); None before the first milestone.

        Raises ``TypeError`` for an intensity reduced by a fraction (it has no limit).
        """
        if self._limits is None:
            raise TypeError(f"{self._what()} is a reduction by a fraction; it has no limit")
        if None in self._limits:
            return None, self._limits[None]
        y = milestone_year(self._limits, year)
        return None if y is None else (y, self._limits[y])

    @property
    def moves_with_base_year(self) -> bool:
        """True for a reduction by a fraction of the base-year intensity; a limit stays where it is."""
        return self.fraction is not None

    @property
    def chart_kind(self) -> str:
        """``"path"`` for a reduction to a target year, else ``"limit"``."""
        return "path" if self.target_year is not None else "limit"

    def _q(self, value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else quantity(
            value, self.intensity_unit)

    def _unit_label(self) -> str:
        return self.intensity_unit or ""

    def denominator_for(self, year: int):
        """The denominator in ``year`` (Quantity), or None when not given."""
        dens = self._dens
        return dens.get(None, dens.get(year))

    def _intensity(self, ledger, year: int) -> tuple[float, Measure, str]:
        m = self.measure(ledger, year)
        den = self.denominator_for(year)
        if den is None:
            return float("nan"), m, f"no denominator for {year}"
        if math.isnan(m.value):
            return float("nan"), m, ""
        return m.value / float(den.magnitude) * self._factor, m, ""

    def _actual(self, source, year: int) -> float:
        return self._intensity(source, year)[0]

    def _base_intensity(self, ledger, base_year: int) -> float:
        """The intensity in the base year, or an error naming what is missing."""
        b, bm, note = self._intensity(ledger, base_year)
        if note:
            raise fail("base_year", base_year, f"no denominator for the base year {base_year}", what=self._what())
        self._require_base(Measure(b, bm.rows, 0, 0, 0, bm.note), ledger, base_year)
        return b

    @classmethod
    def from_levels(cls, name: str, levels: Mapping[int, float], *, at_least: bool, **params: Any) -> Intensity:
        """A limit per year [``intensity_unit``] (the plan's *högst*); see :meth:`Target.from_levels`."""
        if at_least:
            raise TypeError("an intensity's targets are limits: write högst (at most)")
        return cls(name, limit=dict(levels), **params)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        dens = self._dens
        out["denominator"] = ({str(y): f"{q.magnitude} {q.units:~P}" for y, q in dens.items()} if None not in dens
                              else f"{dens[None].magnitude} {dens[None].units:~P}")
        if self._limits is not None and None not in self._limits:
            out["limit"] = {str(y): v for y, v in self._limits.items()}
        return out

    def _evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the intensity target in ``year`` [intensity unit]."""
        year = check_year(year, "year", what=self._what())
        if self._limits is not None:
            return self._evaluate_limit(ledger, year)
        assert self.base_year is not None and self.target_year is not None and self.fraction is not None  # checked
        b = self._base_intensity(ledger, self.base_year)
        tv = b * (1.0 - self.fraction)
        traj = straight_line(b, tv, self.base_year, self.target_year, year)
        v, m, note = self._intensity(ledger, year)
        if math.isnan(v):
            return no_data(self, year, m, b, self.base_year, self.target_year, tv, traj, note=note)
        return path_result(self, year, v, m, target_value=tv, trajectory=traj, base=b, base_year=self.base_year,
                           target_year=self.target_year,
                           required=linear_required(v, tv, b, self.target_year - year))

    def _evaluate_limit(self, ledger, year: int) -> TargetResult:
        """At or below the limit in force in ``year``: ``met``, else ``not_met``."""
        b = None if self.base_year is None else self._base_intensity(ledger, self.base_year)
        v, m, note = self._intensity(ledger, year)
        in_force = self.limit_for(year)
        if in_force is None:
            first = min(y for y in (self._limits or {}) if y is not None)
            return no_data(self, year, m, b, self.base_year, note=f"no limit applies yet: the first limit is for "
                                                                     f"{first}")
        y, lim = in_force
        details = {} if y is None else {"milestone": {"year": y, "limit": lim}}
        if math.isnan(v):
            return no_data(self, year, m, b, self.base_year, target_value=lim, trajectory=lim, note=note,
                           details=details)
        return path_result(self, year, v, m, target_value=lim, trajectory=lim, base=b, base_year=self.base_year,
                           details=details)
