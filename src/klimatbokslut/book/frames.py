"""A ledger frame as stored rows and back, and the hash over what is stored.

The stored form is the frame's columns as plain Python values (floats, ints, bools, text,
``None`` for a missing value); a column beyond the standard ledger columns goes into the row's
``extra`` JSON. The hash is computed over that stored form, column by column, so the same rows
read back give the same hash, and any changed cell changes it. ``row_hash`` (a 64-bit hash per
row) only locates a changed row; the chain's sha256 covers the content itself.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import numpy as np
import pandas as pd

from .schema import LEDGER_KINDS


def _plain(values: pd.Series, kind: str) -> list[Any]:
    """One column's values as Python objects of the stored kind (None for missing)."""
    if kind == "f":
        arr = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        out = arr.tolist()
        return [None if x != x else x for x in out] if np.isnan(arr).any() else out
    if kind == "i":
        if values.isna().any():
            return [None if pd.isna(v) else int(v) for v in values]
        return values.to_numpy(dtype="int64").tolist()
    if kind == "b":
        return [None if v is None or (isinstance(v, float) and math.isnan(v)) else bool(v) for v in values]
    obj = values.astype(object).where(values.notna(), None).tolist()
    if _all_text(values):
        return obj
    return [v if v is None or isinstance(v, str) else str(v) for v in obj]


def _all_text(values: pd.Series) -> bool:
    """Whether a column holds only text (and missing values): a string dtype, or categories that are text."""
    dt = values.dtype
    if isinstance(dt, pd.StringDtype):
        return True
    if isinstance(dt, pd.CategoricalDtype):
        return isinstance(dt.categories.dtype, pd.StringDtype) or bool(
            all(isinstance(c, str) for c in dt.categories))
    return False


def stored_columns(frame: pd.DataFrame) -> tuple[dict[str, list[Any]], list[list[str]]]:
    """The frame as stored columns (standard ones and ``extra``) and each column's pandas dtype."""
    cols: dict[str, list[Any]] = {}
    n = len(frame)
    for c, kind in LEDGER_KINDS.items():
        cols[c] = _plain(frame[c], kind) if c in frame.columns else [None] * n
    extras = [c for c in frame.columns if c not in LEDGER_KINDS]
    if extras and all(_all_text(frame[c]) for c in extras):
        # text only: JSON written by pandas (exact for text; floats would be rounded, so they take the path below)
        sub = frame[extras].astype(object)
        cols["extra"] = sub.where(sub.notna(), None).to_json(orient="records", lines=True,
                                                              force_ascii=False).splitlines()
    elif extras:
        sub = frame[extras].astype(object)
        sub = sub.where(sub.notna(), None)
        cols["extra"] = [json.dumps(dict(zip(extras, r)), ensure_ascii=False, default=_json_default)
                         for r in sub.itertuples(index=False, name=None)]
    else:
        cols["extra"] = [None] * n
    dtypes = [[c, str(frame[c].dtype)] for c in frame.columns]     # a list: the order of the columns is kept
    return cols, dtypes


def _json_default(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    return str(v)


_MISSING_INT = -(2 ** 62)          # a missing integer or boolean in the hashes (no ledger value is this)


def typed_arrays(cols: dict[str, list[Any]]) -> dict[str, np.ndarray]:
    """The stored columns as numpy arrays: float64 (missing: NaN), int64 (missing: a sentinel), object (text)."""
    out: dict[str, np.ndarray] = {}
    for name in [*LEDGER_KINDS, "extra"]:
        values = cols[name]
        kind = LEDGER_KINDS.get(name, "t")
        if kind == "f":
            out[name] = np.array(values, dtype="float64")            # None becomes NaN
        elif kind in ("i", "b"):
            out[name] = (np.array([_MISSING_INT if v is None else int(v) for v in values], dtype="int64")
                         if None in values else np.array(values, dtype="int64"))
        else:
            out[name] = np.array(values, dtype=object)
    return out


def content_hash(cols: dict[str, list[Any]], h: Any | None = None, arrays: dict[str, np.ndarray] | None = None) -> Any:
    """Feed the stored columns into a sha256 (a new one unless ``h`` is given) and return it."""
    h = h or hashlib.sha256()
    arrays = arrays if arrays is not None else typed_arrays(cols)
    for name in [*LEDGER_KINDS, "extra"]:
        a = arrays[name]
        h.update(b"\x1dcol:" + name.encode())
        if a.dtype == np.float64:
            a = np.where(np.isnan(a), np.nan, a)             # one bit pattern for every missing value
            h.update(a.tobytes())
        elif a.dtype == np.int64:
            h.update(a.tobytes())
        else:
            values = a.tolist()
            if None in values:
                values = ["\x00" if v is None else v for v in values]
            text = "\x1e".join(values)
            h.update(text.encode("utf-8", "surrogatepass"))
    return h


def row_hashes(cols: dict[str, list[Any]], arrays: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """A 64-bit hash per stored row (int64), to name a changed row; the same for the rows as written and as
    read back (booleans as 0/1, every missing value alike)."""
    arrays = arrays if arrays is not None else typed_arrays(cols)
    n = len(cols["row"])
    h = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(1099511628211)
    for name in [*LEDGER_KINDS, "extra"]:
        a = arrays[name]
        if a.dtype == object:           # few distinct texts: hash each once
            codes, uniques = pd.factorize(a, use_na_sentinel=False)
            hv = pd.util.hash_array(np.where(pd.isna(uniques), "\x00", uniques).astype(object))[codes]
        else:
            hv = pd.util.hash_array(a)
        h = h * prime + hv
    return h.view(np.int64)


def frame_from_stored(cols: dict[str, list[Any]], dtypes: list[list[str]]) -> pd.DataFrame:
    """The ledger frame back from stored columns, with the dtypes it had when it was closed."""
    data: dict[str, Any] = {}
    has_extra = any(c not in LEDGER_KINDS for c, _ in dtypes)
    extra_rows = [json.loads(e) if e else {} for e in cols.get("extra", [])] if has_extra else []
    for c, dt in dtypes:
        if c in LEDGER_KINDS:
            values = cols[c]
        else:
            values = [r.get(c) for r in extra_rows]
        data[c] = _typed(values, dt, LEDGER_KINDS.get(c, ""))
    return pd.DataFrame(data)


def _typed(values: list[Any], dtype: str, kind: str) -> pd.Series:
    if kind == "f" or dtype.startswith("float"):
        return pd.Series(np.array(values, dtype="float64"), dtype=dtype)        # None becomes NaN
    if dtype == "category":
        return pd.Series(pd.Categorical(values))
    if dtype in ("object",):
        return pd.Series(values, dtype=object)
    if dtype in ("bool",):
        return pd.Series(np.array(values, dtype=bool))
    try:
        return pd.Series(values).astype(dtype)  # type: ignore[call-overload]  # a dtype name stored at closing
    except (TypeError, ValueError):
        return pd.Series(values, dtype=object)
