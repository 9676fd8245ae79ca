"""Method changes: every year recomputed with the method in force then and with today's, side by side.

A change of method or of factor edition from a year on (radiative forcing on flights, a GWP
set, a factor set) is not applied to the ledger rows: :func:`method_history` recomputes every
year from the stored activity rows with the method then in force (as first reported) and with
today's, and gives each change's effect on the base year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..validation import check_year, fail
from .base import WHAT
from .policy import RecalculationPolicy

__all__ = ["MethodChange", "method_history"]


@dataclass(frozen=True)
class MethodChange:
    """A change of method or of factor edition from ``year`` on.

    Parameters
    ----------
    name : str
        "Flyg med strålningsdrivning (RF)".
    year : int
        First year reported with the new method.
    settings : dict
        The keyword arguments of :func:`klimatbokslut.calculate` that change: ``gwp``,
        ``radiative_forcing``, ``scope2_method``, ``factors``, ``price_index``.
    trigger : {"method", "factor_edition"}
    """

    name: str
    year: int
    settings: Mapping[str, Any]
    trigger: str = "method"

    def __post_init__(self) -> None:
        what = f"method change {self.name!r}"
        object.__setattr__(self, "year", check_year(self.year, "year", what=what))
        if self.trigger not in ("method", "factor_edition"):
            raise fail("trigger", self.trigger, "a method change's trigger is method or factor_edition", what=what)
        allowed = {"gwp", "radiative_forcing", "scope2_method", "factors", "price_index"}
        bad = sorted(set(self.settings) - allowed)
        if not self.settings or bad:
            raise fail("settings", ", ".join(bad) or None, f"settings are {', '.join(sorted(allowed))}", what=what)


def method_history(activities: Any, changes: Iterable[MethodChange], *, base_year: int,
                   policy: RecalculationPolicy | None = None, **settings: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every year of a history with the method in force then (as first reported) and with today's.

    Parameters
    ----------
    activities : pandas.DataFrame
        The stored activity rows of every year.
    changes : iterable of MethodChange
        In the order they were made.
    base_year : int
    policy : RecalculationPolicy, optional
    **settings
        The method before the first change (keyword arguments of :func:`klimatbokslut.calculate`).

    Returns
    -------
    (history, effects) : two DataFrames
        ``history``: ``year, reported_t`` (each year with the changes made by then),
        ``restated_t`` (every change applied). ``effects``: per change, ``change, year,
        trigger, base_year_effect_t, share_of_base, significant``: the base year computed with
        the changes up to this one, minus with the ones before it.
    """
    from ..engine import calculate

    policy = policy or RecalculationPolicy()
    changes = sorted(changes, key=lambda c: c.year)
    acts = activities if isinstance(activities, pd.DataFrame) else pd.read_csv(activities)
    years = sorted({int(y) for y in pd.to_numeric(pd.DataFrame(acts)["year"] if "year" in acts else
                                                  acts.iloc[:, 0], errors="coerce").dropna()})
    stages = [dict(settings)]
    for c in changes:
        stages.append({**stages[-1], **c.settings})
    ledgers = [calculate(acts, **s) for s in stages]
    totals = [{y: float(led.total(year=y).magnitude) for y in years} for led in ledgers]
    rows = []
    for y in years:
        in_force = sum(1 for c in changes if c.year <= y)
        rows.append({"year": y, "reported_t": totals[in_force][y], "restated_t": totals[-1][y]})
    base = totals[0].get(base_year)
    if base is None:
        raise fail("base_year", base_year, f"no activity rows in the base year; years: {', '.join(map(str, years))}",
                   what=WHAT)
    effects = []
    for i, c in enumerate(changes, start=1):
        eff = totals[i][base_year] - totals[i - 1][base_year]
        share = abs(eff) / abs(base) if base else float("nan")
        effects.append({"change": c.name, "year": c.year, "trigger": c.trigger, "base_year_effect_t": eff,
                        "share_of_base": share, "significant": bool(share >= policy.threshold)})
    return pd.DataFrame(rows), pd.DataFrame(effects, columns=["change", "year", "trigger", "base_year_effect_t",
                                                              "share_of_base", "significant"])

