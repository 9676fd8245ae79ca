"""A sustainability officer's first hour: an activity file typed the way a Swedish region exports it.

Each test is written the way the user types it: Swedish headers, semicolons, decimal commas,
the names and units of invoices. Expected values are worked by hand from the numbers in the
test (a bottle of 250 ml is 0.25 l) or are the exact words the user must be told.
"""

from __future__ import annotations

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.catalogue.invoice_names import FLIGHT_BANDS, INTERNATIONAL_FLIGHTS, INVOICE_NAMES
from klimatbokslut.intake.names import CONTRACT_WORDS
from klimatbokslut.intake.read import validate_frame


def _csv(tmp_path, text: str, name: str = "export.csv", encoding: str = "cp1252"):
    p = tmp_path / name
    p.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return p


def _rows(**cols):
    n = max(len(v) for v in cols.values())
    base = {"aktivitet": ["diesel"] * n, "mängd": ["1"] * n, "enhet": ["l"] * n, "år": ["2024"] * n}
    base.update(cols)
    return pd.DataFrame(base)


def _problems(frame) -> pd.DataFrame:
    rejects = validate_frame(frame).rejects
    return rejects


# ----------------------------------------------------------------------------- 1. Swedish words
@pytest.mark.parametrize("written, code", [
    ("Förnybar el (ursprungsgaranti)", "go_renewable"),
    ("förnybar", "go_renewable"),
    ("ursprungsgaranti", "go_renewable"),
    ("100 % förnybar el", "go_renewable"),
    ("Ursprungsgaranti vattenkraft", "go_hydro"),
    ("Vindkraft", "go_wind"),
    ("Residualmix", "residual_mix"),
    ("Ingen ursprungsgaranti", "residual_mix"),
    ("go_solar", "go_solar"),
])
def test_contract_words_as_an_electricity_invoice_states_them(written, code):
    acts = kb.read_activities(_rows(aktivitet=["El"], enhet=["MWh"], avtal=[written]))
    assert acts.frame["contract"].astype(str).tolist() == [code]


def test_every_contract_word_names_a_contract_kind():
    assert set(CONTRACT_WORDS.values()) <= {"residual_mix", "residual_mix_aib", "go_renewable", "go_hydro",
                                            "go_wind", "go_solar"}


@pytest.mark.parametrize("written, key", [
    ("Lustgas (N2O)", "n2o"),
    ("Sevofluran (Sevorane)", "sevoflurane"),
    ("Desfluran (Suprane)", "desflurane"),
    ("Forene", "isoflurane"),
    ("Kycklingfilé", "food_poultry"),
    ("Nötfärs", "food_beef"),
    ("Diesel MK1", "diesel"),
    ("Villaolja", "heating_oil"),
    ("Hotellnätter", "hotel_night"),
])
def test_invoice_spellings_and_bracketed_brand_names(written, key):
    assert kb.catalogue.resolve_activity_name(written) == key


def test_a_bracketed_name_that_names_another_activity_is_refused_with_both():
    f = _problems(_rows(aktivitet=["El (solceller)"], enhet=["MWh"]))
    assert f.loc[0, "column"] == "activity"
    assert "electricity, solar_power" in f.loc[0, "reason"]


def test_the_alias_table_names_only_catalogue_activities_and_is_documented():
    from pathlib import Path

    keys = {a.key for a in kb.catalogue.activities()}
    assert set(INVOICE_NAMES.values()) <= keys
    assert set(FLIGHT_BANDS) | INTERNATIONAL_FLIGHTS <= set(INVOICE_NAMES)
    doc = (Path(__file__).parents[1] / "docs" / "activities.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Invoice spellings"):]
    for name, key in INVOICE_NAMES.items():
        assert f"| {name} | `{key}` |" in section, name


def test_flyg_inrikes_is_a_domestic_flight():
    acts = kb.read_activities(_rows(aktivitet=["Flyg inrikes"], mängd=["1 000"], enhet=["pkm"]))
    assert acts.frame["activity"].astype(str).tolist() == ["flight"]
    assert acts.frame["band"].astype(str).tolist() == ["domestic"]


def test_flyg_utrikes_needs_a_band_or_a_route_and_says_what_to_write():
    f = _problems(_rows(aktivitet=["Flyg utrikes"], enhet=["pkm"]))
    assert f.loc[0, "column"] == "activity"
    assert "write 'Flyg Europa' (short_haul) or 'Flyg interkontinentalt' (long_haul)" in f.loc[0, "reason"]
    acts = kb.read_activities(_rows(aktivitet=["Flyg utrikes"], enhet=["pkm"], distansband=["långdistans"]))
    assert acts.frame["band"].astype(str).tolist() == ["long_haul"]


def test_a_band_column_that_contradicts_the_flight_name_fails_on_the_band():
    f = _problems(_rows(aktivitet=["Flyg inrikes"], enhet=["pkm"], distansband=["long_haul"]))
    assert (f.loc[0, "column"], f.loc[0, "value"]) == ("band", "long_haul")


def test_bottles_with_a_stated_volume_become_that_volume():
    # 96 bottles of 250 ml = 24 000 ml = 24 l; 12 of 240 ml = 2 880 ml.
    acts = kb.read_activities(_rows(aktivitet=["Sevofluran (Sevorane)", "Desfluran (Suprane)"], mängd=["96", "12"],
                                    enhet=["flaskor à 250 ml", "flaskor à 240 ml"]))
    assert acts.frame["amount"].tolist() == [24000.0, 2880.0]
    assert acts.frame["unit"].astype(str).tolist() == ["ml", "ml"]
    assert acts.frame["unit_as_given"].astype(str).tolist() == ["flaskor à 250 ml", "flaskor à 240 ml"]
    # the ledger's CO2e of 96 bottles equals that of 24 l written as litres
    a = kb.calculate(acts.with_frame(acts.frame.iloc[:1]))
    b = kb.calculate(pd.DataFrame({"activity": ["sevoflurane"], "amount": [24], "unit": ["l"], "year": [2024]}))
    assert a.total().magnitude == pytest.approx(b.total().magnitude, rel=1e-12)


def test_bottles_without_a_volume_say_how_to_write_them():
    f = _problems(_rows(aktivitet=["Sevofluran"], enhet=["flaskor"]))
    assert "write e.g. 'flaskor à 250 ml'" in f.loc[0, "reason"]


def test_m3_of_a_gas_says_exactly_what_to_write():
    f = _problems(_rows(aktivitet=["Biogas"], mängd=["12 500"], enhet=["m3"]))
    assert (f.loc[0, "column"], f.loc[0, "value"]) == ("unit", "m3")
    assert "write Nm3" in f.loc[0, "reason"]
    assert "energy (kWh, MWh, MJ, GJ)" in f.loc[0, "reason"]


# ----------------------------------------------------------------------------- 3. nothing dropped or shifted
def test_a_short_line_is_reported_with_its_line_number(tmp_path):
    p = _csv(tmp_path, "aktivitet;mängd;enhet;år;anläggning;nät;från;till\n"
                       "flyg;2;resor;2024;;;ARN;LLA\n"
                       "flyg;2;resor;2024;;ARN;LLA\n")
    with pytest.raises(kb.InputError) as e:
        kb.read_activities(p)
    f = e.value.failures
    assert f.loc[0, "row"] == 3 and f.loc[0, "column"] == "(line)"
    assert "7 fields, the header 8" in f.loc[0, "reason"] and "lacking: till" in f.loc[0, "reason"]


def test_a_short_line_missing_only_trailing_empty_columns_is_read_and_noted(tmp_path):
    p = _csv(tmp_path, "aktivitet;mängd;enhet;år;kommentar\ndiesel;10;l;2024;\ndiesel;20;l;2024\n")
    acts = kb.read_activities(p)
    assert acts.frame["amount"].tolist() == [10.0, 20.0]
    assert list(acts.notes) == ["line 3: 4 fields, the header 5; the missing or extra fields are empty in every "
                                   "line, read as empty"]


def test_a_long_line_is_reported_and_not_lost(tmp_path):
    p = _csv(tmp_path, "aktivitet;mängd;enhet;år\ndiesel;10;l;2024\ndiesel;1;234;l;2024\n")
    acts = kb.read_activities(p, on_error="collect")
    assert acts.frame["amount"].tolist() == [10.0]
    rejects = acts.rejects
    line = rejects[rejects["column"] == "(line)"].iloc[0]
    assert line["row"] == 3 and "5 fields, the header 4" in line["reason"]
    led = kb.calculate(acts, on_error="collect")
    assert led.reconcile()["balanced"] and led.reconcile()["input_rows"] == 2


def test_two_columns_for_the_amount_are_an_error_naming_both():
    with pytest.raises(kb.InputError) as e:
        kb.read_activities(pd.DataFrame({"aktivitet": ["diesel"], "antal": [1], "mängd": [2], "enhet": ["l"],
                                         "år": [2024]}))
    f = e.value.failures
    assert f.loc[0, "column"] == "'antal' and 'mängd'" and f.loc[0, "value"] == "amount"


def test_a_commuting_purpose_on_a_diesel_row_is_an_error_not_ignored():
    f = _problems(_rows(aktivitet=["Diesel"], syfte=["pendling"]))
    assert (f.loc[0, "column"], f.loc[0, "value"]) == ("purpose", "pendling")
    assert "purpose applies only to travel rows" in f.loc[0, "reason"]


def test_flight_columns_on_a_train_row_are_an_error():
    f = _problems(_rows(aktivitet=["Tåg"], enhet=["pkm"], klass=["business"]))
    assert (f.loc[0, "column"], f.loc[0, "value"]) == ("cabin", "business")


# ----------------------------------------------------------------------------- 4. the right cell
def test_an_unknown_destination_airport_blames_the_destination():
    acts = kb.read_activities(_rows(aktivitet=["flyg"], enhet=["resor"], från=["ARN"], till=["XQZ"]))
    r = kb.calculate(acts, on_error="collect").rejects
    assert (r.loc[0, "column"], r.loc[0, "value"]) == ("destination", "XQZ")
    acts = kb.read_activities(_rows(aktivitet=["flyg"], enhet=["resor"], från=["XQZ"], till=["ARN"]))
    r = kb.calculate(acts, on_error="collect").rejects
    assert (r.loc[0, "column"], r.loc[0, "value"]) == ("origin", "XQZ")


# ----------------------------------------------------------------------------- 3. what lenient totals leave out
def test_lenient_totals_state_the_rejected_rows_and_their_energy():
    acts = kb.read_activities(_rows(aktivitet=["El", "Fjärrvärme"], mängd=["1 000", "39 700"], enhet=["MWh", "MWh"],
                                    nät=["", "Ingenstans"], år=["2024", "tjugo"]), on_error="collect")
    led = kb.calculate(acts, on_error="collect")
    lo = led.left_out()
    assert (lo.rejected, lo.rejected_mwh) == (1, 39700.0)
    assert lo.text("sv") == "exklusive 1 avvisad rad (Fjärrvärme 39 700 MWh)"
    assert lo.text("en") == "excluding 1 rejected row (Fjärrvärme 39 700 MWh)"
