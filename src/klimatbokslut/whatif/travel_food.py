"""What-if steps for travel and food: flights to train, cars to electric cars, meat to plant protein.

Like every what-if step, they only change activity rows; the emissions come from the
same engine.

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut import whatif
>>> acts = pd.DataFrame({"activity": ["flyg"], "amount": [10], "unit": ["trip"], "year": [2024],
...                      "origin": ["VXO"], "destination": ["ARN"], "round_trip": ["ja"]})
>>> r = whatif.flights_to_train(acts, max_km=500)
>>> r.steps["rows"].tolist()
[1]
>>> round(r.avoided_co2e.magnitude, 3)   # 10 × 767.86 pkm × (0.22928 + 0.0335) − train 0.0039 g/pkm
2.018
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._typing import Selection
from ..factors import FactorSet
from ..intake.travel import GCD_UPLIFT, flight_distance
from ..text import N_
from ..units import kind_of, parse_unit
from ..validation import as_list, fail, set_checked
from .medical import Substitution
from .note import Note, Num, Pct
from .registry import register
from .scenario import Scenario, WhatIfResult
from .step import WHAT, StepOutput, check_share, select_mask, split_rows

__all__ = ["FlightsToTrain", "flights_to_train", "cars_to_ev", "switch_food"]


@dataclass(frozen=True)
class FlightsToTrain:
    """Replace flights whose one-way flown distance is at most ``max_km`` by train journeys.

    Flight rows given in trips with origin and destination are selected by their
    flown distance (great-circle × 1.08); each becomes a train row of
    trips × (2 for a round trip) × great-circle distance × ``rail_detour`` pkm.

    Parameters
    ----------
    max_km : float
        Longest one-way flown distance replaced [km].
    share : float
        Fraction of those trips moved to train [-], 0–1.
    rail_detour : float
        Rail distance as a multiple of the great-circle distance [-]. Default 1.0
        (the great-circle distance); state your routes' value when you know it —
        train factors are so small that the answer barely depends on it.
    select : dict, optional
        Further row filters (``{"org_unit": "Regionledning"}``).
    """

    max_km: float
    share: float = 1.0
    rail_detour: float = 1.0
    select: Selection | None = None

    def __post_init__(self) -> None:
        if not (float(self.max_km) > 0):
            raise fail("max_km", self.max_km, "max_km must be a distance above 0 km", what=WHAT)
        if not (float(self.rail_detour) >= 1.0):
            raise fail("rail_detour", self.rail_detour, "the rail distance cannot be shorter than the great circle",
                       what=WHAT)
        set_checked(self, share=check_share(self.share))

    @property
    def description(self) -> str:
        return Note(N_("{share} of flights up to {km} km by train"), share=Pct(self.share), km=Num(self.max_km))

    def _flown_km(self, frame: pd.DataFrame) -> np.ndarray:
        """Flown one-way distance [km] of the candidate rows (flights in trips with a route), NaN elsewhere."""
        is_flight = (frame["activity"].astype(object) == "flight").to_numpy()
        has_route = (frame["origin"].astype(str) != "").to_numpy() & (frame["destination"].astype(str) != "").to_numpy()
        in_trips = frame["unit"].astype(object).map(lambda u: kind_of(parse_unit(u)) == "trip").to_numpy(dtype=bool)
        candidates = is_flight & has_route & in_trips & select_mask(frame, self.select)
        dist = np.full(len(frame), np.nan)
        for i in np.flatnonzero(candidates):
            dist[i] = flight_distance(frame["origin"].iloc[i], frame["destination"].iloc[i])
        return dist

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        dist = self._flown_km(frame)
        mask = dist <= float(self.max_km)           # NaN (not a candidate) compares False
        if not mask.any():
            raise fail("max_km", self.max_km, "no flight (in trips, with origin and destination) is that short",
                       what=WHAT)
        work = frame.copy()
        work["_gcd_km"] = dist / GCD_UPLIFT
        out, switched = split_rows(work, mask, self.share, self.description)
        trips = out.loc[switched, "amount"].to_numpy(dtype=float)
        legs = np.where(out.loc[switched, "round_trip"].to_numpy(dtype=bool), 2.0, 1.0)
        pkm = trips * legs * out.loc[switched, "_gcd_km"].to_numpy(dtype=float) * self.rail_detour
        out.loc[switched, "activity"] = "train"
        out.loc[switched, "amount"] = pkm
        out.loc[switched, "unit"] = "pkm"
        for col in ("origin", "destination", "cabin", "band"):
            out.loc[switched, col] = ""
        out.loc[switched, "round_trip"] = False
        out = out.drop(columns=["_gcd_km"])
        notes: list[str] = [Note(N_("{step}: rail distance = great-circle distance × {detour}"),
                                 step=self.description, detour=Num(self.rail_detour))]
        return StepOutput(out, None, notes, int(switched.sum()))


class _OptionalSubstitution(Substitution):
    """A substitution that changes nothing (instead of failing) when no rows match."""

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        if not self._mask(frame).any():
            return StepOutput(frame.copy(), None, [], 0)
        return super().apply(frame, factors)


@register
def flights_to_train(activities: Any, max_km: float, share: float = 1.0, *, rail_detour: float = 1.0,
                     select: Selection | None = None, factors: FactorSet | None = None, gwp: str = "AR6",
                     radiative_forcing: bool = True) -> WhatIfResult:
    """What if flights up to ``max_km`` had been train journeys? See :class:`FlightsToTrain`.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["flyg"], "amount": [1], "unit": ["trip"], "year": [2024],
    ...                      "origin": ["ARN"], "destination": ["JFK"]})
    >>> flights_to_train(acts, max_km=500)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'max_km', value '500': no flight (in trips, with origin and destination) is that short
    """
    step = FlightsToTrain(max_km, share, rail_detour, select)
    return Scenario(step.description, [step]).run(activities, factors, gwp, radiative_forcing=radiative_forcing)


@register
def cars_to_ev(activities: Any, share: float = 1.0, *,
               cars: Iterable[str] = ("car_petrol", "car_diesel", "car_unknown"), select: Selection | None = None,
               factors: FactorSet | None = None, gwp: str = "AR6") -> WhatIfResult:
    """What if a share of the kilometres driven in private petrol/diesel cars had been electric?

    Kilometre for kilometre (ratio 1); the electric car's emissions are its
    electricity (0.20 kWh/km) under both scope-2 methods.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["bil bensin"], "amount": [1000], "unit": ["km"], "year": [2023]})
    >>> r = cars_to_ev(acts)
    >>> round(r.avoided_co2e.magnitude * 1000, 2)   # 1000 × 0.16272 − 1000 × 0.20 × 0.52410 kg
    57.9
    """
    steps = []
    sel = dict(select or {})
    for car in cars:
        act = sel.get("activity")
        if act is not None and car not in as_list(act):
            continue
        steps.append(_OptionalSubstitution(car, "car_ev", ratio=1.0, share=share, select=select))
    return Scenario(f"{check_share(share):.0%} of car km electric", steps).run(activities, factors, gwp)


@register
def switch_food(activities: Any, from_group: str, to_group: str, *, ratio: float, share: float = 1.0,
                select: Selection | None = None, factors: FactorSet | None = None,
                gwp: str = "AR6") -> WhatIfResult:
    """What if a share of one food group had been replaced by another (beef → pulses)?

    ``ratio`` is the kg of ``to_group`` served instead of 1 kg of ``from_group``; it
    depends on the recipes (protein, portion size) and must be stated by the caller —
    the library has no default.

    Examples
    --------
    The ratio below is an example number, not a nutritional equivalence:

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["nötkött"], "amount": [1000], "unit": ["kg"], "year": [2024]})
    >>> r = switch_food(acts, "nötkött", "baljväxter", ratio=1.0, share=0.5)
    >>> r.avoided_co2e.magnitude   # 500 × 26 − 500 × 0.7 kg (SLU)
    12.65
    """
    step = Substitution(from_group, to_group, ratio=ratio, share=share, select=select, kind="food")
    return Scenario(step.description, [step]).run(activities, factors, gwp)
