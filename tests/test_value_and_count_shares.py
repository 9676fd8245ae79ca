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
    f = kb.read_activities(raw.iloc[:5])
    assert f["organic"].tolist() == [True, False, True, False, True]
    assert np.isnan(kb.calculate(raw.iloc[:5]).frame["renewable_share"]).all()
