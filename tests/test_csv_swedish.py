"""CSV for Swedish Excel: semicolons, decimal commas, UTF-8 with BOM, Swedish names and labels.

Values are worked by hand: 100 kg lustgas released is 100 × 273 (GWP100 of N2O, IPCC AR6)
= 27 300 kg CO2e = 27,3 ton.
"""

from __future__ import annotations

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.cli import _example_dir, main
from klimatbokslut.csvout import COLUMN_LABELS_SV, swedish_table, write_csv
from klimatbokslut.intake.attributes import ATTRIBUTE_ALIASES, ATTRIBUTE_COLUMNS
from klimatbokslut.intake.columns import OPTIONAL, REQUIRED

LUSTGAS = pd.DataFrame({"aktivitet": ["Lustgas"], "mängd": ["100"], "enhet": ["kg"], "år": ["2024"],
                        "förvaltning": ["=SUMMA(A1)"]})


def _ledger():
    return kb.calculate(kb.read_activities(LUSTGAS))


def test_the_ledger_as_swedish_excel_reads_it(tmp_path):
    p = _ledger().to_csv(tmp_path / "huvudbok.csv", style="sv")
    raw = p.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header, row = text.split("\r\n")[:2]
    assert header.split(";")[:4] == ["Rad", "Id", "Aktivitet", "Mängd"]
    assert "Utsläpp (kg CO2e)" in header.split(";")
    cells = dict(zip(header.split(";"), row.split(";")))
    assert cells["Utsläpp (kg CO2e)"] == "27300,0"
    assert cells["Aktivitet"] == "Lustgas" and cells["Förvaltning"] == "'=SUMMA(A1)"   # formula made inert
    back = pd.read_csv(p, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Utsläpp (kg CO2e)"].tolist() == [27300.0]


def test_the_international_form_is_unchanged(tmp_path):
    p = _ledger().to_csv(tmp_path / "ledger.csv")
    raw = p.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    back = pd.read_csv(p)
    assert back["co2e_kg"].tolist() == [27300.0] and back["activity"].tolist() == ["n2o"]


def test_codes_become_swedish_labels():
    t = swedish_table(pd.DataFrame({"area": ["business_travel"], "category": ["purchased_heat"],
                                    "ownership": ["contracted"], "site": ["business_travel"]}))
    assert t.to_dict("records") == [{"Område": "Tjänsteresor", "Kategori": "Inköpt värme", "Ägande": "upphandlad",
                                     "Anläggning": "business_travel"}]   # free text is never translated


def test_numbers_keep_their_documented_decimals_and_have_no_thousands_separator(tmp_path):
    # tonnes keep 3 decimals (1 kg), kilograms 6, shares 6 (klimatbokslut.precision); no float noise
    p = write_csv(pd.DataFrame({"co2e_t": [80636.41234567891], "co2e_kg": [3673.896000000001],
                                "share": [0.008670000170253767]}), tmp_path / "t.csv")
    assert p.read_bytes().decode("utf-8-sig") == ("Utsläpp (ton CO2e);Utsläpp (kg CO2e);Andel\r\n"
                                                  "80636,412;3673,896;0,00867\r\n")


def test_every_column_of_the_example_report_has_a_swedish_name():
    r = kb.build_report(_example_dir() / "klimatbokslut.toml")
    led = r.ledger
    tables = {"ledger": led.frame, **r.tables, "rejects": led.rejects, "factors_used": led.factors_used(),
              "summary": led.summary(by=["year", "scope", "category"])}
    # the activity file's own columns (svenskproducerad …) are carried as the region named them
    own = set(r.activities.columns) - {*REQUIRED, *OPTIONAL, *ATTRIBUTE_ALIASES, *ATTRIBUTE_COLUMNS}
    missing = {str(c) for df in tables.values() for c in df.columns
               if str(c) not in COLUMN_LABELS_SV and not str(c).isdigit() and str(c) not in own
               and swedish_table(pd.DataFrame(columns=[c])).columns[0] == c}
    assert not missing, sorted(missing)
    assert {"svenskproducerad", "regionalt producerad"} <= own
    assert list(swedish_table(pd.DataFrame(columns=["target_2024", "outcome_2021"])).columns) == ["Mål 2024",
                                                                                                   "Utfall 2021"]


def test_the_report_csv_follows_the_report_language(tmp_path):
    cfg = {"organisation": {"name": "Region X"}, "report_year": 2024, "activities": str(tmp_path / "a.csv")}
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nlustgas;100;kg;2024\n", encoding="utf-8")
    sv = kb.build_report(cfg).to_csv(tmp_path / "sv")
    assert {p.name for p in sv} >= {"ledger.csv", "totals.csv"}
    totals = (tmp_path / "sv" / "totals.csv").read_bytes()
    assert totals.startswith(b"\xef\xbb\xbf") and b";" in totals.splitlines()[0]
    en = kb.build_report({**cfg, "language": "en"}).to_csv(tmp_path / "en")
    assert not en[0].read_bytes().startswith(b"\xef\xbb\xbf")
    forced = kb.build_report(cfg).to_csv(tmp_path / "intl", style="international")
    assert b"," in forced[0].read_bytes().splitlines()[0]


def test_calculate_writes_swedish_csv_and_english_on_request(tmp_path, capsys):
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nlustgas;100;kg;2024\n", encoding="utf-8")
    assert main(["calculate", str(tmp_path / "a.csv"), "-o", str(tmp_path / "sv")]) == 0
    s = pd.read_csv(tmp_path / "sv" / "summary_scope.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert s.to_dict("records") == [{"År": 2024, "Scope": 1, "Utsläpp (ton CO2e)": pytest.approx(27.3)}]
    assert main(["calculate", str(tmp_path / "a.csv"), "-o", str(tmp_path / "en"), "--lang", "en"]) == 0
    e = pd.read_csv(tmp_path / "en" / "summary_scope.csv")
    assert e.to_dict("records") == [{"year": 2024, "scope": 1, "co2e_t": pytest.approx(27.3)}]
    out = capsys.readouterr().out
    assert "27,3" in out and "27.3" in out      # each run in its own language's number format
