"""Renewable, fossil-free and recovered shares of energy, per row, and the Share targets on them.

Hand-worked with Ei's Nordic residual mix 2023 (renewable 6.51 %, nuclear 14.68 %, fossil
78.82 %), guarantees of origin (renewable) and a network whose supplier gives its own mix on the
row (60 % renewable, 35 % recovered, 5 % fossil):

* renewable: (0.60 × 1 000 + 1.0 × 500 + 0.0651 × 500) / 2 000 = 0.566275
* fossil-free: (0.95 × 1 000 + 500 + (0.0651 + 0.1468) × 500) / 2 000 = 0.777975
* recovered: 0.35 × 1 000 / 2 000 = 0.175 (electricity has no recovered part)
* renewable or recovered: 0.566275 + 0.175 = 0.741275
"""

import numpy as np
import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut import targets

ROWS = pd.DataFrame({"activity": ["district_heating", "electricity", "electricity", "diesel"],
                     "amount": [1000.0, 500.0, 500.0, 100.0], "unit": ["MWh", "MWh", "MWh", "l"],
                     "year": 2023, "region": ["Ljungby", "", "", ""], "contract": ["", "go_wind", "", ""],
                     "renewable_share": [0.60, np.nan, np.nan, np.nan],
                     "recovered_share": [0.35, np.nan, np.nan, np.nan],
                     "fossil_free_share": [0.95, np.nan, np.nan, np.nan]})


@pytest.fixture(scope="module")
def led():
    return kb.calculate(ROWS, on_error="collect")


def test_shares_per_row(led):
    f = led.frame
    assert f.loc[0, ["renewable_share", "recovered_share", "fossil_free_share"]].tolist() == [0.60, 0.35, 0.95]
    assert "share_given" in f.loc[0, "flags"]
    assert f.loc[1, ["renewable_share", "fossil_free_share", "recovered_share"]].tolist() == [1.0, 1.0, 0.0]
    assert f.loc[2, "renewable_share"] == pytest.approx(0.0651)
    assert f.loc[2, "fossil_free_share"] == pytest.approx(0.0651 + 0.1468)
    # Pump diesel 2023: no published blend share for the year, so unknown (never the 2022 share, never 0).
    assert np.isnan(f.loc[3, "renewable_share"])


@pytest.mark.parametrize(("numerator", "expected"), [
    ("renewable", 0.566275), ("fossil_free", 0.777975), ("recovered", 0.175), ("renewable_or_recovered", 0.741275)])
def test_share_targets_by_hand(led, numerator, expected):
    t = targets.Share("Förnybar el och värme", minimum=1.0, numerator=numerator, select={"area": "energy_buildings"})
    r = t.evaluate(led, 2023)
    assert r.actual.magnitude == pytest.approx(expected, rel=1e-6) and r.coverage == 1.0


def test_an_unknown_share_is_no_data_never_zero(led):
    t = targets.Share("Förnybara drivmedel", minimum=1.0, select={"area": "vehicles"})
    r = t.evaluate(led, 2023)
    assert r.status == "no_data" and "renewable share unknown for diesel" in r.note


def test_bad_numerator_names_the_choices():
    with pytest.raises(kb.InputError, match="'renewable', 'fossil_free', 'recovered', 'renewable_or_recovered'"):
        targets.Share("x", minimum=0.5, numerator="green")


def test_a_row_giving_some_shares_describes_its_own_mix():
    # HVO100 given 50 % renewable: fossil-free is 50 % too (a fuel), nothing recovered; a network given 60 %
    # renewable: its fossil-free and recovered shares are unknown, not the dataset's.
    rows = pd.DataFrame({"activity": ["hvo100", "district_heating"], "amount": 1.0, "unit": "MWh", "year": 2024,
                         "region": ["", "Malmö"], "renewable_share": [0.5, 0.6]})
    f = kb.calculate(rows).frame
    assert f.loc[0, ["renewable_share", "fossil_free_share", "recovered_share"]].tolist() == [0.5, 0.5, 0.0]
    assert f.loc[1, "renewable_share"] == 0.6
    assert np.isnan(f.loc[1, "fossil_free_share"]) and np.isnan(f.loc[1, "recovered_share"])
