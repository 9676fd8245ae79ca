"""Worked examples, each computed by hand from the cited published figures.

Figures used (see emission_factors/sources.csv for the full references):

* Energimyndigheten, fuels delivered 2016 (WTW g CO2e/MJ; MJ/l): fossil diesel MK3
  95.1 / 35.9; pump diesel MK1 35.5 MJ/l; fossil petrol 93.3; pump petrol MK1 31.7 MJ/l;
  HVO 14.0 / 34.0; biogas 20.6; fordonsgas 30.5; naturgas 73.6; vehicle gas 36.2 MJ/Nm3
  and 48.4 MJ/kg.
* Reduction obligation 2024: 6 % for diesel and petrol; 2022: 30.5 % diesel.
* HVO100 2024: 82 % lower than fossil diesel.
* SPBI: diesel MK1 9 800 kWh/m3, 2.54 kg CO2/l; MK3 9 950 kWh/m3, 2.66 kg CO2/l;
  petrol without ethanol 9 100 kWh/m3, 2.36 kg CO2/l; Eldningsolja 1 9 950 kWh/m3,
  2.66 kg CO2/l.
* IPCC 2006 Vol. 2: road diesel CH4 3.9 / N2O 3.9 kg/TJ; gasoline (LDV 1995+) 3.8 / 5.7;
  CNG 92 / 3 and CO2 56 100 kg/TJ; commercial oil boilers CH4 10 / N2O 0.6 kg/TJ;
  biodiesel 70 800 and biogas 54 600 kg CO2/TJ (biogenic memo).
* RED method weights in the lifecycle values: CH4 23, N2O 296.
* Ei Nordic residual mix 2023: 524.10 g CO2/kWh; IVL Nordic mix 2021–2023: 59 g/kWh.
* Energiföretagen local values 2022: Malmö 119.4, Lund 11.1 g CO2e/kWh; Växjö Energi
  district cooling 2023: 3.728 + 6.448 g CO2e/kWh.
* IPCC GWP100: AR6 N2O 273, CH4 27.9, sevoflurane 195, desflurane 2590, R-404A
  components; AR5 N2O 265, CH4 28.
* Entonox 50/50 mol N2O/O2; N2O 44.013, O2 31.998 g/mol; 22.414 L/mol at 0 °C.
"""

from pathlib import Path

import pandas as pd
import pytest

import klimatbokslut as kb

DATA = Path(__file__).parent / "data"
AR6 = {"CH4": 27.9, "N2O": 273.0}
RED = {"CH4": 23.0, "N2O": 296.0}
MK1_CO2_PER_MJ = 2.54 / (9800 * 3.6 / 1000)          # kg/MJ, SPBI diesel MK1
MK3_CO2_PER_MJ = 2.66 / (9950 * 3.6 / 1000)          # kg/MJ, SPBI diesel MK3
PETROL_CO2_PER_MJ = 2.36 / (9100 * 3.6 / 1000)       # kg/MJ, SPBI petrol without ethanol


def pump_blend(mj, ref_wtw, ttw_co2, ch4, n2o, level, gwp=AR6):
    """(direct, upstream) kg CO2e for a pump blend: the obligation scales the fossil reference."""
    keep = 1 - level
    co2 = ttw_co2 * keep * mj
    ch4_kg, n2o_kg = ch4 * 1e-6 * keep * mj, n2o * 1e-6 * keep * mj
    direct = co2 + ch4_kg * gwp["CH4"] + n2o_kg * gwp["N2O"]
    wtt = (ref_wtw / 1000 * keep - ttw_co2 * keep - (ch4 * RED["CH4"] + n2o * RED["N2O"]) * 1e-6 * keep) * mj
    return direct, wtt


def diesel_2024(litres):
    return pump_blend(litres * 35.5, 95.1, MK1_CO2_PER_MJ, 3.9, 3.9, 0.06)


def co2e(activity, amount, year, **kw):
    return kb.emissions(activity, amount, year=year, **kw).to("kg CO2e").magnitude


def test_diesel_1000_litres_2024():
    direct, wtt = diesel_2024(1000)
    assert co2e("diesel", "1000 l", 2024) == pytest.approx(direct + wtt, rel=1e-5)
    assert co2e("diesel", "1000 l", 2024, boundary="TTW") == pytest.approx(direct, rel=1e-5)
    assert co2e("diesel", "1000 l", 2024, boundary="WTT") == pytest.approx(wtt, rel=1e-5)
    # the headline, to the kilogram: 3 171 kg CO2e (RED-weighted WTW would be 95.1 × 0.94 × 35.5 = 3 173.5)
    assert round(direct + wtt) == 3171


def test_the_2024_obligation_cut_raises_pump_diesel():
    d22 = sum(pump_blend(35.5 * 1000, 95.1, MK1_CO2_PER_MJ, 3.9, 3.9, 0.305))
    assert co2e("diesel", "1 m3", 2022) == pytest.approx(d22, rel=1e-5)
    assert co2e("diesel", "1 m3", 2024) / co2e("diesel", "1 m3", 2022) == pytest.approx(
        sum(diesel_2024(1000)) / d22, rel=1e-5)


def test_fossil_diesel_tank_to_wheel():
    mj = 1000 * 35.9
    direct = MK3_CO2_PER_MJ * mj + 3.9e-6 * mj * 27.9 + 3.9e-6 * mj * 273
    assert co2e("diesel_fossil", "1000 l", 2024, boundary="TTW") == pytest.approx(direct, rel=1e-5)


def test_hvo100_2024_and_its_biogenic_memo():
    mj = 3000 * 34.0
    led = kb.calculate(pd.DataFrame({"activity": ["hvo100"], "amount": [3000], "unit": ["l"], "year": [2024]}))
    row = led.frame.iloc[0]
    assert row["co2e_kg"] == pytest.approx(0.18 * 95.1 / 1000 * mj, rel=1e-5)
    assert row["co2e_direct_kg"] == 0
    assert row["co2_biogenic_kg"] == pytest.approx(70.8e-3 * mj, rel=1e-9)
    assert row["renewable_share"] == 1.0
    assert row["energy_mj"] == pytest.approx(mj)


def test_supplier_specific_hvo_by_factor_id():
    assert co2e("hvo100", "1000 l", 2024, factor_id="hvo100_preem") == pytest.approx(350.0)


def test_pump_petrol_2024():
    direct, wtt = pump_blend(500 * 31.7, 93.3, PETROL_CO2_PER_MJ, 3.8, 5.7, 0.06)
    assert co2e("bensin", "500 l", 2024) == pytest.approx(direct + wtt, rel=1e-5)


def test_gases_in_nm3_and_kg():
    # biogas 100: all upstream, 20.6 g/MJ × 36.2 MJ/Nm3
    assert co2e("biogas", "800 Nm3", 2024) == pytest.approx(800 * 36.2 * 20.6e-3, rel=1e-5)
    # fordonsgas in kg, 2016: fossil share f from the 2016 averages, AR6 weights on the fossil CH4/N2O
    f = (30.5 - 20.6) / (73.6 - 20.6)
    mj = 250 * 48.4
    nonco2 = (92 * AR6["CH4"] + 3 * AR6["N2O"] - 92 * RED["CH4"] - 3 * RED["N2O"]) * 1e-6 * f
    assert co2e("fordonsgas", "250 kg", 2016) == pytest.approx((30.5e-3 + nonco2) * mj, rel=1e-5)
    # 2023 has no published biogas share: the nearest edition, 2017 (86 % biogas), WTW 0.14·73.6 + 0.86·20.6
    f17 = 0.14
    nonco2 = (92 * AR6["CH4"] + 3 * AR6["N2O"] - 92 * RED["CH4"] - 3 * RED["N2O"]) * 1e-6 * f17
    assert co2e("fordonsgas", "250 kg", 2023) == pytest.approx(((0.14 * 73.6 + 0.86 * 20.6) * 1e-3 + nonco2) * mj,
                                                               rel=1e-5)
    # CNG given as energy
    assert co2e("cng", "10 MWh", 2024) == pytest.approx(
        (73.6e-3 + (92 * (27.9 - 23) + 3 * (273 - 296)) * 1e-6) * 36000, rel=1e-5)


def test_heating_oil_has_no_upstream_factor_and_says_so():
    mj = 2000 * 9.95 * 3.6
    direct = 2000 * 2.66 + 10e-6 * mj * 27.9 + 0.6e-6 * mj * 273
    led = kb.calculate(pd.DataFrame({"activity": ["eldningsolja"], "amount": [2000], "unit": ["l"], "year": [2024]}))
    row = led.frame.iloc[0]
    assert row["co2e_kg"] == pytest.approx(direct, rel=1e-5)
    assert row["category"] == "stationary_combustion" and row["area"] == "energy_buildings"
    assert "no_upstream" in row["flags"]


def test_electricity_both_scope2_methods():
    led = kb.calculate(pd.DataFrame({"activity": ["el", "el"], "amount": [1250, 400], "unit": ["MWh", "MWh"],
                                     "year": [2023, 2023], "contract": ["", "go_hydro"]}))
    f = led.frame
    assert f["co2e_market_kg"].tolist() == pytest.approx([1_250_000 * 0.52410, 0.0])
    assert f["co2e_location_kg"].tolist() == pytest.approx([1_250_000 * 0.059, 400_000 * 0.059])
    assert led.total(method="location").magnitude == pytest.approx(1_650_000 * 0.059 / 1000)
    assert led.total(method="market").magnitude == pytest.approx(1_250_000 * 0.52410 / 1000)
    assert f["co2_kg"].iloc[0] == pytest.approx(1_250_000 * 0.52410)   # residual mix is CO2 only
    assert f["renewable_share"].iloc[1] == 1.0


def test_electricity_2024_uses_2023_factor_and_flags_it():
    led = kb.calculate(pd.DataFrame({"activity": ["el"], "amount": [300_000], "unit": ["kWh"], "year": [2024]}))
    row = led.frame.iloc[0]
    assert row["co2e_kg"] == pytest.approx(300_000 * 0.52410)
    assert row["factor_year"] == 2023 and "fallback_year" in row["flags"]


def test_district_heating_and_cooling_by_network():
    assert co2e("fjärrvärme", "2000 MWh", 2022, region="Malmö") == pytest.approx(2_000_000 * 0.1194)
    assert co2e("fjärrvärme", "1 500 000 kWh", 2022, region="lund") == pytest.approx(1_500_000 * 0.0111)
    led = kb.calculate(pd.DataFrame({"activity": ["fjärrkyla"], "amount": [120_000], "unit": ["kWh"],
                                     "year": [2023], "region": ["Växjö"]}))
    row = led.frame.iloc[0]
    assert row["co2e_direct_kg"] == pytest.approx(120_000 * 0.003728)   # scope 2
    assert row["co2e_upstream_kg"] == pytest.approx(120_000 * 0.006448)  # scope 3 category 3


def test_medical_gases():
    assert co2e("lustgas", "10 kg", 2024) == pytest.approx(2730)
    assert co2e("lustgas", "10 kg", 2024, gwp="AR5") == pytest.approx(2650)
    w = 44.013 / (44.013 + 31.998)
    assert co2e("entonox", "400 kg", 2024) == pytest.approx(400 * w * 273, rel=1e-5)
    assert co2e("entonox", "1000 Nl", 2024) == pytest.approx(1000 * 0.5 * 44.013 / 22.41396954 / 1000 * 273, rel=1e-5)
    assert co2e("sevofluran", "12,5 kg", 2024) == pytest.approx(12.5 * 195)
    assert co2e("desfluran", "1,2 kg", 2024) == pytest.approx(1.2 * 2590)
    assert co2e("desflurane", "1 kg", 2024, gwp="AR5") == pytest.approx(1790)


def test_volatile_anaesthetics_bought_as_liquid():
    # Litres of the liquid agent through its density (labels: sevoflurane 1.520–1.525 g/mL at
    # 20 °C, middle 1.5225; desflurane 1.465 g/mL at 20 °C; isoflurane specific gravity
    # 25/25 °C 1.496 × water at 25 °C 0.9970479 g/mL) times the GWP100.
    assert co2e("sevofluran", "250 ml", 2024) == pytest.approx(0.250 * 1.5225 * 195)        # one bottle: 74.22 kg
    assert co2e("desflurane", "1,5 l", 2024) == pytest.approx(1.5 * 1.465 * 2590)           # 5 691.5 kg
    assert co2e("isoflurane", "0,1 l", 2024, gwp="AR5") == pytest.approx(0.1 * 1.496 * 0.9970479 * 491, rel=1e-5)
    with pytest.raises(kb.InputError, match="a unit of energy cannot measure sevoflurane; expected mass"):
        co2e("sevoflurane", "2 kWh", 2024)
    # A gas is not a liquid: N2O in plain litres is still refused (gas volumes are Nm3/Nl).
    with pytest.raises(kb.InputError, match="standard conditions"):
        co2e("lustgas", "10 l", 2024)


def test_refrigerant_leak_equals_refill():
    assert co2e("R-404A", "3,4 kg", 2024) == pytest.approx(3.4 * (0.44 * 3740 + 0.52 * 5810 + 0.04 * 1530))
    assert co2e("r744", "10 kg", 2024) == pytest.approx(10)


def test_ownership_moves_the_direct_part_between_scopes():
    led = kb.calculate(pd.DataFrame({"activity": ["diesel"] * 3, "amount": [1000] * 3, "unit": ["l"] * 3,
                                     "year": [2024] * 3, "ownership": ["owned", "leased", "contracted"]}))
    f = led.frame
    assert f["scope"].tolist() == [1, 1, 3]
    assert f["category"].tolist() == ["mobile_combustion", "mobile_combustion", "purchased_goods_and_services"]
    assert f["upstream_category"].tolist()[2] == "purchased_goods_and_services"
    direct, wtt = diesel_2024(1000)
    assert led.total(scope=1).magnitude == pytest.approx(2 * direct / 1000, rel=1e-5)
    assert led.total(scope=3).magnitude == pytest.approx((2 * wtt + direct + wtt) / 1000, rel=1e-5)


# --- the 20-row mixed file -------------------------------------------------------------------------------
def _expected_20():
    w = 44.013 / (44.013 + 31.998)
    f = 0.14                     # vehicle gas 2017 (86 % biogas), the nearest edition for the file's year
    wtw_fg = 0.14 * 73.6 + 0.86 * 20.6
    r404a = 0.44 * 3740 + 0.52 * 5810 + 0.04 * 1530
    d24 = diesel_2024
    d22 = lambda l: pump_blend(l * 35.5, 95.1, MK1_CO2_PER_MJ, 3.9, 3.9, 0.305)
    fossil = lambda l: (MK3_CO2_PER_MJ * l * 35.9 + 3.9e-6 * l * 35.9 * (27.9 + 273),
                        (95.1e-3 - MK3_CO2_PER_MJ - 3.9e-6 * (23 + 296)) * l * 35.9)
    oil_mj = 2000 * 9.95 * 3.6
    fg_mj = 250 * 48.4
    return {  # id: (scope of direct part, direct kg, upstream kg)
        "F1": (1, *d24(1000)),
        "F2": (1, *d22(2500)),
        "F3": (1, 0.0, 3000 * 34.0 * 0.18 * 95.1e-3),
        "F4": (1, *pump_blend(500 * 31.7, 93.3, PETROL_CO2_PER_MJ, 3.8, 5.7, 0.06)),
        "F5": (1, *fossil(1200)),
        "F6": (3, *d24(10_000)),
        "F7": (1, 0.0, 800 * 36.2 * 20.6e-3),
        "F8": (1, f * (56.1e-3 + (92 * 27.9 + 3 * 273) * 1e-6) * fg_mj,
               (wtw_fg * 1e-3 - f * (56.1e-3 + (92 * 23 + 3 * 296) * 1e-6)) * fg_mj),
        "F9": (1, 2000 * 2.66 + 10e-6 * oil_mj * 27.9 + 0.6e-6 * oil_mj * 273, 0.0),
        "E1": (2, 1_250_000 * 0.52410, 0.0),
        "E2": (2, 0.0, 0.0),
        "E3": (2, 300_000 * 0.52410, 0.0),
        "H1": (2, 2_000_000 * 0.1194, 0.0),
        "H2": (2, 1_500_000 * 0.0111, 0.0),
        "H3": (2, 120_000 * 0.003728, 120_000 * 0.006448),
        "G1": (1, 1850 * 273, 0.0),
        "G2": (1, 400 * w * 273, 0.0),
        "G3": (1, 12.5 * 195, 0.0),
        "G4": (1, 1.2 * 2590, 0.0),
        "K1": (1, 3.4 * r404a, 0.0),
    }


def test_twenty_row_swedish_file_row_by_row_and_in_total():
    acts = kb.read_activities(DATA / "aktiviteter_20.csv")
    assert acts.encoding == "cp1252" and acts.separator == ";"
    led = kb.calculate(acts, gwp="AR6")
    expected = _expected_20()
    f = led.frame.set_index("id")
    for rid, (scope, direct, upstream) in expected.items():
        assert f.at[rid, "scope"] == scope, rid
        assert f.at[rid, "co2e_direct_kg"] == pytest.approx(direct, rel=1e-5, abs=1e-9), rid
        assert f.at[rid, "co2e_upstream_kg"] == pytest.approx(upstream, rel=1e-5, abs=1e-9), rid
    scope1 = sum(d for s, d, u in expected.values() if s == 1)
    scope2 = sum(d for s, d, u in expected.values() if s == 2)
    scope3 = sum(d for s, d, u in expected.values() if s == 3) + sum(u for s, d, u in expected.values())
    summary = led.summary(by="scope").set_index("scope")["co2e_t"]
    assert summary[1] == pytest.approx(scope1 / 1000, rel=1e-5)
    assert summary[2] == pytest.approx(scope2 / 1000, rel=1e-5)
    assert summary[3] == pytest.approx(scope3 / 1000, rel=1e-5)
    assert led.reconcile()["balanced"]
