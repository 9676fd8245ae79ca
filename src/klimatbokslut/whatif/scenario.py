"""Scenarios and their results: a chain of steps run through the engine, several side by side, a sweep.

A :class:`Scenario` applies its steps in order to the activity table and runs the
baseline and the changed table through :func:`klimatbokslut.calculate` with the same
settings; a :class:`WhatIfResult` holds both ledgers and their difference.
:func:`compare` sets several scenarios side by side on one baseline; :func:`sweep` runs a
step over shares from 0 to 100 %.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

import numpy as np
import pandas as pd

from ..engine import calculate
from ..factors import FactorSet, default_factors
from ..text import N_
from ..units import get_registry
from ..validation import fail
from .custom import Custom
from .note import Note
from .step import WHAT, ShareStep, Step, StepLike, check_share, plain, prepare

__all__ = ["WhatIfResult", "Scenario", "compare", "sweep"]

Scope2Method: TypeAlias = Literal["market", "location"]

#: The shares :func:`sweep` runs by default: 0, 0.1, …, 1.
_TENTHS = tuple(i / 10 for i in range(11))


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

    def avoided(self, method: str | None = None, **filters: Any) -> Any:
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
        >>> from klimatbokslut.whatif import switch_contract
        >>> acts = pd.DataFrame({"activity": ["el"], "amount": [100], "unit": ["MWh"], "year": [2023]})
        >>> r = switch_contract(acts, "go_renewable")
        >>> r.avoided(), r.avoided(method="location")
        (<Quantity(52.41, 'metric_ton * CO2e')>, <Quantity(0.0, 'metric_ton * CO2e')>)
        """
        return self.baseline.total(method=method, **filters) - self.scenario.total(method=method, **filters)

    @property
    def avoided_co2e(self) -> Any:
        """Avoided emissions over the whole ledger [t CO2e] (all scopes, the ledgers' scope-2 method)."""
        return self.avoided()

    @property
    def cost_per_tonne(self) -> Any:
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
        >>> from klimatbokslut.whatif import switch_anaesthetic
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

    def uncertainty(self, *, draws: int = 10_000, seed: int = 20240101, interval: float = 0.90,
                    method: str | None = None, activity_data: bool = True, **filters: Any) -> dict[str, Any]:
        """Interval of the tonnes avoided and of the cost per tonne (Monte Carlo).

        Baseline and scenario are drawn with common random numbers: a factor is the same draw
        in both, and an amount keeps its draw when the scenario changes what it is
        (:func:`klimatbokslut.simulate` with ``groups_like``). ``filters`` narrow the avoided
        tonnes (``year=2024``); the cost per tonne is, as :attr:`cost_per_tonne`, for the whole
        ledger. Its interval follows from the avoided tonnes' (the cost is taken as known); when
        the avoided tonnes' interval reaches zero or below, the upper end is not bounded (NaN,
        said in ``note``).

        Examples
        --------
        >>> import pandas as pd
        >>> from klimatbokslut.whatif import switch_fuel
        >>> acts = pd.DataFrame({"activity": ["diesel_fossil"], "amount": [10000], "unit": ["l"], "year": [2024]})
        >>> u = switch_fuel(acts, "diesel_fossil", "hvo100", share=1.0).uncertainty(draws=2000, seed=1)
        >>> bool(u["avoided_low_t"] < u["avoided_t"] < u["avoided_high_t"]), u["probability_avoided"]
        (True, 1.0)
        """
        from ..uncertainty import simulate

        base = simulate(self.baseline, draws=draws, seed=seed, interval=interval, method=method,
                        activity_data=activity_data)
        scen = simulate(self.scenario, draws=draws, seed=seed, interval=interval, method=method,
                        activity_data=activity_data, groups_like=self.baseline)
        select = {k: v for k, v in filters.items()}

        def avoided(sel: dict) -> tuple[float, np.ndarray]:
            _, pb, db = base.draws_by([], select=sel or None)
            _, ps, ds = scen.draws_by([], select=sel or None)
            return float(pb.sum() - ps.sum()), db.sum(axis=0) - ds.sum(axis=0)

        point, d = avoided(select)
        lo, hi = base.quantiles
        out: dict[str, Any] = {"avoided_t": point, "avoided_low_t": float(np.quantile(d, lo)),
                               "avoided_high_t": float(np.quantile(d, hi)),
                               "probability_avoided": float((d > 0).mean()), "interval": interval,
                               "cost_per_tonne_sek": None, "cost_per_tonne_low_sek": None,
                               "cost_per_tonne_high_sek": None, "note": ""}
        if self.extra_cost is not None:
            cost = float(self.extra_cost.to("SEK").magnitude)
            _, whole = avoided({})
            a_lo, a_hi = float(np.quantile(whole, lo)), float(np.quantile(whole, hi))
            cpt = self.cost_per_tonne
            out["cost_per_tonne_sek"] = float(cpt.magnitude)
            if a_lo > 0:
                ends = sorted((cost / a_hi, cost / a_lo))
                out["cost_per_tonne_low_sek"], out["cost_per_tonne_high_sek"] = ends
            else:
                out["cost_per_tonne_low_sek"] = cost / a_hi if a_hi > 0 and cost >= 0 else float("nan")
                out["cost_per_tonne_high_sek"] = float("nan")
                out["note"] = ("the interval of the tonnes avoided reaches zero: the cost per tonne has no upper "
                               "bound")
        return out

    def __repr__(self) -> str:
        cost = "" if self.extra_cost is None else f", extra cost {self.extra_cost.to('SEK').magnitude:.0f} SEK"
        return f"<WhatIfResult {self.name!r}: avoided {self.avoided_co2e.magnitude:.3f} t CO2e{cost}>"


@dataclass
class Scenario:
    """A named chain of steps applied in order to the activity table.

    Parameters
    ----------
    name : str
    steps : sequence of Step
        :class:`FuelSwitch`, :class:`ContractSwitch`, :class:`Substitution`,
        :class:`Custom`, any other :class:`~klimatbokslut.whatif.step.Step`, or any
        callable ``frame -> frame`` (wrapped in :class:`Custom`).

    Examples
    --------
    >>> import pandas as pd
    >>> from klimatbokslut.whatif import ContractSwitch, FuelSwitch
    >>> acts = pd.DataFrame({"activity": ["diesel", "el"], "amount": [1000, 100], "unit": ["l", "MWh"],
    ...                      "year": [2023, 2023]})
    >>> s = Scenario("Fossilfritt").then(FuelSwitch("diesel", "hvo100")).then(ContractSwitch("go_renewable"))
    >>> r = s.run(acts)
    >>> r.steps["rows"].tolist()
    [1, 1]
    """

    name: str
    steps: Sequence[StepLike] = field(default_factory=list)

    def then(self, step: StepLike) -> Scenario:
        """A new scenario with one more step."""
        return Scenario(self.name, [*self.steps, step])

    def transform(self, activities: Any,
                  factors: FactorSet | None = None) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
        """The scenario's activity table (raw, for :func:`calculate`), the step table and notes."""
        factors = factors or default_factors()
        frame = prepare(activities)
        lines: list[dict[str, Any]] = []
        notes: list[str] = []
        for item in self.steps:
            if isinstance(item, Step):
                step: Step = item
            elif callable(item):
                step = Custom(item, getattr(item, "__name__", "custom step"))
            else:
                raise fail("steps", type(item).__name__, "a step is a FuelSwitch, ContractSwitch, Substitution, "
                                                         "Custom or a function frame -> frame", what=WHAT)
            out = step.apply(plain(frame), factors)
            frame = prepare(plain(out.frame))
            lines.append({"step": step.description, "rows": out.rows, "extra_cost_sek": out.extra_cost_sek})
            notes.extend(out.notes)
        return plain(frame), pd.DataFrame(lines, columns=["step", "rows", "extra_cost_sek"]), notes

    def run(self, activities: Any, factors: FactorSet | None = None, gwp: str = "AR6", *,
            scope2_method: Scope2Method = "market", baseline: Any = None,
            radiative_forcing: bool = True) -> WhatIfResult:
        """Run baseline and scenario through :func:`klimatbokslut.calculate`.

        Parameters
        ----------
        activities : ActivityTable or pandas.DataFrame
            Raw or validated activity rows; invalid rows are an error here.
        factors : FactorSet, optional
        gwp : str
        scope2_method : {"market", "location"}
        baseline : Ledger, optional
            The baseline ledger of the same activities and settings, to reuse.
        """
        factors = factors or default_factors()
        valid = prepare(activities)
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
            notes.append(Note(N_("no total extra cost: no price for {steps}"), steps=tuple(unpriced)))
        return WhatIfResult(self.name, baseline, scenario, extra, steps, notes)


def compare(scenarios: Iterable[Any], activities: Any = None, factors: FactorSet | None = None, gwp: str = "AR6",
            *, scope2_method: Scope2Method = "market") -> pd.DataFrame:
    """Several scenarios side by side on one baseline: one row each.

    Parameters
    ----------
    scenarios : iterable
        :class:`Scenario` objects, steps (each becomes a one-step scenario) or finished
        :class:`WhatIfResult` objects.
    activities : ActivityTable or pandas.DataFrame, optional
        Needed unless every item is a :class:`WhatIfResult`.

    Returns
    -------
    pandas.DataFrame
        ``scenario, baseline_co2e_t, scenario_co2e_t, avoided_co2e_t, extra_cost_sek,
        cost_per_tonne_sek``.

    Examples
    --------
    >>> import pandas as pd
    >>> from klimatbokslut.whatif import FuelSwitch
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
            raise fail("activities", None, "give the activities to run the scenarios on", what=WHAT)
        if baseline is None:
            baseline = calculate(prepare(activities), factors=factors, gwp=gwp, scope2_method=scope2_method)
        scen = item if isinstance(item, Scenario) else Scenario(getattr(item, "description", "scenario"), [item])
        rows.append(scen.run(activities, factors, gwp, scope2_method=scope2_method, baseline=baseline).to_row())
    return pd.DataFrame(rows)


def sweep(activities: Any, step: ShareStep, shares: Iterable[float] = _TENTHS, factors: FactorSet | None = None,
          gwp: str = "AR6", *, scope2_method: Scope2Method = "market") -> pd.DataFrame:
    """Run a step over shares (0–100 %) on one baseline: a table the report can plot.

    Parameters
    ----------
    activities : ActivityTable or pandas.DataFrame
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
    >>> from klimatbokslut.whatif import FuelSwitch
    >>> acts = pd.DataFrame({"activity": ["diesel"], "amount": [1000], "unit": ["l"], "year": [2024]})
    >>> t = sweep(acts, FuelSwitch("diesel", "hvo100", price_difference="2 SEK/l"), shares=[0, 0.5, 1])
    >>> t[["share", "avoided_co2e_t", "extra_cost_sek"]].round(3)
       share  avoided_co2e_t  extra_cost_sek
    0    0.0           0.000           0.000
    1    0.5           1.282        1044.118
    2    1.0           2.563        2088.235
    """
    if not hasattr(step, "share"):
        raise fail("step", type(step).__name__, "sweep needs a step with a share (FuelSwitch, ContractSwitch, "
                                                "Substitution)", what=WHAT)
    factors = factors or default_factors()
    values = [check_share(s, "shares") for s in shares]
    valid = prepare(activities)
    baseline = calculate(valid, factors=factors, gwp=gwp, scope2_method=scope2_method)
    rows = []
    for s in values:
        one = dataclasses.replace(step, share=s)
        row = Scenario(one.description, [one]).run(valid, factors, gwp, scope2_method=scope2_method,
                                                   baseline=baseline).to_row()
        row.pop("scenario")
        rows.append({"share": s, **row})
    return pd.DataFrame(rows)
