"""Carbon budget: a cumulative total for a period that the emissions of every year draw from.

Several Swedish municipalities and regions follow a *koldioxidbudget*: the emissions they may
still release from a start year, derived from the Paris Agreement's temperature goal and
shared down to the municipality (the Tyndall Centre's method, used by Uppsala University's
municipal budgets). The budget is spent by every year's emissions; what matters is the sum,
not one year's level.

A budget is given either as a total in tonnes for the period, or, as the municipal budgets
are published, as the starting year's emissions and a constant yearly reduction rate. The
budget is then the sum of the path that starts at the starting year's emissions and falls
by the rate every year, to the end of the period (a geometric series)::

    B = E0 · Σ_{k=0}^{n-1} (1 − r)^k = E0 · (1 − (1 − r)^n) / r        n = end − start + 1

Evaluated in a year of the period, the target says how much of the budget is used (the sum of
the measured emissions from the start year to that year, every year measured: a year without
data makes the result ``no_data``, never zero), how much is left, in which year it runs out if
emissions follow their current trend, and the constant yearly reduction from that year on that
spends exactly what is left by the end of the period.

References
----------
.. [1] Anderson, K., Stoddard, I. & Schrage, J. (2017, updated yearly): Koldioxidbudgetar för
   Sveriges kommuner och regioner, Uppsala universitet / Tyndall Centre — budgets from a
   starting year's emissions and a yearly reduction rate (e.g. 16 % per year).
.. [2] IPCC AR6 WG1 (2021), SPM, table SPM.2: remaining global carbon budgets.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> from klimatbokslut import targets
>>> led = kb.calculate(pd.DataFrame({"activity": ["lustgas"] * 3, "amount": [100, 90, 80], "unit": ["kg"] * 3,
...                                  "year": [2022, 2023, 2024]}))
>>> b = targets.CarbonBudget("Budget", start_year=2022, end_year=2026, budget="120 t CO2e")
>>> r = b.evaluate(led, 2024)
>>> round(r.details["used_t"], 2), round(r.details["remaining_t"], 2), r.details["runs_out_year"], r.status
(73.71, 46.29, None, 'on_track')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ..text import N_
from ..units import as_quantity
from ..validation import check_year, fail
from .base import ChartLine, Target, magnitude_in
from .path import no_data
from .result import TargetResult

__all__ = ["CarbonBudget", "budget_from_rate", "required_rate", "runs_out_year"]


def budget_from_rate(start_emissions: float, rate: float, years: int) -> float:
    """The budget of a path that starts at ``start_emissions`` and falls by ``rate`` each year.

    Examples
    --------
    >>> round(budget_from_rate(100.0, 0.16, 3), 4)       # 100 + 84 + 70.56
    254.56
    >>> budget_from_rate(100.0, 0.0, 3)
    300.0
    """
    if rate == 0:
        return start_emissions * years
    if years <= 1000:       # a period of years: the sum itself, exact for any rate (also one near zero)
        return start_emissions * math.fsum((1.0 - rate) ** k for k in range(years))
    return start_emissions * -math.expm1(years * math.log1p(-rate)) / rate


def required_rate(current: float, remaining: float, years: int) -> float | None:
    """The constant yearly reduction ``r`` with ``Σ_{k=1}^{years} current·(1 − r)^k = remaining``.

    Negative when the remaining budget allows emissions to grow; None when nothing is left to
    spend (``remaining <= 0``) or no year is left.

    Examples
    --------
    >>> round(required_rate(100.0, 84.0 + 70.56, 2), 6)     # 16 % a year spends 154.56 in two years
    0.16
    """
    if years <= 0 or remaining <= 0 or current <= 0:
        return None

    def spent(r: float) -> float:
        return sum(current * (1.0 - r) ** k for k in range(1, years + 1))

    lo, hi = -1.0, 1.0                  # spent() falls as r grows; spent(1) = 0
    while spent(lo) < remaining:        # a budget that allows more than doubling each year
        lo *= 2.0
        if lo < -1e6:
            return None
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if spent(mid) > remaining:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def runs_out_year(year: int, current: float, slope: float, remaining: float, end_year: int) -> int | None:
    """The first year after ``year`` whose emissions, continuing on the trend ``current + slope·k``
    (never below zero), bring the sum past ``remaining``; None when the budget lasts to ``end_year``.

    Examples
    --------
    >>> runs_out_year(2024, 100.0, -10.0, 150.0, 2030)     # 90 + 80 = 170 > 150
    2026
    >>> runs_out_year(2024, 100.0, -10.0, 1000.0, 2030) is None
    True
    """
    if remaining < 0:
        return year
    total = 0.0
    for k, y in enumerate(range(year + 1, end_year + 1), start=1):
        total += max(current + slope * k, 0.0)
        if total > remaining:
            return y
    return None


@dataclass(frozen=True, kw_only=True)
class CarbonBudget(Target):
    """A cumulative carbon budget for a period, spent by each year's emissions.

    Parameters
    ----------
    name : str
    start_year, end_year : int
        The period the budget covers, both included.
    budget : number, Quantity or str, optional
        The budget for the whole period [target unit, default t CO2e]; ``"120 000 t CO2e"``.
    start_emissions : number, Quantity or str, optional
        The starting year's emissions, to derive the budget with ``annual_reduction``
        (as the municipal budgets are published). Give ``budget`` or both of these.
    annual_reduction : float, optional
        The budget's yearly reduction rate (0.16 for 16 % a year), 0–1.
    trend_years : int
        Years of data (up to the evaluated year) whose straight-line trend is continued to
        find the year the budget runs out (default 3).
    select, metric, unit, method, unknown, status_rule
        See :class:`Target`; the metric must be ``co2e``.

    Notes
    -----
    ``evaluate(ledger, year)`` gives ``actual`` = the budget used from ``start_year`` to
    ``year``, ``target_value`` = the budget, ``gap`` = used − budget (negative: the margin),
    ``trajectory_value`` = what the budget's own path allows to be used by ``year`` (only for
    a budget derived from a rate), ``required_annual_rate`` = the constant yearly reduction
    from ``year`` that spends exactly the rest by ``end_year``, and ``details``: ``budget_t``,
    ``used_t``, ``remaining_t``, ``share_used``, ``runs_out_year`` (None: lasts the period),
    ``years_left`` (budget left divided by this year's emissions) and ``trend_t_per_year``.
    Status: ``not_met`` when the budget is used up, ``met`` at the end
    of the period within it, ``on_track`` when the trend keeps within it to the end,
    ``off_track`` when it runs out before. ``progress`` is the share of the budget left (so a
    budget not used up reads *delvis*).

    Raises
    ------
    InputError
        For a period that does not contain the evaluated year, a budget given both ways or
        neither, a rate outside 0–1, a negative budget, or a metric other than co2e.
    """

    start_year: int
    end_year: int
    budget: Any = None
    start_emissions: Any = None
    annual_reduction: float | None = None
    trend_years: int = 3
    kind: ClassVar[str] = "carbon_budget"
    cumulative: ClassVar[bool] = True

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        start = check_year(self.start_year, "start_year", what=what)
        end = check_year(self.end_year, "end_year", what=what)
        if end <= start:
            raise fail("end_year", end, f"the period must end after it starts ({start})", what=what)
        if self.metric != "co2e":
            raise fail("metric", self.metric, "a carbon budget is a budget of emissions: metric co2e", what=what)
        derived = self.start_emissions is not None or self.annual_reduction is not None
        if self.budget is not None and derived:
            raise fail("budget", self.budget, "give the budget either as a total or as start_emissions and "
                                              "annual_reduction, not both", what=what)
        if self.budget is None and not (self.start_emissions is not None and self.annual_reduction is not None):
            raise fail("budget", None, "give the budget for the period (e.g. '120 000 t CO2e'), or start_emissions "
                                       "and annual_reduction to derive it", what=what)
        if self.annual_reduction is not None and not 0 <= float(self.annual_reduction) < 1:
            raise fail("annual_reduction", self.annual_reduction, "a yearly reduction rate is a fraction from 0 up "
                                                                  "to 1 (0.16 for 16 % a year)", what=what)
        if not isinstance(self.trend_years, (int, np.integer)) or self.trend_years < 2:
            raise fail("trend_years", self.trend_years, "the trend needs at least 2 years", what=what)
        total = self.budget_total()
        if total < 0:
            raise fail("budget", self.budget, "a budget cannot be negative", what=what)

    def _in_unit(self, value: Any, column: str) -> float:
        what = self._what()
        return magnitude_in(as_quantity(value, self.unit, column=column, what=what), self.unit, what, column)

    def budget_total(self) -> float:
        """The budget for the whole period [target unit]."""
        if self.budget is not None:
            return self._in_unit(self.budget, "budget")
        e0 = self._in_unit(self.start_emissions, "start_emissions")
        return budget_from_rate(e0, float(self.annual_reduction or 0.0), self.end_year - self.start_year + 1)

    def allowed_by(self, year: int) -> float | None:
        """What the budget's own path allows to be used from the start year to ``year`` (derived budgets)."""
        return None if self.budget is not None else self._allowed(year)

    def _allowed(self, year: int) -> float:
        """What the path of a budget derived from a rate allows to be used by ``year`` [target unit]."""
        e0 = self._in_unit(self.start_emissions, "start_emissions")
        return budget_from_rate(e0, float(self.annual_reduction or 0.0), year - self.start_year + 1)

    @property
    def chart_kind(self) -> str:
        """``"budget"``: the budget used so far against the whole budget (and its own path)."""
        return "budget"

    def chart_lines(self, result: TargetResult, series: Iterable[TargetResult]) -> list[ChartLine]:
        """The budget used by year, the whole budget over the period and, for a derived budget, its path."""
        d = result.to_dict()
        used = [(s.year, s.to_dict()["actual"]) for s in series if s.actual is not None]
        lines = [ChartLine("budget_used", used),
                 ChartLine("budget", [(self.start_year, d["budget_t"]), (self.end_year, d["budget_t"])], dashed=True)]
        if self.budget is None:     # a budget derived from a rate: its own path
            path = [(y, self._allowed(y)) for y in range(self.start_year, self.end_year + 1)]
            lines.append(ChartLine("budget_path", path, dashed=True))
        return lines

    def chart_years(self, result: TargetResult) -> list[int]:
        """The budget's period."""
        return [self.start_year, self.end_year]

    def actual_terms(self, ledger, result: TargetResult) -> dict[int, float]:
        """The budget used: the emissions of every year from the start year to the result's year [t CO2e]."""
        if result.actual is None:
            return {}
        return {y: float(self.measure(ledger, y).value) for y in range(self.start_year, int(result.year) + 1)}

    def _evaluate(self, ledger, year: int) -> TargetResult:
        what = self._what()
        year = check_year(year, "year", what=what)
        if not self.start_year <= year <= self.end_year:
            raise fail("year", year, f"the budget's period is {self.start_year}–{self.end_year}; evaluate a year "
                                     "in it", what=what)
        total = self.budget_total()
        by_year: dict[int, float] = {}
        missing: list[str] = []
        last = None
        for y in range(self.start_year, year + 1):
            m = self.measure(ledger, y)
            last = m
            if m.rows == 0 or math.isnan(m.value):
                missing.append(f"{y} ({'no ledger rows' if m.rows == 0 else m.note or 'value unknown'})")
            else:
                by_year[y] = m.value
        details: dict[str, Any] = {"budget_t": total, "start_year": self.start_year, "end_year": self.end_year}
        if missing:
            return no_data(self, year, last, target_value=total, target_year=self.end_year, details=details,
                           note="the budget used cannot be summed: no value for " + "; ".join(missing)
                                + " (a year without data is not counted as zero)")
        used = float(sum(by_year.values()))
        remaining = total - used
        current = by_year[year]
        ys = sorted(by_year)[-int(self.trend_years):]
        slope = float(np.polyfit(ys, [by_year[y] for y in ys], 1)[0]) if len(ys) >= 2 else 0.0
        out_year = runs_out_year(year, current, slope, remaining, self.end_year)
        left_years = self.end_year - year
        rate = required_rate(current, remaining, left_years)
        if remaining < 0:
            status = "not_met"
        elif year == self.end_year:
            status = "met"
        elif out_year is None:
            status = "on_track"
        else:
            status = "off_track"
        note = ""
        if remaining < 0:
            note = N_("the budget is used up")
        elif rate is not None and rate < 0:
            note = N_("what is left allows the emissions to grow")
        details.update(used_t=used, remaining_t=remaining, share_used=used / total if total else float("nan"),
                       runs_out_year=out_year, years_left=remaining / current if current > 0 else None,
                       trend_t_per_year=slope)
        allowed = self.allowed_by(year)
        return TargetResult(self.name, year, status, actual=self._q(used), target_value=self._q(total),
                            trajectory_value=self._q(allowed), gap=self._q(used - total),
                            required_annual_rate=None if rate is None else max(rate, 0.0),
                            progress=remaining / total if total else None, base_year=self.start_year,
                            target_year=self.end_year, note=note, unit=self._unit_label(), details=details)
