"""Intensity: the metric per unit of a denominator (kWh per m², CO2e per portion), reduced or capped."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..units import as_quantity, get_registry, parse_unit
from ..validation import check_fraction, check_year, fail
from .base import Target, magnitude_in, per_year
from .measure import Measure, quantity
from .path import check_years, linear_required, no_data, path_result, straight_line
from .result import TargetResult

__all__ = ["Intensity"]


@dataclass(frozen=True, kw_only=True)
class Intensity(Target):
    """The metric per unit of a denominator (kWh per m², CO2e per portion), reduced or capped.

    Give either ``fraction`` with ``base_year`` and ``target_year`` (reduce the intensity by
    a fraction of its base-year value, straight-line trajectory) or ``limit`` (keep it at or
    below a value each year).

    Parameters
    ----------
    name : str
    denominator : Quantity, str, or mapping year -> Quantity/str
        e.g. ``"120 000 m2"`` for every year, or ``{2021: "118 000 m2", 2024: "121 500 m2"}``.
        A year without a denominator is ``no_data`` (an error for the base year).
    fraction : float, optional
        Reduction of the intensity by the target year [-], 0–1.
    base_year, target_year : int, optional
    limit : number, Quantity or str, optional
        Highest allowed intensity [intensity unit].
    intensity_unit : str, optional
        Unit of the result, e.g. ``"kWh/m2"``; default metric unit / denominator unit.
    select, metric, unit, method, unknown
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
    #: The highest allowed intensity [intensity unit]; None for a reduction.
    _limit: float | None = field(init=False, repr=False, compare=False)
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
            self._set(_limit=None)
        else:
            lim = magnitude_in(as_quantity(self.limit, iu, column="limit", what=what), iu, what, "limit")
            self._set(_limit=lim)

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
        m = self._measure(ledger, year)
        den = self.denominator_for(year)
        if den is None:
            return float("nan"), m, f"no denominator for {year}"
        if math.isnan(m.value):
            return float("nan"), m, ""
        return m.value / float(den.magnitude) * self._factor, m, ""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        dens = self._dens
        out["denominator"] = ({str(y): f"{q.magnitude} {q.units:~P}" for y, q in dens.items()} if None not in dens
                              else f"{dens[None].magnitude} {dens[None].units:~P}")
        return out

    def _evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the intensity target in ``year`` [intensity unit]."""
        year = check_year(year, "year", what=self._what())
        if self._limit is not None:
            lim = self._limit
            v, m, note = self._intensity(ledger, year)
            if math.isnan(v):
                return no_data(self, year, m, target_value=lim, trajectory=lim, note=note)
            return path_result(self, year, v, m, target_value=lim, trajectory=lim)
        assert self.base_year is not None and self.target_year is not None and self.fraction is not None  # checked
        b, bm, note = self._intensity(ledger, self.base_year)
        if note:
            raise fail("base_year", self.base_year, f"no denominator for the base year {self.base_year}",
                       what=self._what())
        self._require_base(Measure(b, bm.rows, 0, 0, 0, bm.note), ledger, self.base_year)
        tv = b * (1.0 - self.fraction)
        traj = straight_line(b, tv, self.base_year, self.target_year, year)
        v, m, note = self._intensity(ledger, year)
        if math.isnan(v):
            return no_data(self, year, m, b, self.base_year, self.target_year, tv, traj, note=note)
        return path_result(self, year, v, m, target_value=tv, trajectory=traj, base=b, base_year=self.base_year,
                           target_year=self.target_year,
                           required=linear_required(v, tv, b, self.target_year - year))
