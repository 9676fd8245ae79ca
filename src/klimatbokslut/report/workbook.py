"""The report's tables as a finished workbook and as CSV files, in the report's language.

The workbook opens on a contents sheet (each sheet's name, a link to it, its rows and the CSV
file with the same table); every sheet is named and headed in the report's language (the
Swedish column names are those of the Swedish CSV files), yes/no and codes are words, numbers
are numbers with the format of their kind (:func:`klimatbokslut.precision.excel_format`:
thousands separators, decimals, percent for shares, years as plain integers), text cells are
formatted as text, the header row is frozen and the columns have widths to read them by.

The CSV files hold the same tables, each number rounded to the decimals of its kind
(:mod:`klimatbokslut.precision`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..csvout import plain_table, swedish_table, write_csv
from ..ledger import neutralise_cells, write_workbook
from ..precision import excel_format, numeric_cells
from ..sheet_words import english_header, sheet_name, value_words
from ..text import ptr

__all__ = ["file_tables", "read_report_workbook", "write_report_csv", "write_report_workbook"]

_YEAR, _COUNT, _NUMBER, _TEXT = "0", "#,##0", "#,##0.0#######", "@"


def file_tables(sheets: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as files hold them: plain columns, numbers written as text made numbers."""
    return {name: numeric_cells(plain_table(df)) for name, df in sheets.items()}


def _labelled(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = value_words(df, lang)
    if lang == "sv":   # the language's column names: the Swedish CSV's, or readable English ones
        return swedish_table(out)
    return out.rename(columns={c: english_header(c) for c in out.columns})


def _cell_format(value: Any, column_format: str) -> str:
    if isinstance(value, str):
        return _TEXT
    if isinstance(value, bool):
        return _TEXT
    if column_format != _TEXT:
        return column_format
    if isinstance(value, int):      # a number in a column of mixed cells (the about sheet)
        return _YEAR if 1900 <= value <= 2100 else _COUNT
    return _NUMBER


def _finish_sheet(ws: Any, formats: list[str], headers: list[str]) -> None:
    widths = [len(str(h)) for h in headers]
    for row in ws.iter_rows(min_row=1):
        for j, cell in enumerate(row):
            if j >= len(formats):
                continue
            if cell.row == 1:
                cell.number_format = _TEXT
                continue
            if cell.value is None:
                continue
            fmt = _cell_format(cell.value, formats[j])
            cell.number_format = fmt
            shown = len(str(cell.value)) + (3 if fmt not in (_TEXT, _YEAR) else 0)
            widths[j] = max(widths[j], min(shown, 60))
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(w + 2, 8), 62)
    ws.freeze_panes = "A2"


def write_report_workbook(sheets: dict[str, pd.DataFrame], path: str | Path, *, lang: str = "sv") -> Path:
    """Write the report's tables to one finished workbook in ``lang`` (see the module).

    Examples
    --------
    >>> import os, tempfile, openpyxl
    >>> p = write_report_workbook({"totals": pd.DataFrame({"year": [2024], "co2e_t": [1234.5]})},
    ...                           os.path.join(tempfile.mkdtemp(), "k.xlsx"), lang="sv")
    >>> wb = openpyxl.load_workbook(p)
    >>> wb.sheetnames
    ['Innehåll', 'Totalt']
    >>> [(c.value, c.number_format) for c in wb["Totalt"][2]]
    [(2024, '0'), (1234.5, '#,##0.0')]
    """
    tables = file_tables(sheets)
    titles: dict[str, str] = {}
    for name in tables:
        title, n = sheet_name(name, lang), 2
        while title in titles.values() or title == sheet_name("contents", lang):
            title = f"{sheet_name(name, lang)[:28]} {n}"
            n += 1
        titles[name] = title
    contents = pd.DataFrame({
        ptr(lang, "sheet", "Sheet"): list(titles.values()),
        ptr(lang, "sheet", "Rows"): [len(df) for df in tables.values()],
        ptr(lang, "sheet", "CSV file"): [f"{name}.csv" for name in tables],
    })
    formats = {titles[name]: [excel_format(c, df[c]) for c in df.columns] for name, df in tables.items()}
    formats[sheet_name("contents", lang)] = [_TEXT, _COUNT, _TEXT]
    out = {sheet_name("contents", lang): contents}
    out.update({titles[name]: plain_table(neutralise_cells(_labelled(df, lang))) for name, df in tables.items()})

    def finish(book: Any) -> None:
        for title, frame in out.items():
            _finish_sheet(book[title], formats[title], [str(c) for c in frame.columns])
        ws = book[sheet_name("contents", lang)]
        for i, title in enumerate(titles.values(), start=2):
            ws.cell(row=i, column=1).hyperlink = f"#'{title}'!A1"

    return write_workbook(out, path, finish=finish)


def read_report_workbook(path: str | Path) -> dict[str, pd.DataFrame]:
    """Read a workbook written by :func:`write_report_workbook` back as the report's tables: keyed by table
    name (``"totals"``, as the CSV files are named) with the API's column names (``co2e_t``).

    Examples
    --------
    >>> import os, tempfile
    >>> p = write_report_workbook({"totals": pd.DataFrame({"year": [2024], "co2e_t": [1234.5]})},
    ...                           os.path.join(tempfile.mkdtemp(), "k.xlsx"), lang="sv")
    >>> read_report_workbook(p)["totals"].to_dict("records")
    [{'year': 2024, 'co2e_t': 1234.5}]
    """
    from ..csvout import COLUMN_LABELS_SV

    book = pd.read_excel(path, sheet_name=None)
    contents = next(iter(book.values()))
    codes = {**{english_header(c): c for c in COLUMN_LABELS_SV}, **{v: k for k, v in COLUMN_LABELS_SV.items()}}
    out = {}
    for title, csv_name in zip(contents.iloc[:, 0], contents.iloc[:, 2], strict=True):
        frame = book[str(title)]
        out[str(csv_name).removesuffix(".csv")] = frame.rename(columns={c: codes.get(str(c), c) for c in frame.columns})
    return out


def write_report_csv(sheets: dict[str, pd.DataFrame], folder: str | Path, *, style: str) -> list[Path]:
    """Write the report's tables as CSV files, one per table, in ``style`` (``"sv"`` or ``"international"``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_csv(df, folder / f"{name}.csv", style="sv" if style == "sv" else "international")
            for name, df in file_tables(sheets).items()]
