"""Reading and validating activity tables.

An activity table has one row per purchase, invoice or reading, with at least the
columns ``activity``, ``amount``, ``unit`` and ``year``, and optionally ``id``,
``org_unit``, ``site``, ``region`` (a district-heating network), ``contract`` (the
electricity instrument behind the market-based figure; ``method`` is accepted as
its synonym), ``ownership`` (``owned``, ``leased``, ``contracted``), ``factor_id``
(a factor chosen explicitly) and ``correction`` (marks a negative amount as an
intended correction). Swedish headers are accepted (``aktivitet``, ``mängd``,
``enhet``, ``år``, ``förvaltning`` ...). Any other column is carried to the ledger
unchanged.

Validation is lazy: every failure of every row is collected, each naming the row
(the line in the file, header = line 1), the column, the value and the reason. The result
is an :class:`~klimatbokslut.intake.table.ActivityTable`: the valid rows, the rejects, the
notes and the source with its sha256.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> acts = kb.read_activities(pd.DataFrame({
...     "aktivitet": ["Diesel", "el"], "mängd": ["1 234,5", "2,5"], "enhet": ["l", "MWh"], "år": [2024, 2024]}))
>>> acts.frame[["activity", "amount", "unit", "year"]].to_dict("list")
{'activity': ['diesel', 'electricity'], 'amount': [1234.5, 2.5], 'unit': ['l', 'MWh'], 'year': [2024, 2024]}
"""

from __future__ import annotations

import dataclasses
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import InputError
from ..text import tr
from ..validation import CellFailures
from .attributes import ATTRIBUTE_ALIASES
from .checks import check_rows, distinct, empty_mask
from .columns import OPTIONAL, REQUIRED, canonical_frame
from .files import REASONS, RawTable, read_source
from .table import ActivityTable

__all__ = ["read_activities", "validate_frame"]


def read_activities(source, *, on_error: Literal["raise", "collect"] = "raise", sheet: str | int | None = None,
                    sep: str | None = None, encoding: str | None = None) -> ActivityTable:
    """Read and validate an activity table from a CSV/Excel/Parquet file or a DataFrame.

    Parameters
    ----------
    source : str, Path, pandas.DataFrame or ActivityTable
        The table (an ActivityTable is returned as it is, with this ``on_error``). CSV may
        use ``;``, ``,`` or tab, decimal comma, spaces or non-breaking spaces as thousands
        separators, UTF-8 or Windows-1252.
    on_error : {"raise", "collect"}
        ``"raise"`` (default): raise :class:`InputError` listing every bad row.
        ``"collect"``: return the good rows; the bad ones are in ``result.rejects``
        (row, column, value, reason), and :func:`klimatbokslut.calculate` carries them
        into ``ledger.rejects``.
    sheet : str or int, optional
        Excel sheet.
    sep, encoding : str, optional
        Override the detected separator or encoding.

    Returns
    -------
    ActivityTable
        ``.frame`` has the canonical columns ``row, id, activity, amount, unit, year,
        org_unit, site, region, contract, ownership, factor_id, correction`` plus any
        extra columns; ``amount`` is float, ``year`` int. ``.rejects`` holds the rows that
        could not be used, ``.notes`` what the reading noticed, ``.source`` and ``.sha256``
        the file. Completely empty lines are not rows and are counted in ``.blank_rows``.

    Raises
    ------
    InputError
        With one line per failure: unknown activity (with close names), unknown
        unit, a unit of the wrong dimension, empty/NaN/text/ambiguous amounts,
        negative amounts without ``correction``, years out of range, duplicate ids,
        unknown ownership or contract.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> kb.read_activities(pd.DataFrame({"activity": ["dissel"], "amount": [1], "unit": ["l"], "year": [2024]}))
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in input:
      row 0, column 'activity', value 'dissel': unknown activity; did you mean diesel, ...?
    """
    if isinstance(source, ActivityTable):
        table = source
    else:
        raw = read_source(source, sheet=sheet, sep=sep, encoding=encoding)
        try:
            table = validate_frame(raw, what=raw.source or "input")
        except InputError as exc:
            raise _name_other_sheets(exc, raw) from None
    if on_error == "raise" and len(table.rejects):
        raise InputError(table.rejects, what=table.source or "input")
    if on_error not in ("raise", "collect"):
        raise ValueError(f"on_error must be 'raise' or 'collect', not {on_error!r}")
    return dataclasses.replace(table, on_error=on_error)


def _name_other_sheets(exc: InputError, raw: RawTable) -> InputError:
    """A required column missing on a workbook's first sheet: the data may be on another, so name them."""
    missing = exc.failures["reason"].astype(str).str.startswith("required column missing")
    workbook = bool(raw.source) and str(raw.source).lower().endswith((".xlsx", ".xlsm", ".xls"))
    if raw.sheet != 0 or not missing.any() or not workbook:
        return exc
    names = [str(n) for n in pd.ExcelFile(str(raw.source)).sheet_names]
    if len(names) < 2:
        return exc
    reasons = exc.failures["reason"].astype(str).tolist()
    first = reasons.index(next(r for r in reasons if r.startswith("required column missing")))
    reasons[first] += (f"; read from the first sheet, {names[0]!r}; the workbook also has "
                       f"{', '.join(map(repr, names[1:]))}: choose one with sheet= (--sheet)")
    return InputError(exc.failures.assign(reason=reasons), what=exc.what)


def validate_frame(raw: pd.DataFrame | RawTable | ActivityTable, *, what: str = "input") -> ActivityTable:
    """Validate a raw activity frame: every row ends in the table's frame or in its rejects.

    Rejects may hold several lines for one row, one per failure. Vectorised: checks run on
    whole columns and on the distinct values of activity and unit. An
    :class:`~klimatbokslut.intake.table.ActivityTable` is returned as it is (validated once).

    Parameters
    ----------
    raw : pandas.DataFrame, RawTable or ActivityTable
        The rows, with their row numbers as the index (or a ``row`` column); a
        :class:`~klimatbokslut.intake.files.RawTable` brings its source and what its reading learnt.
    what : str
        What the rows are, for an error that stops the validation (a missing column).

    Returns
    -------
    ActivityTable
        With ``on_error="raise"`` (how :func:`klimatbokslut.calculate` treats it by default);
        nothing is raised here for a bad row: it is in ``rejects``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = validate_frame(pd.DataFrame({"aktivitet": ["el", "kol"], "mängd": ["1 000", "5"],
    ...                                  "enhet": ["kWh", "kg"], "år": [2024, 2024]}))
    >>> t.frame["amount"].tolist(), t.rejects[["row", "column", "value"]].values.tolist()
    ([1000.0], [[1, 'activity', 'kol']])
    """
    if isinstance(raw, ActivityTable):
        return raw
    read = raw if isinstance(raw, RawTable) else RawTable(raw)
    df, n_blank, a_codes, a_text = _drop_blank_rows(canonical_frame(read.frame, what))
    fails = CellFailures(df["row"].to_numpy())
    notes = _check_ragged(fails, df, read)
    checked = check_rows(fails, df, a_codes, a_text)
    rejects = fails.table()
    good = np.ones(len(df), dtype=bool)
    good[rejects["_i"].to_numpy(dtype=int)] = False
    valid = pd.DataFrame(checked.columns(df, fails.rows, good))
    _carry_extras(valid, df, good)
    rejects = _attach_raw(rejects.sort_values(["_i", "column"], kind="stable"), df).drop(columns=["_i"])
    return ActivityTable(valid, rejects, notes=tuple(notes), source=read.source, sha256=read.sha256,
                         blank_rows=n_blank, input_rows=len(df), encoding=read.encoding,
                         separator=read.separator, sheet=read.sheet)


def _check_ragged(fails: CellFailures, df: pd.DataFrame, raw: RawTable) -> list[str]:
    """Lines of a CSV with more or fewer fields than the header (``ragged`` of the reader):
    those that cannot be read safely fail on their line; the ones read are returned as notes."""
    if not raw.ragged:
        return []
    labels = raw.frame.index.to_numpy()
    where = {lab: i for i, lab in enumerate(df["row"].to_numpy())}
    mask = np.zeros(len(df), dtype=bool)
    values = np.full(len(df), "", dtype=object)
    reasons = np.full(len(df), None, dtype=object)
    notes = []
    for pos, n, header, reason in raw.ragged:
        label = labels[pos]
        if reason is None:
            notes.append(tr(REASONS, "line {line}: {n} fields, the header {header}; the missing or extra fields are "
                            "empty in every line, read as empty", line=label, n=n, header=header))
            continue
        i = where.get(label)
        if i is None:
            continue
        mask[i], values[i], reasons[i] = True, tr(REASONS, "{n} fields", n=n), reason
    fails.add(mask, "(line)", values, reasons)
    return notes


def _drop_blank_rows(df: pd.DataFrame) -> tuple[pd.DataFrame, int, np.ndarray, np.ndarray]:
    """Completely empty lines (a blank line in a CSV, an empty Excel row) are not rows.

    Returns the frame without them, their number, and the activity codes and distinct
    texts (reused by the activity check).
    """
    a_codes, a_text = distinct(df["activity"])
    blank = (a_text == "")[a_codes]
    for col in [c for c in df.columns if c not in ("row", "activity")]:
        if not blank.any():
            break
        idx = np.flatnonzero(blank)
        blank[idx] &= empty_mask(df[col].iloc[idx])
    n_blank = int(blank.sum())
    if n_blank:
        df = df[~blank].reset_index(drop=True)
        a_codes = a_codes[~blank]
    return df, n_blank, a_codes, a_text


def _carry_extras(valid: pd.DataFrame, df: pd.DataFrame, good: np.ndarray) -> None:
    """Columns the reader does not know are carried to the valid rows unchanged."""
    keep_all = bool(good.all())
    for c in [c for c in df.columns if c not in ("row", *REQUIRED, *OPTIONAL, *ATTRIBUTE_ALIASES)]:
        if df[c].dtype == object:   # kept as given: letting pandas infer a string dtype would convert every cell
            values = df[c].to_numpy()
            valid[c] = pd.Series(values if keep_all else values[good], index=valid.index, dtype=object)
        elif isinstance(df[c].dtype, np.dtype):
            valid[c] = df[c].to_numpy()[good]
        else:  # str, categorical ...: keep the dtype; str through object and back costs ~0.7 s per 1M rows
            valid[c] = df[c].array if keep_all else df[c].array[good]


def _attach_raw(rejects: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """Add the raw activity/amount/unit/year of each rejected row, so amounts reconcile."""
    idx = rejects["_i"].to_numpy(dtype=int)
    out = rejects.reset_index(drop=True).copy()
    for col in ("activity", "amount", "unit", "year"):
        # Take the rejected rows before converting: a whole column as Python objects costs ~0.1 s per 1M rows.
        out[f"input_{col}"] = df[col].iloc[idx].to_numpy(dtype=object) if len(idx) else []
    return out
