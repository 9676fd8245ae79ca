"""What-if scenarios: transformations of the activity table, run through the same engine.

A scenario never computes emissions itself. It changes activity rows (diesel becomes
HVO100, electricity gets guarantees of origin, desflurane becomes sevoflurane) and runs
the baseline and the changed table through :func:`klimatbokslut.calculate` with the
same factor set, GWP set and scope-2 method. The difference of the two ledgers is the
answer: ``avoided_co2e`` (t CO2e, positive when emissions fall), ``extra_cost`` (SEK,
from a price difference the caller states) and ``cost_per_tonne`` (SEK per t CO2e
avoided).

Steps
-----
* :class:`FuelSwitch` — a share of one fuel replaced by another, on an energy basis
  (equal MJ, through the factor set's heating values) or a volume basis (litre for litre).
* :class:`ContractSwitch` — electricity moved from one contract to another (residual mix
  → guarantees of origin). Only the market-based figure changes; the location-based one
  cannot (GHG Protocol Scope 2 Guidance).
* :class:`Substitution` — one activity replaced by another with a stated ratio, e.g.
  desflurane by sevoflurane with a clinical equivalence ratio that the caller must give:
  the library holds no such ratio and does not guess one.
* :class:`Custom` — any function ``frame -> frame``.

A :class:`Scenario` chains steps; :func:`compare` sets several side by side on one
baseline; :func:`sweep` runs a step over shares from 0 to 100 % and returns a table.

Travel and food (in :mod:`klimatbokslut.shift`, re-exported here):
:func:`flights_to_train` (flights up to a distance replaced by train),
:func:`cars_to_ev` (private petrol/diesel car km driven electric) and
:func:`switch_food` (e.g. beef replaced by pulses with a ratio the caller states).
:class:`N2ODestruction` / :func:`destroy_n2o` — nitrous oxide led through destruction
units: the caller states the share of use that passes a unit and the unit's destruction
efficiency (the library holds no such figure and does not assume one).

References
----------
.. [1] WRI/WBCSD (2004): The Greenhouse Gas Protocol, Corporate Standard (scopes 1–3).
.. [2] WRI (2015): GHG Protocol Scope 2 Guidance — market-based method, contractual
   instruments such as guarantees of origin; both methods are reported.

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut import whatif
>>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
>>> r = whatif.switch_fuel(acts, "diesel", "hvo100", price_difference="2 SEK/l")
>>> round(r.avoided_co2e.magnitude, 3), round(r.extra_cost.magnitude, 2)
(2.563, 2088.24)
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .activities import validate_frame
from .catalogue import activities as catalogue_activities
from .catalogue import get_activity, resolve_activity_name, suggest
from .engine import amount_multiplier, calculate
from .errors import InputError, UnitError
from .factors import FactorSet, default_factors
from .units import get_registry, kind_of, parse_unit

__all__ = ["WhatIfResult", "FuelSwitch", "ContractSwitch", "Substitution", "N2ODestruction", "Custom", "Scenario",
           "switch_fuel", "switch_contract", "switch_anaesthetic", "destroy_n2o", "compare", "sweep"]

_VOLUME_UNIT = {"liquid_fuel": "l", "gas_fuel": "Nm3"}
_CANONICAL = {"volume": "l", "normal_volume": "Nm3", "mass": "kg", "energy": "MJ"}


def _fail(column: str, value: Any, reason: str, what: str = "what-if scenario") -> InputError:
    return InputError([{"row": None, "column": column, "value": value, "reason": reason}], what=what)


def _check_share(share: Any, column: str = "share") -> float:
    try:
        x = float(share)
    except (TypeError, ValueError):
        raise _fail(column, share, "expected a fraction between 0 and 1 (0.3 for 30 %)") from None
    if not (0.0 <= x <= 1.0):
        raise _fail(column, share, f"{column} must be between 0 and 1 (0.3 for 30 %), not {share!r}")
    return x


def _activity(name: str, column: str, *, fuel: bool = False, kind: str | None = None) -> str:
    key = resolve_activity_name(name) if isinstance(name, str) else None
    if key is None:
        hint = suggest(str(name))
        raise _fail(column, name, "unknown activity" + (f"; did you mean {', '.join(hint)}?" if hint else ""))
    act = get_activity(key)
    if fuel and not act.is_fuel:
        fuels = ", ".join(a.key for a in catalogue_activities() if a.is_fuel)
        raise _fail(column, name, f"{key} is not a fuel; fuels: {fuels}")
    if kind and act.kind != kind:
        same = ", ".join(a.key for a in catalogue_activities() if a.kind == kind)
        raise _fail(column, name, f"{key} is not a {kind.replace('_', ' ')}; choices: {same}")
    return key


def _select_mask(frame: pd.DataFrame, select: Mapping[str, Any] | None) -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    failures = []
    for key, value in dict(select or {}).items():
        if key not in frame.columns:
            failures.append({"row": None, "column": "select", "value": key,
                             "reason": f"no activity column {key!r}; columns: {', '.join(map(str, frame.columns))}"})
            continue
        values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
        if key == "activity":
            values = [resolve_activity_name(v) or v if isinstance(v, str) else v for v in values]
        mask &= frame[key].astype(object).isin(values).to_numpy()
    if failures:
        raise InputError(failures, what="what-if selection")
    return mask


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A validated frame as a raw table again (no attrs, no categoricals) for the engine to validate."""
    out = pd.DataFrame({c: (frame[c].astype(object) if isinstance(frame[c].dtype, pd.CategoricalDtype)
                            else frame[c]) for c in frame.columns})
    out.attrs = {}
    return out.reset_index(drop=True)


def _split(frame: pd.DataFrame, mask: np.ndarray, share: float, note: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Split the masked rows: the kept part stays, the switched part becomes a new row.

    Returns the new frame and a mask of its switched rows. With share 1 the rows change in
    place; with share 0 nothing changes.
    """
    frame = frame.copy()
    if "whatif" not in frame.columns:
        frame["whatif"] = ""
    if share == 0.0 or not mask.any():
        return frame, np.zeros(len(frame), dtype=bool)
    if share == 1.0:
        frame.loc[mask, "whatif"] = note
        return frame, mask.copy()
    moved = frame.loc[mask].copy()
    moved["amount"] = moved["amount"].to_numpy(dtype=float) * share
    moved["whatif"] = note
    if "id" in moved.columns:
        ids = moved["id"].astype(object).fillna("").astype(str)
        moved["id"] = np.where(ids != "", ids + "#whatif", "")
    frame.loc[mask, "amount"] = frame.loc[mask, "amount"].to_numpy(dtype=float) * (1.0 - share)
    out = pd.concat([frame, moved], ignore_index=True)
    switched = np.r_[np.zeros(len(frame), dtype=bool), np.ones(len(moved), dtype=bool)]
    return out, switched


@dataclass
class _StepOutput:
    frame: pd.DataFrame
    extra_cost_sek: float | None
    notes: list[str]
    rows: int


def _price(value: Any, column: str):
    """A price per unit (``"2 SEK/l"``) as a Quantity with a currency numerator."""
    from .units import Q_

    if value is None:
        return None
    q = Q_(value) if isinstance(value, str) else value
    if not hasattr(q, "units"):
        raise _fail(column, value, "give a price with its unit, e.g. '2 SEK/l' or '150 SEK/MWh'")
    ureg = get_registry()
    per = (q / ureg.Quantity(1, "SEK")).units  # 1/amount-unit
    if dict(q.dimensionality).get("[currency_SEK]") != 1:
        raise _fail(column, value, "the price must be in SEK (SEK, kSEK, MSEK) per unit, e.g. '2 SEK/l'")
    amount_unit = (1 / ureg.Quantity(1, per)).units
    if kind_of(amount_unit) is None:
        raise _fail(column, value, "the price must be per litre, m3, kg, Nm3, kWh, MWh or MJ")
    return q.to(ureg.Unit("SEK") / amount_unit), f"{amount_unit:~}"


def _sek(value: Any, column: str) -> float:
    """An amount of money (``"300 kSEK"`` or a Quantity) in SEK."""
    from .units import Q_

    try:
        q = Q_(value) if isinstance(value, str) else value
        return float(q.to("SEK").magnitude)
    except Exception:
        raise _fail(column, value, "give the cost as an amount of money, e.g. '350 kSEK'") from None


# ----------------------------------------------------------------------------- steps
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
    select: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "from_fuel", _activity(self.from_fuel, "from_fuel", fuel=True))
        object.__setattr__(self, "to_fuel", _activity(self.to_fuel, "to_fuel", fuel=True))
        object.__setattr__(self, "share", _check_share(self.share))
        if self.basis not in ("energy", "volume"):
            raise _fail("basis", self.basis, "basis must be 'energy' or 'volume'")
        if self.basis == "volume":
            a, b = get_activity(self.from_fuel).kind, get_activity(self.to_fuel).kind
            if a != b:
                raise _fail("basis", "volume", f"{self.from_fuel} and {self.to_fuel} are not measured in the same "
                                               "kind of volume (litres vs Nm3); use basis='energy'")
        _price(self.price_difference, "price_difference")
        _price(self.from_price, "from_price")

    @property
    def description(self) -> str:
        return f"{self.share:.0%} {self.from_fuel} → {self.to_fuel} ({self.basis} basis)"

    def _new_unit(self, factors: FactorSet, unit: str) -> str:
        """Unit for the new fuel's amount: the row's unit when the new fuel can take it."""
        to = get_activity(self.to_fuel)
        candidates = [unit] + [_CANONICAL[k] for k in to.amount_kinds]
        for u in candidates:
            if kind_of(parse_unit(u)) not in to.amount_kinds:
                continue
            try:
                amount_multiplier(factors, self.to_fuel, u, "MJ")
                return u
            except UnitError:
                continue
        return "MJ"

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> _StepOutput:
        mask = (frame["activity"].astype(object) == self.from_fuel).to_numpy() & _select_mask(frame, self.select)
        if not mask.any():
            present = sorted(set(frame["activity"].astype(object)))
            raise _fail("from_fuel", self.from_fuel, f"no rows of {self.from_fuel} in the selection "
                        f"{dict(self.select or {})}; activities in the table: {', '.join(present)}")
        out, switched = _split(frame, mask, self.share, self.description)
        notes: list[str] = []
        if not switched.any():
            return _StepOutput(out, 0.0 if self.price_difference is not None else None, notes, 0)
        old_units = out.loc[switched, "unit"].astype(object).to_numpy()
        old_amount = out.loc[switched, "amount"].to_numpy(dtype=float).copy()
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
        out.loc[switched, "activity"] = self.to_fuel
        out.loc[switched, "amount"] = new_amount
        out.loc[switched, "unit"] = new_units
        if "factor_id" in out.columns:
            chosen = out.loc[switched, "factor_id"].astype(object).fillna("")
            if (chosen != "").any():
                notes.append(f"{self.description}: factor_id choices of the {self.from_fuel} rows were cleared")
                out.loc[switched, "factor_id"] = ""
        cost = None
        if self.price_difference is not None:
            price, pu = _price(self.price_difference, "price_difference")
            q_old = sum(float(a) * amount_multiplier(factors, self.from_fuel, u, pu)
                        for a, u in zip(old_amount, old_units))
            q_new = sum(float(a) * amount_multiplier(factors, self.to_fuel, u, pu)
                        for a, u in zip(new_amount, new_units))
            cost = q_new * float(price.magnitude)
            if self.from_price is not None:
                p_old, pu_old = _price(self.from_price, "from_price")
                q_old2 = sum(float(a) * amount_multiplier(factors, self.from_fuel, u, pu_old)
                             for a, u in zip(old_amount, old_units))
                q_new2 = sum(float(a) * amount_multiplier(factors, self.to_fuel, u, pu_old)
                             for a, u in zip(new_amount, new_units))
                cost += (q_new2 - q_old2) * float(p_old.magnitude)
            elif abs(q_new - q_old) > 1e-9 * max(abs(q_old), 1.0):
                notes.append(f"{self.description}: {q_new - q_old:+.6g} {pu} of fuel are bought; their cost at the "
                             f"old fuel's price is not included (give from_price to include it)")
        return _StepOutput(out, cost, notes, int(switched.sum()))


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
    select: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        fs = default_factors()
        rows = fs.factors[fs.factors["activity"] == "electricity"]
        choices = sorted(set(rows["instrument"]) - {""})
        for col in ("to_contract", "from_contract"):
            v = str(getattr(self, col)).strip().lower().replace("-", "_").replace(" ", "_")
            if v not in choices:
                raise _fail(col, getattr(self, col), f"unknown electricity contract; contracts: {', '.join(choices)}")
            object.__setattr__(self, col, v)
        object.__setattr__(self, "share", _check_share(self.share))
        _price(self.price_difference, "price_difference")

    @property
    def description(self) -> str:
        return f"{self.share:.0%} electricity {self.from_contract} → {self.to_contract}"

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> _StepOutput:
        contract = frame["contract"].astype(object).fillna("").replace("", "residual_mix")
        mask = ((frame["activity"].astype(object) == "electricity").to_numpy()
                & (contract == self.from_contract).to_numpy() & _select_mask(frame, self.select))
        if not mask.any():
            raise _fail("from_contract", self.from_contract,
                        f"no electricity rows with contract {self.from_contract} in the selection "
                        f"{dict(self.select or {})}")
        out, switched = _split(frame, mask, self.share, self.description)
        out.loc[switched, "contract"] = self.to_contract
        notes = ["guarantees of origin change only the market-based figure; the location-based figure is the same "
                 "(GHG Protocol Scope 2 Guidance)"] if switched.any() else []
        cost = None
        if self.price_difference is not None:
            price, pu = _price(self.price_difference, "price_difference")
            q = sum(float(a) * amount_multiplier(factors, "electricity", u, pu)
                    for a, u in zip(out.loc[switched, "amount"], out.loc[switched, "unit"].astype(object)))
            cost = q * float(price.magnitude)
        return _StepOutput(out, cost, notes, int(switched.sum()))


@dataclass(frozen=True)
class Substitution:
    """Replace a share of one activity by another with a stated amount ratio.

    ``ratio`` is the amount of ``to_activity`` that replaces one unit of ``from_activity``
    (in the row's unit). For anaesthetic gases it is a clinical equivalence the caller
    must state and source; the library has none and does not assume one.

    Parameters
    ----------
    from_activity, to_activity : str
        Catalogue activities of the same kind (``kind`` checks it, e.g. ``"anaesthetic"``).
    ratio : float
        Amount of the new activity per unit of the old [-], above 0.
    share : float
        Fraction switched [-], 0–1.
    price_difference : str or Quantity, optional
        Price of the new minus the old per unit (``"100 SEK/kg"``): extra cost =
        Q_new × price_difference + (Q_new − Q_old) × from_price when ``from_price`` is
        given.
    from_price : str or Quantity, optional
    select : dict, optional
    kind : str, optional
        Required catalogue kind of both activities.

    Examples
    --------
    >>> Substitution("desflurane", "sevoflurane", ratio=0, kind="anaesthetic")
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'ratio', value '0': the ratio (amount of sevoflurane per unit of desflurane) must be above 0
    """

    from_activity: str
    to_activity: str
    ratio: float
    share: float = 1.0
    price_difference: Any = None
    from_price: Any = None
    select: Mapping[str, Any] | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "from_activity", _activity(self.from_activity, "from_activity", kind=self.kind))
        object.__setattr__(self, "to_activity", _activity(self.to_activity, "to_activity", kind=self.kind))
        try:
            r = float(self.ratio)
        except (TypeError, ValueError):
            r = float("nan")
        if not (r > 0 and math.isfinite(r)):
            raise _fail("ratio", self.ratio, f"the ratio (amount of {self.to_activity} per unit of "
                                             f"{self.from_activity}) must be above 0")
        object.__setattr__(self, "ratio", r)
        object.__setattr__(self, "share", _check_share(self.share))
        _price(self.price_difference, "price_difference")
        _price(self.from_price, "from_price")

    @property
    def description(self) -> str:
        return f"{self.share:.0%} {self.from_activity} → {self.to_activity} (ratio {self.ratio:g})"

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> _StepOutput:
        mask = (frame["activity"].astype(object) == self.from_activity).to_numpy() & _select_mask(frame, self.select)
        if not mask.any():
            raise _fail("from_activity", self.from_activity,
                        f"no rows of {self.from_activity} in the selection {dict(self.select or {})}")
        out, switched = _split(frame, mask, self.share, self.description)
        old = out.loc[switched, "amount"].to_numpy(dtype=float).copy()
        units = out.loc[switched, "unit"].astype(object).to_numpy()
        out.loc[switched, "activity"] = self.to_activity
        out.loc[switched, "amount"] = old * self.ratio
        cost = None
        notes: list[str] = []
        if self.price_difference is not None:
            price, pu = _price(self.price_difference, "price_difference")
            mult = np.array([amount_multiplier(factors, self.to_activity, u, pu) for u in units])
            q_old, q_new = float((old * mult).sum()), float((old * self.ratio * mult).sum())
            cost = q_new * float(price.magnitude)
            if self.from_price is not None:
                p_old, pu_old = _price(self.from_price, "from_price")
                m2 = np.array([amount_multiplier(factors, self.to_activity, u, pu_old) for u in units])
                cost += float((old * self.ratio * m2).sum() - (old * m2).sum()) * float(p_old.magnitude)
            elif abs(q_new - q_old) > 1e-9 * max(abs(q_old), 1.0):
                notes.append(f"{self.description}: the cost of the changed amount at the old price is not included "
                             "(give from_price to include it)")
        return _StepOutput(out, cost, notes, int(switched.sum()))


@dataclass(frozen=True)
class N2ODestruction:
    """Nitrous oxide led through destruction units (lustgasdestruktion).

    Of the selected N2O and Entonox rows, ``share`` of the gas passes a destruction unit,
    which destroys ``efficiency`` of what it receives; the rest is released as before. The
    released amount becomes ``amount × (1 − share × efficiency)``: the switched part of
    each row keeps ``1 − efficiency`` of its amount and is marked in ``whatif``.

    Both figures are the caller's: the share depends on which rooms have units, the
    efficiency on the unit and its use. The library holds neither and does not assume one.

    Parameters
    ----------
    efficiency : float
        Fraction of the N2O reaching a unit that is destroyed [-], above 0 and at most 1.
    share : float
        Fraction of the selected N2O use that passes a unit [-], 0–1.
    annual_cost : str or Quantity, optional
        Extra cost of the units in the period [SEK], e.g. ``"350 kSEK"``.
    select : dict, optional
        Rows to consider, e.g. ``{"site": "Centralsjukhuset"}``.
    activities : tuple of str
        The activities whose gas can be destroyed (default N2O and Entonox).

    Examples
    --------
    >>> N2ODestruction(efficiency=1.5)
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in what-if scenario:
      column 'efficiency', value '1.5': the destruction efficiency must be above 0 and at most 1
    """

    efficiency: float
    share: float = 1.0
    annual_cost: Any = None
    select: Mapping[str, Any] | None = None
    activities: tuple[str, ...] = ("n2o", "entonox")

    def __post_init__(self) -> None:
        try:
            e = float(self.efficiency)
        except (TypeError, ValueError):
            e = float("nan")
        if not (0 < e <= 1):
            raise _fail("efficiency", self.efficiency, "the destruction efficiency must be above 0 and at most 1")
        object.__setattr__(self, "efficiency", e)
        object.__setattr__(self, "share", _check_share(self.share))
        names = (self.activities,) if isinstance(self.activities, str) else tuple(self.activities)
        acts = tuple(_activity(a, "activities") for a in names)
        not_n2o = [a for a in acts if get_activity(a).kind != "medical_gas"]
        if not_n2o:
            raise _fail("activities", ", ".join(not_n2o), "destruction units treat nitrous oxide (n2o, entonox) only")
        object.__setattr__(self, "activities", acts)
        if self.annual_cost is not None:
            _sek(self.annual_cost, "annual_cost")

    @property
    def description(self) -> str:
        return (f"N2O destruction: {self.share:.0%} of the use through units destroying "
                f"{self.efficiency:.0%}")

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> _StepOutput:
        mask = frame["activity"].astype(object).isin(self.activities).to_numpy() & _select_mask(frame, self.select)
        if not mask.any():
            raise _fail("activities", ", ".join(self.activities),
                        f"no rows of {' or '.join(self.activities)} in the selection {dict(self.select or {})}")
        out, switched = _split(frame, mask, self.share, self.description)
        out.loc[switched, "amount"] = out.loc[switched, "amount"].to_numpy(dtype=float) * (1.0 - self.efficiency)
        cost = _sek(self.annual_cost, "annual_cost") if self.annual_cost is not None else None
        return _StepOutput(out, cost, [], int(switched.sum()))


@dataclass(frozen=True)
class Custom:
    """Any transformation ``frame -> frame`` of the validated activity table.

    Parameters
    ----------
    func : callable
        Takes and returns an activity DataFrame (the columns of
        :func:`klimatbokslut.read_activities`).
    description : str
    extra_cost : str or Quantity, optional
        The step's extra cost [SEK], when known.

    Examples
    --------
    >>> halve = Custom(lambda df: df.assign(amount=df["amount"] / 2), "halve everything")
    >>> halve.description
    'halve everything'
    """

    func: Callable[[pd.DataFrame], pd.DataFrame]
    description: str = "custom step"
    extra_cost: Any = None

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> _StepOutput:
        out = self.func(frame.copy())
        if not isinstance(out, pd.DataFrame):
            raise _fail("func", type(out).__name__, "a custom step must return a DataFrame")
        cost = _sek(self.extra_cost, "extra_cost") if self.extra_cost is not None else None
        return _StepOutput(out, cost, [], len(out))


# ----------------------------------------------------------------------------- result
@dataclass
class WhatIfResult:
    """Baseline and scenario ledgers of a what-if question, and their difference.

    Attributes
    ----------
    name : str
    baseline, scenario : Ledger
        Both from :func:`klimatbokslut.calculate` with the same settings.
    extra_cost : pint.Quantity or None
        Extra cost of the scenario [SEK]; None when a step has no price.
    steps : pandas.DataFrame
        One line per step: description, rows changed, extra_cost_sek.
    notes : list of str
        What the numbers do and do not include.
    """

    name: str
    baseline: Any
    scenario: Any
    extra_cost: Any = None
    steps: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list[str] = field(default_factory=list)

    def avoided(self, method: str | None = None, **filters):
        """Avoided emissions, baseline − scenario [t CO2e]; positive when emissions fall.

        Parameters
        ----------
        method : {"market", "location"}, optional
            Scope-2 method (default: the ledgers').
        **filters
            As :meth:`Ledger.total` (``scope=1``, ``year=2024`` ...).

        Examples
        --------
        >>> import pandas as pd
        >>> acts = pd.DataFrame({"activity": ["el"], "amount": [100], "unit": ["MWh"], "year": [2023]})
        >>> r = switch_contract(acts, "go_renewable")
        >>> r.avoided(), r.avoided(method="location")
        (<Quantity(52.41, 'metric_ton * CO2e')>, <Quantity(0.0, 'metric_ton * CO2e')>)
        """
        return self.baseline.total(method=method, **filters) - self.scenario.total(method=method, **filters)

    @property
    def avoided_co2e(self):
        """Avoided emissions over the whole ledger [t CO2e] (all scopes, the ledgers' scope-2 method)."""
        return self.avoided()

    @property
    def cost_per_tonne(self):
        """Extra cost per tonne avoided [SEK/(t CO2e)]; None without a cost, NaN when nothing is avoided."""
        if self.extra_cost is None:
            return None
        avoided = self.avoided_co2e
        ureg = get_registry()
        if not avoided.magnitude > 0:
            return ureg.Quantity(float("nan"), "SEK / (t CO2e)")
        return (self.extra_cost / avoided).to("SEK / (t CO2e)")

    def delta(self, by: str | Sequence[str] = "scope", method: str | None = None) -> pd.DataFrame:
        """Baseline, scenario and change grouped by ledger columns [t CO2e].

        Examples
        --------
        >>> import pandas as pd
        >>> acts = pd.DataFrame({"activity": ["n2o"], "amount": [10], "unit": ["kg"], "year": [2024]})
        >>> switch_anaesthetic(acts, "n2o", "n2o", ratio=0.5, kind=None).delta("activity")
          activity  baseline_co2e_t  scenario_co2e_t  change_co2e_t
        0      n2o             2.73            1.365         -1.365
        """
        by = [by] if isinstance(by, str) else list(by)
        b = self.baseline.summary(by=by, method=method).rename(columns={"co2e_t": "baseline_co2e_t"})
        s = self.scenario.summary(by=by, method=method).rename(columns={"co2e_t": "scenario_co2e_t"})
        out = b.merge(s, on=by, how="outer").fillna({"baseline_co2e_t": 0.0, "scenario_co2e_t": 0.0})
        out["change_co2e_t"] = out["scenario_co2e_t"] - out["baseline_co2e_t"]
        return out

    def to_row(self) -> dict[str, Any]:
        """One line for a comparison table (plain floats, units in the column names)."""
        cpt = self.cost_per_tonne
        return {"scenario": self.name,
                "baseline_co2e_t": float(self.baseline.total().magnitude),
                "scenario_co2e_t": float(self.scenario.total().magnitude),
                "avoided_co2e_t": float(self.avoided_co2e.magnitude),
                "extra_cost_sek": None if self.extra_cost is None else float(self.extra_cost.to("SEK").magnitude),
                "cost_per_tonne_sek": None if cpt is None else float(cpt.magnitude)}

    def __repr__(self) -> str:
        cost = "" if self.extra_cost is None else f", extra cost {self.extra_cost.to('SEK').magnitude:.0f} SEK"
        return f"<WhatIfResult {self.name!r}: avoided {self.avoided_co2e.magnitude:.3f} t CO2e{cost}>"


# ----------------------------------------------------------------------------- scenario
def _prepare(activities) -> pd.DataFrame:
    valid, rejects = validate_frame(activities)
    if len(rejects):
        raise InputError(rejects, what="activities of the what-if scenario")
    return valid


@dataclass
class Scenario:
    """A named chain of steps applied in order to the activity table.

    Parameters
    ----------
    name : str
    steps : list
        :class:`FuelSwitch`, :class:`ContractSwitch`, :class:`Substitution`,
        :class:`Custom`, or any callable ``frame -> frame`` (wrapped in :class:`Custom`).

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["diesel", "el"], "amount": [1000, 100], "unit": ["l", "MWh"],
    ...                      "year": [2023, 2023]})
    >>> s = Scenario("Fossilfritt").then(FuelSwitch("diesel", "hvo100")).then(ContractSwitch("go_renewable"))
    >>> r = s.run(acts)
    >>> r.steps["rows"].tolist()
    [1, 1]
    """

    name: str
    steps: list = field(default_factory=list)

    def then(self, step) -> Scenario:
        """A new scenario with one more step."""
        return Scenario(self.name, [*self.steps, step])

    def transform(self, activities, factors: FactorSet | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list]:
        """The scenario's activity table (raw, for :func:`calculate`), the step table and notes."""
        factors = factors or default_factors()
        frame = _prepare(activities)
        lines, notes = [], []
        for step in self.steps:
            if not hasattr(step, "apply"):
                if not callable(step):
                    raise _fail("steps", type(step).__name__, "a step is a FuelSwitch, ContractSwitch, Substitution, "
                                                              "Custom or a function frame -> frame")
                step = Custom(step, getattr(step, "__name__", "custom step"))
            out = step.apply(_plain(frame), factors)
            frame = _prepare(_plain(out.frame))
            lines.append({"step": step.description, "rows": out.rows, "extra_cost_sek": out.extra_cost_sek})
            notes.extend(out.notes)
        return _plain(frame), pd.DataFrame(lines, columns=["step", "rows", "extra_cost_sek"]), notes

    def run(self, activities, factors: FactorSet | None = None, gwp: str = "AR6", *,
            scope2_method: str = "market", baseline=None, radiative_forcing: bool = True) -> WhatIfResult:
        """Run baseline and scenario through :func:`klimatbokslut.calculate`.

        Parameters
        ----------
        activities : pandas.DataFrame
            Raw or validated activity rows; invalid rows are an error here.
        factors : FactorSet, optional
        gwp : str
        scope2_method : {"market", "location"}
        baseline : Ledger, optional
            The baseline ledger of the same activities and settings, to reuse.
        """
        factors = factors or default_factors()
        valid = _prepare(activities)
        if baseline is None:
            baseline = calculate(valid, factors=factors, gwp=gwp, scope2_method=scope2_method,
                                 radiative_forcing=radiative_forcing)
        frame, steps, notes = self.transform(valid, factors)
        scenario = calculate(frame, factors=factors, gwp=gwp, scope2_method=scope2_method,
                             radiative_forcing=radiative_forcing)
        priced = [not pd.isna(c) for c in steps["extra_cost_sek"]]
        extra = None
        if priced and all(priced):
            extra = get_registry().Quantity(float(steps["extra_cost_sek"].sum()), "SEK")
        elif any(priced):
            unpriced = [s for s, p in zip(steps["step"], priced) if not p]
            notes.append(f"no total extra cost: no price for {', '.join(unpriced)}")
        return WhatIfResult(self.name, baseline, scenario, extra, steps, notes)


# ----------------------------------------------------------------------------- one-liners
def switch_fuel(activities, from_fuel: str, to_fuel: str, share: float = 1.0, basis: str = "energy",
                price_difference=None, select: Mapping[str, Any] | None = None, factors: FactorSet | None = None,
                gwp: str = "AR6", *, from_price=None, scope2_method: str = "market") -> WhatIfResult:
    """What if a share of one fuel had been another? (e.g. fossil/pump diesel → HVO100).

    Parameters
    ----------
    activities : pandas.DataFrame
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
    100% diesel → hvo100 (energy basis): +44.1176 l of fuel are bought; their cost at the old fuel's price is not included (give from_price to include it)
    """
    step = FuelSwitch(from_fuel, to_fuel, share=share, basis=basis, price_difference=price_difference,
                      from_price=from_price, select=select)
    return Scenario(step.description, [step]).run(activities, factors, gwp, scope2_method=scope2_method)


def switch_contract(activities, to_contract: str = "go_renewable", from_contract: str = "residual_mix",
                    share: float = 1.0, price_difference=None, select: Mapping[str, Any] | None = None,
                    factors: FactorSet | None = None, gwp: str = "AR6", *,
                    scope2_method: str = "market") -> WhatIfResult:
    """What if electricity had been bought with another contract (residual mix → guarantees of origin)?

    Only the market-based figure changes; ``result.avoided(method="location")`` is zero,
    which is the point of reporting both (GHG Protocol Scope 2 Guidance).

    Parameters
    ----------
    activities : pandas.DataFrame
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


def switch_anaesthetic(activities, from_agent: str = "desflurane", to_agent: str = "sevoflurane", *, ratio: float,
                       share: float = 1.0, price_difference=None, from_price=None,
                       select: Mapping[str, Any] | None = None, factors: FactorSet | None = None, gwp: str = "AR6",
                       kind: str | None = "anaesthetic") -> WhatIfResult:
    """What if one anaesthetic gas had been replaced by another (desflurane → sevoflurane)?

    Parameters
    ----------
    activities : pandas.DataFrame
    from_agent, to_agent : str
        Anaesthetic gases of the catalogue.
    ratio : float
        kg of ``to_agent`` that give the same clinical effect as 1 kg of ``from_agent``
        [-]. Required, no default: it depends on the clinical practice (MAC, fresh-gas
        flow) and must be stated and sourced by the caller.
    share : float
        Fraction switched [-], 0–1.
    price_difference, from_price : str or Quantity, optional
        Per kg [SEK/kg].
    select, factors, gwp
        As :func:`switch_fuel`.
    kind : str or None
        Catalogue kind both activities must have (``"anaesthetic"``).

    Examples
    --------
    The ratio below is an arbitrary number for the example, not a clinical figure:

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["desfluran"], "amount": [10], "unit": ["kg"], "year": [2024]})
    >>> r = switch_anaesthetic(acts, ratio=0.5)   # AR6 GWP100: desflurane 2590, sevoflurane 195
    >>> r.avoided_co2e  # 10 × 2590 − 5 × 195 = 24 925 kg
    <Quantity(24.925, 'metric_ton * CO2e')>
    """
    step = Substitution(from_agent, to_agent, ratio=ratio, share=share, price_difference=price_difference,
                        from_price=from_price, select=select, kind=kind)
    return Scenario(step.description, [step]).run(activities, factors, gwp)


def destroy_n2o(activities, *, efficiency: float, share: float = 1.0, annual_cost=None,
                select: Mapping[str, Any] | None = None, factors: FactorSet | None = None,
                gwp: str = "AR6") -> WhatIfResult:
    """What if nitrous oxide had been led through destruction units?

    Parameters
    ----------
    activities : pandas.DataFrame
    efficiency : float
        Fraction of the N2O reaching a unit that is destroyed [-], (0, 1]. Required, no
        default: state and source it (the unit's documentation, a measurement).
    share : float
        Fraction of the selected N2O and Entonox use that passes a unit [-], 0–1.
    annual_cost : str or Quantity, optional
        Extra cost of the units [SEK]; gives ``cost_per_tonne``.
    select, factors, gwp
        As :func:`switch_fuel`.

    Examples
    --------
    The efficiency and share below are arbitrary numbers for the example:

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["lustgas"], "amount": [1000], "unit": ["kg"], "year": [2024]})
    >>> r = destroy_n2o(acts, efficiency=0.9, share=0.5, annual_cost="100 kSEK")
    >>> r.avoided_co2e          # 1000 kg × 0.5 × 0.9 × 273 (AR6) = 122 850 kg
    <Quantity(122.85, 'metric_ton * CO2e')>
    >>> round(r.cost_per_tonne.magnitude, 1)   # 100 000 SEK / 122.85 t
    814.0
    """
    step = N2ODestruction(efficiency=efficiency, share=share, annual_cost=annual_cost, select=select)
    return Scenario(step.description, [step]).run(activities, factors, gwp)


# ----------------------------------------------------------------------------- several scenarios
def compare(scenarios: Iterable, activities=None, factors: FactorSet | None = None, gwp: str = "AR6", *,
            scope2_method: str = "market") -> pd.DataFrame:
    """Several scenarios side by side on one baseline: one row each.

    Parameters
    ----------
    scenarios : iterable
        :class:`Scenario` objects, steps (each becomes a one-step scenario) or finished
        :class:`WhatIfResult` objects.
    activities : pandas.DataFrame, optional
        Needed unless every item is a :class:`WhatIfResult`.

    Returns
    -------
    pandas.DataFrame
        ``scenario, baseline_co2e_t, scenario_co2e_t, avoided_co2e_t, extra_cost_sek,
        cost_per_tonne_sek``.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
    >>> t = compare([FuelSwitch("diesel", "hvo100"), FuelSwitch("diesel", "hvo100", share=0.5)], acts)
    >>> t[["scenario", "avoided_co2e_t"]].round(4)
                                   scenario  avoided_co2e_t
    0  100% diesel → hvo100 (energy basis)          2.5634
    1   50% diesel → hvo100 (energy basis)          1.2817
    """
    factors = factors or default_factors()
    items = list(scenarios)
    baseline = None
    rows = []
    for item in items:
        if isinstance(item, WhatIfResult):
            rows.append(item.to_row())
            continue
        if activities is None:
            raise _fail("activities", None, "give the activities to run the scenarios on")
        if baseline is None:
            baseline = calculate(_prepare(activities), factors=factors, gwp=gwp, scope2_method=scope2_method)
        scen = item if isinstance(item, Scenario) else Scenario(getattr(item, "description", "scenario"), [item])
        rows.append(scen.run(activities, factors, gwp, scope2_method=scope2_method, baseline=baseline).to_row())
    return pd.DataFrame(rows)


def sweep(activities, step, shares: Iterable[float] = tuple(i / 10 for i in range(11)),
          factors: FactorSet | None = None, gwp: str = "AR6", *, scope2_method: str = "market") -> pd.DataFrame:
    """Run a step over shares (0–100 %) on one baseline: a table the report can plot.

    Parameters
    ----------
    activities : pandas.DataFrame
    step : FuelSwitch, ContractSwitch or Substitution
        Its ``share`` is replaced by each value of ``shares``.
    shares : iterable of float
        Fractions [-], each 0–1 (default 0, 0.1, …, 1).

    Returns
    -------
    pandas.DataFrame
        ``share, baseline_co2e_t, scenario_co2e_t, avoided_co2e_t, extra_cost_sek,
        cost_per_tonne_sek``.

    Examples
    --------
    >>> import pandas as pd
    >>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
    >>> t = sweep(acts, FuelSwitch("diesel", "hvo100", price_difference="2 SEK/l"), shares=[0, 0.5, 1])
    >>> t[["share", "avoided_co2e_t", "extra_cost_sek"]].round(3)
       share  avoided_co2e_t  extra_cost_sek
    0    0.0           0.000           0.000
    1    0.5           1.282        1044.118
    2    1.0           2.563        2088.235
    """
    if not hasattr(step, "share"):
        raise _fail("step", type(step).__name__, "sweep needs a step with a share (FuelSwitch, ContractSwitch, "
                                                 "Substitution)")
    factors = factors or default_factors()
    values = [_check_share(s, "shares") for s in shares]
    valid = _prepare(activities)
    baseline = calculate(valid, factors=factors, gwp=gwp, scope2_method=scope2_method)
    rows = []
    for s in values:
        one = dataclasses.replace(step, share=s)
        row = Scenario(one.description, [one]).run(valid, factors, gwp, scope2_method=scope2_method,
                                                   baseline=baseline).to_row()
        row.pop("scenario")
        rows.append({"share": s, **row})
    return pd.DataFrame(rows)


# Travel and food steps live in their own module and are part of this namespace.
from .shift import FlightsToTrain, cars_to_ev, flights_to_train, switch_food  # noqa: E402,F401
