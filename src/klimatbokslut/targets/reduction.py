"""Reduction: reduce the metric by a fraction of its base-year value by a target year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..validation import check_fraction
from .path import PathTarget, linear_required, straight_line

__all__ = ["Reduction"]


@dataclass(frozen=True, kw_only=True)
class Reduction(PathTarget):
    """Reduce the metric by a fraction of its base-year value by a target year.

    The trajectory is the straight line from the base-year value to the target value.

    Parameters
    ----------
    name : str
        e.g. ``"Tjänsteresor och interna transporter"``.
    base_year, target_year : int
        e.g. 2022 and 2028.
    fraction : float
        Reduction by the target year as a fraction of the base-year value [-], 0–1
        (0.25 for −25 %).
    select, metric, unit, method, unknown
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
    """

    fraction: float
    kind: ClassVar[str] = "reduction"

    def __post_init__(self) -> None:
        super().__post_init__()
        self._set(fraction=check_fraction(self.fraction, "fraction", what=self._what()))

    def target_for(self, base: float) -> float:
        return base * (1.0 - self.fraction)

    def trajectory(self, base: float, year: int) -> float:
        """The straight-line path value in ``year`` [target unit]."""
        return straight_line(base, self.target_for(base), self.base_year, self.target_year, year)

    def _required(self, actual: float, base: float, year: int) -> float | None:
        return linear_required(actual, self.target_for(base), base, self.target_year - year)
