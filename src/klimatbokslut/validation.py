"""The one validation layer: failures collected lazily, fractions and years checked, selections as masks.

Readers, targets, what-if scenarios and the portfolio check their input with the
helpers here, so every module words a problem the same way and every problem is an
:class:`~klimatbokslut.errors.InputError` naming the column, the value and the reason.
Like pandera's lazy validation, a :class:`Failures` collector gathers every problem
of one round and raises them together.

Quantity, price and currency coercion live in :mod:`klimatbokslut.units`
(:func:`~klimatbokslut.units.as_quantity`, :func:`~klimatbokslut.units.as_price`,
:func:`~klimatbokslut.units.as_sek`), beside the one unit registry.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, cast

import numpy as np
import pandas as pd

from .catalogue import resolve_activity_name
from .errors import FAILURE_COLUMNS, InputError

__all__ = ["Failures", "CellFailures", "fail", "set_checked", "check_fraction", "check_year", "as_list",
           "canonical_selection", "selection_mask", "isin_mask"]


def fail(column: str | None, value: Any, reason: str, *, what: str = "input", row: Any = None) -> InputError:
    """One problem as an :class:`InputError` (to ``raise``), naming column, value and reason.

    Examples
    --------
    >>> print(fail("share", 1.5, "share must be between 0 and 1", what="what-if scenario"))
    1 problem in what-if scenario:
      column 'share', value '1.5': share must be between 0 and 1
    """
    return InputError([{"row": row, "column": column, "value": value, "reason": reason}], what=what)


class Failures:
    """A lazy failure collector: add every problem of one round, then raise them together.

    Parameters
    ----------
    what : str
        What is being checked (a file name, "target 'Tjänsteresor'", "holdings").

    Examples
    --------
    >>> f = Failures("holdings")
    >>> f.add("weight", -1, "a weight cannot be negative", row=3)
    >>> f.add("currency", "XYZ", "unknown currency", row=4)
    >>> len(f)
    2
    >>> f.raise_if_any()
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 2 problems in holdings:
      row 3, column 'weight', value '-1': a weight cannot be negative
      row 4, column 'currency', value 'XYZ': unknown currency
    """

    def __init__(self, what: str = "input"):
        self.what = what
        self.rows: list[dict[str, Any]] = []

    def add(self, column: str | None, value: Any, reason: str, *, row: Any = None, **extra: Any) -> None:
        """Record one problem (``extra`` keys become further columns of the failures table)."""
        self.rows.append({"row": row, "column": column, "value": value, "reason": reason, **extra})

    def extend(self, failures: Iterable[Mapping[str, Any]] | pd.DataFrame) -> None:
        """Record problems already in the failures-table shape (``row``, ``column``, ``value``, ``reason``)."""
        # a failures table's columns are text, so its records are keyed by str
        records = cast("list[dict[str, Any]]", failures.to_dict("records")) \
            if isinstance(failures, pd.DataFrame) else failures
        self.rows.extend(dict(f) for f in records)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    def error(self) -> InputError:
        """The collected problems as one :class:`InputError`."""
        # object dtype keeps row numbers as given (3, not 3.0) when some problems have no row
        return InputError(pd.DataFrame(self.rows, dtype=object), what=self.what)

    def raise_if_any(self) -> None:
        """Raise every collected problem at once; do nothing when there is none."""
        if self.rows:
            raise self.error() from None


class CellFailures:
    """Problems of cells found column by column (a mask over all rows), the way readers check tables.

    ``values`` and ``reasons`` may be one value for every failing row, an array over all
    rows, or a callable giving either: it is called only when some row fails, so messages
    are formatted for failing rows only.

    Parameters
    ----------
    rows : numpy.ndarray
        The row number the user sees for each position (the CSV line, the DataFrame label).

    Examples
    --------
    >>> c = CellFailures(np.array([2, 3, 4]))
    >>> c.add(np.array([False, True, True]), "amount", np.array(["x", "", "-1"], dtype=object),
    ...       np.array(["", "empty amount", "negative amount"], dtype=object))
    >>> c.add(np.array([True, False, False]), "unit", "flaskor", "unknown unit")
    >>> c.by_row()[["row", "column", "reason"]].values.tolist()
    [[2, 'unit', 'unknown unit'], [3, 'amount', 'empty amount'], [4, 'amount', 'negative amount']]
    """

    def __init__(self, rows: np.ndarray):
        self.rows = rows
        self.frames: list[pd.DataFrame] = []

    def add(self, mask: Any, column: str, values: Any, reasons: Any) -> None:
        """Record ``reasons`` for the rows where ``mask`` is true, with the cell ``values``."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        if callable(values):
            values = values()
        if callable(reasons):
            reasons = reasons()
        idx = np.flatnonzero(mask)
        vals = np.asarray(values, dtype=object)[idx] if not np.isscalar(values) else values
        rs = np.asarray(reasons, dtype=object)[idx] if not isinstance(reasons, str) else reasons
        self.frames.append(pd.DataFrame({"_i": idx, "row": self.rows[idx], "column": column, "value": vals,
                                         "reason": rs}))

    def table(self) -> pd.DataFrame:
        """Every failure in the order found, with ``_i`` the position of its row (object columns when none)."""
        if not self.frames:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in ["_i", *FAILURE_COLUMNS]})
        return pd.concat(self.frames, ignore_index=True)

    def by_row(self) -> pd.DataFrame:
        """The failures sorted by row, in the order found within a row (no ``_i``)."""
        if not self.frames:
            return pd.DataFrame(columns=FAILURE_COLUMNS)
        return self.table().sort_values("_i", kind="stable").drop(columns="_i")


def set_checked(obj: object, **values: Any) -> None:
    """Store checked, normalised field values on a frozen dataclass from its ``__post_init__``.

    A frozen dataclass can be set only through ``object.__setattr__``; targets and what-if
    steps do it here and nowhere else.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Step:
    ...     share: object
    ...     def __post_init__(self):
    ...         set_checked(self, share=check_fraction(self.share, "share"))
    >>> Step("0.3").share
    0.3
    """
    for name, value in values.items():
        object.__setattr__(obj, name, value)


def check_fraction(value: Any, column: str, *, what: str = "input", open_low: bool = False,
                   example: str = "0.25 for 25 %") -> float:
    """A fraction between 0 and 1 as a float, or an :class:`InputError` naming the column.

    Parameters
    ----------
    open_low : bool
        0 itself is refused (a reduction of 0 % is no target).
    example : str
        The example shown in the message, e.g. ``"0.3 for 30 %"``.

    Examples
    --------
    >>> check_fraction("0.25", "fraction")
    0.25
    >>> check_fraction(25, "fraction", what="target 'T'")
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in target 'T':
      column 'fraction', value '25': fraction must be between 0 and 1 (0.25 for 25 %), not 25
    """
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise fail(column, value, f"expected a fraction between 0 and 1 ({example})", what=what) from None
    low_ok = x > 0 if open_low else x >= 0
    if not (low_ok and x <= 1) or math.isnan(x):
        rng = "above 0 and at most 1" if open_low else "between 0 and 1"
        raise fail(column, value, f"{column} must be {rng} ({example}), not {value!r}", what=what)
    return x


def check_year(value: Any, column: str, *, what: str = "input") -> int:
    """A year as an int, or an :class:`InputError` naming the column.

    Examples
    --------
    >>> check_year(2021, "base_year")
    2021
    >>> check_year("2021", "base_year")
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in input:
      column 'base_year', value '2021': a year must be a whole number, e.g. 2021
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise fail(column, value, "a year must be a whole number, e.g. 2021", what=what)
    return int(value)


def as_list(value: Any) -> list:
    """A selection value as a list: a scalar becomes one element, a list/tuple/set its elements.

    Examples
    --------
    >>> as_list(2024), as_list([1, 2]), as_list(("a",))
    ([2024], [1, 2], ['a'])
    """
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


def canonical_selection(select: Mapping[str, Any] | None, *, what: str = "input",
                        forbid: Mapping[str, str] | None = None) -> dict[str, list]:
    """A selection (column -> value or values) with lists for values and activity names resolved.

    Swedish and alias activity names become catalogue keys (``"lustgas"`` -> ``"n2o"``).

    Parameters
    ----------
    forbid : mapping, optional
        Columns that may not be selected on, with the reason (targets take the year in
        ``evaluate``).

    Examples
    --------
    >>> canonical_selection({"activity": "lustgas", "scope": [1, 2]})
    {'activity': ['n2o'], 'scope': [1, 2]}
    """
    out: dict[str, list] = {}
    for key, value in dict(select or {}).items():
        if forbid and key in forbid:
            raise fail("select", key, forbid[key], what=what)
        values = as_list(value)
        if key == "activity":
            values = [resolve_activity_name(v) or v if isinstance(v, str) else v for v in values]
        out[key] = values
    return out


def selection_mask(frame: pd.DataFrame, select: Mapping[str, Any] | None, *, what: str = "input",
                   table: str = "ledger", require_match: bool = False) -> np.ndarray:
    """Boolean mask of the rows of ``frame`` matching every column filter of ``select``.

    Every problem is listed at once: a column the frame does not have, and with
    ``require_match`` a filter none of whose values any row has.

    Parameters
    ----------
    table : str
        What the frame is, for messages ("ledger", "activity").
    require_match : bool
        A filter that matches no row is an error (a target on nothing is a typo).

    Examples
    --------
    >>> df = pd.DataFrame({"activity": ["n2o", "diesel"], "year": [2024, 2024]})
    >>> selection_mask(df, {"activity": "lustgas"}).tolist()
    [True, False]
    """
    select = canonical_selection(select, what=what)
    failures = Failures(what)
    mask = np.ones(len(frame), dtype=bool)
    for key, values in select.items():
        if key not in frame.columns:
            failures.add("select", key, f"no {table} column {key!r}; columns: {', '.join(map(str, frame.columns))}")
            continue
        col = frame[key].astype(object)
        if require_match:
            present = set(pd.unique(col))
            missing = [v for v in values if v not in present]
            if len(missing) == len(values):
                shown = ", ".join(sorted(map(str, present))[:20])
                failures.add(key, ", ".join(map(str, missing)),
                             f"the selection matches no {table} rows; values in the {table}: {shown}")
                continue
        mask &= col.isin(values).to_numpy()
    failures.raise_if_any()
    return mask


def isin_mask(col: Any, values: list, n: int) -> np.ndarray:
    """``col.astype(object).isin(values)`` per row, for a column or a scalar; categories are tested once.

    Examples
    --------
    >>> isin_mask(pd.Series(["a", "b"], dtype="category"), ["b"], 2).tolist()
    [False, True]
    >>> isin_mask("direct", ["direct"], 3).tolist()
    [True, True, True]
    """
    if np.isscalar(col):
        return np.full(n, bool(pd.Index([col], dtype=object).isin(values)[0]))
    s = col if isinstance(col, pd.Series) else pd.Series(col)
    if isinstance(s.dtype, pd.CategoricalDtype):
        hit = pd.Index(s.cat.categories, dtype=object).isin(values)
        codes = s.cat.codes.to_numpy()
        nan_hit = bool(pd.Index([np.nan], dtype=object).isin(values)[0])
        return np.where(codes >= 0, np.append(hit, nan_hit)[codes], nan_hit)
    if s.dtype.kind in "iu" and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in values):
        arr = s.to_numpy()
        out = np.zeros(len(arr), dtype=bool)
        for v in values:        # a few values (years, scopes): comparisons beat hashing every row
            out |= arr == v
        return out
    return s.astype(object).isin(values).to_numpy() if s.dtype == object else s.isin(values).to_numpy()
