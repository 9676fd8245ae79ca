"""Reading a holdings table from CSV or Excel (or a DataFrame) into a :class:`~klimatbokslut.portfolio.Portfolio`.

CSV files are read like activity files (:func:`~klimatbokslut.intake.files.read_csv_text`:
separator, decimal comma and encoding detected); Excel rows are numbered as the
spreadsheet shows them. The checks are in :mod:`klimatbokslut.portfolio.validate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..intake.files import read_csv_text
from ..validation import fail
from .model import Portfolio

__all__ = ["read_holdings", "read_table"]


def read_table(source: str | Path, *, sheet: str | int | None = None, sep: str | None = None,
               encoding: str | None = None) -> pd.DataFrame:
    """The raw table of a CSV or Excel file, rows labelled by their line number (header = line 1)."""
    path = Path(source)
    if not path.is_file():
        raise fail(None, str(path), "file not found", what=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
        except Exception as exc:  # openpyxl raises many error types
            raise fail(None, str(path), f"cannot read the workbook: {exc}", what=str(path)) from None
        df.index = pd.RangeIndex(2, len(df) + 2, name="row")
    else:
        df = read_csv_text(path, sep=sep, encoding=encoding).frame
    return df


def read_holdings(source: str | Path | pd.DataFrame, *, currency: str | None = None, rates: Mapping | None = None,
                  total_value: Any = None, fund_scopes: Iterable[int] = (1, 2), year: int | None = None,
                  name: str = "", sheet: str | int | None = None, sep: str | None = None,
                  encoding: str | None = None) -> Portfolio:
    """Read a holdings table from CSV or Excel (or a DataFrame) into a :class:`Portfolio`.

    CSV files may use ``;``, ``,`` or tab, decimal comma, spaces as thousands
    separators, UTF-8 or Windows-1252 (detected). Rows are reported by their line
    number (header = line 1).

    Parameters
    ----------
    source : str, Path or pandas.DataFrame
        The holdings table (columns in the module docstring).
    currency, rates, total_value, fund_scopes, year, name
        As in :meth:`Portfolio.from_frame`.
    sheet : str or int, optional
        Excel sheet (default: the first).
    sep, encoding : str, optional
        Override the detected CSV separator or encoding.

    Returns
    -------
    Portfolio

    Raises
    ------
    InputError
        Listing every failure (row, column, value, reason).

    References
    ----------
    .. [1] PCAF (2022). *The Global GHG Accounting and Reporting Standard Part A:
       Financed Emissions.* Second edition.
    .. [2] TCFD (2021). *Implementing the Recommendations of the Task Force on
       Climate-related Financial Disclosures.*

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "innehav.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("innehav;marknadsvärde;valuta;tillgångsslag;koldioxidavtryck;waci\\n"
    ...                  "Fiktiv aktiefond;1 250,5;MSEK;aktiefond;2,5;4,0\\n")
    >>> p = read_holdings(path)
    >>> p.total_value()
    <Quantity(1250.5, 'MSEK')>
    >>> p.carbon_footprint()
    <Quantity(2.5, 'metric_ton * CO2e / MSEK')>
    """
    if isinstance(source, pd.DataFrame):
        raw, what = source, "holdings"
    else:
        raw = read_table(source, sheet=sheet, sep=sep, encoding=encoding)
        what = str(Path(source))
    return Portfolio.from_frame(raw, currency=currency, rates=rates, total_value=total_value,
                                fund_scopes=fund_scopes, year=year, name=name, what=what)
