"""A share's numerator: the selected rows that also match a further selection, yes/no columns read as yes/no.

A :class:`~klimatbokslut.targets.Share` with a select dict as ``numerator`` counts the
selected rows that also match it. A column of one's own with yes/no values
(``svenskproducerad``, ``regionalt producerad``, ``närproducerad`` …, carried from the
activity file as text) is read with the spellings of ``ekologisk``
(:func:`klimatbokslut.intake.attributes.read_yes_no`: ja/nej, x or blank, 1/0 …) when the
numerator asks for ``True`` or ``False`` (or a yes/no spelling such as ``"ja"``), so
``{"svenskproducerad": True}`` counts the rows marked *ja*.

A numerator that cannot match the column is an error naming the column and the values seen,
never a silent 0 %: a column with cells that are not yes/no asked for ``True``, a yes/no
column asked for another value, or a value no selected row of any year has.

Examples
--------
>>> import pandas as pd
>>> rows = pd.DataFrame({"svenskproducerad": ["ja", "Nej", "x"]})
>>> numerator_mask(rows, {"svenskproducerad": True}, what="target 'x'").tolist()
[True, False, True]
>>> numerator_mask(pd.DataFrame({"svenskproducerad": ["ja", "kanske"]}), {"svenskproducerad": True},
...                what="target 'x'")
Traceback (most recent call last):
...
klimatbokslut.errors.InputError: 1 problem in target 'x':
  column 'svenskproducerad', value 'True': the column holds values that are not yes/no (kanske), so it cannot
  be counted as yes/no; values seen: ja, kanske; write ja/nej, yes/no, x or blank, 1/0, sant/falskt, true/false
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..intake.attributes import YES_NO_SPELLINGS, read_yes_no
from ..validation import Failures, canonical_selection

__all__ = ["numerator_mask", "as_yes_no"]

#: How many distinct values an error lists.
SHOWN = 20


def as_yes_no(value: Any) -> bool | None:
    """``value`` as yes (True) or no (False) when it is a bool or a yes/no spelling; None otherwise.

    Examples
    --------
    >>> as_yes_no(True), as_yes_no("Ja"), as_yes_no("nej"), as_yes_no("kött")
    (True, True, False, None)
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if not isinstance(value, str) or not value.strip():
        return None
    yes, bad = read_yes_no([value])
    return None if bad else bool(yes[0])


def _seen(col: pd.Series) -> str:
    values = sorted({str(v) for v in pd.unique(col.astype(object)) if not (isinstance(v, float) and np.isnan(v))})
    more = f" … ({len(values)} values)" if len(values) > SHOWN else ""
    return ", ".join(values[:SHOWN]) + more


def numerator_mask(rows: pd.DataFrame, numerator: Mapping[str, Any], *, what: str) -> np.ndarray:
    """The rows (a target's selection, every year) matching the numerator; every problem at once.

    Parameters
    ----------
    rows : pandas.DataFrame
        The target's selected ledger rows of every year (a value that no year has is a typo).
    numerator : mapping
        Column -> value or list of values.
    what : str
        The target, for the error.

    Returns
    -------
    numpy.ndarray of bool

    Raises
    ------
    InputError
        A column the ledger does not have; a yes/no value against a column whose cells are
        not all yes/no; another value against a yes/no column; a value no row has. Each
        names the column and the values seen.
    """
    select = canonical_selection(numerator, what=what)
    failures = Failures(what)
    mask = np.ones(len(rows), dtype=bool)
    for key, values in select.items():
        if key not in rows.columns:
            failures.add("numerator", key, f"no ledger column {key!r}; columns: {', '.join(map(str, rows.columns))}")
            continue
        col = rows[key]
        as_bool = [as_yes_no(v) for v in values]
        boolean_col = col.dtype == bool
        asked_bool = any(isinstance(v, (bool, np.bool_)) for v in values)
        spelled = all(b is not None for b in as_bool) and col.dtype == object and not read_yes_no(col)[1]
        if boolean_col or asked_bool or spelled:
            if any(b is None for b in as_bool):
                failures.add(key, ", ".join(map(str, values)),
                             f"a yes/no column is counted by True or False (or ja/nej); values seen: {_seen(col)}")
                continue
            if boolean_col:
                yes = col.to_numpy(dtype=bool)
            else:
                yes, bad = read_yes_no(col)
                if bad:
                    shown = ", ".join(bad[:SHOWN])
                    failures.add(key, ", ".join(map(str, values)),
                                 f"the column holds values that are not yes/no ({shown}), so it cannot be counted as "
                                 f"yes/no; values seen: {_seen(col)}; write {YES_NO_SPELLINGS}")
                    continue
            wanted = set(as_bool)
            mask &= np.where(yes, True in wanted, False in wanted)
            continue
        hit = col.astype(object).isin(values).to_numpy()
        if len(rows) and not hit.any():
            failures.add(key, ", ".join(map(str, values)),
                         f"the numerator matches none of the selected rows in any year; values seen: {_seen(col)}")
            continue
        mask &= hit
    failures.raise_if_any()
    return mask
