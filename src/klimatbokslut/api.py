"""One-line answers: :func:`emissions` for a single activity amount."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from .engine import calculate
from .factors import FactorSet
from .units import Q_, get_registry

if TYPE_CHECKING:  # pint is imported on first use of the unit registry, not with klimatbokslut
    import pint


def emissions(activity: str, amount: Any, *, year: int, gwp: str = "AR6",
              boundary: Literal[None, "WTW", "TTW", "WTT", "direct", "upstream"] = None,
              factors: FactorSet | None = None, region: str = "", contract: str = "", ownership: str = "owned",
              factor_id: str = "", method: Literal["market", "location"] = "market") -> pint.Quantity:
    """Emissions of one amount of one activity, in kg CO2e.

    Runs the same engine as :func:`klimatbokslut.calculate` on a one-row table.

    Parameters
    ----------
    activity : str
        Activity key or alias (``"diesel"``, ``"lustgas"``, ``"fjärrvärme"``).
    amount : str or pint.Quantity or (number, unit)
        ``"1 000 l"``, ``"2,5 MWh"``, ``kb.Q_(10, "kg")``, ``(10, "kg")``.
    year : int
        Year of the activity; selects year-specific factors (pump-diesel blend,
        residual mix).
    gwp : {"AR6", "AR5", "AR4"}
        GWP100 set for single gases.
    boundary : {None, "WTW", "TTW", "WTT"}
        ``None``/``"WTW"``: the full climate impact (well-to-wheel for fuels);
        ``"TTW"`` (or ``"direct"``): the direct part only; ``"WTT"`` (or
        ``"upstream"``): the upstream part only.
    factors : FactorSet, optional
        Defaults to the bundled set.
    region, contract, ownership, factor_id : str
        As the activity-table columns of the same names.
    method : {"market", "location"}
        Scope-2 method for electricity.

    Returns
    -------
    pint.Quantity
        kg CO2e.

    Raises
    ------
    InputError
        With the reason (unknown activity or unit, no factor for the year ...).

    References
    ----------
    Energimyndigheten (2017), Växthusgasutsläpp för drivmedel levererade 2016;
    IPCC AR6 WGI Table 7.SM.7 (see the factor dataset for every source).

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> kb.emissions("n2o", kb.Q_(10, "kg"), year=2024, gwp="AR5")
    <Quantity(2650.0, 'kilogram * CO2e')>
    >>> round(kb.emissions("diesel_fossil", "1000 l", year=2024, boundary="TTW").magnitude, 1)
    2708.1
    """
    ureg = get_registry()
    if isinstance(amount, str):
        q = Q_(amount)
    elif isinstance(amount, tuple) and len(amount) == 2:
        q = ureg.Quantity(float(amount[0]), amount[1])
    elif hasattr(amount, "magnitude") and hasattr(amount, "units"):
        q = amount
    else:
        raise TypeError("amount must be a string such as '1 000 l', a pint Quantity or a (value, unit) tuple")
    frame = pd.DataFrame({"activity": [activity], "amount": [float(q.magnitude)],
                          "unit": [f"{q.units:~C}" or str(q.units)], "year": [year], "region": [region],
                          "contract": [contract], "ownership": [ownership], "factor_id": [factor_id],
                          "correction": ["yes" if float(q.magnitude) < 0 else ""]})
    led = calculate(frame, factors=factors, gwp=gwp, scope2_method=method)
    row = led.frame.iloc[0]
    key = {None: "co2e_kg", "WTW": "co2e_kg", "TTW": "co2e_direct_kg", "direct": "co2e_direct_kg",
           "WTT": "co2e_upstream_kg", "upstream": "co2e_upstream_kg"}.get(boundary)
    if key is None:
        raise ValueError(f"boundary must be one of None, 'WTW', 'TTW', 'WTT', not {boundary!r}")
    return ureg.Quantity(float(row[key]), "kg CO2e")
