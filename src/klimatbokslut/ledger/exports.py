"""Exports of a ledger: Excel, CSV and Parquet files, and one ledger from several.

The functions take any :class:`~klimatbokslut.ledger.protocol.Accounts` (rows, rejects and
settings in memory); :class:`~klimatbokslut.ledger.Ledger` calls them for its methods of the
same names. The ones that build a ledger (:func:`from_parquet`, :func:`concat`) are given the
class to build, so this module does not depend on it.

Examples
--------
>>> import tempfile, os, pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [1], "unit": ["kg"], "year": [2024]}))
>>> path = to_parquet(led, os.path.join(tempfile.mkdtemp(), "ledger.parquet"))
>>> from_parquet(kb.Ledger, path).total()
<Quantity(0.273, 'metric_ton * CO2e')>
"""

from __future__ import annotations

import datetime
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from ..csvout import neutralise_cells, write_csv
from ..errors import FAILURE_COLUMNS
from . import provenance, summaries
from .protocol import Accounts, needs_memory

L = TypeVar("L")

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_workbook(sheets: dict, path: str | Path, *, finish: Callable[[Any], None] | None = None) -> Path:
    """Write DataFrames to an .xlsx workbook, formula-safe and byte-for-byte reproducible.

    Text cells that a spreadsheet would run as formulas are neutralised
    (:func:`neutralise_cells`); the workbook's creation time and the zip entries'
    timestamps are fixed, so the same tables give the same bytes. ``finish``, when given, is called
    with the openpyxl workbook before it is saved (number formats, widths, frozen rows).

    Examples
    --------
    >>> import tempfile, os, hashlib
    >>> d = tempfile.mkdtemp()
    >>> a = write_workbook({"t": pd.DataFrame({"x": ["=1+1", "ok"]})}, os.path.join(d, "a.xlsx"))
    >>> b = write_workbook({"t": pd.DataFrame({"x": ["=1+1", "ok"]})}, os.path.join(d, "b.xlsx"))
    >>> a.read_bytes() == b.read_bytes()
    True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        for name, df in sheets.items():
            out = neutralise_cells(df)
            for c in out.columns:
                if isinstance(out[c].dtype, pd.CategoricalDtype) or str(out[c].dtype) == "str":
                    out[c] = out[c].astype(object)
            out.to_excel(xl, sheet_name=str(name)[:31], index=False)
        if finish is not None:
            finish(xl.book)
        fixed = datetime.datetime(*_FIXED_TIME)
        xl.book.properties.created = fixed
        xl.book.properties.modified = fixed
    # Rewrite the zip with fixed entry timestamps (openpyxl stamps the current time).
    with zipfile.ZipFile(path) as zin:
        entries = [(info.filename, zin.read(info.filename)) for info in zin.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            if name == "docProps/core.xml":   # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                              rb"\g<1>1980-01-01T00:00:00Z\2", data)
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
    tmp.replace(path)
    return path


def to_excel(led: Accounts, path: str | Path) -> Path:
    """Write the ledger, rejects, summaries, factors used and settings to an Excel workbook [.xlsx]."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = {
        "ledger": led.frame,
        "summary_scope": summaries.summary(led, by=["year", "scope"]),
        "summary_category": summaries.summary(led, by=["year", "scope", "category"]),
        "summary_area": summaries.summary(led, by=["year", "area"]),
        "rejects": led.rejects,
        "factors_used": provenance.factors_used(led.frame, led.factors),
        "about": provenance.about(led),
    }
    return write_workbook(sheets, path)


def to_csv(led: Accounts, path: str | Path, *, style: str = "international") -> Path:
    """Write the ledger rows as CSV (formula-safe); ``style`` as for :meth:`Ledger.to_csv`."""
    return write_csv(led.frame, path, style="sv" if style == "sv" else "international")


def to_parquet(led: Accounts, path: str | Path) -> Path:
    """Write the ledger (rows, rejects and settings) to one Parquet file."""
    import pyarrow as pa  # on first use: pandas 2 does not load pyarrow itself
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(led.frame, preserve_index=False)
    rejects = led.rejects.astype(object).where(led.rejects.notna(), None)
    meta = dict(table.schema.metadata or {})
    meta[b"klimatbokslut"] = json.dumps({**provenance.meta(led),
                                         "rejects": rejects.astype(str).where(rejects.notna(), None)
                                         .to_dict("records")}, ensure_ascii=False).encode("utf-8")
    pq.write_table(table.replace_schema_metadata(meta), path)
    return path


def from_parquet(make: Callable[..., L], path: str | Path, factors: Any = None) -> L:
    """A ledger (built by ``make``, the ledger class) from a file written by :func:`to_parquet`."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    meta = json.loads((table.schema.metadata or {}).get(b"klimatbokslut", b"{}"))
    frame = table.to_pandas()
    rejects = pd.DataFrame(meta.get("rejects", []), columns=None)
    if rejects.empty:
        rejects = pd.DataFrame(columns=FAILURE_COLUMNS)
    return make(frame, rejects=rejects, gwp=meta.get("gwp", ""), scope2_method=meta.get("scope2_method", "market"),
                factors=factors, input_rows=meta.get("input_rows"), blank_rows=meta.get("blank_rows", 0),
                factor_version=meta.get("factor_version", ""), inputs=dict(meta.get("inputs", {})),
                radiative_forcing=bool(meta.get("radiative_forcing", True)))


def _plain_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a ledger frame with text columns as objects, and nothing else carried over from the frame."""
    out = pd.DataFrame(dict(frame.items()), index=frame.index)
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object)
    return out


def concat(make: Callable[..., L], ledgers: Iterable[Accounts]) -> L:
    """One ledger (built by ``make``, the ledger class) from several; see :meth:`Ledger.concat`."""
    ledgers = list(ledgers)
    if not ledgers:
        raise ValueError("nothing to concatenate")
    if any(not isinstance(l.frame, pd.DataFrame) for l in ledgers):
        raise needs_memory("concat", "the rows of every ledger are joined")
    gwps = {l.gwp for l in ledgers}
    methods = {l.scope2_method for l in ledgers}
    if len(gwps) > 1 or len(methods) > 1:
        raise ValueError(f"ledgers differ in GWP set {sorted(gwps)} or scope-2 method {sorted(methods)}")
    frame = pd.concat([_plain_frame(l.frame) for l in ledgers], ignore_index=True)
    for c in ("activity", "unit", "category", "area", "upstream_category", "gwp", "scope2_method", "flags"):
        if c in frame.columns:
            frame[c] = frame[c].astype("category")
    rej = [l.rejects for l in ledgers if len(l.rejects)]
    unv = [l.unvalued_failures for l in ledgers if len(l.unvalued_failures)]
    inputs: dict[str, str] = {}
    for l in ledgers:
        inputs.update(l.inputs)
    first = ledgers[0]
    return make(frame, rejects=pd.concat(rej, ignore_index=True) if rej else None, gwp=first.gwp,
                scope2_method=first.scope2_method, factors=first.factors,
                input_rows=sum(l.input_rows for l in ledgers), blank_rows=sum(l.blank_rows for l in ledgers),
                inputs=inputs, radiative_forcing=first.radiative_forcing,
                unvalued_failures=pd.concat(unv, ignore_index=True) if unv else None)
