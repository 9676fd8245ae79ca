"""Share: a share of the selection (by default renewable, on an energy basis) of at least a minimum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import InputError
from ..units import parse_unit
from ..validation import check_fraction, check_year, fail
from .base import Target
from .measure import Measure, quantity
from .path import check_years, no_data, path_result, straight_line
from .result import TargetResult

__all__ = ["Share"]


@dataclass(frozen=True, kw_only=True)
class Share(Target):
    """A share of the selection that shall be at least a minimum (e.g. renewable fuel).

    By default (``numerator="renewable"``) the share is the renewable share of the
    selection on an energy basis, Σ ``energy_mj`` × ``renewable_share`` / Σ ``energy_mj``
    from the ledger. Rows whose renewable share is unknown (NaN; pump diesel, whose blend
    varies, and electricity without guarantees of origin) make the year ``no_data``, or,
    with ``unknown="exclude"``, are left out of both sums and reported in ``coverage``.
    With a select dict as ``numerator`` the share is metric(numerator rows) /
    metric(selection), the numerator rows being the selected rows that also match it.

    Parameters
    ----------
    name : str
    minimum : float
        Share to reach [-], 0–1 (1.0 for 100 %).
    numerator : "renewable" or dict
        What counts in the numerator.
    base_year, target_year : int, optional
        Both or neither: with them the share follows a straight line from the base-year
        share to ``minimum`` and years before the target year can be ``on_track``;
        without them the minimum applies in every year evaluated.
    select, metric, unit, method, unknown
        See :class:`Target`; ``metric`` defaults to ``"energy"``.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["hvo100", "diesel_fossil", "diesel"],
    ...                                  "amount": [9, 1, 5], "unit": ["MWh"] * 3, "year": [2024, 2024, 2023]}))
    >>> t = targets.Share("Förnybara drivmedel", minimum=1.0, select={"area": "vehicles"})
    >>> r = t.evaluate(led, 2024)  # 9 MWh HVO100 (renewable share 1) of 10 MWh
    >>> r.status, r.actual
    ('not_met', <Quantity(0.9, 'dimensionless')>)

    Pump diesel's renewable share is not in the dataset (its blend varies), so 2023 has
    no value rather than a share of 0:

    >>> r = t.evaluate(led, 2023)
    >>> r.status, r.status_sv, r.note
    ('no_data', 'värde saknas', 'renewable share unknown for diesel (1 row).')
    """

    minimum: float
    numerator: Any = "renewable"
    base_year: int | None = None
    target_year: int | None = None
    metric: str = "energy"
    unit: str | None = None
    kind: ClassVar[str] = "share"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        self._set(minimum=check_fraction(self.minimum, "minimum", what=what))
        if (self.base_year is None) != (self.target_year is None):
            raise fail("base_year/target_year", (self.base_year, self.target_year),
                       "give both a base year and a target year (for a path) or neither", what=what)
        if self.base_year is not None:
            check_years(self.base_year, self.target_year, what)
        if isinstance(self.numerator, str):
            if self.numerator != "renewable":
                raise fail("numerator", self.numerator, "numerator must be 'renewable' or a select dict", what=what)
            if self.metric != "energy":
                raise fail("metric", self.metric, "the renewable share is measured on an energy basis; "
                                                  "use metric='energy'", what=what)
        elif isinstance(self.numerator, Mapping):
            self._set(numerator=dict(self.numerator))
            self._selection(self.numerator)
        else:
            raise fail("numerator", self.numerator, "numerator must be 'renewable' or a select dict", what=what)

    def _share(self, ledger, year: int) -> tuple[float, Measure]:
        if self.numerator == "renewable":
            den = self._measure(ledger, year)
            num = self._measure(ledger, year, renewable=True)
        else:
            den = self._measure(ledger, year)
            try:
                num = self._measure(ledger, year, numerator=self._selection(self.numerator))
            except InputError:
                if den.rows == 0:
                    raise
                num = Measure(0.0, 0, 0.0, 0.0, 0)  # the numerator values occur, but not in this year
        if den.rows == 0 or math.isnan(num.value) or math.isnan(den.value):
            return float("nan"), num if den.rows else den
        if self.numerator == "renewable" and self.unknown == "exclude" and num.uncovered_rows:
            # leave the rows of unknown share out of the denominator too
            to_unit = float(quantity(1.0, "MJ").to(parse_unit(self.unit or "")).magnitude)
            den_value = num.covered * to_unit
        else:
            den_value = den.value
        if den_value == 0:
            return float("nan"), Measure(float("nan"), num.rows, 0, 0, 0, "the denominator is zero")
        return num.value / den_value, num

    def _evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the share in ``year``; ``actual`` and ``target_value`` are fractions [-]."""
        year = check_year(year, "year", what=self._what())
        base = traj = None
        if self.base_year is not None and self.target_year is not None:
            b, bm = self._share(ledger, self.base_year)
            if bm.rows == 0 or math.isnan(b):
                self._require_base(Measure(float("nan"), bm.rows, 0, 0, 0, bm.note), ledger, self.base_year)
            base = b
            traj = straight_line(base, self.minimum, self.base_year, self.target_year, year)
        share, m = self._share(ledger, year)
        if math.isnan(share):
            return no_data(self, year, m, base, self.base_year, self.target_year, self.minimum, traj)
        required = None
        if self.target_year is not None and year < self.target_year and base is not None:
            required = 0.0 if share >= self.minimum else (self.minimum - share) / (self.target_year - year)
        return path_result(self, year, share, m, target_value=self.minimum, trajectory=traj, base=base,
                           base_year=self.base_year, target_year=self.target_year, lower_is_better=False,
                           required=required)

    def _q(self, value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else quantity(value, "")

    def _unit_label(self) -> str:
        return ""
