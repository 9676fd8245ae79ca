"""The plan's follow-up: each measure's outcome per year, status, trend word and whether it is reachable.

Programme follow-ups judge direction as well as status: *går åt rätt håll*, *går åt rätt
håll men för sakta*, *går åt fel håll*, and whether the target is judged reachable by its
year ("målet bedöms nu inte som möjligt att nå"). :func:`trend_of` computes them from the
series of outcomes and the path of targets:

* the **current trend** is the least-squares slope of the outcomes (the years with a value up
  to the report year; the plan's stated base-year value is added in front when fewer than two
  outcomes are known);
* the **projection** continues the latest outcome along that slope to the last year with a
  target;
* **reachable** (``"yes"`` / ``"no"``) when the projection reaches the last target (at least,
  or at most, as the measure says); once that year is past, whether it was reached then;
* the **trend word** is ``"wrong_direction"`` when the slope moves away from the target's
  side, else ``"right_direction"`` when the target is reachable and ``"too_slow"`` when it is
  not (a flat series short of the target is too slow); ``"unknown"`` with fewer than two
  values.

:func:`overlaps` is the check of two measures the plan means to be disjoint (electricity and
heat per m², a waste share's two parts): it lists the ledger rows both count.

Examples
--------
>>> trend_of([(2022, 300.0), (2023, 450.0), (2024, 600.0)], {2024: 500.0, 2026: 1100.0}, "at_least")
('too_slow', 'no', 900.0)
>>> trend_of([(2022, 0.192), (2024, 0.179)], {2024: 0.175, 2026: 0.165}, "at_most")[:2]
('too_slow', 'no')

Food waste falls 0.65 points a year (19.2 % to 17.9 % in two years): 17.9 − 2 × 0.65 = 16.6 % in
2026, above the 16.5 % to reach, so the right direction but too slowly. Own solar power above
grows 150 MWh a year: 600 + 2 × 150 = 900 MWh in 2026, short of 1 100.

>>> trend_of([(2023, 5100.0), (2024, 5000.0)], {2026: 5500.0}, "at_least")[:2]
('wrong_direction', 'no')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, KlimatbokslutError
from ..targets import Share, TargetResult
from ..targets.numerator import numerator_mask
from ..text import N_
from ..validation import Failures, selection_mask
from .table import Plan, PlanMeasure

__all__ = ["TREND_WORDS", "REACHABLE", "MeasureFollowUp", "Overlap", "trend_of", "follow_up", "overlaps"]

#: The trend codes (words in :mod:`klimatbokslut.report.plan_words`).
TREND_WORDS = ("right_direction", "too_slow", "wrong_direction", "unknown")
#: Whether the last target is reachable at the current trend.
REACHABLE = ("yes", "no", "unknown")


def trend_of(points: Sequence[tuple[int, float]], levels: Mapping[int, float], direction: str,
             bounds: tuple[float, float] | None = None) -> tuple[str, str, float | None]:
    """The trend word, reachability and projected value of a series against its targets.

    Parameters
    ----------
    points : sequence of (year, value)
        The outcomes (plan values), any order; at least two for a judgement.
    levels : mapping year -> value
        The targets per year (the path); the last one is the one judged reachable.
    direction : {"at_least", "at_most"}
    bounds : (float, float), optional
        Limits of the value (0 and 1 for a share): the projection stops there.

    Returns
    -------
    (trend, reachable, projected)
        A code of :data:`TREND_WORDS`, one of :data:`REACHABLE`, and the value projected to the
        last target year (None when unknown).
    """
    pts = sorted((int(y), float(v)) for y, v in points if v is not None and not math.isnan(v))
    if len(pts) < 2 or not levels:
        return "unknown", "unknown", None
    sign = 1.0 if direction == "at_least" else -1.0
    last_year = max(levels)
    goal = float(levels[last_year])
    years = np.array([p[0] for p in pts], dtype=float)
    values = np.array([p[1] for p in pts], dtype=float)
    dx = years - years.mean()
    slope = float((dx * (values - values.mean())).sum() / (dx * dx).sum())   # least squares
    y_n, v_n = pts[-1]
    if y_n >= last_year:         # the last target year is past: was it reached then (or the latest before)?
        at = [v for y, v in pts if y <= last_year]
        projected = at[-1] if at else v_n
    else:
        projected = v_n + slope * (last_year - y_n)
        if bounds is not None:
            projected = min(max(projected, bounds[0]), bounds[1])
    tol = 1e-9 * max(abs(goal), abs(v_n), 1.0)
    reachable = "yes" if sign * (projected - goal) >= -tol else "no"
    if sign * slope < -1e-9 * max(abs(v_n), 1.0):
        return "wrong_direction", reachable, projected
    return ("right_direction" if reachable == "yes" else "too_slow"), reachable, projected


@dataclass(frozen=True)
class MeasureFollowUp:
    """One measure of the plan followed up.

    Attributes
    ----------
    measure : PlanMeasure
    outcomes : dict of int to float
        Outcome per year in plan values (fractions for shares, reductions for a reduction).
    results : dict of int to TargetResult
        The target's result in each year it can be evaluated (a target applies).
    result : TargetResult or None
        The result of the report year; None when no target applies yet.
    trend, reachable : str
        Codes of :data:`TREND_WORDS` and :data:`REACHABLE`.
    projected : float or None
        The outcome projected to the last target year at the current trend [plan values].
    sources : list of str
        The sources of a value measured elsewhere (empty for a ledger measure).
    note : str
        What the reader should know (why there is no value).
    """

    measure: PlanMeasure
    outcomes: dict[int, float]
    results: dict[int, TargetResult]
    result: TargetResult | None
    trend: str
    reachable: str
    projected: float | None
    sources: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def given(self) -> bool:
        """Whether the values are measured elsewhere (given, not computed)."""
        return self.measure.given is not None


def _outcome(m: PlanMeasure, source: Any, year: int) -> float:
    """The measure's outcome in ``year`` in plan values; NaN when unknown."""
    t = m.target
    try:
        value = float(t._actual(source, year))      # the kinds' protocol: the value a status is judged on
        if m.is_reduction:
            base = t._base(source, t.base_year)     # type: ignore[attr-defined]  # a Reduction has a base year
            value = 1.0 - value / base if base else float("nan")
    except (InputError, KlimatbokslutError):
        return float("nan")
    return value


def _years(source: Any, report_year: int) -> list[int]:
    frame = getattr(source, "frame", None)
    if frame is None or "year" not in frame:
        return []
    return sorted(int(y) for y in pd.unique(frame["year"]) if int(y) <= report_year)


def follow_up(plan: Plan, ledger: Any, given: Any, report_year: int) -> list[MeasureFollowUp]:
    """Each measure of ``plan`` evaluated on the ledger (or its given values) up to ``report_year``.

    Parameters
    ----------
    plan : Plan
    ledger : Ledger
    given : GivenValues or None
    report_year : int

    Returns
    -------
    list of MeasureFollowUp
        In the order of the plan's table.
    """
    out = []
    for m in plan.measures:
        source = given.series(m.given) if m.given is not None else ledger
        outcomes = {}
        for y in _years(source, report_year):
            v = _outcome(m, source, y)
            if not math.isnan(v):
                outcomes[y] = v
        results = {}
        for y in sorted(set(outcomes) | {y for y in m.levels if y <= report_year} | {report_year}):
            try:
                results[y] = m.target.evaluate(source, y)
            except (InputError, KlimatbokslutError):
                continue               # no target applies that year (a cap per year), or no base-year value
        points = list(outcomes.items())
        if len(points) < 2 and m.base_value is not None and m.base_year is not None \
                and (not points or m.base_year < points[0][0]):
            points.insert(0, (m.base_year, m.base_value))
        bounds = (0.0, 1.0) if m.is_share else None
        trend, reachable, projected = trend_of(points, m.levels, m.direction, bounds)
        result = results.get(report_year)
        note = "" if outcomes else N_("no outcome in any year up to the report year")
        sources = source.sources() if m.given is not None else []
        out.append(MeasureFollowUp(m, outcomes, results, result, trend, reachable, projected, sources, note))
    return out


@dataclass(frozen=True)
class Overlap:
    """Two measures meant to be disjoint that count the same ledger rows."""

    first: str
    second: str
    rows: int
    activities: list[str]


def _counted(m: PlanMeasure, frame: pd.DataFrame) -> np.ndarray:
    """The ledger rows the measure counts: its selection, narrowed by a share's numerator."""
    t = m.target
    what = f"plan measure {m.name!r}"
    mask = selection_mask(frame, t.select, what=what)
    if isinstance(t, Share) and isinstance(t.numerator, Mapping):
        mask &= numerator_mask(frame, t.numerator, what=what) if mask.any() else mask
    return mask


def overlaps(plan: Plan, ledger: Any, pairs: Iterable[Sequence[str]]) -> list[Overlap]:
    """The pairs of measures the plan means to be disjoint that count the same ledger rows.

    Parameters
    ----------
    plan : Plan
    ledger : Ledger
    pairs : iterable of (str, str)
        Measure names (*Mått*) meant to be disjoint.

    Returns
    -------
    list of Overlap
        Empty when every pair is disjoint.

    Raises
    ------
    InputError
        A name that is no measure of the plan, or a measure measured elsewhere (it has no
        ledger rows to compare); every problem at once.
    """
    by_name = {m.name: m for m in plan.measures}
    failures = Failures("plan.disjoint")
    checked = []
    for i, pair in enumerate(pairs):
        names = list(pair)
        if len(names) != 2:
            failures.add(f"disjoint[{i}]", names, "a pair of two measures")
            continue
        for n in names:
            if n not in by_name:
                failures.add(f"disjoint[{i}]", n, f"no such measure; measures: {', '.join(by_name)}")
            elif by_name[n].given is not None:
                failures.add(f"disjoint[{i}]", n, "a value measured elsewhere has no ledger rows to compare")
        checked.append(names)
    failures.raise_if_any()
    frame = ledger.frame
    out = []
    for a, b in checked:
        both = _counted(by_name[a], frame) & _counted(by_name[b], frame)
        if both.any():
            acts = sorted(set(frame.loc[both, "activity"].astype(str)))
            out.append(Overlap(a, b, int(both.sum()), acts))
    return out
