"""Spend-based purchases: from the purchase ledger (SEK per account) to activity rows.

Spend factors (kg CO2e per SEK, from Upphandlingsmyndigheten's Miljöspendanalys)
are the roughest data-quality tier; use them for what has no activity data. The
engine (:func:`klimatbokslut.calculate`) then

* deflates SEK of the activity year to the factor's price year when a
  ``price_index`` is given (else flags the row ``nominal_spend``);
* drops a spend row when activity-based rows with the same ``goods`` exist for the
  same year (e.g. fuel bought on an account *and* reported in litres), moving it to
  the rejects with the reason, so nothing is counted twice;
* records ``data_quality`` = ``spend_based`` (``activity_based`` and
  ``supplier_specific`` for the others).

References
----------
.. [1] Upphandlingsmyndigheten: Miljöspendanalys (kommuner, landsting/regioner,
   statliga myndigheter), payments 2016; De offentliga inköpens klimat- och
   miljöpåverkan (2019).
.. [2] WRI/WBCSD (2013): Technical Guidance for Calculating Scope 3 Emissions,
   category 1 (spend-based method).

Examples
--------
>>> import pandas as pd
>>> ledger = pd.DataFrame({"account": ["5460", "5410", "9999"], "amount": [250_000, 1_000_000, 10],
...                        "year": [2024, 2024, 2024]})
>>> mapping = {"5460": ("spend_equipment_materials", "kommun"), "5410": ("spend_equipment_materials", "kommun")}
>>> map_accounts(ledger, mapping)
Traceback (most recent call last):
...
klimatbokslut.errors.InputError: 1 problem in purchase ledger:
  row 2, column 'account', value '9999': account not in the mapping
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

import pandas as pd

from ..errors import InputError


def map_accounts(purchases: pd.DataFrame, mapping: Mapping[str, tuple[str, str]], *,
                 account_column: str = "account", amount_column: str = "amount", unit: str = "SEK",
                 goods: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Activity rows from a purchase ledger with a mapping account → (spend activity, buyer group).

    Parameters
    ----------
    purchases : DataFrame
        Columns ``account``, ``amount`` [SEK] and ``year`` (other columns are kept).
    mapping : mapping
        Account (as text) to ``(activity, region)``, e.g.
        ``{"5460": ("spend_equipment_materials", "kommun")}``; the region is the buyer
        group whose intensity is used (see ``klimatbokslut factors list --activity ...``).
    unit : str
        Currency unit of the amounts (``SEK``, ``kSEK``, ``MSEK``).
    goods : mapping, optional
        Account to goods key (``drivmedel``, ``livsmedel``) for the replacement rule.

    Returns
    -------
    DataFrame
        Activity rows for :func:`klimatbokslut.calculate`.

    Raises
    ------
    InputError
        Every account without a mapping, with the closest mapped accounts.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = map_accounts(pd.DataFrame({"account": [5460], "amount": [1e6], "year": [2024]}),
    ...                     {"5460": ("spend_equipment_materials", "kommun")})
    >>> rows[["activity", "amount", "unit", "region"]].to_dict("records")
    [{'activity': 'spend_equipment_materials', 'amount': 1000000.0, 'unit': 'SEK', 'region': 'kommun'}]
    """
    df = purchases.reset_index(drop=True).copy()
    for col in (account_column, amount_column, "year"):
        if col not in df.columns:
            raise InputError([{"row": None, "column": col, "value": None, "reason": "required column missing"}],
                             what="purchase ledger")
    keys = {str(k).strip(): v for k, v in mapping.items()}
    acct = df[account_column].astype(str).str.strip()
    known = acct.isin(list(keys))
    failures = []
    for i in df.index[~known]:
        close = difflib.get_close_matches(acct[i], list(keys), n=3, cutoff=0.5)
        failures.append({"row": i, "column": account_column, "value": acct[i],
                         "reason": "account not in the mapping" + (f"; closest accounts: {', '.join(close)}"
                                                                    if close else "")})
    if failures:
        raise InputError(failures, what="purchase ledger")
    out = df.drop(columns=[account_column, amount_column])
    out.insert(0, "activity", acct.map(lambda a: keys[a][0]))
    out.insert(1, "amount", pd.to_numeric(df[amount_column], errors="coerce") if df[amount_column].dtype != object
               else df[amount_column])
    out.insert(2, "unit", unit)
    out["region"] = acct.map(lambda a: keys[a][1])
    out["account"] = acct
    if goods:
        out["goods"] = acct.map(lambda a: goods.get(a, ""))
    return out
