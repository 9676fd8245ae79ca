"""Readers: Swedish exports in several encodings and layouts, and fuzzing for crashes.

Every input either reads or raises ``InputError`` (a clean error naming what is wrong);
nothing is garbled or dropped silently.
"""

import datetime
import io
import string

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from fuzzing import fuzz_examples
from klimatbokslut.intake.files import read_csv_text

ROWS = [("Fjärrvärme", "1 234,5", "MWh", "2022", "Göteborg"), ("Lustgas", "12,5", "kg", "2024", ""),
        ("El", "2\u00a0500", "MWh", "2023", ""), ("Diesel", "1.500", "l", "2024", "")]
HEADER = ("aktivitet", "mängd", "enhet", "år", "nät")


def write(tmp_path, text, encoding, name="a.csv", bom=b""):
    p = tmp_path / name
    p.write_bytes(bom + text.encode(encoding))
    return p


def table(sep):
    return "\n".join(sep.join(r) for r in [HEADER, *ROWS]) + "\n"


@pytest.mark.parametrize("encoding,bom,expected", [("utf-8", b"", "utf-8"), ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
                                                    ("cp1252", b"", "cp1252"), ("utf-16", b"", "utf-16")])
@pytest.mark.parametrize("sep", [";", "\t"])
def test_encodings_and_separators(tmp_path, encoding, bom, expected, sep):
    p = write(tmp_path, table(sep), encoding, bom=bom)
    acts = kb.read_activities(p)
    assert acts.encoding == expected and acts.separator == sep
    assert acts.frame["activity"].astype(str).tolist() == ["district_heating", "n2o", "electricity", "diesel"]
    assert acts.frame["amount"].tolist() == [1234.5, 12.5, 2500.0, 1.5]   # "1.500" is one and a half (decimal point)
    assert acts.frame["region"].astype(str).tolist()[0] == "Göteborg"     # å/ä/ö intact
    assert len(acts.sha256) == 64


def test_comma_separated_with_quoted_decimal_commas(tmp_path):
    text = 'aktivitet,mängd,enhet,år\nEl,"1 000,5",kWh,2023\nLustgas,"2,5",kg,2024\n'
    acts = kb.read_activities(write(tmp_path, text, "utf-8"))
    assert acts.separator == "," and acts.frame["amount"].tolist() == [1000.5, 2.5]


def test_double_encoded_file_is_refused(tmp_path):
    p = write(tmp_path, table(";").encode("utf-8").decode("cp1252"), "utf-8")
    with pytest.raises(kb.InputError, match="double-encoded"):
        kb.read_activities(p)


@pytest.mark.parametrize("column", ["aktivitet", "id", "mängd"])
def test_double_encoded_cell_is_refused_by_the_typed_reader_too(tmp_path, column):
    """One double-encoded cell (a dictionary column, a plain-text column) in an otherwise clean UTF-8 file."""
    rows = {"aktivitet": "Fjärrvärme", "id": "A1", "mängd": "1 000"}
    rows[column] = "FjÃ¤rrvÃ¤rme"
    text = f"id;aktivitet;mängd;enhet;år\n{rows['id']};{rows['aktivitet']};{rows['mängd']};kWh;2024\n" \
           + "A2;El;5;kWh;2024\n" * 50
    with pytest.raises(kb.InputError, match="double-encoded"):
        kb.read_activities(write(tmp_path, text, "utf-8"))


def test_typed_reader_reads_what_the_general_reader_reads(tmp_path):
    """The dictionary-encoded read of a clean UTF-8 export and the general reader give the same rows."""
    from klimatbokslut.intake.arrow import typed_arrow_read
    from klimatbokslut.intake.read import validate_frame
    text = "id;aktivitet;mängd;enhet;år;förvaltning\n" + "".join(
        f"R{i};{a};{i},5;{u};{2021 + i % 4};Förv {i % 3} \n"
        for i, (a, u) in enumerate([("Diesel", "l"), ("El", "kWh"), ("Fjärrvärme", "MWh"), ("Lustgas", "kg")] * 5))
    p = write(tmp_path, text, "utf-8")
    raw = p.read_bytes()
    typed = typed_arrow_read(raw, None, None)
    assert typed is not None and str(typed[0]["aktivitet"].dtype) == "category"
    general = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    a = validate_frame(typed[0]).frame
    b = validate_frame(general).frame
    cols = ["id", "activity", "amount", "unit", "year", "org_unit"]
    assert a[cols].astype(str).values.tolist() == b[cols].astype(str).values.tolist()


def test_trailing_summary_rows_are_rejected_with_a_reason(tmp_path):
    text = table(";") + "Summa;3 747;;;\nTotalt:;3 747;;;\n"
    acts = kb.read_activities(write(tmp_path, text, "utf-8"), on_error="collect")
    rej = acts.rejects
    assert sorted(set(rej["row"])) == [6, 7]
    assert rej.loc[rej["column"] == "activity", "reason"].str.startswith("a summary row").all()


def test_excel_dates_numbers_as_text_and_row_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Aktivitet", "Mängd", "Enhet", "År", "Förvaltning"])
    ws.append(["El", "1 250", "MWh", datetime.datetime(2023, 12, 31), "Fastighet"])   # number stored as text
    ws.append(["Lustgas", 12.5, "kg", 2024, "Kvinnosjukvård"])
    ws.append([None, None, None, None, None])                                          # an empty row
    ws.append(["Desfluran", "x", "kg", 2024, "Anestesi"])
    p = tmp_path / "a.xlsx"
    wb.save(p)
    acts = kb.read_activities(p, on_error="collect")
    assert acts.frame["amount"].tolist() == [1250.0, 12.5]
    assert acts.frame["year"].tolist() == [2023, 2024]
    assert acts.frame["row"].tolist() == [2, 3]                 # Excel row numbers
    rej = acts.rejects
    assert rej["row"].tolist() == [5] and acts.blank_rows == 1


def test_large_and_tiny_numbers_neither_overflow_nor_vanish():
    led = kb.calculate(pd.DataFrame({"activity": ["el", "lustgas"], "amount": [1e12, 1e-6], "unit": ["kWh", "kg"],
                                     "year": [2023, 2024]}))
    assert led.frame["co2e_kg"].tolist() == pytest.approx([1e12 * 0.52410, 1e-6 * 273], rel=1e-12)
    assert led.total().magnitude == pytest.approx((1e12 * 0.52410 + 1e-6 * 273) / 1000, rel=1e-12)


def test_totals_equal_the_sum_of_parts_on_ten_million_rows():
    # Issue #8 point 6: totals equal the sum of their parts within 1e-9 relative at 10M rows;
    # the reference is the correctly rounded sum of the rows (math.fsum), not another float sum.
    import math

    import numpy as np

    rng = np.random.default_rng(7)
    n = 10_000_000
    acts = pd.DataFrame({"activity": rng.choice(["diesel", "el", "lustgas", "hvo100"], n),
                         "amount": rng.lognormal(3, 2, n), "year": rng.integers(2021, 2025, n)})
    acts["unit"] = acts["activity"].map({"diesel": "l", "el": "kWh", "lustgas": "kg", "hvo100": "l"})
    led = kb.calculate(acts)
    del acts
    assert len(led) == n
    exact = math.fsum(led.frame["co2e_kg"].to_numpy()) / 1000
    for by in (["year"], ["scope", "category"], ["activity", "year"]):
        parts = led.summary(by=by)["co2e_t"].to_numpy()
        assert math.fsum(parts) == pytest.approx(exact, rel=1e-9)
    assert led.total().magnitude == pytest.approx(exact, rel=1e-9)
    by_year = math.fsum(led.total(year=y).magnitude for y in range(2021, 2025))
    assert by_year == pytest.approx(exact, rel=1e-9)


# --- fuzzing ------------------------------------------------------------------------------------------------
FUZZ = settings(max_examples=fuzz_examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
cell = st.one_of(st.text(alphabet=string.printable + "åäöÅÄÖ\u00a0−;,\"'", max_size=12),
                 st.sampled_from(["El", "Diesel", "1 234,5", "kWh", "2024", "", "Summa", "=1+1", "1e400"]))


@FUZZ
@given(st.lists(st.lists(cell, min_size=0, max_size=7), min_size=0, max_size=8),
       st.sampled_from([";", ",", "\t"]), st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
def test_fuzz_csv_reader_only_raises_input_error(tmp_path_factory, rows, sep, encoding):
    header = sep.join(HEADER[:4])
    text = "\n".join([header] + [sep.join(r) for r in rows]) + "\n"
    p = tmp_path_factory.mktemp("fz") / "f.csv"
    try:
        p.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        return
    try:
        acts = kb.read_activities(p, on_error="collect")
        led = kb.calculate(acts)
    except kb.InputError:
        return
    assert led.reconcile()["balanced"]


@FUZZ
@given(st.binary(max_size=400))
def test_fuzz_csv_reader_on_random_bytes(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fb") / "f.csv"
    p.write_bytes(data)
    try:
        kb.read_activities(p, on_error="collect")
    except kb.InputError:
        pass


@settings(max_examples=fuzz_examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(cell, st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**15, 10**15),
                                   st.booleans(), st.dates().map(lambda d: datetime.datetime(d.year, d.month, d.day))),
                         min_size=4, max_size=4), min_size=1, max_size=6))
def test_fuzz_excel_reader(tmp_path_factory, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(HEADER[:4]))
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        for r in rows:
            ws.append([("'" + v) if isinstance(v, str) and v.startswith("=") else v for v in r])
    except IllegalCharacterError:      # control characters cannot be stored in a workbook at all
        return
    p = tmp_path_factory.mktemp("fx") / "f.xlsx"
    wb.save(p)
    try:
        led = kb.calculate(kb.read_activities(p, on_error="collect"))
    except kb.InputError:
        return
    assert led.reconcile()["balanced"]


def test_empty_file_is_a_clean_error(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    with pytest.raises(kb.InputError, match="empty"):
        kb.read_activities(p)


def test_corrupt_workbook_is_a_clean_error(tmp_path):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(kb.InputError, match="cannot read the workbook"):
        kb.read_activities(p)


# --- the fast paths give what the full paths give ---------------------------------------------------------
number_text = st.text(alphabet="0123456789,.+-−  \u00a0eE", max_size=14)


@FUZZ
@given(st.lists(st.one_of(number_text, st.sampled_from(["1'0", "12,5", "-3.25", "+7", "1" + "0" * 400, "nan", ""])),
                max_size=30))
def test_plain_number_fast_path_equals_the_full_parser(values):
    # Arrow-backed text takes the Arrow path for plain numbers; object dtype goes through
    # the full parser cell by cell. Values and reasons must be identical.
    fast_v, fast_p = kb.units.parse_numbers(pd.Series(values, dtype="str"))
    full_v, full_p = kb.units.parse_numbers(pd.Series(values, dtype=object))
    np.testing.assert_array_equal(fast_v, full_v)
    assert list(fast_p) == list(full_p)


@FUZZ
@given(st.lists(st.lists(cell, min_size=0, max_size=5), min_size=0, max_size=8),
       st.sampled_from([";", "\t"]), st.sampled_from(["\n", "\r\n"]), st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]))
def test_arrow_csv_path_equals_the_c_reader(tmp_path_factory, rows, sep, newline, encoding):
    # Blank lines, quotes and CRLF: whichever reader read_csv_text picks, the cells and the
    # row numbers (line numbers) are what pandas' C reader gives. Ragged lines are not what
    # the C reader gives (it pads short lines and shifts a long first line into the index):
    # they are recorded for validation (tests below).
    header = sep.join(HEADER[:4])
    text = newline.join([header] + [sep.join(r) for r in rows]) + newline
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    p = tmp_path_factory.mktemp("ar") / "f.csv"
    p.write_bytes(data)
    try:
        read = read_csv_text(p, sep=sep)
        got = read.frame
    except kb.InputError:
        return
    except pd.errors.ParserError:
        with pytest.raises(pd.errors.ParserError):
            pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)
        return
    if read.ragged:
        assert all(n != len(HEADER[:4]) for _, n, _, _ in read.ragged)
        return
    want = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False)
    assert list(got.columns) == list(want.columns)
    assert got.to_numpy().tolist() == want.to_numpy().tolist()
    assert list(got.index) == list(range(2, len(want) + 2))


def test_blank_line_keeps_line_numbers_on_a_large_file(tmp_path):
    # Large enough for the Arrow reader; the blank line sends it to the C reader, so the
    # bad row is still reported with its line number.
    lines = ["aktivitet;mängd;enhet;år"] + ["diesel;10;l;2024"] * 5000 + ["", "diesel;tio;l;2024"]
    p = tmp_path / "a.csv"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(p)
    last = err.value.failures.iloc[-1]
    assert len(err.value.failures) == 1 and last["row"] == 5003 and last["column"] == "amount"
