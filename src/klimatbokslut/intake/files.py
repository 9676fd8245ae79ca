"""Files and what they hold: a CSV, Excel or Parquet file (or a DataFrame) as a raw table of cells.

A CSV export is read as text cells, so numbers go through the Swedish-aware parser and every
row keeps its line number (header = line 1); the encoding and separator are detected
(:mod:`klimatbokslut.intake.encodings`), a clean UTF-8 file goes through the typed fast reader
(:mod:`klimatbokslut.intake.arrow`). What the reading learnt travels in a :class:`RawTable`
beside the cells: the source and its sha256, the encoding, the separator, the sheet and the
lines whose number of fields differs from the header's.
"""

from __future__ import annotations

import csv
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from ..text import tr
from .arrow import typed_arrow_read
from .encodings import decode, sniff_separator

#: The language of a failure's reason: the failures table is data and stays English.
REASONS = "en"

__all__ = ["RawTable", "Ragged", "read_csv_text", "read_source"]

#: A line with another number of fields than the header: (position among the lines after the header,
#: its fields, the header's fields, the reason it cannot be read, or None when it is read as empty fields).
Ragged = tuple[int, int, int, str | None]


@dataclass(frozen=True, eq=False)
class RawTable:
    """A table as read, before validation: its cells and what the reading learnt.

    Attributes
    ----------
    frame : pandas.DataFrame
        The cells (text for a CSV file), indexed by ``row``, the line number.
    source, sha256 : str or None
        The file (path as given) and the sha256 of its bytes; None for a DataFrame or Parquet file.
    encoding, separator : str or None
        Of a CSV file.
    sheet : str, int or None
        Of an Excel workbook.
    ragged : tuple
        Lines of a CSV file with another number of fields than the header (:data:`Ragged`).
    """

    frame: pd.DataFrame
    source: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    separator: str | None = None
    sheet: str | int | None = None
    ragged: tuple[Ragged, ...] = ()


def read_csv_text(path: str | Path, *, sep: str | None = None, encoding: str | None = None) -> RawTable:
    """Read a CSV export as text cells, detecting encoding and separator.

    UTF-8 (with or without BOM) and Windows-1252 are detected; ``;``, ``,`` and tab
    separators are sniffed from the header line. Every cell stays text so numbers
    are read by the Swedish-aware parser, and ``row`` is the line number.

    Returns
    -------
    RawTable
        The cells, the source with its sha256, the encoding and the separator used.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.csv")
    >>> _ = open(p, "wb").write("aktivitet;mängd;enhet;år\\nFjärrvärme;1 234,5;kWh;2024\\n".encode("cp1252"))
    >>> t = read_csv_text(p)
    >>> t.encoding, t.frame.iloc[0].tolist()
    ('cp1252', ['Fjärrvärme', '1 234,5', 'kWh', '2024'])
    """
    raw = Path(path).read_bytes()
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(lambda: hashlib.sha256(raw).hexdigest())   # hashlib releases the GIL
        fast = typed_arrow_read(raw, encoding, sep)
        ragged: tuple[Ragged, ...] = ()
        if fast is not None:
            df, used, separator = fast
        else:
            text, used = decode(raw, encoding, str(path))
            separator = sep or sniff_separator(text)
            df, ragged = _parse_csv(raw, text, used, separator)
        sha = digest.result()
    df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    return RawTable(df, source=str(path), sha256=sha, encoding=used, separator=separator, ragged=ragged)


def _parse_csv(raw: bytes, text: str, encoding: str, separator: str) -> tuple[pd.DataFrame, tuple[Ragged, ...]]:
    """Split decoded CSV text into a frame of text cells, one row per line after the header.

    Arrow's multi-threaded reader is used when it gives exactly what pandas' C reader
    gives: ``\\n`` line ends, no quotes (a quoted field may hold a line break), no
    empty lines (Arrow drops them, the C reader keeps them as rows so ``row`` stays
    the line number: checked by counting lines) and every line with as many fields as
    the header (Arrow refuses ragged lines; the C reader pads them). Anything else
    goes through the C reader. Also returns the ragged lines (:func:`_ragged_lines`).
    """
    if encoding in ("utf-8", "utf-8-sig"):
        data = raw[3:] if encoding == "utf-8-sig" else raw
    else:
        data = text.encode("utf-8")
    if b'"' not in data and (b"\n" in data or b"\r" not in data):
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        try:
            df = pd.read_csv(io.BytesIO(data), sep=separator, dtype=str, keep_default_na=False, engine="pyarrow")
        except (pd.errors.ParserError, ValueError, TypeError):
            df = None
        if df is not None and len(df) == lines - 1:  # no empty line was dropped
            return df, ()
    df = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                     skip_blank_lines=False, engine="c", on_bad_lines="skip")
    return _ragged_lines(text, separator, df)


def _ragged_lines(text: str, separator: str, df: pd.DataFrame) -> tuple[pd.DataFrame, tuple[Ragged, ...]]:
    """Lines with fewer or more fields than the header, found and recorded (the C reader pads short
    lines silently and drops long ones): each is returned as a :data:`Ragged` (position, fields,
    header fields, reason or None) that validation reports; a long line is put back as a row of its
    first fields so it is not lost.

    A short line is read as it is only when the fields it lacks are the last ones and those columns
    are empty in every other line (an export that trims trailing empty fields); otherwise values may
    sit in the wrong columns, and the line fails. A long line whose extra fields are empty (trailing
    separators) is read; otherwise it fails.
    """
    header = len(df.columns)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    counts = np.array([len(r) for r in records[1:]], dtype=np.int64)
    odd = np.flatnonzero((counts != header) & (counts != 0))
    if not len(odd):
        return df, ()
    long_rows = {int(i): records[i + 1] for i in odd if counts[i] > header}
    if long_rows:   # the C reader skipped them: rebuild the frame in file order from the records
        body = [(r + [""] * (header - len(r)))[:header] if r else [""] * header for r in records[1:]]
        df = pd.DataFrame(body, columns=df.columns, dtype=object)
    filled = np.zeros(header, dtype=bool)
    full = counts == header
    rows_full = np.flatnonzero(full)
    for j in range(header):
        filled[j] = bool(len(rows_full)) and bool((df.iloc[rows_full, j].astype(str).str.strip() != "").any())
    ragged: list[Ragged] = []
    for i in odd:
        n = int(counts[i])
        if n < header:
            lacks = [str(c) for c in df.columns[n:]]
            ok = not filled[n:].any()
            reason = None if ok else tr(REASONS, "the line has {n} fields, the header {header}: a field is missing, "
                                        "so values may be in the wrong columns (lacking: {lacking}); add the missing "
                                        "separators", n=n, header=header, lacking=", ".join(lacks))
        else:
            extra = long_rows[int(i)][header:]
            ok = all(not e.strip() for e in extra)
            reason = None if ok else tr(REASONS, "the line has {n} fields, the header {header}: an extra separator "
                                        "(a value with '{separator}' needs quotes) or a missing column name; extra: "
                                        "{extra}", n=n, header=header, separator=separator,
                                        extra=separator.join(extra))
        ragged.append((int(i), n, header, reason))
    return df, tuple(ragged)


def read_source(source: str | Path | pd.DataFrame, *, sheet: str | int | None = None, sep: str | None = None,
                encoding: str | None = None) -> RawTable:
    """The raw table of a CSV, Excel or Parquet file, or of a DataFrame (a copy, its index named ``row``).

    Rows are numbered as the file shows them: the line of a CSV file or the row of an Excel sheet
    (header = 1), the position in a Parquet file from 1, the index of a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> t = read_source(pd.DataFrame({"aktivitet": ["el"]}))
    >>> t.frame.index.name, t.source
    ('row', None)
    """
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        if df.index.name != "row":
            df.index.name = "row"
        return RawTable(df)
    path = Path(source)
    if not path.is_file():
        raise InputError([{"row": None, "column": None, "value": str(path), "reason": tr(REASONS, "file not found")}],
                         what=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
        except Exception as exc:
            raise InputError([{"row": None, "column": None, "value": str(path),
                               "reason": tr(REASONS, "cannot read the workbook: {error}", error=exc)}],
                         what=str(path)) from None
        df.index = pd.RangeIndex(2, len(df) + 2, name="row")
        return RawTable(df, source=str(path), sha256=hashlib.sha256(path.read_bytes()).hexdigest(), sheet=sheet or 0)
    if suffix == ".parquet":
        df = pd.read_parquet(path)
        df.index = pd.RangeIndex(1, len(df) + 1, name="row")
        return RawTable(df)
    try:
        return read_csv_text(path, sep=sep, encoding=encoding)
    except pd.errors.EmptyDataError:
        raise InputError([{"row": None, "column": None, "value": str(path),
                           "reason": tr(REASONS, "the file is empty (no header line)")}], what=str(path)) from None
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as exc:
        raise InputError([{"row": None, "column": None, "value": str(path),
                           "reason": tr(REASONS, "cannot read the CSV file: {error}", error=exc)}],
                         what=str(path)) from None
