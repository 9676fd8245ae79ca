"""Why did a figure move? Compare two ledgers and split the change into its causes.

An auditor's first question when last year's figure changed between two runs:
did the activity data change, did the emission factors change, or was another
GWP set used? :func:`compare_ledgers` answers it, line by line:

* rows are matched on (year, activity, unit, org_unit, site, region, contract,
  ownership, purpose) after summing amounts and emissions;
* **added** / **removed**: lines only in the new / the old run;
* **activity**: (new amount − old amount) × old emissions per unit;
* **gwp**: the re-weighting of the new run's single gases (kg CH4, N2O and other
  gases) from the old GWP set to the new one;
* **factor**: the rest — changed factor values, fallback years, a changed dataset.

The parts add up to the change exactly (totals reconcile).

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> a = kb.calculate(pd.DataFrame({"activity": ["lustgas", "el"], "amount": [100, 1000], "unit": ["kg", "MWh"],
...                                 "year": [2023, 2023]}), gwp="AR5")
>>> b = kb.calculate(pd.DataFrame({"activity": ["lustgas", "el"], "amount": [110, 1000], "unit": ["kg", "MWh"],
...                                 "year": [2023, 2023]}), gwp="AR6")
>>> c = compare_ledgers(a, b)
>>> {k: round(v, 3) for k, v in c.totals.items()}
{'old': 550.6, 'new': 554.13, 'change': 3.53, 'added': 0.0, 'removed': 0.0, 'activity': 2.65,
 'gwp': 0.88, 'factor': 0.0}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .gwp import GWPError, gwp100

MATCH_COLUMNS = ["year", "activity", "unit", "org_unit", "site", "region", "contract", "ownership", "purpose"]
_GASES = {"ch4_kg": "CH4", "n2o_kg": "N2O"}


@dataclass
class LedgerComparison:
    """The result of :func:`compare_ledgers`.

    Attributes
    ----------
    table : pandas.DataFrame
        One line per matched key with ``old_t``, ``new_t``, ``change_t`` and the parts
        ``added_t``, ``removed_t``, ``activity_t``, ``gwp_t``, ``factor_t`` [t CO2e].
    totals : dict
        The same, summed [t CO2e].
    factors_only_old, factors_only_new : list of str
        Factor ids used by one run and not the other.
    notes : list of str
        Settings that differ (GWP set, scope-2 method, factor-set version).
    """

    table: pd.DataFrame
    totals: dict
    factors_only_old: list
    factors_only_new: list
    notes: list

    def explain(self, top: int = 5) -> str:
        """A short text for the audit file: the change, its causes and the largest lines.

        Examples
        --------
        >>> import pandas as pd, klimatbokslut as kb
        >>> a = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [10], "unit": ["MWh"], "year": [2023]}))
        >>> print(compare_ledgers(a, a).explain())
        Change 0.000 t CO2e (from 5.241 to 5.241): activity data 0.000, emission factors 0.000, GWP set 0.000,
        added lines 0.000, removed lines 0.000.
        """
        t = self.totals
        lines = [f"Change {t['change']:.3f} t CO2e (from {t['old']:.3f} to {t['new']:.3f}): activity data "
                 f"{t['activity']:.3f}, emission factors {t['factor']:.3f}, GWP set {t['gwp']:.3f},\n"
                 f"added lines {t['added']:.3f}, removed lines {t['removed']:.3f}."]
        lines += self.notes
        big = self.table.reindex(self.table["change_t"].abs().sort_values(ascending=False).index).head(top)
        big = big[big["change_t"].abs() > 0]
        # the stubs type each field as any scalar (bytes included); these columns hold text and numbers
        rows: Iterable[Any] = big.itertuples(index=False)
        for r in rows:
            lines.append(f"  {r.year} {r.activity} {r.org_unit or ''} {r.site or ''}".rstrip()
                         + f": {r.change_t:+.3f} t (activity {r.activity_t:+.3f}, factor {r.factor_t:+.3f}, "
                           f"GWP {r.gwp_t:+.3f}, added {r.added_t:+.3f}, removed {r.removed_t:+.3f})")
        if self.factors_only_new:
            lines.append("  factors only in the new run: " + ", ".join(self.factors_only_new[:10]))
        if self.factors_only_old:
            lines.append("  factors only in the old run: " + ", ".join(self.factors_only_old[:10]))
        return "\n".join(lines)


def _aggregate(ledger, gwp_old: str) -> pd.DataFrame:
    f = ledger.frame
    cols = [c for c in MATCH_COLUMNS if c in f.columns]
    data = {c: f[c].astype(object).fillna("").to_numpy() for c in cols}
    data.update(amount=f["amount"].to_numpy(dtype=float), co2e=f["co2e_kg"].to_numpy(dtype=float))
    # Re-weighting of this run's single gases from the old GWP set to its own.
    delta = np.zeros(len(f))
    for col, gas in _GASES.items():
        if col in f.columns:
            delta += f[col].to_numpy(dtype=float) * (gwp100(gas, ledger.gwp) - gwp100(gas, gwp_old))
    if "other_gas" in f.columns:
        other = f["other_gas"].astype(object).fillna("").to_numpy()
        kg = f["other_gas_kg"].to_numpy(dtype=float)
        for gas in pd.unique(other):
            if not gas:
                continue
            try:
                d = sum(gwp100(g, ledger.gwp) - gwp100(g, gwp_old) for g in str(gas).split(";"))
            except GWPError:
                d = 0.0
            delta += np.where(other == gas, kg * d, 0.0)
    data["gwp"] = delta
    return pd.DataFrame(data).groupby(cols, sort=True, dropna=False)[["amount", "co2e", "gwp"]].sum().reset_index()


def compare_ledgers(old, new) -> LedgerComparison:
    """Explain the difference between two ledgers (two runs, two factor versions, two GWP sets).

    Parameters
    ----------
    old, new : Ledger
        The earlier and the later run.

    Returns
    -------
    LedgerComparison
        ``totals`` add up: change = added + removed + activity + gwp + factor.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> acts = pd.DataFrame({"activity": ["fjärrvärme"], "amount": [1000], "unit": ["MWh"], "year": [2022],
    ...                      "region": ["Malmö"]})
    >>> local = kb.default_factors().with_factors([dict(activity="district_heating", region="Malmö",
    ...     valid_from=2022, valid_to=2022, value=100.0, unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle")])
    >>> c = kb.compare_ledgers(kb.calculate(acts), kb.calculate(acts, factors=local))
    >>> round(c.totals["factor"], 1), c.factors_only_new
    (-19.4, ['user-district_heating-Malmö-2022-1'])
    """
    agg_old = _aggregate(old, old.gwp)
    agg_new = _aggregate(new, old.gwp)
    cols = [c for c in MATCH_COLUMNS if c in agg_old.columns and c in agg_new.columns]
    m = agg_old.merge(agg_new, on=cols, how="outer", suffixes=("_old", "_new"), indicator=True)
    for c in ("amount_old", "co2e_old", "gwp_old", "amount_new", "co2e_new", "gwp_new"):
        m[c] = m[c].fillna(0.0)
    both = (m["_merge"] == "both").to_numpy()
    only_old = (m["_merge"] == "left_only").to_numpy()
    only_new = (m["_merge"] == "right_only").to_numpy()
    old_c, new_c = m["co2e_old"].to_numpy(), m["co2e_new"].to_numpy()
    amt_old, amt_new = m["amount_old"].to_numpy(), m["amount_new"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        per_unit_old = np.where(amt_old != 0, old_c / amt_old, 0.0)
    activity = np.where(both, (amt_new - amt_old) * per_unit_old, 0.0)
    gwp = np.where(both, m["gwp_new"].to_numpy(), 0.0)
    factor = np.where(both, new_c - old_c - activity - gwp, 0.0)
    table = m[cols].copy()
    table["old_t"] = old_c / 1000
    table["new_t"] = new_c / 1000
    table["change_t"] = (new_c - old_c) / 1000
    table["added_t"] = np.where(only_new, new_c, 0.0) / 1000
    table["removed_t"] = np.where(only_old, -old_c, 0.0) / 1000
    table["activity_t"] = activity / 1000
    table["gwp_t"] = gwp / 1000
    table["factor_t"] = factor / 1000
    totals = {"old": float(table["old_t"].sum()), "new": float(table["new_t"].sum()),
              "change": float(table["change_t"].sum()), "added": float(table["added_t"].sum()),
              "removed": float(table["removed_t"].sum()), "activity": float(table["activity_t"].sum()),
              "gwp": float(table["gwp_t"].sum()), "factor": float(table["factor_t"].sum())}

    def ids(ledger):
        out: set[str] = set()
        for v in pd.unique(ledger.frame["factor_ids"].astype(object)):
            out.update(x for x in str(v).split(";") if x)
        return out

    io_, in_ = ids(old), ids(new)
    notes = []
    if old.gwp != new.gwp:
        notes.append(f"GWP set changed from {old.gwp} to {new.gwp}.")
    if old.scope2_method != new.scope2_method:
        notes.append(f"Scope-2 method changed from {old.scope2_method} to {new.scope2_method}-based.")
    if old.factor_version != new.factor_version:
        notes.append(f"Factor set changed from version {old.factor_version} to {new.factor_version}.")
    return LedgerComparison(table.reset_index(drop=True), totals, sorted(io_ - in_), sorted(in_ - io_), notes)
