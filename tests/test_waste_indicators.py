"""Waste indicators from mass by treatment, independent of emission factors.

Hand-worked: 30 t to material recycling + 11.3 t food waste to anaerobic digestion of
100 t in all is 41.3 % (a region's reported rate, against a 55 % goal); material
recycling alone is 30 %. 520 t over 52 000 care episodes is 10 kg per episode.
"""

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut import targets, waste

ROWS = pd.DataFrame({"activity": ["waste_recycling", "waste_food_biogas", "waste_incineration", "waste_hazardous",
                                  "waste_recycling", "waste_incineration"],
                     "amount": [30.0, 11300.0, 50.0, 8.7, 25.0, 75.0],
                     "unit": ["ton", "kg", "ton", "ton", "ton", "ton"],
                     "year": [2024, 2024, 2024, 2024, 2023, 2023]})


@pytest.fixture(scope="module")
def led():
    return kb.calculate(ROWS, on_error="collect")


def test_recycling_rate_by_hand(led):
    r = waste.recycling_rate(led, 2024)
    assert (r.recycled_t, r.total_t, r.rows) == (pytest.approx(41.3), pytest.approx(100.0), 4)
    assert r.rate == pytest.approx(0.413)
    assert waste.recycling_rate(led, 2024, biological=False).rate == pytest.approx(0.30)
    assert waste.recycling_rate(led, 2023).rate == pytest.approx(0.25)


def test_a_treatment_without_a_factor_still_counts(led):
    # Hazardous waste has no bundled factor: its 8.7 t are in the total all the same.
    assert "unvalued" in str(led.frame.loc[led.frame["activity"] == "waste_hazardous", "flags"].iloc[0])
    assert waste.recycling_rate(led, 2024).total_t == pytest.approx(100.0)


def test_recycling_rate_as_a_share_target(led):
    t = targets.Share("Materialåtervinning", minimum=0.55, metric="amount", unit="t", select={"area": "waste"},
                      numerator={"activity": list(waste.RECYCLED)})
    r = t.evaluate(led, 2024)
    assert r.actual.magnitude == pytest.approx(0.413) and r.status == "not_met"


def test_waste_per_care_episode(led):
    assert waste.waste_per(led, 2024, 10_000) == pytest.approx(100.0 * 1000 / 10_000)   # 10 kg per episode
    with pytest.raises(kb.InputError, match="above 0"):
        waste.waste_per(led, 2024, 0)
