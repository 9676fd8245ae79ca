"""The command line in a Swedish user's first hour: every problem in one round, what is left out
stated, one number format, tables that fit a terminal.

Each test types the command as the user would (``klimatbokslut calculate export.csv``) and reads
what the terminal shows.
"""

from __future__ import annotations

import re

import pytest

from klimatbokslut.cli import main

EXPORT = ("Förvaltning;Aktivitet;Mängd;Enhet;År;Nät;Kommentar\n"
          "Ambulans;Diesel MK1;182 000;liter;2024;;Drivmedelskort\n"
          "Fordon;Bensin 95;23.400,0;liter;2024;;Drivmedelskort\n"
          "Fastigheter;Fjärrvärme;39 700;MWh;2024;Ingenstans;Fakturor\n"
          "Fastigheter;El;14 200;MWh;2024;;Elavtal\n")


@pytest.fixture
def export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "export.csv"
    p.write_bytes(EXPORT.replace("\n", "\r\n").encode("cp1252"))
    return p


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


def test_calculate_lists_input_and_factor_problems_in_one_round(export, capsys, tmp_path):
    code, text = _run(capsys, "calculate", str(export), "-o", "ut", "--lang", "en")
    assert code == 1
    # the ambiguous number (a read problem, line 3) and the unknown network (a factor problem, line 4) together
    assert re.search(r"^\s*3\s+amount\s+23\.400,0\s+ambiguous number", text, re.M)
    assert re.search(r"^\s*4\s+region\s+Ingenstans\s", text, re.M)
    assert "2 of 4 rows cannot be used; nothing was written" in text
    assert not (tmp_path / "ut").exists()


def test_calculate_on_error_collect_states_what_it_left_out(export, capsys, tmp_path):
    code, text = _run(capsys, "calculate", str(export), "-o", "ut", "--on-error", "collect")
    assert code == 0
    # the bad number is rejected (not in the ledger), the heating row kept without a factor
    assert re.search(r"2024: utsläppen är exklusive 1 rad utan emissionsfaktor \(39 700 MWh, \d+ % av energin\) "
                     r"och 1 avvisad rad \(Bensin 95 23\.400,0 liter\)", text)
    assert (tmp_path / "ut" / "rejects.csv").is_file()


def test_lenient_is_the_same_as_on_error_collect(export, capsys):
    code, text = _run(capsys, "calculate", str(export), "-o", "ut", "--lenient")
    assert code == 0 and "1 avvisad rad (Bensin 95 23.400,0 liter)" in text


def test_whatif_ignores_bad_rows_it_does_not_change_and_says_so(export, capsys):
    code, text = _run(capsys, "whatif", "switch-fuel", str(export), "--from", "diesel", "--to", "hvo100",
                      "--price-difference", "2 SEK/l")
    assert code == 0
    assert "utelämnat: 2 rader med problem" in text and "de ingår varken före eller efter" in text
    # one number format: Swedish thousands and decimal comma, no "380,059" or "380.059" beside "1 230,5"
    cost = re.search(r"merkostnad:\s+(\S+(?: \d{3})*) kr", text)
    assert cost and re.fullmatch(r"\d{1,3}( \d{3})*", cost.group(1))
    avoided = re.search(r"undviks \(marknadsbaserat\):\s+(\S+(?: \d{3})*) ton CO2e", text)
    assert avoided and re.fullmatch(r"\d{1,3}( \d{3})*(,\d+)?", avoided.group(1))
    # the library's note too: HVO100 has less energy per litre, so more litres are bought
    assert re.search(r"obs: .*: \+\d{1,3}( \d{3})*,\d+ l of fuel are bought", text)


def test_whatif_stops_on_a_bad_row_it_would_change(export, capsys):
    code, text = _run(capsys, "whatif", "switch-fuel", str(export), "--from", "bensin", "--to", "e85", "--lang", "en")
    assert code == 1
    assert "23.400,0" in text and "1 rows this what-if would change cannot be used" in text
    code, text = _run(capsys, "whatif", "switch-fuel", str(export), "--from", "bensin", "--to", "e85",
                      "--on-error", "collect", "--lang", "en")
    # the only petrol row is left out: nothing is left to switch, and it says so instead of "0 t avoided"
    assert code == 1 and "no rows of petrol" in text


def test_whatif_in_english_uses_the_international_number_format(export, capsys):
    code, text = _run(capsys, "whatif", "switch-fuel", str(export), "--from", "diesel", "--to", "hvo100",
                      "--price-difference", "2 SEK/l", "--lang", "en")
    assert code == 0
    assert re.search(r"extra cost:\s+\d{1,3}(,\d{3})+ SEK", text)
    assert "left out: 2 rows with problems" in text


def test_validate_table_fits_a_terminal(export, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "90")
    code, text = _run(capsys, "validate", str(export), "--lang", "en")
    assert code == 1
    widths = [len(line) for line in text.splitlines()]
    table = text.split("\n\n")[0].splitlines()
    assert max(len(line) for line in table) <= 90, widths
    assert table[0].split() == ["row", "column", "value", "reason"]


def test_the_report_headline_is_swedish_and_states_what_it_left_out(export, capsys, tmp_path):
    cfg = tmp_path / "k.toml"
    cfg.write_text('report_year = 2024\nactivities = "export.csv"\n[organisation]\nname = "Region T"\n',
                   encoding="utf-8")
    code, text = _run(capsys, "report", str(cfg), "-o", "rapport", "--format", "html", "-q")
    assert code == 0
    assert re.search(r"^Region T: [\d ]+,\d ton CO2e år 2024 \(marknadsbaserad scope 2, GWP AR6\)$", text, re.M)
    assert re.search(r"exklusive 1 rad utan emissionsfaktor \(39 700 MWh, \d+ % av energin\) och 1 avvisad rad "
                     r"\(Bensin 95 23\.400,0 liter\)", text)
    html = (tmp_path / "rapport" / "klimatbokslut_2024.html").read_text(encoding="utf-8")
    assert 'data-left-out="2024"' in html and "1 avvisad rad (Bensin 95 23.400,0 liter)" in html
    assert "skrev rapport/klimatbokslut_2024.html" in text
