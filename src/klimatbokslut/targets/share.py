"""Share: a share of the selection (by default renewable, by energy) of at least a minimum, or at most a maximum."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..units import parse_unit
from ..validation import check_fraction, check_year, fail
from .base import Target, milestone_year, per_year
from .measure import ENERGY_SHARES, Measure, quantity
from .path import check_years, no_data, path_result, straight_line
from .result import TargetResult

__all__ = ["Share"]


@dataclass(frozen=True, kw_only=True)
class Share(Target):
    """A share of the selection that shall be at least a minimum (renewable fuel), or at most a maximum (food waste).

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
    maximum : float or mapping year -> float
        Instead of ``minimum``: the share shall be at most this (a share that shall fall,
        such as food waste); milestones as for ``minimum``. Give one of the two.
    numerator : {"renewable", "fossil_free", "recovered", "renewable_or_recovered"} or dict
        What counts in the numerator: a share of the energy (each row's energy times
        its ``renewable_share``, ``fossil_free_share``, ``recovered_share`` or the sum
        of renewable and recovered; *förnybar*: biomass, biogas, hydro, wind, solar;
        *fossilfri*: everything not fossil, nuclear included; *återvunnen*: industrial
        waste heat, flue-gas condensation and waste as a network reports it), or the
        selected rows that also match a select dict (by ``metric``: energy, amount,
        ``cost`` for a share by purchase value, a count in pieces or portions). A yes/no
        column of one's own (``{"svenskproducerad": True}``) is read with the spellings of
        ``ekologisk``; a numerator that cannot match the column's values is an error naming
        the column and the values seen (:mod:`klimatbokslut.targets.numerator`).
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

    minimum: Any = None
    maximum: Any = None
    numerator: Any = "renewable"
    base_year: int | None = None
    target_year: int | None = None
    metric: str = "energy"
    unit: str | None = None
    #: The minimum by year [-]; the key None when one applies to every year.
    _minimums: dict[int | None, float] = field(init=False, repr=False, compare=False)
    kind: ClassVar[str] = "share"
    change_as: ClassVar[str] = "points"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        if self._check_minimums():
            if self.target_year is not None:
                key = "maximum" if self.maximum is not None else "minimum"
                raise fail("target_year", self.target_year, f"a {key} per year is its own path; give a base_year "
                                                            f"alone, or one {key} with base and target year",
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

    @property
    def lower_is_better(self) -> bool:  # type: ignore[override]  # a class constant elsewhere; here by bound
        """True for a share with a maximum (it shall fall), False for one with a minimum."""
        return self.maximum is not None

    def _check_minimums(self) -> bool:
        """Store the minimum(s) or maximum(s) by year, each a fraction; True when they are milestones (a mapping)."""
        what = self._what()
        if (self.minimum is None) == (self.maximum is None):
            raise fail("minimum/maximum", (self.minimum, self.maximum),
                       "give a minimum (the share shall be at least) or a maximum (at most), not both", what=what)
        key = "maximum" if self.maximum is not None else "minimum"
        raw = per_year(getattr(self, key))
        if not isinstance(raw, Mapping):
            self._set(**{key: check_fraction(raw, key, what=what)})
            self._set(_minimums={None: getattr(self, key)})
            return False
        if not raw:
            raise fail(key, raw, f"no {key}s given", what=what)
        ms = {check_year(y, f"{key}[{y}]", what=what): check_fraction(v, f"{key}[{y}]", what=what)
              for y, v in sorted(raw.items())}
        self._set(**{key: ms, "_minimums": ms})
        return True

    def minimum_for(self, year: int) -> tuple[int | None, float] | None:
        """The minimum (or maximum) in force in ``year`` as (milestone year or None, level); None before the first."""
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
        given = getattr(ledger, "given_measure", None)     # a share measured elsewhere, given as a share
        if given is not None:
            m = given(int(year), "", self._what())
            return m.value, m
        energy_share = isinstance(self.numerator, str)
        if energy_share:
            den = self.measure(ledger, year)
            num = self.measure(ledger, year, share_of=self.numerator)
        else:
            den = self.measure(ledger, year)
            num = self.measure(ledger, year, numerator=self.numerator)   # checked against every year's rows
            if num.rows == 0 and den.rows:
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
            key = "maximum" if self.lower_is_better else "minimum"
            return no_data(self, year, m, base, self.base_year,
                           note=f"no {key} applies yet: the first {key} is for {first}")
        y, minimum = in_force
        details = {} if y is None else {"milestone": {"year": y, "maximum" if self.lower_is_better else "minimum":
                                                      minimum}}
        if base is not None and self.base_year is not None and self.target_year is not None:
            traj = straight_line(base, minimum, self.base_year, self.target_year, year)
        if math.isnan(share):
            return no_data(self, year, m, base, self.base_year, self.target_year, minimum, traj, details=details)
        required = None
        if self.target_year is not None and year < self.target_year and base is not None:
            short = (share - minimum) if self.lower_is_better else (minimum - share)
            required = 0.0 if short <= 0 else short / (self.target_year - year)
        return path_result(self, year, share, m, target_value=minimum, trajectory=traj, base=base,
                           base_year=self.base_year, target_year=self.target_year,
                           lower_is_better=self.lower_is_better,
                           required=required, details=details)

    @classmethod
    def from_levels(cls, name: str, levels: Mapping[int, float], *, at_least: bool, **params: Any) -> Share:
        """A minimum (*minst*) or maximum (*högst*) share per year, as fractions; see :meth:`Target.from_levels`."""
        bound: dict[str, Any] = {"minimum" if at_least else "maximum": dict(levels)}
        return cls(name, **bound, **params)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        key = "maximum" if self.lower_is_better else "minimum"
        if None not in self._minimums:
            out[key] = {str(y): v for y, v in self._minimums.items()}
        out.pop("maximum" if key == "minimum" else "minimum", None)   # the bound not given
        return out

    def _q(self, value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else quantity(value, "")

    def _unit_label(self) -> str:
        return ""
