"""A 2012 and a 2015 base year from bundled data alone, with editions and flags in the ledger.

Typed from the sources:
* pump diesel 2012: 8.3 vol-% FAME + HVO of which 5.8 FAME (2030-sekretariatet B2E); MJ/l FAME 33.9,
  HVO 34.0 (Energimyndigheten 2016), fossil MK1 9 800 kWh/m3 = 35.28 MJ/l and 2.54 kg CO2/l (SPBI);
  WTW of the parts 95.1 / 32.3 / 14.0 g CO2e/MJ (Energimyndigheten 2016); IPCC road diesel CH4 and N2O
  3.9 kg/TJ each, RED weights 23 / 296, AR6 27.9 / 273;
* residual mix "2014": 344 g CO2/kWh (Svensk Energi), the nearest edition for 2012 and 2015;
* Malmö district heating 2012: 137, Göteborg 2015: 53 g CO2e/kWh (Energiföretagen via Miljöbarometern);
* DEFRA 2011 domestic flight 0.16484 kg CO2e/pkm without RF, × 1.9 with RF, WTT 0.03034.
"""

import pandas as pd
import pytest

import klimatbokslut as kb

ROWS = pd.DataFrame({
    "activity": ["diesel", "petrol", "hvo100", "electricity", "district_heating", "district_heating", "flight",
                 "car_petrol", "diesel", "electricity", "train", "hotel_night"],
    "amount": [1000.0, 1000.0, 1000.0, 1000.0, 1000.0, 1000.0, 1000.0, 100.0, 1000.0, 1000.0, 1000.0, 2.0],
    "unit": ["l", "l", "l", "kWh", "kWh", "kWh", "pkm", "km", "l", "kWh", "pkm", "room_night"],
    "year": [2012, 2012, 2012, 2012, 2012, 2015, 2012, 2012, 2015, 2015, 2015, 2015],
    "region": ["", "", "", "", "Malmö", "Göteborg", "", "", "", "", "", ""],
    "band": ["", "", "", "", "", "", "domestic", "", "", "", "", ""],
})


@pytest.fixture(scope="module")
def led():
    return kb.calculate(ROWS)    # strict: every row has a factor


def test_every_row_computes_with_its_edition(led):
    f = led.frame
    assert len(f) == len(ROWS) and not len(led.rejects) and not led.unvalued_rows()
    years = f["factor_year"].tolist()
    # diesel 2012 and 2015 and the two networks have figures of their own year; the others the nearest edition
    assert years == [2012, 2015, 2016, 2014, 2012, 2015, 2011, 2011, 2015, 2014, 2023, 2016]
    flagged = ["fallback_year" in str(x).split(";") for x in f["flags"]]
    assert flagged == [False, True, True, True, False, False, True, True, False, True, True, True]


def test_pump_diesel_2012_by_hand(led):
    fame, hvo, fossil = 5.8 * 33.9, (8.3 - 5.8) * 34.0, (100 - 8.3) * 35.28
    f = fossil / (fame + hvo + fossil)
    wtw = f * 95.1 + fame / (fame + hvo + fossil) * 32.3 + hvo / (fame + hvo + fossil) * 14.0
    ar6_minus_red = 3.9 * f * ((27.9 - 23) + (273 - 296)) / 1000      # g CO2e/MJ
    mj = 1000 * 35.5                                                  # MJ per litre of pump diesel (MK1)
    assert led.frame.loc[0, "co2e_kg"] == pytest.approx((wtw + ar6_minus_red) * mj / 1000, rel=1e-4)
    assert led.frame.loc[0, "renewable_share"] == pytest.approx(1 - f, rel=1e-3)


def test_electricity_heat_and_travel_by_hand(led):
    f = led.frame
    assert f.loc[3, "co2e_market_kg"] == pytest.approx(344.0)           # 1 000 kWh × 344 g
    assert "fallback_year_location" in f.loc[3, "flags"]                  # IVL 2016–2019 for location
    assert f.loc[4, "co2e_kg"] == pytest.approx(137.0)                   # Malmö 2012
    assert f.loc[5, "co2e_kg"] == pytest.approx(53.0)                    # Göteborg 2015
    assert f.loc[6, "co2e_kg"] == pytest.approx(1000 * (0.16484 * 1.9 + 0.03034), rel=1e-4)
    assert f.loc[7, "co2e_kg"] == pytest.approx(100 * 0.20864)          # DEFRA 2011 average petrol car


def test_editions_in_factors_used(led):
    fu = led.factors_used().set_index("factor_id")
    assert fu.loc["electricity-market-residual-2014", "used_for_other_years"] == "2012, 2015"
    assert fu.loc["diesel-2012-wtt", "used_for_other_years"] == ""
