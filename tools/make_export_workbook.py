"""Write ``examples/export/miljodata_2024.xlsx``: the corrected export as an Excel workbook whose
data is on its *second* sheet, after a cover sheet, as environmental-data systems often export it.

The walkthrough (docs/from-excel.md) reads it with ``--sheet`` / ``sheet=``. Run after changing
``miljodata_2024_rattad.csv``: ``python tools/make_export_workbook.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

EXPORT = Path(__file__).resolve().parents[1] / "examples" / "export"
NUMBER_COLUMNS = {"Mängd", "År"}


def _cell(header: str, text: str):
    if header in NUMBER_COLUMNS and text:
        value = float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
        return int(value) if value.is_integer() else value
    return text or None


def main() -> Path:
    with open(EXPORT / "miljodata_2024_rattad.csv", encoding="cp1252", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, body = rows[0], rows[1:]
    wb = Workbook()
    cover = wb.active
    cover.title = "Om exporten"
    for line in (["Miljödata 2024, Region Exempelby (fiktiva mängder)"],
                 ["Exporterad ur miljösystemet; data på bladet Miljödata 2024"],
                 ["Kontakt", "miljo@exempelby.example"]):
        cover.append(line)
    data = wb.create_sheet("Miljödata 2024")
    data.append(header)
    for r in body:
        data.append([_cell(h, v) for h, v in zip(header, r)])
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 15, 8, 0)
    out = EXPORT / "miljodata_2024.xlsx"
    wb.save(out)
    return out


if __name__ == "__main__":
    print(main())
