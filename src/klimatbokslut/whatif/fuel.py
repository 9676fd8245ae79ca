"""Fuel and electricity-contract steps: :class:`FuelSwitch`, :class:`ContractSwitch` and their one-liners.

Examples
--------
>>> import pandas as pd
>>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
>>> r = switch_fuel(acts, "diesel", "hvo100", price_difference="2 SEK/l")
>>> round(r.avoided_co2e.magnitude, 3), round(r.extra_cost.magnitude, 2)
(2.563, 2088.24)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._typing import Selection
from ..catalogue import get_activity
from ..engine import amount_multiplier
from ..errors import UnitError
from ..factors import FactorSet, default_factors
from ..text import N_
from ..units import CANONICAL_UNIT, as_price, kind_of, parse_unit
from ..validation import fail, set_checked
from .note import Code, Note, Num, Pct
from .registry import register
from .scenario import Scenario, Scope2Method, WhatIfResult
from .step import WHAT, StepOutput, activity_key, check_share, select_mask, split_rows

__all__ = ["FuelSwitch", "ContractSwitch", "switch_fuel", "switch_contract"]

_VOLUME_UNIT = {"liquid_fuel": "l", "gas_fuel": "Nm3"}


@dataclass(frozen=True)
class FuelSwitch:
    """Replace a share of one fuel by another.

    Parameters
    ----------
    from_fuel, to_fuel : str
        Catalogue fuels (aliases accepted: ``"HVO"``, ``"pumpdiesel"``).
    share : float
        Fraction of the selected rows of ``from_fuel`` switched [-], 0–1.
    basis : {"energy", "volume"}
        ``"energy"``: the new fuel delivers the same MJ (litres of HVO100 = litres of
        diesel × 35.5 / 34.0 MJ/l with the bundled heating values); ``"volume"``: the same
        litres (Nm3 for gases); both fuels must then have the same kind of volume.
    price_difference : str or Quantity, optional
        Price of the new fuel minus price of the old one, per unit of fuel, e.g.
        ``"2 SEK/l"`` or ``"150 SEK/MWh"`` [SEK/unit].
    from_price : str or Quantity, optional
        Price of the old fuel per unit [SEK/unit]. Needed for an exact cost when the
        quantity bought changes (energy basis with a per-litre price): extra cost =
        Q_new × price_difference + (Q_new − Q_old) × from_price. Without it the second
        term is left out and the result says so in its notes.
    select : dict, optional
        Filters on activity columns (``{"org_unit": "Ambulans", "year": 2024}``).

    Examples
    --------
    >>> FuelSwitch("diesel", "el", share=1.0)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'to_fuel', value 'el': electricity is not a fuel; fuels: diesel, diesel_fossil, petrol, ...
    """

    from_fuel: str
    to_fuel: str
    share: float = 1.0
    basis: str = "energy"
    price_difference: Any = None
    from_price: Any = None
    select: Selection | None = None

    def __post_init__(self) -> None:
        set_checked(self, from_fuel=activity_key(self.from_fuel, "from_fuel", fuel=True),
                   to_fuel=activity_key(self.to_fuel, "to_fuel", fuel=True), share=check_share(self.share))
        if self.basis not in ("energy", "volume"):
            raise fail("basis", self.basis, "basis must be 'energy' or 'volume'", what=WHAT)
        if self.basis == "volume":
            a, b = get_activity(self.from_fuel).kind, get_activity(self.to_fuel).kind
            if a != b:
                raise fail("basis", "volume", f"{self.from_fuel} and {self.to_fuel} are not measured in the same "
                                              "kind of volume (litres vs Nm3); use basis='energy'", what=WHAT)
        as_price(self.price_difference, column="price_difference", what=WHAT)
        as_price(self.from_price, column="from_price", what=WHAT)

    @property
    def description(self) -> str:
        basis = Note(N_("energy basis")) if self.basis == "energy" else Note(N_("{basis} basis"), basis=self.basis)
        return Note(N_("{share} {from_fuel} → {to_fuel} ({basis})"), share=Pct(self.share),
                    from_fuel=Code("activity", self.from_fuel), to_fuel=Code("activity", self.to_fuel), basis=basis)

    def _new_unit(self, factors: FactorSet, unit: str) -> str:
        """Unit for the new fuel's amount: the row's unit when the new fuel can take it."""
        to = get_activity(self.to_fuel)
        candidates = [unit] + [CANONICAL_UNIT[k] for k in to.amount_kinds]
        for u in candidates:
            if kind_of(parse_unit(u)) not in to.amount_kinds:
                continue
            try:
                amount_multiplier(factors, self.to_fuel, u, "MJ")
                return u
            except UnitError:
                continue
        return "MJ"

    def _new_amounts(self, factors: FactorSet, old_amount: np.ndarray,
                     old_units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Amounts and units of the new fuel for the switched amounts of the old one (same MJ or same volume)."""
        new_amount = np.empty_like(old_amount)
        new_units = np.empty(len(old_units), dtype=object)
        for u in pd.unique(old_units):
            m = old_units == u
            nu = self._new_unit(factors, u) if self.basis == "energy" else u
            if self.basis == "energy":
                ratio = (amount_multiplier(factors, self.from_fuel, u, "MJ")
                         / amount_multiplier(factors, self.to_fuel, nu, "MJ"))
            else:
                vol = _VOLUME_UNIT[get_activity(self.from_fuel).kind]
                ratio = (amount_multiplier(factors, self.from_fuel, u, vol)
                         / amount_multiplier(factors, self.to_fuel, nu, vol))
            new_amount[m] = old_amount[m] * ratio
            new_units[m] = nu
        return new_amount, new_units

    def _quantity(self, factors: FactorSet, activity: str, amounts: np.ndarray, units: np.ndarray, unit: str) -> float:
        """Sum of the amounts of ``activity`` in the price's unit."""
        return sum(float(a) * amount_multiplier(factors, activity, u, unit) for a, u in zip(amounts, units))

    def _cost(self, factors: FactorSet, old: tuple[np.ndarray, np.ndarray], new: tuple[np.ndarray, np.ndarray],
              notes: list[str]) -> float | None:
        """Extra cost [SEK] of the switched fuel (None without a price difference); a note when it is partial."""
        if self.price_difference is None:
            return None
        price, pu = as_price(self.price_difference, column="price_difference", what=WHAT)
        q_old = self._quantity(factors, self.from_fuel, *old, pu)
        q_new = self._quantity(factors, self.to_fuel, *new, pu)
        cost = q_new * float(price.magnitude)
        if self.from_price is not None:
            p_old, pu_old = as_price(self.from_price, column="from_price", what=WHAT)
            q_old2 = self._quantity(factors, self.from_fuel, *old, pu_old)
            q_new2 = self._quantity(factors, self.to_fuel, *new, pu_old)
            cost += (q_new2 - q_old2) * float(p_old.magnitude)
        elif abs(q_new - q_old) > 1e-9 * max(abs(q_old), 1.0):
            notes.append(Note(N_("{step}: {amount} {unit} of fuel are bought; their cost at the old fuel's price is "
                                 "not included (give {key} to include it)"), step=self.description,
                              key=Code("parameter", "from_price"),
                              amount=Num(q_new - q_old, "+.6g", sign=True, digits=0), unit=str(pu)))
        return cost

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        mask = (frame["activity"].astype(object) == self.from_fuel).to_numpy() & select_mask(frame, self.select)
        if not mask.any():
            present = sorted(set(frame["activity"].astype(object)))
            raise fail("from_fuel", self.from_fuel, f"no rows of {self.from_fuel} in the selection "
                       f"{dict(self.select or {})}; activities in the table: {', '.join(present)}", what=WHAT)
        out, switched = split_rows(frame, mask, self.share, self.description)
        notes: list[str] = []
        if not switched.any():
            return StepOutput(out, 0.0 if self.price_difference is not None else None, notes, 0)
        old_units = out.loc[switched, "unit"].astype(object).to_numpy()
        old_amount = out.loc[switched, "amount"].to_numpy(dtype=float).copy()
        new_amount, new_units = self._new_amounts(factors, old_amount, old_units)
        out.loc[switched, "activity"] = self.to_fuel
        out.loc[switched, "amount"] = new_amount
        out.loc[switched, "unit"] = new_units
        if "factor_id" in out.columns:
            chosen = out.loc[switched, "factor_id"].astype(object).fillna("")
            if (chosen != "").any():
                notes.append(Note(N_("{step}: the factors chosen for the {fuel} rows were cleared"),
                                  step=self.description, fuel=Code("activity", self.from_fuel)))
                out.loc[switched, "factor_id"] = ""
        cost = self._cost(factors, (old_amount, old_units), (new_amount, new_units), notes)
        return StepOutput(out, cost, notes, int(switched.sum()))


@dataclass(frozen=True)
class ContractSwitch:
    """Move a share of electricity from one contract to another (residual mix → guarantees of origin).

    Parameters
    ----------
    to_contract : str
        e.g. ``"go_renewable"``; the electricity instruments of the factor set.
    from_contract : str
        Rows with this contract (an empty contract is ``residual_mix``).
    share : float
        Fraction switched [-], 0–1.
    price_difference : str or Quantity, optional
        Extra price per unit of electricity, e.g. ``"0.01 SEK/kWh"`` [SEK/unit].
    select : dict, optional
        Filters on activity columns.

    Examples
    --------
    >>> ContractSwitch("green")
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'to_contract', value 'green': unknown electricity contract; contracts: go_hydro, go_renewable, ...
    """

    to_contract: str
    from_contract: str = "residual_mix"
    share: float = 1.0
    price_difference: Any = None
    select: Selection | None = None

    def __post_init__(self) -> None:
        fs = default_factors()
        rows = fs.factors[fs.factors["activity"] == "electricity"]
        choices = sorted(set(rows["instrument"]) - {""})
        for col in ("to_contract", "from_contract"):
            v = str(getattr(self, col)).strip().lower().replace("-", "_").replace(" ", "_")
            if v not in choices:
                raise fail(col, getattr(self, col), f"unknown electricity contract; contracts: {', '.join(choices)}",
                           what=WHAT)
            set_checked(self, **{col: v})
        set_checked(self, share=check_share(self.share))
        as_price(self.price_difference, column="price_difference", what=WHAT)

    @property
    def description(self) -> str:
        return Note(N_("{share} electricity {from_contract} → {to_contract}"), share=Pct(self.share),
                    from_contract=Code("contract", self.from_contract), to_contract=Code("contract", self.to_contract))

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        contract = frame["contract"].astype(object).fillna("").replace("", "residual_mix")
        mask = ((frame["activity"].astype(object) == "electricity").to_numpy()
                & (contract == self.from_contract).to_numpy() & select_mask(frame, self.select))
        if not mask.any():
            raise fail("from_contract", self.from_contract,
                       f"no electricity rows with contract {self.from_contract} in the selection "
                       f"{dict(self.select or {})}", what=WHAT)
        out, switched = split_rows(frame, mask, self.share, self.description)
        out.loc[switched, "contract"] = self.to_contract
        notes: list[str] = [Note(N_("guarantees of origin change only the market-based figure; the location-based "
                                    "figure is the same (GHG Protocol Scope 2 Guidance)"))] if switched.any() else []
        cost = None
        if self.price_difference is not None:
            price, pu = as_price(self.price_difference, column="price_difference", what=WHAT)
            q = sum(float(a) * amount_multiplier(factors, "electricity", u, pu)
                    for a, u in zip(out.loc[switched, "amount"], out.loc[switched, "unit"].astype(object)))
            cost = q * float(price.magnitude)
        return StepOutput(out, cost, notes, int(switched.sum()))


@register
def switch_fuel(activities: Any, from_fuel: str, to_fuel: str, share: float = 1.0, basis: str = "energy",
                price_difference: Any = None, select: Selection | None = None, factors: FactorSet | None = None,
                gwp: str = "AR6", *, from_price: Any = None, scope2_method: Scope2Method = "market") -> WhatIfResult:
    """What if a share of one fuel had been another? (e.g. fossil/pump diesel → HVO100).

    Parameters
    ----------
    activities : ActivityTable or pandas.DataFrame
        Activity rows (raw or from :func:`klimatbokslut.read_activities`).
    from_fuel, to_fuel : str
        Catalogue fuels; anything that is not a fuel is an error listing the fuels.
    share : float
        Fraction of the selected ``from_fuel`` rows switched [-], 0–1.
    basis : {"energy", "volume"}
        Same MJ (through the factor set's heating values) or same litres.
    price_difference : str or Quantity, optional
        New minus old price per unit of fuel, e.g. ``"2 SEK/l"`` [SEK/unit].
    select : dict, optional
        Filters on activity columns (``{"year": 2024, "org_unit": "Ambulans"}``).
    factors : FactorSet, optional
    gwp : str
    from_price : str or Quantity, optional
        Old fuel's price per unit, for the cost of the changed volume (see
        :class:`FuelSwitch`).
    scope2_method : {"market", "location"}

    Returns
    -------
    WhatIfResult
        ``avoided_co2e`` [t CO2e], ``extra_cost`` [SEK], ``cost_per_tonne`` [SEK/t CO2e].

    Examples
    --------
    1000 l of pump diesel in 2024 (35.5 MJ/l; 89.33 g CO2e/MJ well-to-wheel with the 6 %
    reduction obligation of 2024) against the same 35 500 MJ of HVO100 (34.0 MJ/l,
    17.118 g CO2e/MJ):

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
    >>> r = switch_fuel(acts, "diesel", "hvo100", price_difference="2 SEK/l")
    >>> round(r.avoided_co2e.magnitude, 4), round(r.cost_per_tonne.magnitude, 1)
    (2.5634, 814.6)
    >>> print(r.notes[0])
    100% diesel → hvo100 (energy basis): +44.1176 l of fuel are bought; their cost at the old fuel's price
    is not included (give from_price to include it)
    """
    step = FuelSwitch(from_fuel, to_fuel, share=share, basis=basis, price_difference=price_difference,
                      from_price=from_price, select=select)
    return Scenario(step.description, [step]).run(activities, factors, gwp, scope2_method=scope2_method)


@register
def switch_contract(activities: Any, to_contract: str = "go_renewable", from_contract: str = "residual_mix",
                    share: float = 1.0, price_difference: Any = None, select: Selection | None = None,
                    factors: FactorSet | None = None, gwp: str = "AR6", *,
                    scope2_method: Scope2Method = "market") -> WhatIfResult:
    """What if electricity had been bought with another contract (residual mix → guarantees of origin)?

    Only the market-based figure changes; ``result.avoided(method="location")`` is zero,
    which is the point of reporting both (GHG Protocol Scope 2 Guidance).

    Parameters
    ----------
    activities : ActivityTable or pandas.DataFrame
    to_contract, from_contract : str
        Contracts of the factor set (``residual_mix``, ``go_renewable`` ...).
    share : float
        Fraction switched [-], 0–1.
    price_difference : str or Quantity, optional
        e.g. ``"0.01 SEK/kWh"`` [SEK/unit].
    select, factors, gwp, scope2_method
        As :func:`switch_fuel`.

    Examples
    --------
    100 MWh in 2023 at Ei's Nordic residual mix of 524.1 g CO2/kWh:

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["el"], "amount": [100], "unit": ["MWh"], "year": [2023]})
    >>> switch_contract(acts, "go_renewable", share=0.5).avoided_co2e
    <Quantity(26.205, 'metric_ton * CO2e')>
    """
    step = ContractSwitch(to_contract, from_contract, share=share, price_difference=price_difference, select=select)
    return Scenario(step.description, [step]).run(activities, factors, gwp, scope2_method=scope2_method)
