"""Cap: keep the metric at or below a limit each year (a falling cap as a limit per year)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from ..units import as_quantity
from ..validation import check_year, fail
from .base import Target, magnitude_in, per_year
from .path import no_data, path_result
from .result import TargetResult

__all__ = ["Cap"]


@dataclass(frozen=True, kw_only=True)
class Cap(Target):
    """Keep the metric at or below a limit each year (a falling cap as a limit per year).

    Parameters
    ----------
    name : str
    limit : number, Quantity, str, or mapping year -> limit
        The cap [target unit]; a number is read in ``unit``; ``"2 000 kg"`` is accepted.
    years : int or iterable of int, optional
        Years the cap applies to; evaluating another year is an error. A mapping
        ``limit`` gives its own years.
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["lustgas"], "amount": [1800], "unit": ["kg"],
    ...                                  "year": [2024]}))
    >>> cap = targets.Cap("Lustgas", limit={2024: "2 000 kg", 2025: "1 500 kg"}, metric="n2o",
    ...                   select={"activity": "n2o"})
    >>> r = cap.evaluate(led, 2024)
    >>> r.status, r.gap
    ('met', <Quantity(-200.0, 'kilogram')>)
    """

    limit: Any
    years: Any = None
    #: The cap by year [target unit]; the key None when one cap applies to every year.
    _limits: dict[int | None, float] = field(init=False, repr=False, compare=False)
    kind: ClassVar[str] = "cap"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        limit = per_year(self.limit)
        limits: dict[int | None, float]
        if isinstance(limit, Mapping):
            if not limit:
                raise fail("limit", limit, "no limits given", what=what)
            limits = {y: self._limit_in_unit(v) for y, v in limit.items()}
            if self.years is not None:
                raise fail("years", self.years, "give the years either as the limit's keys or as years", what=what)
        else:
            one = self._limit_in_unit(limit)
            ys = self.years
            if ys is None:
                limits = {None: one}
            else:
                ys = [ys] if isinstance(ys, (int, np.integer)) else list(ys)
                limits = {check_year(y, "years", what=what): one for y in ys}
        if any(v < 0 for v in limits.values()):
            raise fail("limit", self.limit, "a cap cannot be negative", what=what)
        self._set(_limits=limits)

    def _limit_in_unit(self, value: Any) -> float:
        what = self._what()
        return magnitude_in(as_quantity(value, self.unit, column="limit", what=what), self.unit, what, "limit")

    def limit_for(self, year: int) -> float:
        """The cap in ``year`` [target unit]."""
        limits = self._limits
        if None in limits:
            return limits[None]
        if year not in limits:
            raise fail("year", year, f"the cap does not apply to {year}; years: "
                                     f"{', '.join(map(str, sorted(y for y in limits if y is not None)))}",
                       what=self._what())
        return limits[year]

    @classmethod
    def from_levels(cls, name: str, levels: Mapping[int, float], *, at_least: bool, **params: Any) -> Cap:
        """A cap per year (the plan's *högst*); see :meth:`Target.from_levels`."""
        if at_least:
            raise TypeError("a cap is a ceiling: write högst (at most), or use a floor for minst (at least)")
        return cls(name, limit=dict(levels), **params)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        limits = self._limits
        if None in limits:
            out["limit"] = limits[None]
        else:
            out["limit"] = {str(y): v for y, v in limits.items()}
        out.pop("years", None)
        if self.years is not None and None in limits:
            out["years"] = sorted(y for y in ([self.years] if isinstance(self.years, int) else self.years))
        return out

    def _evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the cap in ``year``: ``met`` at or below it, ``not_met`` above."""
        year = check_year(year, "year", what=self._what())
        lim = self.limit_for(year)
        m = self.measure(ledger, year)
        if math.isnan(m.value):
            return no_data(self, year, m, target_value=lim, trajectory=lim)
        return path_result(self, year, m.value, m, target_value=lim, trajectory=lim)
