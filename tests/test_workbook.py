"""The example's workbook is finished (language, contents, number formats, frozen header, widths) and its CSV
files carry no float noise: every number at most the decimals documented in klimatbokslut.precision."""

import contextlib
import io
import re

import openpyxl
import pandas as pd
import pytest

from klimatbokslut.cli import main
from klimatbokslut.csvout import COLUMN_LABELS_SV
from klimatbokslut.precision import decimals_for

_NUMBER_TEXT = re.compile(r"-?\d+([.,]\d+)?")
_SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["example", "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def workbook(example):
    return openpyxl.load_workbook(example / "klimatbokslut_2024.xlsx")


def test_the_workbook_opens_on_its_contents_in_swedish(workbook):
    names = workbook.sheetnames
    assert names[0] == "Innehåll"
    assert {"Huvudbok", "Totalt", "Per scope", "Mål", "Om beräkningen"} <= set(names)
    assert not [n for n in names if _SNAKE.match(n)]
    listed = [row[0].value for row in workbook["Innehåll"].iter_rows(min_row=2)]
    assert listed == names[1:]                       # every sheet, in order, each a link
    assert all(row[0].hyperlink is not None for row in workbook["Innehåll"].iter_rows(min_row=2))


def test_every_header_is_swedish_and_frozen(workbook):
    for ws in workbook.worksheets:
        headers = [c.value for c in ws[1]]
        assert ws.freeze_panes == "A2", ws.title
        snake = [h for h in headers if isinstance(h, str) and _SNAKE.match(h)]
        assert not snake, (ws.title, snake)
        for j in range(1, len(headers) + 1):
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width, (ws.title, j)


def test_no_number_stored_as_text_and_every_cell_has_a_format(workbook):
    text_numbers, unformatted = [], []
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                v = cell.value
                if v is None:
                    continue
                if isinstance(v, str) and _NUMBER_TEXT.fullmatch(v.strip()):
                    text_numbers.append((ws.title, cell.coordinate, v))
                if cell.number_format == "General":
                    unformatted.append((ws.title, cell.coordinate, v))
    assert not text_numbers, text_numbers[:10]
    assert not unformatted, unformatted[:10]


def test_formats_suit_the_column(workbook):
    ws = workbook["Totalt"]
    fmt = {h.value: ws.cell(row=2, column=h.column) for h in ws[1]}
    # year as a plain integer, tonnes with thousands separators, a change as percent
    assert (fmt["År"].value, fmt["År"].number_format) == (2021, "0")
    assert fmt["Utsläpp (ton CO2e)"].number_format == "#,##0.0" and isinstance(fmt["Utsläpp (ton CO2e)"].value, float)
    assert fmt["Förändring mot basår"].number_format == "0.0%"
    about = {r[0].value: r[1] for r in workbook["Om beräkningen"].iter_rows(min_row=2)}
    assert (about["redovisningsår"].value, about["redovisningsår"].number_format) == (2024, "0")
    assert about["strålningsdrivning (flyg)"].value == "ja"


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def test_swedish_csv_has_no_more_decimals_than_documented(example):
    code_of = {sv: code for code, sv in COLUMN_LABELS_SV.items()}
    checked, worse = 0, []
    for path in sorted((example / "csv").glob("*.csv")) + sorted(example.glob("*.csv")):
        frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
        for col in frame.columns:
            allowed = decimals_for(code_of.get(col, col))
            for v in frame[col]:
                if re.fullmatch(r"-?\d+(,\d+)?(e-?\d+)?", v):
                    checked += 1
                    if _decimals(v.split("e")[0]) > allowed:
                        worse.append((path.name, col, v, allowed))
    assert checked > 10_000
    assert not worse, worse[:10]


def test_swedish_csv_says_ja_and_nej_and_tiers_in_swedish(example):
    ledger = pd.read_csv(example / "csv" / "ledger.csv", sep=";", dtype=str, encoding="utf-8-sig")
    assert set(ledger["Tur och retur"].dropna()) <= {"ja", "nej"}
    assert set(ledger["Mängdens kvalitet"].dropna()) <= {"fakturerad", "mätt", "uppskattad", "extrapolerad"}
    cells = pd.concat([pd.read_csv(p, sep=";", dtype=str, encoding="utf-8-sig").melt()["value"]
                       for p in (example / "csv").glob("*.csv")])
    assert not {"True", "False", "invoiced", "metered", "lifecycle", "divestment"} & set(cells.dropna())


def test_an_english_report_has_an_english_workbook(tmp_path):
    import klimatbokslut as kb
    from klimatbokslut.report.build import _tiny_config
    from klimatbokslut.report.workbook import read_report_workbook

    r = kb.build_report({**_tiny_config(), "language": "en"})
    path = r.to_excel(tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Contents", "Ledger", "Totals"]
    for ws in wb.worksheets:
        headers = [c.value for c in ws[1]]
        assert not [h for h in headers if isinstance(h, str) and _SNAKE.match(h)], (ws.title, headers)
    assert [c.value for c in wb["Totals"][1]][:2] == ["Year", "Emissions (t CO2e)"]
    # read back by table and API column: the same totals as the ledger
    tables = read_report_workbook(path)
    total = r.ledger.total(year=2024).magnitude
    assert tables["totals"].set_index("year").loc[2024, "co2e_t"] == pytest.approx(total, rel=1e-12)
