"""Food: climate impact per portion, vegetarian share, and the choice of food dataset.

Food purchases are ordinary activity rows ``food_<group>`` in kg (Swedish product
group names are accepted: ``Nötkött``, ``Kyckling``, ``Baljväxter`` …; an unknown
group is rejected with the nearest names). Two sourced datasets are bundled:

* ``SE`` (default): category averages for food consumed in Sweden, SLU's
  Mat-klimat-listan (2014);
* ``global``: global means of Poore & Nemecek (2018), via Our World in Data.

Choose per row with the ``region`` column or for a whole table with
:func:`use_dataset`. A group missing from a dataset is an error naming the other.

References
----------
.. [1] Röös, E. (2014): Mat-klimat-listan, version 1.1. SLU, rapport 077.
.. [2] Poore, J., Nemecek, T. (2018): Reducing food's environmental impacts through
   producers and consumers. Science 360:987–992.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> acts = pd.DataFrame({"activity": ["Nötkött", "Baljväxter"], "amount": [1000, 1000], "unit": ["kg", "kg"],
...                      "year": [2024, 2024]})
>>> led = kb.calculate(acts)
>>> led.frame["co2e_kg"].tolist()
[26000.0, 700.0]
>>> per_portion(led, 20_000, year=2024)
<Quantity(1.335, 'kilogram * CO2e / portion')>
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..catalogue import resolve_activity_name
from ..units import get_registry

DATASETS = ("SE", "global")


def use_dataset(activities: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """A copy of an activity table whose food rows use one food dataset (``SE`` or ``global``).

    Examples
    --------
    >>> import pandas as pd
    >>> use_dataset(pd.DataFrame({"activity": ["food_beef", "el"], "amount": [1, 1], "unit": ["kg", "kWh"],
    ...                           "year": [2024, 2024]}), "global")["region"].tolist()
    ['global', '']
    """
    if dataset not in DATASETS:
        raise ValueError(f"food dataset must be one of {', '.join(DATASETS)}, not {dataset!r}")
    out = activities.copy()
    names = out["activity"].astype(str).map(lambda a: resolve_activity_name(a) or "")
    region = out["region"].astype(object) if "region" in out.columns else pd.Series("", index=out.index, dtype=object)
    out["region"] = region.where(~names.str.startswith("food_"), dataset).fillna("")
    return out


def per_portion(ledger, portions, *, year: int | None = None):
    """Food emissions per portion served [kg CO2e/portion].

    Parameters
    ----------
    ledger : Ledger
        A ledger with food rows (area ``food``).
    portions : float or mapping of year to float
        Portions served (in the year, or per year).
    year : int, optional
        The year; required when ``portions`` is a mapping.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> led = kb.calculate(pd.DataFrame({"activity": ["food_pork"], "amount": [500], "unit": ["kg"],
    ...                                   "year": [2023]}))
    >>> per_portion(led, {2023: 10_000}, year=2023).magnitude
    0.3
    """
    if isinstance(portions, Mapping):
        if year is None:
            raise ValueError("give the year when portions are given per year")
        n = portions.get(year)
        if n is None:
            raise KeyError(f"no portion count for {year}")
    else:
        n = portions
    if not n or n <= 0:
        raise ValueError("the number of portions must be positive")
    total_t = ledger.total(area="food", year=year).magnitude
    return get_registry().Quantity(total_t * 1000.0 / float(n), "kg CO2e / portion")


def vegetarian_share(meals: pd.DataFrame) -> pd.Series:
    """Share of vegetarian portions per year.

    Parameters
    ----------
    meals : DataFrame
        Columns ``year``, ``portions`` and ``vegetarian_portions``.

    Examples
    --------
    >>> import pandas as pd
    >>> vegetarian_share(pd.DataFrame({"year": [2023, 2024], "portions": [1000, 800],
    ...                                "vegetarian_portions": [250, 300]})).tolist()
    [0.25, 0.375]
    """
    missing = {"year", "portions", "vegetarian_portions"} - set(meals.columns)
    if missing:
        raise ValueError(f"meals need the columns {sorted(missing)}")
    g = meals.groupby("year")[["portions", "vegetarian_portions"]].sum()
    if (g["vegetarian_portions"] > g["portions"]).any() or (g["portions"] <= 0).any():
        raise ValueError("vegetarian portions must be between 0 and the number of portions")
    return (g["vegetarian_portions"] / g["portions"]).rename("vegetarian_share")
