"""The key of a row: the columns that decide its factors and units, and one integer code per row for it.

Everything the engine works out (factor selection, unit conversion, placement) is
worked out once per distinct key and applied to whole columns.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import pandas as pd


class Key(NamedTuple):
    """One distinct combination of the key columns (missing values as ``""``, ``year`` an int)."""

    activity: str
    unit: str
    year: int
    region: str
    contract: str
    ownership: str
    factor_id: str
    origin: str
    destination: str
    cabin: str
    round_trip: Any
    band: str
    purpose: str

    @classmethod
    def of(cls, values: tuple) -> Key:
        """The key of a tuple in the order of :data:`KEY_COLUMNS` (as :func:`key_codes` returns them)."""
        key = cls._make("" if v is None else v for v in values)
        return key._replace(year=int(key.year))


#: The columns of an activity table that select factors and conversions.
KEY_COLUMNS: list[str] = list(Key._fields)

#: The numeric ledger columns: per key, the amount per input unit; per row, times the amount.
NUMERIC: list[str] = ["energy_mj", "distance_km", "co2_kg", "ch4_kg", "n2o_kg", "other_gas_kg", "co2e_direct_kg",
                      "co2e_upstream_kg", "co2e_location_kg", "co2e_market_kg", "co2_biogenic_kg"]


def key_codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[tuple]]:
    """One integer code per row for its distinct :data:`KEY_COLUMNS` combination, and the combinations.

    The codes of each column (categorical codes, or a factorisation for other
    dtypes) are combined into one 64-bit number per row and that number is
    factorised: no group-by over 13 columns. Missing values become ``None``.

    Returns
    -------
    codes : numpy.ndarray of int64
        ``0..k-1`` per row, numbered by first appearance.
    keys : list of tuple
        The ``k`` distinct combinations, in the order of ``KEY_COLUMNS``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({c: [""] * 3 for c in KEY_COLUMNS})
    >>> f["activity"], f["year"] = ["diesel", "el", "diesel"], [2024, 2024, 2024]
    >>> codes, keys = key_codes(f)
    >>> codes.tolist(), [k[:3] for k in keys]
    ([0, 1, 0], [('diesel', '', 2024), ('el', '', 2024)])
    """
    n = len(frame)
    parts, cats = [], []
    for c in KEY_COLUMNS:
        s = frame[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            col_codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
        else:
            col_codes, uniques = pd.factorize(s, use_na_sentinel=True)
        values = [None if (isinstance(v, float) and v != v) else v for v in pd.Index(uniques).tolist()]
        parts.append(col_codes.astype(np.int64) + 1)        # 0 = missing
        cats.append([None] + values)
    sizes = [len(v) for v in cats]
    if float(np.prod(np.array(sizes, dtype=float))) >= 2.0 ** 62:
        # Too many combinations for one 64-bit number: let pandas group the codes.
        grouped = pd.DataFrame({i: p for i, p in enumerate(parts)}).groupby(list(range(len(parts))), sort=False)
        combined = grouped.ngroup().to_numpy()
    else:
        combined = np.zeros(n, dtype=np.int64)
        for p, size in zip(parts, sizes):
            if size > 1:
                combined *= size
                combined += p
    codes, uniq = pd.factorize(combined)
    first = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0) if n else np.zeros(0, dtype=int)
    keys = list(zip(*[[v[i] for i in p[first].tolist()] for p, v in zip(parts, cats)])) if n else []
    return codes.astype(np.int64), keys
