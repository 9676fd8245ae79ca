"""Floor: a quantity that shall reach at least a value each year (own solar power, m² of green roofs)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..units import as_quantity
from ..validation import check_year, fail
from .base import Target, magnitude_in, milestone_year, per_year
from .path import check_years, no_data, path_result, straight_line
from .result import TargetResult

__all__ = ["Floor"]


@dataclass(frozen=True, kw_only=True)
class Floor(Target):
    """At least a value of the metric each year: the floor of a quantity that shall grow.

    The counterpart of :class:`~klimatbokslut.targets.Cap`: met at or above the floor, so
    600 MWh of own solar power against "at least 500 MWh" is met and 700 against "at least
    800" is not.

    Parameters
    ----------
    name : str
    minimum : number, Quantity, str, or mapping year -> value
        The floor [target unit]; a number is read in ``unit``; ``"5 300 m2"`` is accepted.
        A mapping gives milestones (``{2024: 500, 2025: 800, 2026: 1100}``, TOML string keys
        accepted): the floor of a year is that of the latest milestone year not after it; a
        year before the first is ``no_data`` (no floor applies yet), and
        ``details["milestone"]`` gives the year and floor.
    base_year, target_year : int, optional
        With one floor, both or neither: with them the value follows a straight line from
        the base-year value to the floor, and years before the target year can be
        ``on_track``. With milestones only a ``base_year`` may be given (for the base-year
        value, ``progress`` and the change since then); the milestones are the path.
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`; ``metric`` defaults to ``"amount"``, which needs a ``unit``.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["solar_power"] * 2, "amount": [600, 700],
    ...                                  "unit": ["MWh"] * 2, "year": [2024, 2025]}))
    >>> t = targets.Floor("Egen solel", minimum={2024: "500 MWh", 2025: "800 MWh"}, metric="energy",
    ...                   select={"activity": "solar_power"})
    >>> [(r.status, r.actual.magnitude, r.target_value.magnitude) for r in (t.evaluate(led, y) for y in (2024, 2025))]
    [('met', 600.0, 500.0), ('not_met', 700.0, 800.0)]
    """

    minimum: Any
    base_year: int | None = None
    target_year: int | None = None
    metric: str = "amount"
    #: The floor by year [target unit]; the key None when one floor applies to every year.
    _floors: dict[int | None, float] = field(init=False, repr=False, compare=False)
    kind: ClassVar[str] = "floor"
    lower_is_better: ClassVar[bool] = False

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        raw = per_year(self.minimum)
        if isinstance(raw, Mapping):
            if not raw:
                raise fail("minimum", raw, "no minimums given", what=what)
            floors: dict[int | None, float] = {check_year(y, f"minimum[{y}]", what=what): self._in_unit(v, y)
                                               for y, v in sorted(raw.items())}
            if self.target_year is not None:
                raise fail("target_year", self.target_year, "a floor per year is its own path; give a base_year "
                                                            "alone, or one floor with base and target year", what=what)
            if self.base_year is not None:
                check_year(self.base_year, "base_year", what=what)
        else:
            floors = {None: self._in_unit(raw, None)}
            if (self.base_year is None) != (self.target_year is None):
                raise fail("base_year/target_year", (self.base_year, self.target_year),
                           "give both a base year and a target year (for a path) or neither", what=what)
            if self.base_year is not None:
                check_years(self.base_year, self.target_year, what)
        self._set(_floors=floors)

    def _in_unit(self, value: Any, year: int | None) -> float:
        what = self._what()
        column = "minimum" if year is None else f"minimum[{year}]"
        return magnitude_in(as_quantity(value, self.unit, column=column, what=what), self.unit, what, column)

    def floor_for(self, year: int) -> tuple[int | None, float] | None:
        """The floor in force in ``year`` as (milestone year or None, floor [target unit]); None before the first."""
        if None in self._floors:
            return None, self._floors[None]
        y = milestone_year(self._floors, year)
        return None if y is None else (y, self._floors[y])

    @property
    def chart_kind(self) -> str:
        """``"path"`` with a target year (the line from the base-year value), else ``"limit"``."""
        return "path" if self.target_year is not None else "limit"

    def _evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the floor in ``year``: ``met`` at or above it."""
        year = check_year(year, "year", what=self._what())
        base = self._base(ledger, self.base_year) if self.base_year is not None else None
        m = self.measure(ledger, year)
        in_force = self.floor_for(year)
        if in_force is None:
            first = min(y for y in self._floors if y is not None)
            return no_data(self, year, m, base, self.base_year,
                           note=f"no minimum applies yet: the first minimum is for {first}")
        y, floor = in_force
        details = {} if y is None else {"milestone": {"year": y, "minimum": floor}}
        traj = None
        if base is not None and self.base_year is not None and self.target_year is not None:
            traj = straight_line(base, floor, self.base_year, self.target_year, year)
        if math.isnan(m.value):
            return no_data(self, year, m, base, self.base_year, self.target_year, floor, traj, details=details)
        required = None
        if self.target_year is not None and year < self.target_year and base:
            required = 0.0 if m.value >= floor else (floor - m.value) / (base * (self.target_year - year))
        return path_result(self, year, m.value, m, target_value=floor, trajectory=traj if traj is not None else floor,
                           base=base, base_year=self.base_year, target_year=self.target_year, lower_is_better=False,
                           required=required, details=details)

    @classmethod
    def from_levels(cls, name: str, levels: Mapping[int, float], *, at_least: bool, **params: Any) -> Floor:
        """A floor per year (the plan's *minst*); see :meth:`Target.from_levels`."""
        if not at_least:
            raise TypeError("a floor is a minimum: write minst (at least), or use a cap for högst (at most)")
        return cls(name, minimum=dict(levels), **params)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        floors = self._floors
        out["minimum"] = floors[None] if None in floors else {str(y): v for y, v in floors.items()}
        return out
