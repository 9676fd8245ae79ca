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
import io
import re
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .catalogue import OWNERSHIP, get_activity, resolve_activity_name, suggest
from .errors import FAILURE_COLUMNS, InputError, UnitError
from .units import EXAMPLE_UNITS, kind_of, normalise_unit_text, parse_numbers, parse_unit

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
_TRUE = {"1", "true", "yes", "ja", "x", "sant", "korrigering", "correction"}
_FALSE = {"", "0", "false", "no", "nej", "falskt"}
_CONTRACTS = ("residual_mix", "residual_mix_aib", "go_renewable", "go_hydro", "go_wind", "go_solar")


def _norm_header(name: object) -> str:
    return re.sub(r"[\s\-_]+", "", str(name).strip().lower())


# ----------------------------------------------------------------------------- reading files
def _decode(raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        return raw.decode(encoding), encoding
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"


def _sniff_sep(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
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
    text, used = _decode(raw, encoding)
    separator = sep or _sniff_sep(text)
    df = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                     skip_blank_lines=False, engine="c")
    df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    df.attrs.update(encoding=used, separator=separator, source=str(path))
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
        df.attrs.update(source=str(path), sheet=sheet or 0)
        return df
    if suffix == ".parquet":
        df = pd.read_parquet(path)
        df.index = pd.RangeIndex(1, len(df) + 1, name="row")
        return df
    try:
        return read_csv_text(path, sep=sep, encoding=encoding)
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
        return raw, (pd.DataFrame(recs) if recs else _empty_rejects())
    df = raw.copy()
    rename = {}
    for col in df.columns:
        canon = _HEADER_LOOKUP.get(_norm_header(col))
        if canon and canon not in rename.values():
            rename[col] = canon
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

    # Completely empty lines (a blank line in a CSV, an empty Excel row) are not rows.
    cells = df.drop(columns=["row"]).astype("string").fillna("").apply(lambda s: s.str.strip())
    blank = cells.eq("").all(axis=1).to_numpy()
    n_blank = int(blank.sum())
    if n_blank:
        df = df[~blank].reset_index(drop=True)

    n = len(df)
    fails: list[pd.DataFrame] = []

    def fail(mask: np.ndarray, column: str, values, reasons) -> None:
        if mask.any():
            idx = np.flatnonzero(mask)
            vals = np.asarray(values, dtype=object)[idx] if not np.isscalar(values) else values
            rs = np.asarray(reasons, dtype=object)[idx] if not isinstance(reasons, str) else reasons
            fails.append(pd.DataFrame({"_i": idx, "row": df["row"].to_numpy()[idx], "column": column,
                                       "value": vals, "reason": rs}))

    # --- activity
    act_text = df["activity"].astype("string").fillna("").str.strip()
    uniq = pd.unique(act_text)
    canon_map = {u: resolve_activity_name(u) for u in uniq}
    canon = act_text.map(canon_map).astype(object)
    bad_act = canon.isna().to_numpy()
    reasons = {u: ("empty activity" if u == "" else "unknown activity" + (
        f"; did you mean {', '.join(suggest(u))}?" if suggest(u) else "; see `klimatbokslut factors list`"))
        for u in uniq if canon_map[u] is None}
    fail(bad_act, "activity", act_text.to_numpy(dtype=object), act_text.map(reasons).to_numpy(dtype=object))

    # --- correction marker
    if "correction" in df.columns:
        corr_text = df["correction"].astype("string").fillna("").str.strip().str.lower()
        corr_bad = ~corr_text.isin(_TRUE | _FALSE)
        fail(corr_bad.to_numpy(), "correction", df["correction"].to_numpy(dtype=object),
             "correction must be yes/no (ja/nej, 1/0, x or empty)")
        correction = corr_text.isin(_TRUE).to_numpy()
    else:
        correction = np.zeros(n, dtype=bool)

    # --- amount
    amount, problems = parse_numbers(df["amount"])
    has_problem = pd.notna(problems)
    fail(has_problem, "amount", df["amount"].to_numpy(dtype=object), problems)
    negative = (amount < 0) & ~correction
    fail(negative, "amount", df["amount"].to_numpy(dtype=object),
         "negative amount; mark an intended correction with correction = yes")

    # --- year
    year_raw = df["year"]
    year_num, year_prob = parse_numbers(year_raw)
    is_int = np.isfinite(year_num) & (np.floor(year_num) == year_num)
    bad_year = ~is_int
    fail(bad_year, "year", year_raw.to_numpy(dtype=object),
         np.where(pd.isna(year_prob) | (year_prob == None), "year must be a whole number, e.g. 2024",  # noqa: E711
                  "year must be a whole number, e.g. 2024"))
    out_of_range = is_int & ((year_num < YEAR_RANGE[0]) | (year_num > YEAR_RANGE[1]))
    fail(out_of_range, "year", year_raw.to_numpy(dtype=object),
         f"year out of range {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")

    # --- unit, checked per distinct (activity, unit)
    unit_text = df["unit"].astype("string").fillna("").str.strip().map(normalise_unit_text)
    pairs = pd.DataFrame({"a": canon, "u": unit_text}).drop_duplicates()
    unit_reason: dict[tuple, str] = {}
    for a, u in pairs.itertuples(index=False):
        if a is None or pd.isna(a):
            continue
        if u == "":
            unit_reason[(a, u)] = "empty unit"
            continue
        try:
            kind = kind_of(parse_unit(u))
        except UnitError:
            unit_reason[(a, u)] = "unknown unit"
            continue
        act = get_activity(a)
        if kind not in act.amount_kinds:
            expected = " or ".join(EXAMPLE_UNITS[k] for k in act.amount_kinds)
            extra = ""
            if kind == "volume" and "normal_volume" in act.amount_kinds:
                extra = "; a gas volume must be at standard conditions (Nm3 or Nl)"
            unit_reason[(a, u)] = f"a {kind or 'quantity of that kind'} cannot measure {a}{extra}; expected {expected}"
    if unit_reason:
        key = pd.Series(list(zip(canon, unit_text)), dtype=object)
        ureason = key.map(unit_reason)
        fail(ureason.notna().to_numpy(), "unit", df["unit"].to_numpy(dtype=object), ureason.to_numpy(dtype=object))

    # --- optional columns
    for col in OPTIONAL:
        if col not in df.columns:
            df[col] = ""
        elif col != "correction":
            df[col] = df[col].astype("string").fillna("").str.strip()
    own = df["ownership"].str.lower().replace("", "owned")
    own_canon = own.map(lambda v: OWNERSHIP.get(v))
    fail(own_canon.isna().to_numpy(), "ownership", df["ownership"].to_numpy(dtype=object),
         f"ownership must be one of owned, leased, contracted (ägd, leasad, upphandlad)")
    contract = df["contract"].str.lower().str.replace(r"[\s\-]+", "_", regex=True)
    bad_contract = (contract != "") & ~contract.isin(_CONTRACTS)
    fail(bad_contract.to_numpy(), "contract", df["contract"].to_numpy(dtype=object),
         f"contract must be one of {', '.join(_CONTRACTS)} (or empty for residual_mix)")
    is_elec = canon.isin(["electricity", "car_ev"]).fillna(False).to_numpy()
    fail(((contract != "").to_numpy() & ~is_elec & ~bad_act), "contract", df["contract"].to_numpy(dtype=object),
         "a contract (guarantees of origin, residual mix) applies only to electricity (and electric cars)")

    # --- travel columns
    from .catalogue import PURPOSES
    from .travel import normalise_band, normalise_cabin

    purpose = df["purpose"].str.lower().map(lambda v: PURPOSES.get(v))
    fail(purpose.isna().to_numpy(), "purpose", df["purpose"].to_numpy(dtype=object),
         "purpose must be business (tjänsteresa) or commuting (pendling)")
    cabin = df["cabin"].map(normalise_cabin)
    fail(cabin.isna().to_numpy(), "cabin", df["cabin"].to_numpy(dtype=object),
         "cabin must be economy, premium_economy, business, first or empty (average passenger)")
    band = df["band"].map(normalise_band)
    fail(band.isna().to_numpy(), "band", df["band"].to_numpy(dtype=object),
         "band must be domestic, short_haul, long_haul or empty")
    rt_text = df["round_trip"].str.lower()
    fail((~rt_text.isin(_TRUE | _FALSE | {"t/r", "tur och retur", "enkel"})).to_numpy(), "round_trip",
         df["round_trip"].to_numpy(dtype=object), "round_trip must be yes/no (ja/nej, t/r)")
    round_trip = rt_text.isin(_TRUE | {"t/r", "tur och retur"})
    for col in ("origin", "destination"):
        df[col] = df[col].str.upper()

    # --- duplicate ids
    ids = df["id"]
    dup = ids.ne("") & ids.duplicated(keep="first")
    if dup.any():
        first_row = pd.Series(df["row"].to_numpy(), index=ids).groupby(level=0).first()
        fail(dup.to_numpy(), "id", ids.to_numpy(dtype=object),
             ids.map(lambda v: f"duplicate id (first used in row {first_row.get(v)})").to_numpy(dtype=object))

    rejects = pd.concat(fails, ignore_index=True) if fails else _empty_rejects(with_index=True)
    bad_rows = np.zeros(n, dtype=bool)
    bad_rows[rejects["_i"].to_numpy(dtype=int)] = True
    good = ~bad_rows

    valid = df[good].copy()
    valid["activity"] = pd.Categorical(canon[good].astype(object))
    valid["amount"] = amount[good]
    valid["unit"] = unit_text[good].astype("category")
    valid["year"] = year_num[good].astype(np.int64) if good.any() else np.array([], dtype=np.int64)
    valid["ownership"] = own_canon[good].astype("category")
    valid["contract"] = contract[good].astype(object)
    valid["correction"] = correction[good]
    valid["purpose"] = purpose[good].fillna("business").astype(object)
    valid["cabin"] = cabin[good].replace("average", "").astype(object)
    valid["band"] = band[good].astype(object)
    valid["round_trip"] = round_trip[good].to_numpy()
    extras = [c for c in valid.columns if c not in ("row", *REQUIRED, *OPTIONAL)]
    valid = valid[["row", "id", *REQUIRED, "org_unit", "site", "region", "contract", "ownership", "factor_id",
                   "correction", "origin", "destination", "cabin", "round_trip", "band", "purpose", "goods",
                   *extras]].reset_index(drop=True)
    rejects = _attach_raw(rejects.sort_values(["_i", "column"], kind="stable"), df).drop(columns=["_i"])
    valid.attrs[VALIDATED_FLAG] = True
    # Plain records, not a DataFrame: pandas compares attrs when combining frames.
    valid.attrs["rejects"] = rejects.to_dict("records")
    valid.attrs["blank_rows"] = n_blank
    valid.attrs["input_rows"] = n
    return valid, rejects


def _attach_raw(rejects: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """Add the raw activity/amount/unit/year of each rejected row, so amounts reconcile."""
    idx = rejects["_i"].to_numpy(dtype=int)
    out = rejects.reset_index(drop=True).copy()
    for col in ("activity", "amount", "unit", "year"):
        out[f"input_{col}"] = df[col].to_numpy(dtype=object)[idx] if len(idx) else []
    return out


def _empty_rejects(with_index: bool = False) -> pd.DataFrame:
    cols = (["_i"] if with_index else []) + FAILURE_COLUMNS
    return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
