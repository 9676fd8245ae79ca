"""Normal-year correction (normalårskorrigering) of heating energy with degree-days.

A cold year uses more heat than a mild one. To follow an energy target over years,
Swedish property owners correct the weather-dependent part of their heating energy to
a normal year with degree-days (*graddagar*, SMHI: base +17 °C, normal period
1981–2010 since 2014/15):

.. math::

    E_{normal} = E \\, \\bigl[(1 - w) + w \\cdot DD_{normal} / DD_{year}\\bigr]

where *w* is the weather-dependent share of the heating energy (the rest, mostly hot
water, does not depend on the weather; a utility's worked example uses 25 % hot
water, so *w* = 0.75, but the share depends on the buildings: it has no national
default and must be given). The correction adds the column ``energy_normal_mj`` to a
ledger; the metric ``"energy_normal"`` of the energy and intensity targets uses it.
Emissions are never corrected: they are what was emitted.

References
----------
.. [1] SMHI, *Energi-Index och Graddagar – normalårskorrigering värme*,
   https://www.smhi.se/professionella-tjanster/professionella-tjanster/fastighet/normalarskorrigering-varme
.. [2] Älvsbyns Energi, *Hur fungerar normalkorrigering* (hot water not corrected; example 25 %),
   https://www.alvsbynsenergi.se/fjarrvarme/normalarskorrigering/hur-fungerar-normalkorrigering/

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["fjärrvärme"], "amount": [1000], "unit": ["MWh"],
...                                  "year": [2024], "region": ["Malmö"]}))
>>> corrected = correct(led, degree_days={2024: 3400}, normal_degree_days=3846, weather_share=0.75)
>>> round(float(corrected.frame.loc[0, "energy_normal_mj"]) / 3600, 1)   # MWh
1098.4
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .ledger import Ledger
from .validation import Failures, check_fraction, selection_mask

__all__ = ["NormalYear", "correct", "DEFAULT_SELECT"]

#: Rows corrected when no selection is given: purchased heat (district heating).
DEFAULT_SELECT: dict[str, Any] = {"activity": ["district_heating"]}


@dataclass(frozen=True)
class NormalYear:
    """The parameters of a normal-year correction, as the report states them.

    Attributes
    ----------
    degree_days : dict of int to float
        Degree-days of each year (the local SMHI station or index).
    normal_degree_days : dict of int to float
        Degree-days of the normal year, per year (the same value for every year when one was given).
    weather_share : float
        Weather-dependent share of the selected energy [-].
    select : dict
        The ledger rows corrected.
    """

    degree_days: dict[int, float]
    normal_degree_days: dict[int, float]
    weather_share: float
    select: dict[str, Any]
    #: Where the degree-days come from (e.g. "SMHI, Växjö").
    source: str = ""

    def factor(self, year: int) -> float:
        """The correction factor of a year, NaN when the year has no degree-days."""
        actual = self.degree_days.get(int(year))
        normal = self.normal_degree_days.get(int(year))
        if actual is None or normal is None:
            return float("nan")
        return (1.0 - self.weather_share) + self.weather_share * normal / actual


def _per_year(value: Any, column: str, failures: Failures, years: list[int] | None = None) -> dict[int, float]:
    items = value.items() if isinstance(value, Mapping) else ((y, value) for y in (years or []))
    out: dict[int, float] = {}
    for y, v in items:
        try:
            year, number = int(y), float(v)
        except (TypeError, ValueError):
            failures.add(column, f"{y}: {v}", "give the year and a number of degree-days")
            continue
        if not number > 0:
            failures.add(column, f"{y}: {v}", "degree-days must be above 0")
            continue
        out[year] = number
    return out


def correct(ledger: Ledger, *, degree_days: Mapping[int, float], normal_degree_days: float | Mapping[int, float],
            weather_share: float, select: Mapping[str, Any] | None = None, source: str = "") -> Ledger:
    """A copy of the ledger with normal-year corrected energy in ``energy_normal_mj``.

    Parameters
    ----------
    ledger : Ledger
    degree_days : mapping of year to degree-days
        The degree-days of each year to correct.
    normal_degree_days : number or mapping of year to degree-days
        The normal year's degree-days (one number for every year, or per year).
    weather_share : float
        The weather-dependent share of the selected rows' energy [-], 0–1.
    select : dict, optional
        Ledger rows to correct (default :data:`DEFAULT_SELECT`, district heating).
        Other rows keep their energy in ``energy_normal_mj``.
    source : str, optional
        Where the degree-days come from, for the report.

    Returns
    -------
    Ledger
        With ``energy_normal_mj``, the flag ``normal_year`` on corrected rows and
        ``ledger.normal_year`` (:class:`NormalYear`). A selected row of a year without
        degree-days has NaN in ``energy_normal_mj``: unknown, not uncorrected.

    Raises
    ------
    InputError
        A share outside 0–1 or degree-days that are not positive numbers, all at once.
    """
    what = "normal-year correction"
    failures = Failures(what)
    try:
        share = check_fraction(weather_share, "weather_share", what=what)
    except Exception as exc:   # reported with the other problems
        failures.add("weather_share", weather_share, str(exc).splitlines()[-1].split(": ", 1)[-1])
        share = 0.0
    dd = _per_year(degree_days, "degree_days", failures)
    normal = _per_year(normal_degree_days, "normal_degree_days", failures, years=sorted(dd))
    failures.raise_if_any()
    sel = dict(select if select is not None else DEFAULT_SELECT)
    params = NormalYear(dd, normal, share, sel, source)
    f = ledger.frame
    mask = selection_mask(f, sel, what=what, table="ledger")
    years = f["year"].to_numpy()
    factor = np.array([params.factor(y) for y in years], dtype=float) if len(f) else np.zeros(0)
    energy = f["energy_mj"].to_numpy(dtype=float)
    frame = f.copy()
    frame["energy_normal_mj"] = np.where(mask, energy * factor, energy)
    flags = frame["flags"].astype(object).astype(str)
    frame["flags"] = np.where(mask, [";".join([x for x in (fl, "normal_year") if x]) for fl in flags], flags)
    frame["flags"] = frame["flags"].astype("category")
    return ledger.replace(frame=frame, normal_year=params)
