"""Summaries of a ledger: its parts, totals and group-bys, in t CO2e.

Every summary is a pure group-by of the ledger's parts, so totals always equal the
ledger sum. A row contributes up to two parts:

* the *direct* part (``co2e_direct_kg``) in the row's ``scope`` and ``category``;
* the *upstream* part (``co2e_upstream_kg``) in scope 3 and ``upstream_category``
  (fuel- and energy-related activities).

The functions take any :class:`~klimatbokslut.ledger.protocol.SummarySource` (rows in
memory and the scope-2 method); :class:`~klimatbokslut.ledger.Ledger` calls them for its
methods of the same names, and a Dask ledger calls them on each partition.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [2], "unit": ["ton"], "year": [2024]}))
>>> total(led, scope=1)
<Quantity(546.0, 'metric_ton * CO2e')>
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..units import get_registry
from ..validation import as_list, isin_mask
from .protocol import SummarySource

#: Ledger columns the parts table carries by default.
PART_DIMS = ("row", "id", "activity", "year", "org_unit", "site", "region", "ownership", "area", "unit", "purpose",
             "data_quality")


def _stack(d, keep_d: np.ndarray, u, keep_u: np.ndarray):
    """The direct rows of ``d`` then the upstream rows of ``u``, as one column (categorical for text)."""
    nd, nu = int(keep_d.sum()), int(keep_u.sum())

    def part(col, keep, k):
        if np.isscalar(col):
            if isinstance(col, str):
                return pd.Categorical.from_codes(np.zeros(k, dtype=np.int8), categories=pd.Index([col]))
            return np.full(k, col)
        s = col if isinstance(col, pd.Series) else pd.Series(col)
        if isinstance(s.dtype, pd.CategoricalDtype):
            return s.array[keep]
        return s.to_numpy()[keep]

    a, b = part(d, keep_d, nd), part(u, keep_u, nu)
    if isinstance(a, pd.Categorical) and isinstance(b, pd.Categorical):
        try:
            return pd.api.types.union_categoricals([a, b], sort_categories=True)
        except TypeError:   # categories of different types, or unorderable: group the values
            pass
    a = np.asarray(a, dtype=object) if isinstance(a, pd.Categorical) else a
    b = np.asarray(b, dtype=object) if isinstance(b, pd.Categorical) else b
    if a.dtype != b.dtype:
        a, b = a.astype(object), b.astype(object)
    return np.concatenate([a, b])


def columns_for(led: SummarySource, method: str | None) -> tuple[np.ndarray, np.ndarray]:
    """The direct and upstream CO2e of every row [kg CO2e] under a scope-2 method (default: the ledger's).

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> led = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [1], "unit": ["MWh"], "year": [2024]}))
    >>> [a.shape for a in columns_for(led, "location")]
    [(1,), (1,)]
    """
    f = led.frame
    up = f["co2e_upstream_kg"].to_numpy()
    if method in (None, led.scope2_method):
        return f["co2e_direct_kg"].to_numpy(), up
    if method not in ("location", "market"):
        raise ValueError(f"method must be 'location' or 'market', not {method!r}")
    total = f[f"co2e_{method}_kg"].to_numpy()
    return total - up, up


def parts(led: SummarySource, method: str | None = None, dims: Iterable[str] = PART_DIMS) -> pd.DataFrame:
    """Long table of emission parts: one line per row and part (see :meth:`klimatbokslut.ledger.Ledger.parts`).

    Returns
    -------
    pandas.DataFrame
        ``dims`` + ``scope, category, boundary, co2e_kg`` [kg CO2e].
    """
    f = led.frame
    dims = [d for d in dims if d in f.columns]
    direct, up = columns_for(led, method)
    d = f[dims].copy()
    d["scope"] = f["scope"].to_numpy()
    d["category"] = f["category"].astype(object).to_numpy()
    d["boundary"] = "direct"
    d["co2e_kg"] = direct
    has_up = up != 0
    u = f.loc[has_up, dims].copy()
    u["scope"] = np.int8(3)
    u["category"] = f.loc[has_up, "upstream_category"].astype(object).to_numpy()
    u["boundary"] = "upstream"
    u["co2e_kg"] = up[has_up]
    out = pd.concat([d, u], ignore_index=True)
    out["scope"] = out["scope"].astype(np.int8)
    return out


# The summaries below compute on the ledger's columns (category codes, masks) without building
# the long parts table: on 10M rows that table costs more than calculate itself. The rows are
# taken in the order of :func:`parts` (direct parts, then upstream parts), so the sums are the same.
def _available(led: SummarySource, filters) -> list[str]:
    dims = set(PART_DIMS) | {k for k in filters if k in led.frame.columns}
    return [c for c in led.frame.columns if c in dims] + ["scope", "category", "boundary", "co2e_kg"]


def _part_columns(led: SummarySource, key: str, direct: np.ndarray, up: np.ndarray):
    """A column of the parts table as (direct rows, upstream rows); a scalar is the same on every row."""
    f = led.frame
    if key == "scope":
        return f["scope"], np.int8(3)
    if key == "category":
        return f["category"], f["upstream_category"]
    if key == "boundary":
        return "direct", "upstream"
    if key == "co2e_kg":
        return direct, up
    return f[key], f[key]


def _part_masks(led: SummarySource, method, filters: dict[str, Any]):
    direct, up = columns_for(led, method)
    keep_d = np.ones(len(direct), dtype=bool)
    keep_u = up != 0
    available = _available(led, filters)
    for key, value in filters.items():
        if value is None:
            continue
        if key not in available:
            raise KeyError(f"cannot filter on {key!r}; columns: {', '.join(available)}")
        values = as_list(value)
        d, u = _part_columns(led, key, direct, up)
        keep_d &= isin_mask(d, values, len(keep_d))
        keep_u &= isin_mask(u, values, len(keep_u))
    return direct, up, keep_d, keep_u, available


def total(led: SummarySource, *, method: str | None = None, **filters):
    """Total emissions of the selected parts [t CO2e] (see :meth:`klimatbokslut.ledger.Ledger.total`)."""
    direct, up, keep_d, keep_u, _ = _part_masks(led, method, filters)
    values = pd.Series(np.concatenate([direct[keep_d], up[keep_u]]))
    return get_registry().Quantity(float(values.sum()) / 1000.0, "t CO2e")


def summary(led: SummarySource, by: str | Iterable[str] = ("year", "scope"), *, method: str | None = None,
            **filters) -> pd.DataFrame:
    """Emissions grouped by columns, ``co2e_t`` [t CO2e] (see :meth:`klimatbokslut.ledger.Ledger.summary`)."""
    by = [by] if isinstance(by, str) else list(by)
    direct, up, keep_d, keep_u, available = _part_masks(led, method, filters)
    missing = [b for b in by if b not in available]
    if missing:
        raise KeyError(f"cannot group by {missing}; available: {', '.join(available)}")
    keys = {}
    for b in by:
        d, u = _part_columns(led, b, direct, up)
        keys[b] = _stack(d, keep_d, u, keep_u)
    table = pd.DataFrame(keys)
    table["co2e_kg"] = np.concatenate([direct[keep_d], up[keep_u]])
    out = (table.groupby(by, sort=True, dropna=False, observed=True)["co2e_kg"].sum().div(1000.0)
           .rename("co2e_t").reset_index())
    for b in by:   # the key columns as the parts table gives them: values, not categories
        if isinstance(out[b].dtype, pd.CategoricalDtype):
            out[b] = out[b].astype(object).to_numpy()
            if not len(out) and b in ("category", "boundary"):
                out[b] = out[b].astype("str")
    return out


def memo(led: SummarySource, by: str | Iterable[str] = ("year",)) -> pd.DataFrame:
    """Biogenic CO2, ``co2_biogenic_t`` [t], grouped (see :meth:`klimatbokslut.ledger.Ledger.memo`)."""
    by = [by] if isinstance(by, str) else list(by)
    f = led.frame
    if all(isinstance(f[b].dtype, pd.CategoricalDtype) or f[b].dtype.kind in "iub" for b in by):
        # group on the codes; the keys become values afterwards (as the object group-by gives them)
        out = (f.groupby([f[b] for b in by], sort=True, observed=True)["co2_biogenic_kg"].sum().div(1000.0)
               .rename("co2_biogenic_t").reset_index())
        for b in by:
            if isinstance(out[b].dtype, pd.CategoricalDtype):
                out[b] = out[b].astype(object).to_numpy()
            elif out[b].dtype.kind in "iu":
                out[b] = out[b].astype(np.int64)
        return out
    return (f.groupby([f[b].astype(object) for b in by], sort=True)["co2_biogenic_kg"].sum().div(1000.0)
            .rename("co2_biogenic_t").reset_index())
