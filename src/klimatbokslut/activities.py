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
(the line in the file, header = line 1), the column, the value and the reason.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> acts = kb.read_activities(pd.DataFrame({
...     "aktivitet": ["Diesel", "el"], "mängd": ["1 234,5", "2,5"], "enhet": ["l", "MWh"], "år": [2024, 2024]}))
>>> acts[["activity", "amount", "unit", "year"]].to_dict("list")
{'activity': ['diesel', 'electricity'], 'amount': [1234.5, 2.5], 'unit': ['l', 'MWh'], 'year': [2024, 2024]}
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from .attributes import ATTRIBUTE_ALIASES, check_attributes
from .attributes import header_lookup as attribute_headers
from .catalogue import (
    OWNERSHIP,
    PURPOSES,
    TRAVEL_KINDS,
    bracket_conflict,
    flight_band_of,
    get_activity,
    resolve_activity_name,
    suggest,
)
from .errors import FAILURE_COLUMNS, InputError, UnitError
from .travel import BANDS, CABINS, normalise_band, normalise_cabin
from .units import EXAMPLE_UNITS, kind_of, normalise_unit_text, parse_numbers, parse_unit
from .validation import CellFailures

REQUIRED = ("activity", "amount", "unit", "year")
OPTIONAL = ("id", "org_unit", "site", "region", "contract", "ownership", "factor_id", "correction", "origin",
            "destination", "cabin", "round_trip", "band", "purpose", "goods")
YEAR_RANGE = (1990, 2100)
VALIDATED_FLAG = "klimatbokslut_validated"

#: Header spellings accepted for each canonical column.
COLUMN_ALIASES = {
    "activity": ("activity", "aktivitet", "typ", "bränsle", "bransle", "fuel", "product"),
    "amount": ("amount", "mängd", "mangd", "kvantitet", "antal", "quantity", "volym", "förbrukning", "value"),
    "unit": ("unit", "enhet"),
    "year": ("year", "år", "ar", "period", "räkenskapsår"),
    "id": ("id", "rad_id", "row_id", "verifikation", "transaktion", "bokningsnr", "bokningsnummer"),
    "org_unit": ("org_unit", "förvaltning", "forvaltning", "verksamhet", "organisation", "department"),
    "site": ("site", "anläggning", "anlaggning", "fastighet", "byggnad", "plats"),
    "region": ("region", "nät", "nat", "network", "fjärrvärmenät", "elområde"),
    "contract": ("contract", "method", "avtal", "elavtal", "instrument"),
    "ownership": ("ownership", "ägande", "agande", "ägarform"),
    "factor_id": ("factor_id", "faktor", "emissionsfaktor_id"),
    "correction": ("correction", "korrigering", "rättelse"),
    "origin": ("origin", "från", "fran", "avreseort", "from"),
    "destination": ("destination", "till", "ankomstort", "to"),
    "cabin": ("cabin", "klass", "kabinklass", "class"),
    "round_trip": ("round_trip", "tur_och_retur", "t/r", "turochretur", "return"),
    "band": ("band", "distansband", "distance_band"),
    "purpose": ("purpose", "syfte", "ändamål"),
    "goods": ("goods", "varugrupp", "vara"),
}
_HEADER_LOOKUP = {re.sub(r"[\s\-_]+", "", a.lower()): canon for canon, al in COLUMN_ALIASES.items() for a in al}
# Optional columns beyond the quantity (cost, attributes, shares of energy): klimatbokslut.attributes.
_HEADER_LOOKUP = {**attribute_headers(), **_HEADER_LOOKUP}
_TRUE = {"1", "true", "yes", "ja", "x", "sant", "korrigering", "correction"}
_FALSE = {"", "0", "false", "no", "nej", "falskt"}
#: round_trip values beyond yes/no: a return trip, and a one-way trip.
_ROUND_TRIP = {"t/r", "tur och retur"}
_ONE_WAY = {"enkel"}
_CONTRACTS = ("residual_mix", "residual_mix_aib", "go_renewable", "go_hydro", "go_wind", "go_solar")
#: A contract of one's own (a supplier's disclosed mix): the instrument of a user factor row for electricity.
_OWN_CONTRACT = re.compile(r"^[a-zåäö][a-zåäö0-9_]*$")


def _norm_header(name: object) -> str:
    return re.sub(r"[\s\-_]+", "", str(name).strip().lower())


# ----------------------------------------------------------------------------- reading files
#: UTF-8 text of å, ä, ö, Å, Ä, Ö read as Windows-1252 once too often ("double-encoded").
_MOJIBAKE = ("Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–", "Ã©")


def _decode(raw: bytes, encoding: str | None, path: str = "input") -> tuple[str, str]:
    """Decode a text export: a given encoding, else UTF-8 (with or without BOM), else Windows-1252.

    UTF-16 exports (with BOM) are decoded too. Text that shows UTF-8 bytes already
    decoded as Windows-1252 ("Ã¤" for "ä") is refused rather than read garbled.
    """
    try:
        if encoding:
            text, used = raw.decode(encoding), encoding
        elif raw.startswith(b"\xef\xbb\xbf"):
            text, used = raw[3:].decode("utf-8"), "utf-8-sig"
        elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, used = raw.decode("utf-16"), "utf-16"
        else:
            try:
                text, used = raw.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, used = raw.decode("cp1252"), "cp1252"
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError([{"row": None, "column": None, "value": path,
                           "reason": f"cannot decode the file as {encoding or 'UTF-8 or Windows-1252'}: {exc}"}],
                         what=path) from None
    bad = next((m for m in _MOJIBAKE if m in text), None) if "Ã" in text else None
    if bad:
        raise InputError([{"row": None, "column": None, "value": bad,
                           "reason": "the file looks double-encoded (UTF-8 read as Windows-1252, e.g. 'Ã¤' for 'ä'); "
                                     "export it again as UTF-8 or Windows-1252"}], what=path)
    if "\x00" in text:
        raise InputError([{"row": None, "column": None, "value": path,
                           "reason": "the file contains NUL bytes: it is not a text export (a binary or UTF-16 "
                                     "file without BOM?)"}], what=path)
    return text, used


def _sniff_sep(text: str) -> str:
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {sep: len(next(csv.reader([first], delimiter=sep), [])) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: (counts[s], s == ";"))
    return best if counts[best] > 1 else ";"


def read_csv_text(path: str | Path, *, sep: str | None = None, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV export as text cells, detecting encoding and separator.

    UTF-8 (with or without BOM) and Windows-1252 are detected; ``;``, ``,`` and tab
    separators are sniffed from the header line. Every cell stays text so numbers
    are read by the Swedish-aware parser, and ``row`` is the line number.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.csv")
    >>> _ = open(p, "wb").write("aktivitet;mängd;enhet;år\\nFjärrvärme;1 234,5;kWh;2024\\n".encode("cp1252"))
    >>> df = read_csv_text(p)
    >>> df.attrs["encoding"], df.iloc[0].tolist()
    ('cp1252', ['Fjärrvärme', '1 234,5', 'kWh', '2024'])
    """
    raw = Path(path).read_bytes()
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(lambda: hashlib.sha256(raw).hexdigest())   # hashlib releases the GIL
        fast = _typed_arrow_read(raw, encoding, sep)
        if fast is not None:
            df, used, separator = fast
        else:
            text, used = _decode(raw, encoding, str(path))
            separator = sep or _sniff_sep(text)
            df = _parse_csv(raw, text, used, separator)
        sha = digest.result()
    df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    df.attrs.update(encoding=used, separator=separator, source=str(path), sha256=sha)
    return df


#: Columns read as plain text by the typed reader (many distinct values); every other column is read
#: dictionary-encoded, so validation works on its distinct values without hashing every cell.
_PLAIN_TEXT_COLUMNS = frozenset({"amount", "id", "cost", "amount_uncertainty", "installed_kw"})


def _typed_arrow_read(raw: bytes, encoding: str | None, sep: str | None) -> tuple[pd.DataFrame, str, str] | None:
    """A UTF-8 export read by Arrow without decoding it in Python: text columns dictionary-encoded
    (pandas categoricals), the amount and other many-valued columns as text.

    Used only where it gives exactly what the general reader gives: UTF-8 (with or without BOM) with
    ``\n`` line ends, no quotes, no NUL byte, nothing that looks double-encoded, distinct header
    names, no empty line and every line as long as the header (Arrow refuses both). Anything
    else returns None and goes through the general reader, which explains the problem.
    """
    if encoding not in (None, "utf-8", "utf-8-sig") or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    import pyarrow as pa
    import pyarrow.csv as pacsv

    bom = raw.startswith(b"\xef\xbb\xbf")
    data = raw[3:] if bom else raw
    # Single-byte searches (memchr); "double-encoded" is checked on the distinct values after reading.
    if b'"' in data or b"\x00" in data or b"\r" in data:
        return None
    end = data.find(b"\n")
    try:
        first = (data if end < 0 else data[:end]).decode("utf-8")
    except UnicodeDecodeError:              # not UTF-8 (a Windows-1252 export): the general reader decodes it
        return None
    separator = sep or _sniff_sep(data[:65536].decode("utf-8", errors="ignore"))
    names = next(csv.reader([first], delimiter=separator), [])
    if not names or len(set(names)) != len(names) or any(not n.strip() for n in names):
        return None
    dictionary = pa.dictionary(pa.int32(), pa.string())
    types = {n: (pa.string() if _HEADER_LOOKUP.get(_norm_header(n)) in _PLAIN_TEXT_COLUMNS else dictionary)
             for n in names}
    try:   # an empty line fails here (ignore_empty_lines=False), so no row is lost or renumbered
        table = pacsv.read_csv(io.BytesIO(data),
                               parse_options=pacsv.ParseOptions(delimiter=separator, ignore_empty_lines=False),
                               convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                                    quoted_strings_can_be_null=False))
        if any(m in first for m in _MOJIBAKE) or any(_looks_double_encoded(col) for col in table.columns):
            return None                     # the general reader refuses it with its reason
        frame = table.to_pandas()
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):   # a cell that is not UTF-8
        return None
    return frame, ("utf-8-sig" if bom else "utf-8"), separator


def _looks_double_encoded(column) -> bool:
    """Whether an Arrow text column (a dictionary column: its distinct values) holds UTF-8 text decoded as
    Windows-1252 ("Ã¤" for "ä"); checked in Arrow, before any conversion to pandas."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = [c.dictionary if pa.types.is_dictionary(c.type) else c for c in column.chunks]
    suspect = [c for c in chunks if len(c) and pc.any(pc.match_substring(c, "Ã")).as_py()]   # one pass; rare
    return any(pc.any(pc.match_substring(c, m)).as_py() for c in suspect for m in _MOJIBAKE)


def _parse_csv(raw: bytes, text: str, encoding: str, separator: str) -> pd.DataFrame:
    """Split decoded CSV text into a frame of text cells, one row per line after the header.

    Arrow's multi-threaded reader is used when it gives exactly what pandas' C reader
    gives: ``\\n`` line ends, no quotes (a quoted field may hold a line break), no
    empty lines (Arrow drops them, the C reader keeps them as rows so ``row`` stays
    the line number: checked by counting lines) and every line with as many fields as
    the header (Arrow refuses ragged lines; the C reader pads them). Anything else
    goes through the C reader.
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
            return df
    df = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                     skip_blank_lines=False, engine="c", on_bad_lines="skip")
    return _ragged_lines(text, separator, df)


def _ragged_lines(text: str, separator: str, df: pd.DataFrame) -> pd.DataFrame:
    """Lines with fewer or more fields than the header, found and recorded (the C reader pads short
    lines silently and drops long ones): each becomes a row of ``attrs["ragged"]`` (position, fields,
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
        return df
    long_rows = {int(i): records[i + 1] for i in odd if counts[i] > header}
    if long_rows:   # the C reader skipped them: rebuild the frame in file order from the records
        body = [(r + [""] * (header - len(r)))[:header] if r else [""] * header for r in records[1:]]
        df = pd.DataFrame(body, columns=df.columns, dtype=object)
    filled = np.zeros(header, dtype=bool)
    full = counts == header
    rows_full = np.flatnonzero(full)
    for j in range(header):
        filled[j] = bool(len(rows_full)) and bool((df.iloc[rows_full, j].astype(str).str.strip() != "").any())
    ragged = []
    for i in odd:
        n = int(counts[i])
        if n < header:
            lacks = [str(c) for c in df.columns[n:]]
            ok = not filled[n:].any()
            reason = None if ok else (f"the line has {n} fields, the header {header}: a field is missing, so values "
                                      f"may be in the wrong columns (lacking: {', '.join(lacks)}); add the missing "
                                      "separators")
        else:
            extra = long_rows[int(i)][header:]
            ok = all(not e.strip() for e in extra)
            reason = None if ok else (f"the line has {n} fields, the header {header}: an extra separator (a value "
                                      f"with '{separator}' needs quotes) or a missing column name; extra: "
                                      f"{separator.join(extra)}")
        ragged.append((int(i), n, header, reason))
    df.attrs["ragged"] = ragged
    return df


def _read_any(source, *, sheet, sep, encoding) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        if df.index.name != "row":
            df.index.name = "row"
        return df
    path = Path(source)
    if not path.is_file():
        raise InputError([{"row": None, "column": None, "value": str(path), "reason": "file not found"}],
                         what=str(path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
        except Exception as exc:
            raise InputError([{"row": None, "column": None, "value": str(path),
                               "reason": f"cannot read the workbook: {exc}"}], what=str(path)) from None
        df.index = pd.RangeIndex(2, len(df) + 2, name="row")
        df.attrs.update(source=str(path), sheet=sheet or 0, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
        return df
    if suffix == ".parquet":
        df = pd.read_parquet(path)
        df.index = pd.RangeIndex(1, len(df) + 1, name="row")
        return df
    try:
        return read_csv_text(path, sep=sep, encoding=encoding)
    except pd.errors.EmptyDataError:
        raise InputError([{"row": None, "column": None, "value": str(path),
                           "reason": "the file is empty (no header line)"}], what=str(path)) from None
    except (UnicodeDecodeError, pd.errors.ParserError, csv.Error) as exc:
        raise InputError([{"row": None, "column": None, "value": str(path),
                           "reason": f"cannot read the CSV file: {exc}"}], what=str(path)) from None


# ----------------------------------------------------------------------------- validation
def read_activities(source, *, on_error: Literal["raise", "collect"] = "raise", sheet: str | int | None = None,
                    sep: str | None = None, encoding: str | None = None) -> pd.DataFrame:
    """Read and validate an activity table from a CSV/Excel/Parquet file or a DataFrame.

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        The table. CSV may use ``;``, ``,`` or tab, decimal comma, spaces or
        non-breaking spaces as thousands separators, UTF-8 or Windows-1252.
    on_error : {"raise", "collect"}
        ``"raise"`` (default): raise :class:`InputError` listing every bad row.
        ``"collect"``: return the good rows; the bad ones are in
        ``result.attrs["rejects"]`` as records (row, column, value, reason), and
        :func:`klimatbokslut.calculate` carries them into ``ledger.rejects``.
    sheet : str or int, optional
        Excel sheet.
    sep, encoding : str, optional
        Override the detected separator or encoding.

    Returns
    -------
    pandas.DataFrame
        Canonical columns ``row, id, activity, amount, unit, year, org_unit, site,
        region, contract, ownership, factor_id, correction`` plus any extra columns;
        ``amount`` is float, ``year`` int. Completely empty lines are not rows and
        are counted in ``attrs["blank_rows"]``.

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
    raw = _read_any(source, sheet=sheet, sep=sep, encoding=encoding)
    what = raw.attrs.get("source", "input")
    valid, rejects = validate_frame(raw, what=what)
    if on_error == "raise" and len(rejects):
        raise InputError(rejects, what=what)
    if on_error not in ("raise", "collect"):
        raise ValueError(f"on_error must be 'raise' or 'collect', not {on_error!r}")
    valid.attrs.update({k: v for k, v in raw.attrs.items() if k != "rejects"})
    valid.attrs["on_error"] = on_error
    return valid


def _is_validated(df: pd.DataFrame) -> bool:
    return bool(df.attrs.get(VALIDATED_FLAG)) and all(c in df.columns for c in REQUIRED + ("row",))


def validate_frame(raw: pd.DataFrame, *, what: str = "input") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a raw activity frame; return (valid rows, rejects table).

    Every input row ends in exactly one of the two (rejects may hold several lines
    for one row, one per failure). Vectorised: checks run on whole columns and on
    the distinct values of activity and unit.
    """
    if _is_validated(raw):
        recs = raw.attrs.get("rejects") or []
        return raw, (pd.DataFrame(recs) if recs else empty_rejects())
    df, n_blank, a_codes, a_text = _drop_blank_rows(_canonical_frame(raw, what))
    fails = CellFailures(df["row"].to_numpy())
    notes = _check_ragged(fails, df, raw)
    act = _check_activity(fails, a_codes, a_text)
    correction = _check_correction(fails, df)
    amount = _check_amount(fails, df, correction)
    bottles, u_codes, u_text = _bottles(df)
    if bottles is not None:
        amount = amount * bottles
    year_num = _check_year(fails, df)
    u_codes, u_norm = _check_unit(fails, df, act, u_codes, u_text)
    _flight_bands(fails, df, a_text, act)
    _check_applies(fails, df, act)
    opt = _optional_codes(df)
    _check_options(fails, opt, act)
    ids = _check_ids(fails, opt)
    attributes = check_attributes(fails, df)

    rejects = fails.table()
    good = np.ones(len(df), dtype=bool)
    good[rejects["_i"].to_numpy(dtype=int)] = False
    out = {"row": fails.rows[good], "id": pd.Series(ids[good], dtype=object),
           "activity": _categorical(act.codes[good], act.canon), "amount": amount[good],
           "unit": _categorical(u_codes[good], u_norm), "year": year_num[good].astype(np.int64)}
    out.update(_option_columns(df, opt, good, correction))
    out.update({col: values[good] for col, values in attributes.items()})
    valid = pd.DataFrame(out)
    _carry_extras(valid, df, good)
    rejects = _attach_raw(rejects.sort_values(["_i", "column"], kind="stable"), df).drop(columns=["_i"])
    valid.attrs[VALIDATED_FLAG] = True
    # Plain records, not a DataFrame: pandas compares attrs when combining frames.
    valid.attrs["rejects"] = rejects.to_dict("records")
    valid.attrs["blank_rows"] = n_blank
    valid.attrs["notes"] = notes
    valid.attrs["input_rows"] = len(df)
    return valid, rejects


def _canonical_frame(raw: pd.DataFrame, what: str) -> pd.DataFrame:
    """Headers renamed to the canonical columns, required ones checked, and ``row`` first.

    A shallow copy: the columns are shared with ``raw`` (copy-on-write keeps ``raw`` unchanged)."""
    df = raw.copy(deep=False)
    rename: dict[Any, str] = {}
    same: dict[str, list[Any]] = {}
    for col in df.columns:
        canon = _HEADER_LOOKUP.get(_norm_header(col))
        if canon:
            same.setdefault(canon, []).append(col)
            if canon not in rename.values():
                rename[col] = canon
    twice = {canon: cols for canon, cols in same.items() if len(cols) > 1}
    if twice:
        raise InputError([{"row": 1, "column": " and ".join(repr(str(c)) for c in cols), "value": canon,
                           "reason": f"{len(cols)} columns mean {canon}; keep one, or rename the others to a "
                                     "name that is not a column of activity tables"}
                          for canon, cols in twice.items()], what=what)
    df = df.rename(columns=rename)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError([{"row": None, "column": c, "value": None,
                           "reason": f"required column missing (found: {', '.join(map(str, raw.columns))})"}
                          for c in missing], what=what)
    if "row" in df.columns:
        row = df["row"].to_numpy()
        df = df.drop(columns=["row"])
    else:
        row = df.index.to_numpy()
    df = df.reset_index(drop=True)
    df.insert(0, "row", row)
    return df


def _check_ragged(fails: CellFailures, df: pd.DataFrame, raw: pd.DataFrame) -> list[str]:
    """Lines of a CSV with more or fewer fields than the header (``attrs["ragged"]`` of the reader):
    those that cannot be read safely fail on their line; the ones read are returned as notes."""
    ragged = raw.attrs.get("ragged") or []
    if not ragged:
        return []
    labels = raw.index.to_numpy()
    where = {lab: i for i, lab in enumerate(df["row"].to_numpy())}
    mask = np.zeros(len(df), dtype=bool)
    values = np.full(len(df), "", dtype=object)
    reasons = np.full(len(df), None, dtype=object)
    notes = []
    for pos, n, header, reason in ragged:
        label = labels[pos]
        if reason is None:
            notes.append(f"line {label}: {n} fields, the header {header}; the missing or extra fields are empty "
                         "in every line, read as empty")
            continue
        i = where.get(label)
        if i is None:
            continue
        mask[i], values[i], reasons[i] = True, f"{n} fields", reason
    fails.add(mask, "(line)", values, reasons)
    return notes


def _drop_blank_rows(df: pd.DataFrame) -> tuple[pd.DataFrame, int, np.ndarray, np.ndarray]:
    """Completely empty lines (a blank line in a CSV, an empty Excel row) are not rows.

    Returns the frame without them, their number, and the activity codes and distinct
    texts (reused by the activity check).
    """
    a_codes, a_text = _distinct(df["activity"])
    blank = (a_text == "")[a_codes]
    for col in [c for c in df.columns if c not in ("row", "activity")]:
        if not blank.any():
            break
        idx = np.flatnonzero(blank)
        blank[idx] &= _empty_mask(df[col].iloc[idx])
    n_blank = int(blank.sum())
    if n_blank:
        df = df[~blank].reset_index(drop=True)
        a_codes = a_codes[~blank]
    return df, n_blank, a_codes, a_text


def _cells(df: pd.DataFrame, col: str) -> Callable[[], np.ndarray]:
    """The raw cells of a column, when a failure needs them."""
    return lambda: df[col].to_numpy(dtype=object)


class _Activities(NamedTuple):
    """The activity column checked: codes per row, canonical key per distinct value and per row, bad rows."""

    codes: np.ndarray
    canon: np.ndarray
    per_row: np.ndarray
    bad: np.ndarray


def _check_activity(fails: CellFailures, a_codes: np.ndarray, a_text: np.ndarray) -> _Activities:
    """Each distinct activity name resolved once and mapped back with its codes."""
    a_canon = np.array([resolve_activity_name(u) for u in a_text], dtype=object)
    a_reason = np.array([None if c is not None else _activity_reason(u) for u, c in zip(a_text, a_canon)],
                        dtype=object)
    bad_act = np.array([c is None for c in a_canon], dtype=bool)[a_codes]
    fails.add(bad_act, "activity", lambda: a_text[a_codes], lambda: a_reason[a_codes])
    return _Activities(a_codes, a_canon, a_canon[a_codes], bad_act)


def _check_correction(fails: CellFailures, df: pd.DataFrame) -> np.ndarray:
    """The correction marker per row (False without the column)."""
    if "correction" not in df.columns:
        return np.zeros(len(df), dtype=bool)
    c_codes, c_text = _distinct(df["correction"], lower=True)
    c_ok = np.array([t in _TRUE | _FALSE for t in c_text])
    fails.add(~c_ok[c_codes], "correction", _cells(df, "correction"),
              "correction must be yes/no (ja/nej, 1/0, x or empty)")
    return np.array([t in _TRUE for t in c_text])[c_codes]


def _check_amount(fails: CellFailures, df: pd.DataFrame, correction: np.ndarray) -> np.ndarray:
    """Amounts as floats; unreadable ones and negative ones not marked as corrections fail."""
    amount, problems = parse_numbers(df["amount"])
    fails.add(pd.notna(problems), "amount", _cells(df, "amount"), problems)
    negative = (amount < 0) & ~correction
    fails.add(negative, "amount", _cells(df, "amount"),
              "negative amount; mark an intended correction with correction = yes")
    return amount


def _check_year(fails: CellFailures, df: pd.DataFrame) -> np.ndarray:
    """Years as numbers (dates give their year), checked on the few distinct values."""
    y_codes, y_uniques = pd.factorize(df["year"], use_na_sentinel=True)
    y_num, _ = parse_numbers(pd.Series([_year_of(v) for v in y_uniques] + [None], dtype=object))
    year_num = y_num[y_codes]
    is_int = np.isfinite(year_num) & (np.floor(np.nan_to_num(year_num)) == year_num)
    fails.add(~is_int, "year", _cells(df, "year"), "year must be a whole number, e.g. 2024")
    out_of_range = is_int & ((year_num < YEAR_RANGE[0]) | (year_num > YEAR_RANGE[1]))
    fails.add(out_of_range, "year", _cells(df, "year"), f"year out of range {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
    return year_num


def _check_unit(fails: CellFailures, df: pd.DataFrame, act: _Activities, u_codes: np.ndarray,
                u_text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Units checked per distinct (activity, unit) (``u_codes`` per row into ``u_text``, as
    :func:`_distinct` gives them); returns the unit codes and normalised texts."""
    u_norm = np.array([normalise_unit_text(u) for u in u_text], dtype=object)
    # Every (activity, unit) pair as one small integer: a table lookup, no hashing of a million rows.
    n_u = len(u_text)
    a_codes = act.codes.astype(np.int64) % (len(act.canon) + 1)     # -1 (missing) -> the last slot
    pair = a_codes * n_u + u_codes % n_u
    seen = np.zeros((len(act.canon) + 1) * n_u, dtype=bool)
    seen[pair] = True
    canon = np.array([*act.canon, None], dtype=object)
    reasons = np.full(len(seen), None, dtype=object)
    for p in np.flatnonzero(seen):
        reasons[p] = _unit_reason(canon[p // n_u], u_norm[p % n_u])
    if any(r is not None for r in reasons):
        bad = np.array([r is not None for r in reasons], dtype=bool)
        ureason = reasons[pair]
        fails.add(bad[pair], "unit", _cells(df, "unit"), ureason)
    return u_codes, u_norm


def _unit_reason(activity: Any, unit: str) -> str | None:
    """Why a unit cannot measure an activity, or None (also for an unknown activity: that fails elsewhere)."""
    if activity is None or pd.isna(activity):
        return None
    if unit == "":
        return "empty unit"
    try:
        kind = kind_of(parse_unit(unit))
    except UnitError:
        if _BOTTLE_WORD.match(unit):
            return ("a number of bottles needs the bottle's volume: write e.g. 'flaskor à 250 ml' "
                    "(the size printed on the bottle)")
        return "unknown unit"
    act = get_activity(activity)
    if kind in act.amount_kinds:
        return None
    expected = " or ".join(EXAMPLE_UNITS[k] for k in act.amount_kinds)
    extra = ""
    if kind == "volume" and "normal_volume" in act.amount_kinds:
        others = " or the ".join(EXAMPLE_UNITS[k] for k in act.amount_kinds if k != "normal_volume")
        return (f"'{unit}' of a gas is ambiguous (its volume depends on pressure and temperature): if the invoice "
                f"or meter gives the volume at standard conditions (normal cubic metres, 0 °C and 1 atm), write "
                f"Nm3 (Nl for litres); otherwise give the {others} it states")
    return (f"a unit of {kind.replace('_', ' ')}" if kind else "a unit of that kind") + \
        f" cannot measure {activity}{extra}; expected {expected}"


_BOTTLE_WORD = re.compile(r"^\s*(?:flaskor|flaska|flask|fl\.?|bottles?)\s*$", re.IGNORECASE)
_BOTTLE = re.compile(r"^\s*(?:flaskor|flaska|flask|fl\.?|bottles?)\s*(?:à|á|a|@|x|om|of|\*)?\s*"
                     r"(\d+(?:[.,]\d+)?)\s*(ml|cl|dl|l)\s*$", re.IGNORECASE)


def _bottles(df: pd.DataFrame) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Bottles with a stated volume ("flaskor à 250 ml") become that volume: the unit cell is replaced by
    the volume's unit, and the returned factor (per row; None when no row counts bottles) multiplies the
    amount. The unit as written is kept in ``unit_as_given``. Also returns the unit codes per row and
    the (replaced) unit text per code, which the unit check uses."""
    u_codes, u_text = _distinct(df["unit"])
    size = np.ones(len(u_text))
    unit = u_text.copy()
    for i, t in enumerate(u_text):
        m = _BOTTLE.match(t)
        if m:
            size[i], unit[i] = float(m.group(1).replace(",", ".")), m.group(2).lower()
    if (size == 1.0).all() and (unit == u_text).all():
        return None, u_codes, u_text
    df["unit_as_given"] = u_text[u_codes]
    df["unit"] = unit[u_codes]
    return size[u_codes], u_codes, unit


def _flight_bands(fails: CellFailures, df: pd.DataFrame, a_text: np.ndarray, act: _Activities) -> None:
    """A flight whose name states its band ("Flyg inrikes") gets that band; a name that says only
    "abroad" ("Flyg utrikes") needs a band or a route; a band column that says otherwise fails."""
    stated = np.array([flight_band_of(t) if c == "flight" else None for t, c in zip(a_text, act.canon)],
                      dtype=object)[act.codes]
    has = pd.notna(stated)
    if not has.any():
        return
    if "band" in df.columns:          # each distinct band once, not each row
        b_codes, b_text = _distinct(df["band"])
        band_cells = b_text[b_codes]
        given = np.array([normalise_band(b) or b for b in b_text], dtype=object)[b_codes]
    else:
        band_cells = np.full(len(df), "", dtype=object)
        given = band_cells
    route = np.zeros(len(df), dtype=bool)
    for col in ("origin", "destination"):
        if col in df.columns:
            route |= ~_empty_mask(df[col])
    names = a_text[act.codes]
    international = has & (stated == "international")
    # reasons per distinct activity name, mapped to the rows
    far = np.array([f"'{n}' does not say how far: write 'Flyg Europa' (short_haul) or 'Flyg interkontinentalt' "
                    f"(long_haul), or give the band (short_haul, long_haul) or origin and destination"
                    for n in a_text], dtype=object)
    fails.add(international & (given == "") & ~route, "activity", names, lambda: far[act.codes])
    said = np.array([f"the activity '{n}' says "
                     f"{'abroad' if flight_band_of(n) == 'international' else flight_band_of(n)}; the band column "
                     "says otherwise" for n in a_text], dtype=object)
    conflict = has & (given != "") & np.where(international, given == "domestic", given != stated)
    fails.add(conflict, "band", band_cells, lambda: said[act.codes])
    fill = has & ~international & (given == "")
    if fill.any():
        band_cells = band_cells.copy()
        band_cells[fill] = stated[fill]
        df["band"] = band_cells


#: Columns that describe a trip, and the activity kinds they apply to.
_TRIP_COLUMNS = {"purpose": TRAVEL_KINDS, "cabin": frozenset({"flight"}), "band": frozenset({"flight"}),
                 "origin": frozenset({"flight"}), "destination": frozenset({"flight"}),
                 "round_trip": frozenset({"flight"})}


def _check_applies(fails: CellFailures, df: pd.DataFrame, act: _Activities) -> None:
    """A trip's columns on a row they do not describe (a diesel row with purpose "pendling", a train
    with a cabin class) fail: read silently they would change nothing, or the wrong thing."""
    kinds = np.array([get_activity(c).kind if c is not None else "" for c in act.canon], dtype=object)[act.codes]
    for col, applies in _TRIP_COLUMNS.items():
        if col not in df.columns:
            continue
        codes, text = _distinct(df[col], lower=True)
        if col == "round_trip":
            filled = ~np.isin(text, list(_FALSE))[codes]
        elif col == "purpose":   # business is what every row is without a purpose: only commuting changes a row
            filled = np.array([PURPOSES.get(t) != "business" for t in text], dtype=bool)[codes]
        else:
            filled = (text != "")[codes]
        bad = filled & ~np.isin(kinds, list(applies)) & ~act.bad
        if bad.any():
            where = "travel rows (flights, trains, cars, hotels)" if col == "purpose" else "flights"
            reasons = np.array([f"{col} applies only to {where}, not to {a}; leave it empty on this row"
                                for a in act.canon], dtype=object)[act.codes]     # per distinct activity
            fails.add(bad, col, _cells(df, col), reasons)


def _check_options(fails: CellFailures, opt: dict[str, tuple[np.ndarray, np.ndarray]], act: _Activities) -> None:
    """The optional columns with a fixed vocabulary, each checked on its distinct values."""

    def check(col: str, ok: Callable[[str], bool], reason: str) -> None:
        codes, text = opt[col]
        bad = np.array([not ok(t) for t in text], dtype=bool)
        if bad.any():
            fails.add(bad[codes], col, lambda: text[codes], reason)

    check("ownership", lambda t: OWNERSHIP.get(t.lower() or "owned") is not None,
          "ownership must be one of owned, leased, contracted (ägd, leasad, upphandlad)")
    c_codes, c_text = opt["contract"]
    c_norm = np.array([_contract(t) for t in c_text], dtype=object)
    check("contract", lambda t: _contract(t) in ("", *_CONTRACTS) or bool(_OWN_CONTRACT.match(_contract(t))),
          f"contract must be one of {', '.join(_CONTRACTS)} (in Swedish e.g. 'förnybar el', 'ursprungsgaranti "
          "vattenkraft', 'residualmix'), the instrument of your own electricity factor row (letters, digits "
          "and _), or empty for residual_mix")
    has_contract = (c_norm != "")[c_codes]
    if has_contract.any():
        takes = np.array([c is not None and get_activity(c).takes_contract for c in act.canon], dtype=bool)
        fails.add(has_contract & ~takes[act.codes] & ~act.bad, "contract", lambda: c_text[c_codes],
                  "a contract (guarantees of origin, residual mix) applies only to electricity (and electric cars)")
    check("purpose", lambda t: PURPOSES.get(t.lower()) is not None,
          "purpose must be business (tjänsteresa) or commuting (pendling)")
    check("cabin", lambda t: normalise_cabin(t) is not None,
          f"cabin must be {', '.join(c for c in CABINS if c != 'average')} or empty (average passenger)")
    check("band", lambda t: normalise_band(t) is not None, f"band must be {', '.join(BANDS)} or empty")
    check("round_trip", lambda t: t.lower() in _TRUE | _FALSE | _ROUND_TRIP | _ONE_WAY,
          "round_trip must be yes/no (ja/nej, t/r)")


def _check_ids(fails: CellFailures, opt: dict[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """The id per row; a repeated id fails from its second use on."""
    id_codes, id_text = opt["id"]
    if (id_text == "").all():                  # no ids given: nothing to check
        return np.full(len(id_codes), "", dtype=object)
    ids = id_text[id_codes]
    has_id = ids != ""
    if has_id.any():
        dup = pd.Series(id_codes).duplicated(keep="first").to_numpy() & has_id
        if dup.any():
            first_row = pd.Series(fails.rows[has_id], index=ids[has_id]).groupby(level=0).first()
            fails.add(dup, "id", ids, np.array([f"duplicate id (first used in row {first_row.get(v)})" if d else None
                                                for v, d in zip(ids, dup)], dtype=object))
    return ids


def _optional_codes(df: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Codes and distinct texts of each optional column (one empty value for a column not given)."""
    empty = (np.zeros(len(df), dtype=np.intp), np.array([""], dtype=object))
    return {col: _distinct(df[col]) if col in df.columns else empty for col in OPTIONAL if col != "correction"}


#: Contract words as a Swedish electricity invoice or contract states them -> the contract code.
CONTRACT_WORDS: dict[str, str] = {
    "förnybar": "go_renewable", "förnybar el": "go_renewable", "förnybar el ursprungsgaranti": "go_renewable",
    "förnybar el med ursprungsgaranti": "go_renewable", "ursprungsgaranti": "go_renewable",
    "ursprungsgarantier": "go_renewable", "ursprungsgaranti förnybar": "go_renewable",
    "100 förnybar": "go_renewable", "100 förnybar el": "go_renewable", "renewable": "go_renewable",
    "vattenkraft": "go_hydro", "ursprungsgaranti vattenkraft": "go_hydro", "vattenkraft ursprungsgaranti": "go_hydro",
    "vindkraft": "go_wind", "ursprungsgaranti vindkraft": "go_wind", "vindkraft ursprungsgaranti": "go_wind",
    "solkraft": "go_solar", "solel": "go_solar", "ursprungsgaranti solkraft": "go_solar",
    "residualmix": "residual_mix", "residual mix": "residual_mix", "restmix": "residual_mix",
    "ingen ursprungsgaranti": "residual_mix", "utan ursprungsgaranti": "residual_mix",
    "ospecificerad el": "residual_mix", "ospecificerad": "residual_mix",
    "residualmix aib": "residual_mix_aib", "europeisk residualmix": "residual_mix_aib",
}
_CONTRACT_WORDS = {re.sub(r"[^a-zåäö0-9]+", " ", k).strip(): v for k, v in CONTRACT_WORDS.items()}


def _contract(text: str) -> str:
    words = re.sub(r"[^a-zåäö0-9]+", " ", text.lower()).strip()
    return _CONTRACT_WORDS.get(words) or re.sub(r"[\s\-]+", "_", text.lower())


def _option_columns(df: pd.DataFrame, opt: dict[str, tuple[np.ndarray, np.ndarray]], good: np.ndarray,
                    correction: np.ndarray) -> dict[str, Any]:
    """The optional columns of the valid rows, in canonical spelling (categoricals of the distinct values)."""

    def cat(col: str, func: Callable[[str], str] = lambda t: t) -> pd.Categorical:
        codes, text = opt[col]
        return _categorical(codes[good], np.array([func(t) for t in text], dtype=object))

    out: dict[str, Any] = {}
    for col in ("org_unit", "site", "region", "factor_id", "goods"):
        if col in df.columns and not _is_text_like(df[col]):
            out[col] = df[col].to_numpy(dtype=object)[good]
        else:
            out[col] = cat(col)
    out["contract"] = cat("contract", _contract)
    out["ownership"] = cat("ownership", lambda t: OWNERSHIP.get(t.lower() or "owned") or "")
    out["correction"] = correction[good]
    for col in ("origin", "destination"):
        out[col] = cat(col, str.upper)
    out["cabin"] = cat("cabin", lambda t: (normalise_cabin(t) or "").replace("average", ""))
    rt_codes, rt_text = opt["round_trip"]
    out["round_trip"] = np.array([t.lower() in _TRUE | _ROUND_TRIP for t in rt_text], dtype=bool)[rt_codes][good]
    out["band"] = cat("band", lambda t: normalise_band(t) or "")
    out["purpose"] = cat("purpose", lambda t: PURPOSES.get(t.lower()) or "business")
    return out


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


_SUMMARY_WORDS = ("summa", "delsumma", "totalt", "total", "sum", "subtotal", "sammanlagt")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?\s*$")


def _activity_reason(text: str) -> str:
    if text == "":
        return "empty activity"
    if text.lower().split(" ")[0].rstrip(":") in _SUMMARY_WORDS:
        return "a summary row, not an activity (totals are computed from the rows)"
    both = bracket_conflict(text)
    if both:
        return (f"the name and its bracketed part name different activities ({', '.join(both)}); "
                "write the one meant")
    hint = suggest(text)
    return "unknown activity" + (f"; did you mean {', '.join(hint)}?" if hint else
                                 "; see `klimatbokslut factors`, or define an activity of your own in a factor file "
                                 "(--factors FILE)")


def _year_of(value):
    """A year cell as read: dates (Excel dates, ISO date text) give their year."""
    if hasattr(value, "year") and not isinstance(value, (int, float)):
        return value.year
    if isinstance(value, str):
        m = _ISO_DATE.match(value)
        if m:
            return int(m.group(1))
    return value


def _is_text_like(s: pd.Series) -> bool:
    return s.dtype == object or isinstance(s.dtype, (pd.StringDtype, pd.CategoricalDtype)) or str(s.dtype) == "str"


def _distinct(s: pd.Series, lower: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Codes per row and the stripped text of each distinct value; missing values are ''."""
    if isinstance(s.dtype, pd.CategoricalDtype):   # a dictionary-encoded column: its codes, no hashing of cells
        codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
    else:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
    text = ["" if (u is None or (isinstance(u, float) and u != u)) else str(u).strip() for u in uniques]
    if lower:
        text = [t.lower() for t in text]
    text.append("")                      # code -1 (missing) -> the last entry
    return np.asarray(codes, dtype=np.intp), np.array(text, dtype=object)


def _first_index(codes: np.ndarray, k: int) -> np.ndarray:
    """Position of the first row with each code ``0..k-1``, for codes numbered by first appearance
    (``pandas.factorize(..., sort=False)``): a new code starts wherever the running maximum grows."""
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    grows = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
    return grows[:k]


def _empty_mask(s: pd.Series) -> np.ndarray:
    """True where a cell is missing or only whitespace."""
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.isna().to_numpy()
    codes, text = _distinct(s)
    return (text == "")[codes]


def _categorical(codes: np.ndarray, values: np.ndarray) -> pd.Categorical:
    """A Categorical from per-row codes into per-distinct values (values may repeat; -1 = last value)."""
    cats, inverse = np.unique(np.asarray(values, dtype=object).astype(str), return_inverse=True)
    small = inverse.ravel().astype(np.int8 if len(cats) < 127 else np.int16 if len(cats) < 32767 else np.int32)
    # code -1 takes the last value (numpy's negative index), as the docstring says
    return pd.Categorical.from_codes(small.take(codes), categories=pd.Index(cats, dtype=object))


def _attach_raw(rejects: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """Add the raw activity/amount/unit/year of each rejected row, so amounts reconcile."""
    idx = rejects["_i"].to_numpy(dtype=int)
    out = rejects.reset_index(drop=True).copy()
    for col in ("activity", "amount", "unit", "year"):
        # Take the rejected rows before converting: a whole column as Python objects costs ~0.1 s per 1M rows.
        out[f"input_{col}"] = df[col].iloc[idx].to_numpy(dtype=object) if len(idx) else []
    return out


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in FAILURE_COLUMNS})
