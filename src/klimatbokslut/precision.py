"""How many decimals each column of a written table keeps, and how a workbook shows it.

The library computes in binary floating point, so a sum such as 3 673,896 comes out as
3673.896000000001. A file a person opens must not show that noise, and it must not show fewer
digits than the source gives either. Every number column of the CSV files is therefore rounded
to the decimals of its kind of quantity (:func:`decimals_for`), the same in every table:

=============================================  ===========  =================================
kind (column names)                            decimals     resolution
=============================================  ===========  =================================
years (``year``, ``base_year``, ``valid_from``) 0            a year
counts (``rows``, ``draws``, ``scope``)        0            one
tonnes (``…_t``: ``co2e_t``, ``low_t``)        3            1 kg
kilograms (``…_kg``: ``co2e_kg``, ``ch4_kg``)  6            1 mg
kronor (``…_sek``)                             2            1 öre
energy and distance (``…_mj``, ``mwh``, km)    3            1 kJ, 1 kWh, 1 m
shares, probabilities and relative changes     6            0,0001 percentage point
(``share``, ``change_vs_base``, ``…_pct``)
every other number (amounts as given, factor   8
values, distribution parameters)
=============================================  ===========  =================================

The workbook keeps the full value in each cell and shows it with the number format of its kind
(:func:`excel_format`): thousands separators, the decimals above (fewer for tonnes), percent for
shares and years as plain integers.

Examples
--------
>>> decimals_for("co2e_t"), decimals_for("co2e_kg"), decimals_for("change_vs_base"), decimals_for("year")
(3, 6, 6, 0)
>>> import pandas as pd
>>> rounded(pd.DataFrame({"co2e_t": [3673.896000000001], "share": [0.008670000170253767]})).to_dict("records")
[{'co2e_t': 3673.896, 'share': 0.00867}]
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["KINDS", "decimals_for", "excel_format", "kind_of", "numeric_cells", "rounded"]

#: kind -> (decimals kept in CSV files, Excel number format)
KINDS: dict[str, tuple[int, str]] = {
    "year": (0, "0"),
    "count": (0, "#,##0"),
    "tonnes": (3, "#,##0.0"),
    "kg": (6, "#,##0.000"),
    "sek": (2, "#,##0"),
    "energy": (3, "#,##0.0"),
    "share": (6, "0.0%"),
    "number": (8, "#,##0.0#######"),
    "text": (0, "@"),
    "bool": (0, "@"),
}

_YEARS = {"year", "base_year", "target_year", "previous_year", "start_year", "end_year", "runs_out_year",
          "trend_from_year", "factor_year", "valid_from", "valid_to", "source_year", "edition", "source_edition",
          "input_year", "against", "report_year", "milestone"}
_COUNTS = {"row", "rows", "draws", "seed", "items", "scope", "input_rows", "ledger_rows",
           "rejected_rows", "blank_rows", "replaced_rows", "count"}
_SHARES = {"share", "progress", "required_annual_rate", "interval", "coverage", "coverage_eligible",
           "relative_variance", "change", "relative_to_index", "relative_to_benchmark", "change_vs_base",
           "change_vs_previous"}


def kind_of(column: object, values: pd.Series | None = None) -> str:
    """The kind of quantity a column holds, from its name (and, for unknown names, its values).

    Examples
    --------
    >>> kind_of("co2e_t"), kind_of("avoided_low_t"), kind_of("probability_path"), kind_of("valid_from")
    ('tonnes', 'tonnes', 'share', 'year')
    """
    name = str(column)
    if values is not None and pd.api.types.is_bool_dtype(values):
        return "bool"
    if values is not None and not pd.api.types.is_numeric_dtype(values):
        return "text"
    if name.endswith("_per_year"):
        return "tonnes" if name.endswith("_t_per_year") else "number"
    if name in _YEARS or name.endswith("_year") or re.fullmatch(r"(19|20)\d\d", name):
        return "year"
    if name in _COUNTS or name.endswith("_rows"):
        return "count"
    if name.endswith("_t"):
        return "tonnes"
    if name.endswith("_kg"):
        return "kg"
    if name.endswith("_sek"):
        return "sek"
    if name.endswith("_mj") or name in ("mwh", "distance_km"):
        return "energy"
    if name in _SHARES or name.endswith(("_share", "_pct")) or name.startswith(("share_", "probability", "relative")):
        return "share"
    if values is not None and pd.api.types.is_integer_dtype(values):
        return "count"
    return "number"


def decimals_for(column: object) -> int:
    """The decimals a CSV file keeps for a number column of this name (see the module's table)."""
    return KINDS[kind_of(column)][0]


def excel_format(column: object, values: pd.Series | None = None) -> str:
    """The Excel number format of a column (``"@"`` for text).

    Examples
    --------
    >>> excel_format("co2e_t"), excel_format("share_used"), excel_format("year"), excel_format("rows")
    ('#,##0.0', '0.0%', '0', '#,##0')
    """
    return KINDS[kind_of(column, values)][1]


_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?")


def _as_number(v: object) -> object:
    if isinstance(v, str) and _NUMBER.fullmatch(v.strip()):
        x = float(v)
        return int(x) if x.is_integer() and "." not in v else x
    return v


def numeric_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers written as text (``"1.0966"``, ``"2025"``) as numbers: a column of them becomes a number
    column, single cells in a mixed column become numbers. Text with a leading zero (``"0123"``) stays text.

    Examples
    --------
    >>> numeric_cells(pd.DataFrame({"p": ["1.0966", None], "k": ["2025", "AR6"]})).to_dict("list")
    {'p': [1.0966, nan], 'k': [2025, 'AR6']}
    """
    out = frame.copy()
    for c in out.columns:
        s = out[c]
        if s.dtype != object and not pd.api.types.is_string_dtype(s):
            continue
        ok = s.astype("string").str.strip().str.fullmatch(_NUMBER.pattern).fillna(False).astype(bool)
        if not ok.any():
            continue
        if bool(ok[s.notna()].all()):        # a column of numbers: as a number column (vectorised)
            out[c] = pd.to_numeric(s.astype(object).map(lambda v: v.strip() if isinstance(v, str) else v))
        else:                                # numbers among text: each such cell as a number
            out[c] = s.astype(object).map(_as_number)
    return out


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every float column rounded to its decimals (:func:`decimals_for`); nothing else changes."""
    out = frame.copy()
    for c in out.columns:
        s = out[c]
        if pd.api.types.is_float_dtype(s):
            d = decimals_for(c)
            whole = d == 0 and bool((s.dropna() % 1 == 0).all())
            out[c] = s.round(d).astype("Int64") if whole else s.round(d)   # a year as 2021, not 2021.0
        elif s.dtype == object:
            d = decimals_for(c)
            out[c] = s.map(lambda v, d=d: round(v, d) if isinstance(v, float) else v)
    return out
