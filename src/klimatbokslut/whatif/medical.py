"""Anaesthetic gases and nitrous oxide: :class:`Substitution`, :class:`N2ODestruction` and their one-liners.

:class:`Substitution` is the general step "one activity replaced by another with a
stated ratio"; the travel and food steps use it too.

Examples
--------
>>> import pandas as pd
>>> acts = pd.DataFrame({"activity": ["lustgas"], "amount": [100], "unit": ["kg"], "year": [2024]})
>>> destroy_n2o(acts, efficiency=0.5).avoided_co2e     # 100 × 0.5 × 273 kg (AR6)
<Quantity(13.65, 'metric_ton * CO2e')>
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._typing import Selection
from ..catalogue import get_activity
from ..engine import amount_multiplier
from ..factors import FactorSet
from ..text import N_
from ..units import as_price, as_sek
from ..validation import fail, set_checked
from .note import Code, Note, Num, Pct
from .registry import register
from .scenario import Scenario, WhatIfResult
from .step import WHAT, StepOutput, activity_key, check_share, select_mask, split_rows

__all__ = ["Substitution", "N2ODestruction", "switch_anaesthetic", "destroy_n2o"]


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
    select: Selection | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        set_checked(self, from_activity=activity_key(self.from_activity, "from_activity", kind=self.kind),
                   to_activity=activity_key(self.to_activity, "to_activity", kind=self.kind))
        try:
            r = float(self.ratio)
        except (TypeError, ValueError):
            r = float("nan")
        if not (r > 0 and math.isfinite(r)):
            raise fail("ratio", self.ratio, f"the ratio (amount of {self.to_activity} per unit of "
                                            f"{self.from_activity}) must be above 0", what=WHAT)
        set_checked(self, ratio=r, share=check_share(self.share))
        as_price(self.price_difference, column="price_difference", what=WHAT)
        as_price(self.from_price, column="from_price", what=WHAT)

    @property
    def description(self) -> str:
        return Note(N_("{share} {from_activity} → {to_activity} (ratio {ratio})"), share=Pct(self.share),
                    from_activity=Code("activity", self.from_activity), to_activity=Code("activity", self.to_activity),
                    ratio=Num(self.ratio))

    def _mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Rows of ``from_activity`` in the selection."""
        return (frame["activity"].astype(object) == self.from_activity).to_numpy() & select_mask(frame, self.select)

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        mask = self._mask(frame)
        if not mask.any():
            raise fail("from_activity", self.from_activity,
                       f"no rows of {self.from_activity} in the selection {dict(self.select or {})}", what=WHAT)
        out, switched = split_rows(frame, mask, self.share, self.description)
        old = out.loc[switched, "amount"].to_numpy(dtype=float).copy()
        units = out.loc[switched, "unit"].astype(object).to_numpy()
        out.loc[switched, "activity"] = self.to_activity
        out.loc[switched, "amount"] = old * self.ratio
        cost = None
        notes: list[str] = []
        if self.price_difference is not None:
            price, pu = as_price(self.price_difference, column="price_difference", what=WHAT)
            mult = np.array([amount_multiplier(factors, self.to_activity, u, pu) for u in units])
            q_old, q_new = float((old * mult).sum()), float((old * self.ratio * mult).sum())
            cost = q_new * float(price.magnitude)
            if self.from_price is not None:
                p_old, pu_old = as_price(self.from_price, column="from_price", what=WHAT)
                m2 = np.array([amount_multiplier(factors, self.to_activity, u, pu_old) for u in units])
                cost += float((old * self.ratio * m2).sum() - (old * m2).sum()) * float(p_old.magnitude)
            elif abs(q_new - q_old) > 1e-9 * max(abs(q_old), 1.0):
                notes.append(Note(N_("{step}: the cost of the changed amount at the old price is not included (give "
                                     "{key} to include it)"), step=self.description,
                                  key=Code("parameter", "from_price")))
        return StepOutput(out, cost, notes, int(switched.sum()))


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
    select: Selection | None = None
    activities: tuple[str, ...] = ("n2o", "entonox")

    def __post_init__(self) -> None:
        try:
            e = float(self.efficiency)
        except (TypeError, ValueError):
            e = float("nan")
        if not (0 < e <= 1):
            raise fail("efficiency", self.efficiency, "the destruction efficiency must be above 0 and at most 1",
                       what=WHAT)
        set_checked(self, efficiency=e, share=check_share(self.share))
        names = (self.activities,) if isinstance(self.activities, str) else tuple(self.activities)
        acts = tuple(activity_key(a, "activities") for a in names)
        not_n2o = [a for a in acts if get_activity(a).kind != "medical_gas"]
        if not_n2o:
            raise fail("activities", ", ".join(not_n2o), "destruction units treat nitrous oxide (n2o, entonox) only",
                       what=WHAT)
        set_checked(self, activities=acts)
        if self.annual_cost is not None:
            as_sek(self.annual_cost, column="annual_cost", what=WHAT)

    @property
    def description(self) -> str:
        return Note(N_("N2O destruction: {share} of the use through units destroying {efficiency}"),
                    share=Pct(self.share), efficiency=Pct(self.efficiency))

    def apply(self, frame: pd.DataFrame, factors: FactorSet) -> StepOutput:
        mask = frame["activity"].astype(object).isin(self.activities).to_numpy() & select_mask(frame, self.select)
        if not mask.any():
            raise fail("activities", ", ".join(self.activities),
                       f"no rows of {' or '.join(self.activities)} in the selection {dict(self.select or {})}",
                       what=WHAT)
        out, switched = split_rows(frame, mask, self.share, self.description)
        out.loc[switched, "amount"] = out.loc[switched, "amount"].to_numpy(dtype=float) * (1.0 - self.efficiency)
        cost = as_sek(self.annual_cost, column="annual_cost", what=WHAT) if self.annual_cost is not None else None
        return StepOutput(out, cost, [], int(switched.sum()))


@register
def switch_anaesthetic(activities: Any, from_agent: str = "desflurane", to_agent: str = "sevoflurane", *,
                       ratio: float, share: float = 1.0, price_difference: Any = None, from_price: Any = None,
                       select: Selection | None = None, factors: FactorSet | None = None, gwp: str = "AR6",
                       kind: str | None = "anaesthetic") -> WhatIfResult:
    """What if one anaesthetic gas had been replaced by another (desflurane → sevoflurane)?

    Parameters
    ----------
    activities : ActivityTable or pandas.DataFrame
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


@register
def destroy_n2o(activities: Any, *, efficiency: float, share: float = 1.0, annual_cost: Any = None,
                select: Selection | None = None, factors: FactorSet | None = None,
                gwp: str = "AR6") -> WhatIfResult:
    """What if nitrous oxide had been led through destruction units?

    Parameters
    ----------
    activities : ActivityTable or pandas.DataFrame
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
