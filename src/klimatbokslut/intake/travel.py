"""Business travel and commuting: flight distances, distance bands, commuting surveys.

Everything here prepares ordinary activity rows (or the numbers the engine needs
for them); the emissions come from the same :func:`klimatbokslut.calculate` path.

* Flights: great-circle distance between IATA airports (coordinates from the
  ``airportsdata`` package) plus an 8 % uplift for indirect routing and delays, the
  uplift used by Transportstyrelsen for Swedish flights and by DESNZ; distance bands
  *domestic* (both airports in Sweden), *short-haul* (other flights up to 3 700 km)
  and *long-haul* (longer), as in the DESNZ flight factors.
* Commuting: a staff survey (mode shares, one-way distance, working days, staff)
  becomes commuting rows (``purpose = commuting``), and the walk-and-cycle share.

References
----------
.. [1] Transportstyrelsen: Klimatrapportering (luftfart) — flown distance about 8 %
   longer than the great-circle distance.
.. [2] UK DESNZ (2025): Greenhouse gas reporting: conversion factors 2025,
   methodology paper (flight distance bands and the 8 % uplift).
.. [3] WRI/WBCSD (2013): Technical Guidance for Calculating Scope 3 Emissions,
   categories 6 and 7.

Examples
--------
>>> round(flight_distance("VXO", "ARN"), 1)
383.9
>>> distance_band("VXO", "ARN"), distance_band("ARN", "JFK")
('domestic', 'long_haul')
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import UnknownAirportError
from ..validation import Failures, fail

#: Uplift on the great-circle distance for indirect routes and delays (Transportstyrelsen; DESNZ).
GCD_UPLIFT = 1.08
#: Upper limit of short-haul flights [km] (DESNZ).
SHORT_HAUL_MAX_KM = 3700.0
HOME_COUNTRY = "SE"
EARTH_RADIUS_KM = 6371.0088   # mean Earth radius (IUGG)
BANDS = ("domestic", "short_haul", "long_haul")
CABINS = ("average", "economy", "premium_economy", "business", "first")
_CABIN_ALIASES = {"": "average", "average": "average", "genomsnitt": "average", "economy": "economy",
                  "ekonomi": "economy", "ekonomiklass": "economy", "premium": "premium_economy",
                  "premium_economy": "premium_economy", "business": "business", "affärsklass": "business",
                  "first": "first", "första": "first", "förstaklass": "first"}
_BAND_ALIASES = {"": "", "domestic": "domestic", "inrikes": "domestic", "short_haul": "short_haul",
                 "short": "short_haul", "kort": "short_haul", "kortdistans": "short_haul", "europa": "short_haul",
                 "long_haul": "long_haul", "long": "long_haul", "lång": "long_haul", "långdistans": "long_haul",
                 "interkontinental": "long_haul"}


@lru_cache(maxsize=1)
def _airports() -> dict:
    import airportsdata  # its module loads on the first flight, not with klimatbokslut (import time)

    return airportsdata.load("IATA")




def airport(code: str) -> dict:
    """Airport record (name, country, lat, lon) for an IATA code.

    Raises
    ------
    UnknownAirportError
        With close codes of the same first letters when there are any.

    Examples
    --------
    >>> airport("vxo")["city"]
    'Vaxjo'
    """
    key = str(code).strip().upper()
    rec = _airports().get(key)
    if rec is None:
        near = sorted(c for c in _airports() if c[:2] == key[:2])[:8]
        raise UnknownAirportError([{"row": None, "column": "origin/destination", "value": code,
                                    "reason": "unknown IATA airport code"
                                              + (f"; codes starting {key[:2]}: {', '.join(near)}" if near else "")}])
    return rec


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of mean Earth radius [km] (haversine).

    Examples
    --------
    >>> round(great_circle_km(0, 0, 0, 1), 3)   # one degree of longitude at the equator
    111.195
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def flight_distance(origin: str, destination: str, *, uplift: float = GCD_UPLIFT) -> float:
    """Flown distance of one flight [km]: great-circle distance × uplift (default 1.08).

    Parameters
    ----------
    origin, destination : str
        IATA airport codes.
    uplift : float
        Factor on the great-circle distance; 1.0 gives the plain great-circle distance.

    Examples
    --------
    >>> round(flight_distance("VXO", "ARN", uplift=1.0), 1)
    355.5
    """
    a, b = airport(origin), airport(destination)
    return great_circle_km(a["lat"], a["lon"], b["lat"], b["lon"]) * uplift


def distance_band(origin: str, destination: str) -> str:
    """DESNZ distance band of a flight seen from Sweden.

    ``domestic`` when both airports are in Sweden, else ``short_haul`` up to
    3 700 km great-circle distance × uplift, else ``long_haul``.

    Examples
    --------
    >>> distance_band("GOT", "CDG")
    'short_haul'
    """
    a, b = airport(origin), airport(destination)
    if a["country"] == HOME_COUNTRY and b["country"] == HOME_COUNTRY:
        return "domestic"
    return "short_haul" if flight_distance(origin, destination) <= SHORT_HAUL_MAX_KM else "long_haul"


def normalise_cabin(value: str) -> str | None:
    """Canonical cabin class or None if unknown.

    Examples
    --------
    >>> normalise_cabin("Ekonomi"), normalise_cabin("")
    ('economy', 'average')
    """
    return _CABIN_ALIASES.get(str(value).strip().lower().replace(" ", "_"))


def normalise_band(value: str) -> str | None:
    """Canonical distance band ('' when not given) or None if unknown."""
    return _BAND_ALIASES.get(str(value).strip().lower().replace("-", "_").replace(" ", "_"))


# ----------------------------------------------------------------------------- commuting
MODE_ACTIVITY = {  # survey mode -> activity
    "walk": "walk", "gång": "walk", "bicycle": "bicycle", "cykel": "bicycle", "bike": "bicycle",
    "bus": "bus", "buss": "bus", "train": "train", "tåg": "train", "car": "car_unknown", "bil": "car_unknown",
    "car_petrol": "car_petrol", "car_diesel": "car_diesel", "car_ev": "car_ev", "elbil": "car_ev",
    "car_hvo100": "car_hvo100", "coach": "coach",
}
ACTIVE_MODES = ("walk", "bicycle")


def commuting_from_survey(survey: pd.DataFrame, *, staff: int, working_days: float, year: int,
                          org_unit: str = "") -> pd.DataFrame:
    """Commuting activity rows from a staff travel survey.

    Parameters
    ----------
    survey : DataFrame
        One row per mode with ``mode`` (walk, bicycle, bus, train, car, car_petrol,
        car_diesel, car_ev ...; Swedish names accepted), ``share`` (share of staff
        [0–1]) and ``one_way_km`` (average one-way distance for that mode [km]).
    staff : int
        Number of employees the survey represents.
    working_days : float
        Commuting days per employee and year.
    year : int
        Reporting year.

    Returns
    -------
    DataFrame
        Activity rows (``activity, amount, unit, year, purpose = commuting``); the
        amount is passenger-km per year = staff × share × 2 × one-way km × days.
        Car modes are vehicle-km (one person per car).

    Raises
    ------
    InputError
        Unknown modes, shares outside 0–1 or not summing to 1 (±0.005), negative
        distances — every failure listed.

    Examples
    --------
    >>> s = pd.DataFrame({"mode": ["cykel", "bil"], "share": [0.4, 0.6], "one_way_km": [4, 15]})
    >>> rows = commuting_from_survey(s, staff=100, working_days=200, year=2024)
    >>> rows[["activity", "amount", "unit"]].to_dict("list")
    {'activity': ['bicycle', 'car_unknown'], 'amount': [64000.0, 360000.0], 'unit': ['pkm', 'km']}
    """
    df = survey.reset_index(drop=True)
    failures = Failures("commuting survey")
    for col in ("mode", "share", "one_way_km"):
        if col not in df.columns:
            failures.add(col, None, "required survey column missing")
    failures.raise_if_any()
    modes = df["mode"].astype(str).str.strip().str.lower().map(MODE_ACTIVITY)
    share = pd.to_numeric(df["share"], errors="coerce")
    dist = pd.to_numeric(df["one_way_km"], errors="coerce")
    for i in range(len(df)):
        if pd.isna(modes[i]):
            failures.add("mode", df.at[i, "mode"],
                         f"unknown mode; choose one of {', '.join(sorted(set(MODE_ACTIVITY)))}", row=i)
        if not (0 <= share[i] <= 1):
            failures.add("share", df.at[i, "share"], "share must be 0–1", row=i)
        if not dist[i] >= 0:
            failures.add("one_way_km", df.at[i, "one_way_km"], "distance must be a number >= 0", row=i)
    if not failures and abs(share.sum() - 1) > 0.005:
        failures.add("share", round(float(share.sum()), 4), "mode shares must add up to 1")
    if staff <= 0 or working_days <= 0:
        failures.add("staff/working_days", (staff, working_days), "staff and working days must be positive")
    failures.raise_if_any()
    km = staff * share * 2 * dist * working_days
    is_car = modes.str.startswith("car")
    return pd.DataFrame({"activity": modes, "amount": km.astype(float), "unit": np.where(is_car, "km", "pkm"),
                         "year": year, "purpose": "commuting", "org_unit": org_unit,
                         "commuters": (staff * share).astype(float)})


def active_share(ledger_or_rows, *, year: int | None = None, basis: str = "trips") -> float:
    """Share of commuting done walking or cycling.

    Parameters
    ----------
    ledger_or_rows : Ledger or DataFrame
        Commuting rows (``purpose = commuting``) with ``activity`` and ``amount``.
    year : int, optional
        Only this year.
    basis : {"trips", "distance"}
        ``"trips"``: share of commuters (each commuter's trips counted once), from the
        ``commuters`` column that :func:`commuting_from_survey` writes (staff × the
        survey's share). ``"distance"``: share of passenger-km.

    Raises
    ------
    InputError
        ``basis="trips"`` on rows without a ``commuters`` column (distances alone do
        not say how many commute), or an unknown basis.

    Examples
    --------
    >>> s = pd.DataFrame({"mode": ["cykel", "bil"], "share": [0.4, 0.6], "one_way_km": [4, 15]})
    >>> rows = commuting_from_survey(s, staff=100, working_days=200, year=2024)
    >>> round(active_share(rows, basis="trips"), 4), round(active_share(rows, basis="distance"), 4)
    (0.4, 0.1509)

    40 of 100 commuters cycle (0.40 of the commuters); their 4 km trips are
    2 × 4 × 40 × 200 = 64 000 of 2 × (4 × 40 + 15 × 60) × 200 = 424 000 km (0.1509 of the distance).
    """
    if basis not in ("trips", "distance"):
        raise fail("basis", basis, "basis must be 'trips' or 'distance'", what="active_share")
    frame = getattr(ledger_or_rows, "frame", ledger_or_rows)
    f = frame
    if "purpose" in f.columns:
        f = f[f["purpose"].astype(str).isin(["commuting"])]
    if year is not None:
        f = f[f["year"] == year]
    if f.empty:
        return float("nan")
    active = f["activity"].astype(str).isin(ACTIVE_MODES)
    if basis == "trips":
        if "commuters" not in f.columns:
            raise fail("commuters", None, "the share of trips needs the number of commuters per mode (the "
                       "commuters column of commuting_from_survey); use basis='distance' for the share of "
                       "passenger-km", what="active_share")
        commuters = pd.to_numeric(f["commuters"], errors="coerce")
        if commuters.isna().any():
            raise fail("commuters", None, f"{int(commuters.isna().sum())} commuting row(s) have no number of "
                       "commuters (value missing); the share of trips cannot be computed", what="active_share")
        return float(commuters[active].sum() / commuters.sum())
    return float(f.loc[active, "amount"].sum() / f["amount"].sum())
