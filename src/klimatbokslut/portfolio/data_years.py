"""Data years that match: holdings whose EVIC, revenue or emissions describe a fiscal year far from the holdings' year.

A holding's EVIC of 2021 set against its emissions of 2024, or held in a 2024 portfolio,
mixes years. The optional holding columns ``evic_year``, ``revenue_year`` and
``emissions_year`` give the fiscal years; a gap of more than ``max_gap`` years from the
holdings' year is flagged here and counted in the report's coverage note. A holding
without the column is not flagged (the year is not known), and that count is given too.

Examples
--------
>>> import pandas as pd
>>> from klimatbokslut.portfolio import Portfolio
>>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["A", "B"], "value": [1, 1], "currency": "MSEK",
...     "asset_class": "aktie", "evic": [100, 100], "revenue": [50, 50], "scope1": [1, 1], "scope2": [1, 1],
...     "evic_år": [2021, 2023], "utsläpp_år": [2023, 2023]}), year=2024)
>>> data_year_flags(p, max_gap=2)[["holding", "column", "data_year", "gap"]].values.tolist()
[['A', 'evic_year', 2021, 3]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import DATA_YEARS

__all__ = ["data_year_flags", "data_year_counts"]


def data_year_flags(portfolio, *, max_gap: int = 2, year: int | None = None) -> pd.DataFrame:
    """Each holding figure whose fiscal year is more than ``max_gap`` years from the holdings' year.

    Returns
    -------
    pandas.DataFrame
        ``row, holding, column, data_year, gap`` (years; positive when the data are older).
    """
    year = portfolio.year if year is None else int(year)
    h = portfolio.holdings
    rows = []
    if year is not None:
        for col in DATA_YEARS:
            if col not in h.columns:
                continue
            v = pd.to_numeric(h[col], errors="coerce").to_numpy(dtype=float)
            gap = year - v
            bad = np.isfinite(v) & (np.abs(gap) > max_gap)
            for r, name, dy, g in zip(h["row"].to_numpy()[bad], h["holding"].to_numpy()[bad], v[bad], gap[bad]):
                rows.append({"row": r, "holding": name, "column": col, "data_year": int(dy), "gap": int(g)})
    return pd.DataFrame(rows, columns=["row", "holding", "column", "data_year", "gap"])


def data_year_counts(portfolio, *, max_gap: int = 2) -> dict[str, int]:
    """``flagged`` holdings (any column off by more than ``max_gap``) and ``unknown`` company holdings
    (no data-year column given for them).

    Examples
    --------
    >>> import pandas as pd
    >>> from klimatbokslut.portfolio import Portfolio
    >>> p = Portfolio.from_frame(pd.DataFrame({"holding": ["A"], "value": [1], "currency": "MSEK",
    ...     "asset_class": "aktie", "evic": [100], "revenue": [50], "scope1": [1], "scope2": [1]}), year=2024)
    >>> data_year_counts(p)
    {'flagged': 0, 'unknown': 1}
    """
    flags = data_year_flags(portfolio, max_gap=max_gap)
    h = portfolio.holdings
    company = (h["kind"] == "company").to_numpy()
    known = np.zeros(len(h), dtype=bool)
    for col in DATA_YEARS:
        if col in h.columns:
            known |= np.isfinite(pd.to_numeric(h[col], errors="coerce").to_numpy(dtype=float))
    return {"flagged": int(flags["holding"].nunique()), "unknown": int((company & ~known).sum())}
