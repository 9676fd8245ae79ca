"""Share: a share of the selection (by default renewable, on an energy basis) of at least a minimum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import InputError
from ..units import parse_unit
from ..validation import check_fraction, check_year, fail
from .base import Target, milestone_year, per_year
from .measure import ENERGY_SHARES, Measure, quantity
from .path import check_years, no_data, path_result, straight_line
from .result import TargetResult

__all__ = ["Share"]


@dataclass(frozen=True, kw_only=True)
class Share(Target):
    """A share of the selection that shall be at least a minimum (e.g. renewable fuel).

    By default (``numerator="renewable"``) the share is the renewable share of the
    selection on an energy basis, Σ ``energy_mj`` × ``renewable_share`` / Σ ``energy_mj``
    from the ledger. Rows whose renewable share is unknown (NaN; ED95 and LNG, whose
    renewable share is not in the dataset) make the year ``no_data``, or,
    with ``unknown="exclude"``, are left out of both sums and reported in ``coverage``.
    With a select dict as ``numerator`` the share is metric(numerator rows) /
    metric(selection), the numerator rows being the selected rows that also match it.

    Parameters
    ----------
    name : str
    minimum : float or mapping year -> float
        Share to reach [-], 0–1 (1.0 for 100 %). A mapping gives milestones
        (``{2024: 0.45, 2026: 0.50, 2030: 0.55}``, TOML string keys accepted): the minimum of
        a year is that of the latest milestone year not after it; a year before the first
        is ``no_data`` (no minimum applies yet). ``details["milestone"]`` gives the year
        and minimum.
    numerator : {"renewable", "fossil_free", "recovered", "renewable_or_recovered"} or dict
        What counts in the numerator: a share of the energy (each row's energy times
        its ``renewable_share``, ``fossil_free_share``, ``recovered_share`` or the sum
        of renewable and recovered; *förnybar*: biomass, biogas, hydro, wind, solar;
        *fossilfri*: everything not fossil, nuclear included; *återvunnen*: industrial
        waste heat, flue-gas condensation and waste as a network reports it), or the
        selected rows that also match a select dict (by ``metric``: energy, amount,
        ``cost`` for a share by purchase value, a count in pieces or portions).
    base_year, target_year : int, optional
        Both or neither: with them the share follows a straight line from the base-year
        share to ``minimum`` and years before the target year can be ``on_track``;
        without them the minimum applies in every year evaluated. With milestones only a
        ``base_year`` may be given (for the base-year value, ``progress`` and the change since
        then); the milestones are the path.
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`; ``metric`` defaults to ``"energy"``.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["hvo100", "diesel_fossil", "ed95"],
    ...                                  "amount": [9, 1, 5], "unit": ["MWh"] * 3, "year": [2024, 2024, 2023]}))
    >>> t = targets.Share("Förnybara drivmedel", minimum=1.0, select={"area": "vehicles"})
    >>> r = t.evaluate(led, 2024)  # 9 MWh HVO100 (renewable share 1) of 10 MWh
    >>> r.status, r.actual
    ('not_met', <Quantity(0.9, 'dimensionless')>)

    ED95's renewable share is not in the dataset, so 2023 has no value rather than a
    share of 0:

    >>> r = t.evaluate(led, 2023)
    >>> r.status, r.status_sv, r.note
    ('no_data', 'värde saknas', 'renewable share unknown for ed95 (1 row).')
    """

    minimum: float
    numerator: Any = "renewable"
    base_year: int | None = None
    target_year: int | None = None
    metric: str = "energy"
    unit: str | None = None
    #: The minimum by year [-]; the key None when one applies to every year.
    _minimums: dict[int | None, float] = field(init=False, repr=False, compare=False)
    kind: ClassVar[str] = "share"
    lower_is_better: ClassVar[bool] = False
    change_as: ClassVar[str] = "points"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        if self._check_minimums():
            if self.target_year is not None:
                raise fail("target_year", self.target_year, "a minimum per year is its own path; give a base_year "
                                                            "alone, or one minimum with base and target year",
                           what=what)
            if self.base_year is not None:
                check_year(self.base_year, "base_year", what=what)
        elif (self.base_year is None) != (self.target_year is None):
            raise fail("base_year/target_year", (self.base_year, self.target_year),
                       "give both a base year and a target year (for a path) or neither", what=what)
        elif self.base_year is not None:
            check_years(self.base_year, self.target_year, what)
        kinds = ", ".join(repr(k) for k in ENERGY_SHARES)
        if isinstance(self.numerator, str):
            if self.numerator not in ENERGY_SHARES:
                raise fail("numerator", self.numerator, f"numerator must be one of {kinds} or a select dict",
                           what=what)
            if self.metric not in ("energy", "energy_normal"):
                raise fail("metric", self.metric, f"the {self.numerator.replace('_', ' ')} share is measured on an "
                                                  "energy basis; use metric='energy'", what=what)
        elif isinstance(self.numerator, Mapping):
            self._set(numerator=dict(self.numerator))
            self._selection(self.numerator)
        else:
            raise fail("numerator", self.numerator, f"numerator must be one of {kinds} or a select dict", what=what)

    def _check_minimums(self) -> bool:
        """Store the minimum(s) by year, each a fraction; True when they are milestones (a mapping)."""
        what = self._what()
        raw = per_year(self.minimum)
        if not isinstance(raw, Mapping):
            self._set(minimum=check_fraction(raw, "minimum", what=what))
            self._set(_minimums={None: self.minimum})
            return False
        if not raw:
            raise fail("minimum", raw, "no minimums given", what=what)
        ms = {check_year(y, f"minimum[{y}]", what=what): check_fraction(v, f"minimum[{y}]", what=what)
              for y, v in sorted(raw.items())}
        self._set(minimum=ms, _minimums=ms)
        return True

    def minimum_for(self, year: int) -> tuple[int | None, float] | None:
        """The minimum in force in ``year`` as (milestone year or None, minimum); None before the first milestone."""
        ms = self._minimums
        if None in ms:
            return None, ms[None]
        y = milestone_year(ms, year)
        return None if y is None else (y, ms[y])

    @property
    def chart_kind(self) -> str:
        """``"path"`` with a target year (the line from the base-year share), else ``"limit"``."""
        return "path" if self.target_year is not None else "limit"

    def _actual(self, source, year: int) -> float:
        return self._share(source, year)[0]

    def _share(self, ledger, year: int) -> tuple[float, Measure]:
        energy_share = isinstance(self.numerator, str)
        if energy_share:
            den = self.measure(ledger, year)
            num = self.measure(ledger, year, share_of=self.numerator)
        else:
            den = self.measure(ledger, year)
            try:
                num = self.measure(ledger, year, numerator=self.numerator)
            except InputError:
                if den.rows == 0:
                    raise
                num = Measure(0.0, 0, 0.0, 0.0, 0)  # the numerator values occur, but not in this year
        if den.rows == 0 or math.isnan(num.value) or math.isnan(den.value):
            return float("nan"), num if den.rows else den
        if energy_share and self.unknown == "exclude" and num.uncovered_rows:
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
        if self.base_year is not None:
            b, bm = self._share(ledger, self.base_year)
            if bm.rows == 0 or math.isnan(b):
                self._require_base(Measure(float("nan"), bm.rows, 0, 0, 0, bm.note), ledger, self.base_year)
            base = b
        in_force = self.minimum_for(year)
        share, m = self._share(ledger, year)
        if in_force is None:
            first = min(y for y in self._minimums if y is not None)
            return no_data(self, year, m, base, self.base_year,
                           note=f"no minimum applies yet: the first minimum is for {first}")
        y, minimum = in_force
        details = {} if y is None else {"milestone": {"year": y, "minimum": minimum}}
        if base is not None and self.base_year is not None and self.target_year is not None:
            traj = straight_line(base, minimum, self.base_year, self.target_year, year)
        if math.isnan(share):
            return no_data(self, year, m, base, self.base_year, self.target_year, minimum, traj, details=details)
        required = None
        if self.target_year is not None and year < self.target_year and base is not None:
            required = 0.0 if share >= minimum else (minimum - share) / (self.target_year - year)
        return path_result(self, year, share, m, target_value=minimum, trajectory=traj, base=base,
                           base_year=self.base_year, target_year=self.target_year, lower_is_better=False,
                           required=required, details=details)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if None not in self._minimums:
            out["minimum"] = {str(y): v for y, v in self._minimums.items()}
        return out

    def _q(self, value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else quantity(value, "")

    def _unit_label(self) -> str:
        return ""
