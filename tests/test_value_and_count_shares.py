"""Cost, attributes and shares on activity rows; own solar power; meals served — worked by hand.

* organic share by value: 12 000 kr organic + 5 000 kr organic of 25 000 kr = 0.68;
* the same rows' climate impact: kg × SLU Mat-klimat-listan (beef 26, potatoes 0.1, eggs 2 kg CO2e/kg);
* vegetarian meals: 3 500 of 10 000 portions = 0.35;
* own solar: 200 MWh used of 200 + 800 MWh electricity = 0.2 own production, renewable; 50 MWh sold is
  not energy use.
"""

import numpy as np
import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut import targets

FOOD = ("aktivitet;mängd;enhet;år;kostnad;ekologisk;moms\n"
        "Nötkött;100;kg;2024;12 000 kr;ja;exkl\n"
        "Potatis;1 000;kg;2024;8 tkr;nej;exkl\n"
        "Ägg;250;kg;2024;5000;x;exkl\n")


def _read(tmp_path, text, name="a.csv", **kw):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return kb.read_activities(p, **kw)


def test_organic_share_by_value_and_climate_impact_from_the_same_rows(tmp_path):
    led = kb.calculate(_read(tmp_path, FOOD))
    f = led.frame
    assert f["cost_sek"].tolist() == [12_000.0, 8_000.0, 5_000.0]
    assert f["organic"].tolist() == [True, False, True] and set(f["cost_vat"]) == {"excl"}
    assert f["co2e_kg"].tolist() == pytest.approx([100 * 26, 1000 * 0.1, 250 * 2])
    t = targets.Share("Ekologiskt", minimum=0.6, metric="cost", select={"area": "food"},
                      numerator={"organic": True})
    r = t.evaluate(led, 2024)
    assert r.actual.magnitude == pytest.approx(17_000 / 25_000) and r.status == "met"


def test_money_units_and_vat():
    raw = pd.DataFrame({"aktivitet": ["Nötkött"] * 3, "mängd": [1, 1, 1], "enhet": "kg", "år": 2024,
                        "belopp": ["1,2 MSEK", "3,5", "250"], "kostnadsenhet": ["", "tkr", ""]})
    f = kb.calculate(raw).frame
    assert f["cost_sek"].tolist() == [1_200_000.0, 3_500.0, 250.0]
    bad = raw.assign(belopp=["12 €", "-5", "x"], moms=["inkl", "exkl", "kanske"])
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(bad)
    got = sorted(zip(err.value.failures["row"], err.value.failures["column"]))
    assert got == [(0, "cost"), (1, "cost"), (1, "vat"), (2, "cost"), (2, "vat")]


def test_shares_given_on_a_row():
    raw = pd.DataFrame({"aktivitet": ["Diesel"] * 3, "mängd": 1000, "enhet": "l", "år": 2024,
                        "förnybar andel": ["12 %", "0,12", "12"]})
    f = kb.calculate(raw).frame
    assert f["renewable_share"].tolist() == pytest.approx([0.12, 0.12, 0.12])
    assert all("share_given" in x for x in f["flags"])
    with pytest.raises(kb.InputError, match="between 0 and 100"):
        kb.read_activities(raw.assign(**{"förnybar andel": ["120 %", "", ""]}))


def test_own_solar_power():
    raw = pd.DataFrame({"aktivitet": ["Solel", "El", "Såld solel"], "mängd": [200, 800, 50], "enhet": "MWh",
                        "år": 2024, "avtal": ["", "go_wind", ""], "installerad effekt": ["250", "", ""]})
    led = kb.calculate(raw)
    f = led.frame
    assert f["co2e_kg"].tolist() == [0.0, 0.0, 0.0] and f.loc[0, "renewable_share"] == 1.0
    assert f.loc[0, "installed_kw"] == 250.0 and set(f["category"]) == {"own_generation", "purchased_electricity"}
    own = targets.Share("Egen solel", minimum=0.1, metric="energy", select={"activity": ["electricity", "solar_power"]},
                        numerator={"activity": "solar_power"})
    assert own.evaluate(led, 2024).actual.magnitude == pytest.approx(200 / 1000)
    energy = targets.Cap("Energi", limit="1e9 MWh", metric="energy")
    assert energy.evaluate(led, 2024).actual.magnitude == pytest.approx(1000.0)   # the sold 50 MWh is not use


def test_vegetarian_meals_by_count():
    raw = pd.DataFrame({"aktivitet": ["Serverade måltider"] * 2, "mängd": [3500, 6500], "enhet": "portioner",
                        "år": 2024, "vegetarisk": ["ja", "nej"]})
    led = kb.calculate(raw)
    assert led.frame["co2e_kg"].tolist() == [0.0, 0.0] and not led.left_out()
    t = targets.Share("Vegetariska måltider", minimum=0.3, metric="amount", unit="portion",
                      select={"activity": "meals_served"}, numerator={"vegetarian": True})
    assert t.evaluate(led, 2024).actual.magnitude == pytest.approx(0.35)


def test_yes_no_spellings_and_errors():
    raw = pd.DataFrame({"aktivitet": ["Ägg"] * 6, "mängd": 1, "enhet": "kg", "år": 2024,
                        "eko": ["ja", "Nej", "x", "", "1", "kanske"]})
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(raw)
    assert err.value.failures[["row", "column", "value"]].values.tolist() == [[5, "organic", "kanske"]]
    f = kb.read_activities(raw.iloc[:5]).frame
    assert f["organic"].tolist() == [True, False, True, False, True]
    assert np.isnan(kb.calculate(raw.iloc[:5]).frame["renewable_share"]).all()


def test_organic_share_worked_from_the_ledger_columns(tmp_path):
    # (12 000 + 5 000) organic of 12 000 + 8 000 + 5 000 kr = 17 000 / 25 000 = 0.68
    f = kb.calculate(_read(tmp_path, FOOD)).frame
    organic = f.loc[f["organic"], "cost_sek"].sum()
    assert organic == 17_000.0 and f["cost_sek"].sum() == 25_000.0
    assert organic / f["cost_sek"].sum() == pytest.approx(0.68)


def test_cost_unit_column_and_headers(tmp_path):
    text = ("Aktivitet;Mängd;Enhet;År;Inköpsvärde;Kostnadsenhet;Rättvisemärkt;Moms\n"
            "Nötkött;120;kg;2024;12,5;tkr;X;inkl. moms\n"
            "Nötkött;80;kg;2024;1,2 MSEK;tkr;;Inkl\n"
            "Ägg;10;kg;2024;900 kr;;sant;inklusive moms\n")
    f = kb.calculate(_read(tmp_path, text)).frame
    # the cell's own unit wins over the column's: 12,5 tkr, 1,2 MSEK, 900 kr
    assert f["cost_sek"].tolist() == [12_500.0, 1_200_000.0, 900.0]
    assert f["fairtrade"].tolist() == [True, False, True] and set(f["cost_vat"]) == {"incl"}


def test_vat_given_on_some_rows_only_is_an_error():
    raw = pd.DataFrame({"aktivitet": ["Ägg"] * 3, "mängd": 1, "enhet": "kg", "år": 2024,
                        "kostnad": ["100", "200", ""], "moms": ["exkl", "", ""]})
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(raw)
    fails = err.value.failures
    assert fails[["row", "column"]].values.tolist() == [[1, "vat"]]   # row 2 has no cost: nothing to state
    assert "excl" in fails["reason"].iloc[0]


def test_spreadsheet_numbers_as_yes_and_no():
    # a column of 1 and 0 with blanks arrives from a spreadsheet as 1.0, NaN, 0.0
    raw = pd.DataFrame({"aktivitet": ["Ägg"] * 4, "mängd": 1, "enhet": "kg", "år": 2024,
                        "ekologisk": [1.0, np.nan, 0.0, 1.0], "fairtrade": [True, False, True, False]})
    f = kb.read_activities(raw).frame
    assert f["organic"].tolist() == [True, False, False, True]
    assert f["fairtrade"].tolist() == [True, False, True, False]
    with pytest.raises(kb.InputError, match="ja/nej"):
        kb.read_activities(raw.assign(ekologisk=[2.0, 1.0, 0.0, 1.0]))


def test_network_shares_given_on_a_row_and_their_errors():
    raw = pd.DataFrame({"aktivitet": ["Diesel"] * 2, "mängd": 1000, "enhet": "l", "år": 2024,
                        "fossilfri andel": ["95 %", "0,5"], "återvunnen andel": ["40", ""]})
    f = kb.read_activities(raw).frame
    assert f["fossil_free_share"].tolist() == pytest.approx([0.95, 0.5])
    assert f["recovered_share"].iloc[0] == pytest.approx(0.40) and np.isnan(f["recovered_share"].iloc[1])
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(raw.assign(**{"fossilfri andel": ["-5 %", "mycket"]}))
    assert err.value.failures[["row", "column", "value"]].values.tolist() == [
        [0, "fossil_free_share", "-5 %"], [1, "fossil_free_share", "mycket"]]


def test_vegetarian_share_worked_from_the_ledger_columns():
    # 3 500 vegetarian of 3 500 + 6 500 portions = 0.35
    raw = pd.DataFrame({"aktivitet": ["Serverade måltider"] * 2, "mängd": ["3 500", "6 500"], "enhet": "måltider",
                        "år": 2024, "vego": ["x", ""]})
    f = kb.calculate(raw).frame
    assert f["vegetarian"].tolist() == [True, False] and f["co2e_kg"].tolist() == [0.0, 0.0]
    assert f.loc[f["vegetarian"], "amount"].sum() / f["amount"].sum() == pytest.approx(0.35)
    with pytest.raises(kb.InputError, match="expected portions"):   # pieces are not portions
        kb.calculate(raw.assign(enhet="st"))


def test_shares_given_on_a_row_must_agree():
    # fossil-free = renewable + recovered + nuclear: 60 % + 30 % ≤ 95 % is fine; 70 % + 40 % > 100 %; 50 % > 40 %
    raw = pd.DataFrame({"aktivitet": ["Fjärrvärme"] * 3, "mängd": 1000, "enhet": "MWh", "år": 2024, "nät": "Eget nät",
                        "förnybar andel": ["60 %", "70 %", "50"], "återvunnen andel": ["30 %", "40 %", ""],
                        "fossilfri andel": ["95 %", "", "40 %"]})
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(raw)
    assert err.value.failures[["row", "column", "value"]].values.tolist() == [
        [1, "recovered_share", "40 %"], [2, "fossil_free_share", "40 %"]]
    f = kb.read_activities(raw.iloc[:1]).frame
    assert f[["renewable_share", "recovered_share", "fossil_free_share"]].values.tolist() == [
        pytest.approx([0.60, 0.30, 0.95])]


def test_an_unknown_unit_in_the_cost_unit_column_is_named_there():
    raw = pd.DataFrame({"aktivitet": ["Ägg"] * 3, "mängd": 1, "enhet": "kg", "år": 2024,
                        "kostnad": ["100", "200 kr", "3 USD"], "kostnadsenhet": ["EUR", "EUR", ""]})
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(raw)
    # row 1 has its own unit (kr), which wins over the column's
    assert err.value.failures[["row", "column", "value"]].values.tolist() == [
        [0, "cost_unit", "EUR"], [2, "cost", "3 USD"]]
