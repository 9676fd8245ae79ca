"""AnnualReduction: reduce the metric by a rate per year, linearly (SBTi) or compounded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..validation import check_fraction, fail
from .path import PathTarget, compound_required, linear_required

__all__ = ["AnnualReduction"]

PATHS = ("linear", "compound")


@dataclass(frozen=True, kw_only=True)
class AnnualReduction(PathTarget):
    """Reduce the metric by a rate per year from a base year to a target year.

    ``method="linear"`` (default) reduces by ``rate`` × the *base-year* value every year, as
    SBTi defines its absolute-contraction pathway (4.2 %/yr for 1.5 °C): the value in year
    *y* is ``base × (1 − rate × (y − base_year))``, never below zero. ``method="compound"``
    reduces by ``rate`` × the previous year's value: ``base × (1 − rate) ** (y − base_year)``.
    The trajectory is that path; the target value is its value in the target year.

    Parameters
    ----------
    name : str
    base_year, target_year : int
    rate : float
        Reduction per year [1/yr], above 0 and at most 1 (0.042 for 4.2 %/yr).
    path : {"linear", "compound"}
        How the rate applies (``method`` is taken by the scope-2 method).
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`.

    References
    ----------
    .. [1] SBTi (2021): SBTi Criteria and Recommendations v5, absolute contraction approach:
       4.2 % of base-year emissions per year, linear (1.5 °C).

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> lin = targets.AnnualReduction("Scope 1+2", base_year=2021, target_year=2028, rate=0.042,
    ...                               select={"scope": [1, 2]})
    >>> round(lin.trajectory(1000.0, 2028), 1)  # 1000 × (1 − 0.042 × 7)
    706.0
    >>> comp = targets.AnnualReduction("Scope 1+2", base_year=2021, target_year=2028, rate=0.042,
    ...                                path="compound", select={"scope": [1, 2]})
    >>> round(comp.trajectory(1000.0, 2028), 1)  # 1000 × 0.958 ** 7
    740.6
    """

    #: The reduction by the target year [-] that ``rate`` and ``path`` give (not a parameter).
    fraction: float = field(init=False)
    rate: float
    path: str = "linear"
    kind: ClassVar[str] = "annual_reduction"

    def __post_init__(self) -> None:
        super().__post_init__()
        self._set(rate=check_fraction(self.rate, "rate", what=self._what(), open_low=True))
        if self.path not in PATHS:
            raise fail("path", self.path, "path must be 'linear' or 'compound'", what=self._what())
        self._set(fraction=1.0 - self.trajectory(1.0, self.target_year))

    def trajectory(self, base: float, year: int) -> float:
        """The path value in ``year`` [target unit] (clamped to base and target year)."""
        n = min(max(year, self.base_year), self.target_year) - self.base_year
        if self.path == "linear":
            return base * max(1.0 - self.rate * n, 0.0)
        return base * (1.0 - self.rate) ** n

    def target_for(self, base: float) -> float:
        return self.trajectory(base, self.target_year)

    def _required(self, actual: float, base: float, year: int) -> float | None:
        if self.path == "compound":
            return compound_required(actual, self.target_for(base), self.target_year - year)
        return linear_required(actual, self.target_for(base), base, self.target_year - year)
