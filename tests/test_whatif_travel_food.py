"""Travel and food what-if steps (klimatbokslut.whatif.travel_food), worked by hand (DESNZ 2025 flights
and cars, SJ train, SLU food, Ei residual mix 2023 524.10 g/kWh, 0.20 kWh/km for electric cars)."""

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut import travel, whatif


def test_short_flights_to_train_by_hand():
    acts = pd.DataFrame({"activity": ["flyg", "flyg"], "amount": [10, 3], "unit": ["trip", "trip"],
                         "year": [2024, 2024], "origin": ["VXO", "ARN"], "destination": ["ARN", "JFK"],
                         "round_trip": ["ja", ""]})
    r = whatif.flights_to_train(acts, max_km=500, rail_detour=1.25)
    d = travel.flight_distance("VXO", "ARN")
    flight = 10 * 2 * d * (0.22928 + 0.0335)
    train = 10 * 2 * d / 1.08 * 1.25 * 0.0039e-3
    assert r.avoided_co2e.magnitude == pytest.approx((flight - train) / 1000, rel=1e-9)
    assert r.steps["rows"].tolist() == [1]                 # the long-haul row is untouched
    f = r.scenario.frame
    assert sorted(f["activity"].astype(str)) == ["flight", "train"]


def test_partial_share_without_rf():
    acts = pd.DataFrame({"activity": ["flyg"], "amount": [4], "unit": ["trip"], "year": [2024],
                         "origin": ["GOT"], "destination": ["ARN"]})
    r = whatif.flights_to_train(acts, max_km=600, share=0.25, radiative_forcing=False)
    d = travel.flight_distance("GOT", "ARN")
    assert r.avoided_co2e.magnitude == pytest.approx((1 * d * (0.13552 + 0.0335) - d / 1.08 * 0.0039e-3) / 1000,
                                                     rel=1e-9)


def test_cars_to_ev():
    acts = pd.DataFrame({"activity": ["bil bensin", "bil diesel", "tåg"], "amount": [1000, 500, 100],
                         "unit": ["km", "km", "pkm"], "year": [2023] * 3})
    r = whatif.cars_to_ev(acts, share=0.5)
    ev = 750 * 0.20 * 0.52410
    assert r.avoided_co2e.magnitude == pytest.approx((500 * 0.16272 + 250 * 0.17304 - ev) / 1000, rel=1e-9)


def test_switch_food_needs_a_stated_ratio():
    acts = pd.DataFrame({"activity": ["nötkött"], "amount": [2000], "unit": ["kg"], "year": [2024]})
    r = whatif.switch_food(acts, "nötkött", "köttsubstitut", ratio=0.8, share=0.25)
    assert r.avoided_co2e.magnitude == pytest.approx((500 * 26 - 400 * 3) / 1000)
    with pytest.raises(TypeError):
        whatif.switch_food(acts, "nötkött", "baljväxter")       # no default ratio
    with pytest.raises(kb.InputError, match="not a food"):
        whatif.switch_food(acts, "nötkött", "diesel", ratio=1)
