"""Waste indicators from mass by treatment: recycling rate and waste per unit of activity.

The indicators use the mass of the ledger's waste rows (``area = "waste"``), never
their emission factors: a treatment without a factor still counts.

*Materialåtervinning* as Swedish follow-ups report it (Avfall Sverige's key figure,
Kolada) is the mass collected for material recycling **including biological
treatment** (food waste to anaerobic digestion or composting) as a share of all
waste; :data:`RECYCLED` lists those treatments, and ``biological=False`` leaves
biological treatment out (material recycling in the narrow sense). The key figure
counts collected, not actually recycled, mass; so does this function.

References
----------
.. [1] Avfall Sverige, via Miljöbarometern (Stockholm): *Avfall som materialåtervinns*
   (assessment classes: >60 % very good, 50–60 % good, 30–50 % less good, <30 % poor).

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["waste_recycling", "waste_food_biogas", "waste_incineration"],
...                                  "amount": [30, 11.3, 58.7], "unit": ["ton"] * 3, "year": [2024] * 3}),
...                    on_error="collect")
>>> r = recycling_rate(led, 2024)
>>> round(r.rate, 3), r.recycled_t, r.total_t
(0.413, 41.3, 100.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .ledger import Ledger
from .units import get_registry, parse_unit
from .validation import fail, selection_mask

__all__ = ["RECYCLED", "BIOLOGICAL", "RecyclingRate", "recycling_rate", "waste_mass", "waste_per"]

#: Treatments that are material recycling.
MATERIAL: tuple[str, ...] = ("waste_recycling",)
#: Biological treatment (counted as recycling in Avfall Sverige's key figure).
BIOLOGICAL: tuple[str, ...] = ("waste_food_biogas", "waste_food_composting")
#: Everything counted as recycled by default.
RECYCLED: tuple[str, ...] = MATERIAL + BIOLOGICAL


@dataclass(frozen=True)
class RecyclingRate:
    """A recycling rate and the masses behind it.

    Attributes
    ----------
    rate : float
        Recycled mass / all waste mass [-]; NaN without waste rows.
    recycled_t, total_t : float
        Masses [t].
    rows : int
        Waste rows counted.
    """

    rate: float
    recycled_t: float
    total_t: float
    rows: int


def waste_mass(ledger: Ledger, year: int, select: Mapping[str, Any] | None = None) -> tuple[np.ndarray, Any]:
    """Mass in t of each waste row of a year (and selection), and those rows.

    Raises
    ------
    InputError
        A waste row whose amount is not a mass.
    """
    f = ledger.frame
    mask = (f["area"].astype(object).to_numpy() == "waste") & (f["year"].to_numpy() == int(year))
    if select:
        mask &= selection_mask(f, select, what="waste indicator", table="ledger")
    rows = f[mask]
    ureg = get_registry()
    tonne = parse_unit("t")
    out = np.empty(len(rows))
    for i, (act, unit, amount) in enumerate(rows[["activity", "unit", "amount"]].astype(object).itertuples(
            index=False, name=None)):
        try:
            out[i] = float(ureg.Quantity(float(amount), parse_unit(str(unit))).to(tonne).magnitude)
        except Exception:
            raise fail("unit", unit, f"{act}: waste indicators need the mass of each treatment (kg, t)",
                       what="waste indicator") from None
    return out, rows


def recycling_rate(ledger: Ledger, year: int, *, biological: bool = True,
                   select: Mapping[str, Any] | None = None) -> RecyclingRate:
    """Share of the waste mass that went to recycling (with biological treatment unless ``biological=False``).

    Parameters
    ----------
    ledger : Ledger
    year : int
    biological : bool
        Count food waste to anaerobic digestion and composting as recycled (default,
        as Avfall Sverige's key figure).
    select : dict, optional
        A further selection (``org_unit``, ``site`` ...).
    """
    mass, rows = waste_mass(ledger, year, select)
    recycled_keys = RECYCLED if biological else MATERIAL
    is_rec = rows["activity"].astype(object).isin(recycled_keys).to_numpy()
    total = float(mass.sum())
    rec = float(mass[is_rec].sum())
    return RecyclingRate(rec / total if total else float("nan"), round(rec, 9), round(total, 9), len(rows))


def waste_per(ledger: Ledger, year: int, denominator: float, *, unit: str = "kg",
              select: Mapping[str, Any] | None = None) -> float:
    """Waste mass per unit of activity (kg per care episode, per m²): all waste of the year / ``denominator``.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> led = kb.calculate(pd.DataFrame({"activity": ["waste_incineration"], "amount": [520], "unit": ["ton"],
    ...                                  "year": [2024]}))
    >>> waste_per(led, 2024, 52_000)   # kg per care episode
    10.0
    """
    if not denominator > 0:
        raise fail("denominator", denominator, "the denominator must be above 0", what="waste indicator")
    mass, _ = waste_mass(ledger, year, select)
    return float(get_registry().Quantity(float(mass.sum()), "t").to(parse_unit(unit)).magnitude) / denominator

