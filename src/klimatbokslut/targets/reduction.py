"""Reduction: reduce the metric by a fraction of its base-year value by a target year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..validation import check_fraction, check_year, fail
from .base import per_year
from .path import PathTarget, linear_required, through_points

__all__ = ["Reduction"]


@dataclass(frozen=True, kw_only=True)
class Reduction(PathTarget):
    """Reduce the metric by a fraction of its base-year value by a target year.

    The trajectory is the straight line from the base-year value to the target value, or,
    with ``milestones``, the piecewise-linear path through the base-year value, each
    milestone and the target value.

    Parameters
    ----------
    name : str
        e.g. ``"Tjänsteresor och interna transporter"``.
    base_year, target_year : int
        e.g. 2022 and 2028.
    fraction : float
        Reduction by the target year as a fraction of the base-year value [-], 0–1
        (0.25 for −25 %).
    milestones : mapping year -> fraction, optional
        Reductions to have reached by years between the base and the target year, as
        fractions of the base-year value, e.g. ``{2020: 0.67, 2022: 0.73, 2024: 0.75}``
        (TOML string keys are accepted). Never below an earlier milestone and at most
        ``fraction``; a milestone in the target year must equal ``fraction``. In a milestone
        year ``target_value`` is the milestone's value (``details["milestone"]`` gives its
        year and fraction); in other years it is the target value.
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`.

    References
    ----------
    .. [1] WRI/WBCSD (2004): GHG Protocol Corporate Standard, ch. 11 (absolute targets).

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o", "n2o"], "amount": [100, 90], "unit": ["kg", "kg"],
    ...                                  "year": [2022, 2024]}))
    >>> t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o")
    >>> r = t.evaluate(led, 2024)
    >>> r.status, r.target_value, round(r.trajectory_value.magnitude, 2)
    ('on_track', <Quantity(75.0, 'kilogram')>, 91.67)

    The 2024 point of the straight line from 100 kg (2022) to 75 kg (2028) is
    ``100 − 25 × 2/6 = 91.67`` kg; 90 kg is below it, so the target is on track.

    With milestones the path bends at each of them; in 2021, between the base year and the
    2022 milestone of 10 %, it is at ``100 × (1 − 0.10 × 1/2) = 95`` kg:

    >>> m = targets.Reduction("Lustgas", base_year=2020, target_year=2030, fraction=0.5, metric="n2o",
    ...                       milestones={"2022": 0.1, "2025": 0.3})
    >>> m.trajectory(100.0, 2021), m.trajectory(100.0, 2022), m.trajectory(100.0, 2027)
    (95.0, 90.0, 62.0)
    """

    fraction: float
    milestones: Any = None
    #: The path as (year, reduction fraction) points: base year, milestones, target year.
    _points: list[tuple[int, float]] = field(init=False, repr=False, compare=False)
    kind: ClassVar[str] = "reduction"

    def __post_init__(self) -> None:
        super().__post_init__()
        self._set(fraction=check_fraction(self.fraction, "fraction", what=self._what()))
        ms = self._check_milestones()
        self._set(milestones=ms or None)
        points = [(self.base_year, 0.0), *((y, f) for y, f in ms.items() if y < self.target_year),
                  (self.target_year, self.fraction)]
        self._set(_points=points)

    def _check_milestones(self) -> dict[int, float]:
        """The milestones by year, checked: between base and target year, never falling, at most ``fraction``."""
        what = self._what()
        raw = per_year(self.milestones) if self.milestones is not None else {}
        if not isinstance(raw, Mapping):
            raise fail("milestones", raw, "milestones are a mapping year -> fraction, e.g. {2022: 0.73}", what=what)
        ms: dict[int, float] = {}
        previous = (self.base_year, 0.0)
        for y in sorted(raw):
            col = f"milestones[{y}]"
            y = check_year(y, col, what=what)
            f = check_fraction(raw[y], col, what=what)
            if not self.base_year < y <= self.target_year:
                raise fail(col, f, f"a milestone year must be after the base year {self.base_year} and not after "
                                   f"the target year {self.target_year}", what=what)
            if f < previous[1]:
                raise fail(col, f, f"a milestone cannot be below the one before it ({previous[1]} in "
                                   f"{previous[0]})", what=what)
            if f > self.fraction:
                raise fail(col, f, f"a milestone cannot exceed fraction ({self.fraction} in {self.target_year})",
                           what=what)
            if y == self.target_year and f != self.fraction:
                raise fail(col, f, f"the milestone of the target year must equal fraction ({self.fraction})",
                           what=what)
            ms[y] = f
            previous = (y, f)
        return ms

    def target_for(self, base: float) -> float:
        return base * (1.0 - self.fraction)

    def trajectory(self, base: float, year: int) -> float:
        """The path value in ``year`` [target unit]: straight, or bent at the milestones."""
        return base * (1.0 - through_points(self._points, year))

    def _target_in(self, base: float, year: int) -> tuple[float, dict]:
        ms = self.milestones or {}
        if year in ms:
            return base * (1.0 - ms[year]), {"milestone": {"year": year, "fraction": ms[year]}}
        return self.target_for(base), {}

    @classmethod
    def from_levels(cls, name: str, levels: Mapping[int, float], *, at_least: bool, **params: Any) -> Reduction:
        """Reductions per year (fractions of the base-year value): the last year's is the target, the others
        milestones; ``params`` give the ``base_year``. See :meth:`Target.from_levels`."""
        last = max(levels)
        return cls(name, target_year=last, fraction=levels[last],
                   milestones={y: v for y, v in levels.items() if y != last} or None, **params)

    #: A plan's levels for a reduction are reductions from the base-year value.
    levels_are_reductions: ClassVar[bool] = True

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.milestones:
            out["milestones"] = {str(y): f for y, f in self.milestones.items()}
        else:
            out.pop("milestones", None)
        return out

    def _required(self, actual: float, base: float, year: int) -> float | None:
        return linear_required(actual, self.target_for(base), base, self.target_year - year)
