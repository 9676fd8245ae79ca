"""The path from a base-year value to a target value, and the status it gives.

:func:`straight_line` is the trajectory of a :class:`~klimatbokslut.targets.Reduction`, and of
a :class:`~klimatbokslut.targets.Share` or :class:`~klimatbokslut.targets.Intensity` with a
base year; :class:`PathTarget` is the base of the kinds that reduce the metric along a path
from a base year to a target year (:class:`~klimatbokslut.targets.Reduction`,
:class:`~klimatbokslut.targets.AnnualReduction`): they say what the path is
(``target_for``, ``trajectory``, ``_required``) and share the evaluation.
:func:`path_result` turns an actual value, a target value and a trajectory into a status.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass

from ..ledger import Ledger
from ..text import N_
from ..validation import check_year, fail
from .base import Target
from .measure import Measure, coverage
from .result import TargetResult

__all__ = ["PathTarget", "straight_line", "through_points", "check_years", "linear_required", "compound_required",
           "path_result", "no_data"]


def straight_line(start: float, end: float, base_year: int, target_year: int, year: int) -> float:
    """The straight line from ``start`` (base year) to ``end`` (target year) in ``year``, clamped to them.

    Examples
    --------
    >>> round(straight_line(100.0, 75.0, 2022, 2028, 2024), 2), straight_line(100.0, 75.0, 2022, 2028, 2030)
    (91.67, 75.0)
    """
    y = min(max(year, base_year), target_year)
    return start + (end - start) * (y - base_year) / (target_year - base_year)


def through_points(points: list[tuple[int, float]], year: int) -> float:
    """The piecewise-linear path through ``(year, value)`` points (by year) in ``year``, clamped to the ends.

    Examples
    --------
    >>> pts = [(1990, 0.0), (2020, 0.67), (2022, 0.73), (2030, 0.85)]
    >>> through_points(pts, 2021), through_points(pts, 2022), through_points(pts, 2040)
    (0.7, 0.73, 0.85)
    """
    if year <= points[0][0]:
        return points[0][1]
    for (y0, v0), (y1, v1) in zip(points, points[1:]):
        if year == y1:
            return v1                     # exactly the point's value, not the interpolation's rounding
        if year < y1:
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return points[-1][1]


def check_years(base_year, target_year, what: str) -> tuple[int, int]:
    """Base and target year as ints, the target year after the base year."""
    b = check_year(base_year, "base_year", what=what)
    t = check_year(target_year, "target_year", what=what)
    if t <= b:
        raise fail("target_year", t, f"the target year must come after the base year {b}", what=what)
    return b, t


def linear_required(actual: float, target_value: float, base: float, years_left: int) -> float | None:
    """Yearly change still needed as a fraction of the base-year value [1/yr]; None after the target year."""
    if years_left <= 0:
        return None
    if actual <= target_value:
        return 0.0
    return (actual - target_value) / (base * years_left) if base else None


def compound_required(actual: float, target_value: float, years_left: int) -> float | None:
    """Yearly change still needed as a fraction of the previous year's value [1/yr]; None after the target year."""
    if years_left <= 0:
        return None
    if actual <= target_value:
        return 0.0
    if actual <= 0:
        return None
    return 1.0 - (max(target_value, 0.0) / actual) ** (1.0 / years_left)


def path_result(t: Target, year: int, actual: float, m: Measure, *, target_value: float,
                trajectory: float | None, base: float | None = None, base_year: int | None = None,
                target_year: int | None = None, lower_is_better: bool = True,
                required: float | None = None, details: dict | None = None) -> TargetResult:
    """Status from actual vs target value and trajectory; shared by the path-type targets."""
    sign = 1.0 if lower_is_better else -1.0
    gap = sign * (actual - target_value)
    reached = gap <= 0
    if reached:
        status = "met"
    elif target_year is None or year >= target_year:
        status = "not_met"
    elif trajectory is not None and sign * (actual - trajectory) <= 1e-12 * max(abs(trajectory), 1.0):
        status = "on_track"
    else:
        status = "off_track"
    progress = None
    if base is not None and base != target_value:
        progress = (base - actual) / (base - target_value)
    return TargetResult(t.name, year, status, actual=t._q(actual), target_value=t._q(target_value),
                        trajectory_value=t._q(trajectory), gap=t._q(gap), required_annual_rate=required,
                        base_value=t._q(base), progress=progress, base_year=base_year, target_year=target_year,
                        coverage=coverage(m), note=m.note, unit=t._unit_label(), details=dict(details or {}))


def no_data(t: Target, year: int, m: Measure | None, base: float | None = None, base_year: int | None = None,
            target_year: int | None = None, target_value: float | None = None, trajectory: float | None = None,
            note: str = "", details: dict | None = None) -> TargetResult:
    """A ``no_data`` result: the year has no selected rows or lacks data the metric needs."""
    if not note:
        note = N_("no ledger rows for the selection in this year") if m is None or m.rows == 0 else m.note
    return TargetResult(t.name, year, "no_data", target_value=t._q(target_value), trajectory_value=t._q(trajectory),
                        base_value=t._q(base), base_year=base_year, target_year=target_year, note=note,
                        coverage=coverage(m) if m is not None else 0.0, unit=t._unit_label(),
                        details=dict(details or {}))


@dataclass(frozen=True, kw_only=True)
class PathTarget(Target, ABC):
    """A reduction of the metric along a path from its base-year value to a target year (not used directly).

    A kind says where the path ends (``target_for``), where it is in a year
    (``trajectory``) and what yearly change is still needed (``_required``).
    """

    base_year: int
    target_year: int

    def __post_init__(self) -> None:
        super().__post_init__()
        check_years(self.base_year, self.target_year, self._what())

    @abstractmethod
    def target_for(self, base: float) -> float:
        """The target value for a base-year value ``base`` [target unit]."""

    @abstractmethod
    def trajectory(self, base: float, year: int) -> float:
        """The path value in ``year`` [target unit] (clamped to base and target year)."""

    @abstractmethod
    def _required(self, actual: float, base: float, year: int) -> float | None:
        """The yearly reduction still needed from ``actual`` to reach the target [1/yr]; None after the target year."""

    def _evaluate(self, ledger: Ledger, year: int) -> TargetResult:
        """Evaluate the target in ``year``; see :class:`~klimatbokslut.targets.TargetResult`."""
        year = check_year(year, "year", what=self._what())
        base = self._base(ledger, self.base_year)
        tv, details = self._target_in(base, year)
        traj = self.trajectory(base, year)
        m = self.measure(ledger, year)
        if math.isnan(m.value):
            return no_data(self, year, m, base, self.base_year, self.target_year, tv, traj, details=details)
        return path_result(self, year, m.value, m, target_value=tv, trajectory=traj, base=base,
                           base_year=self.base_year, target_year=self.target_year,
                           required=self._required(m.value, base, year), details=details)

    @property
    def moves_with_base_year(self) -> bool:
        """True: the path and the target value are fractions of the base-year value."""
        return True

    @property
    def chart_kind(self) -> str:
        """``"path"``: the straight (or bent) line from the base-year value to the target value."""
        return "path"

    def _target_in(self, base: float, year: int) -> tuple[float, dict]:
        """The value to reach in ``year`` and details about it: the target value (a milestone's in its year)."""
        return self.target_for(base), {}
