"""Carbon budgets: used, left, the year it runs out, the rate needed — worked by hand.

Ledger: lustgas released, 1 kg N2O = 273 kg CO2e (IPCC AR6 GWP100), so 1 000 / 900 / 800 kg in
2021–2023 are 273,0 / 245,7 / 218,4 t CO2e.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut import targets
from klimatbokslut.targets.budget import budget_from_rate, required_rate, runs_out_year


@pytest.fixture(scope="module")
def ledger():
    return kb.calculate(pd.DataFrame({"activity": ["lustgas"] * 3, "amount": [1000, 900, 800], "unit": ["kg"] * 3,
                                      "year": [2021, 2022, 2023]}))


def test_used_left_runs_out_and_required_rate(ledger):
    b = targets.CarbonBudget("Budget", start_year=2021, end_year=2025, budget="1 000 t CO2e")
    r = b.evaluate(ledger, 2023)
    d = r.to_dict()
    assert d["used_t"] == pytest.approx(273.0 + 245.7 + 218.4)             # 737,1
    assert d["remaining_t"] == pytest.approx(1000 - 737.1)                  # 262,9
    assert d["share_used"] == pytest.approx(0.7371)
    assert d["trend_t_per_year"] == pytest.approx(-27.3)                     # a straight line through the three
    # at the trend: 2024 191,1 (sum 191,1 ≤ 262,9), 2025 163,8 (sum 354,9 > 262,9) -> runs out in 2025
    assert d["runs_out_year"] == 2025 and r.status == "off_track" and r.progress_code == "delvis"
    # 218,4·(q + q²) = 262,9 with q = 1 − r: q = (−1 + √(1 + 4·262,9/218,4)) / 2
    q = (-1 + math.sqrt(1 + 4 * 262.9 / 218.4)) / 2
    assert r.required_annual_rate == pytest.approx(1 - q, abs=1e-9)        # 0,2943
    assert d["years_left"] == pytest.approx(262.9 / 218.4)
    assert r.gap.magnitude == pytest.approx(737.1 - 1000)


def test_a_budget_derived_from_a_starting_year_and_a_rate(ledger):
    b = targets.CarbonBudget("Budget", start_year=2021, end_year=2025, start_emissions="273 t CO2e",
                             annual_reduction=0.16)
    total = 273 * (1 - 0.84 ** 5) / 0.16                                    # 273 · 3,4868 = 951,9
    r = b.evaluate(ledger, 2022)
    assert r.target_value.magnitude == pytest.approx(total)
    assert r.trajectory_value.magnitude == pytest.approx(273 + 273 * 0.84)   # the path allows 502,3 by 2022
    assert r.actual.magnitude == pytest.approx(273 + 245.7)


def test_status_at_the_end_and_when_used_up(ledger):
    assert targets.CarbonBudget("B", start_year=2021, end_year=2023, budget=800).evaluate(ledger, 2023).status == "met"
    r = targets.CarbonBudget("B", start_year=2021, end_year=2025, budget=500).evaluate(ledger, 2023)
    assert r.status == "not_met" and r.progress_code == "inte alls" and r.note == "the budget is used up"
    assert r.details["runs_out_year"] == 2023 and r.required_annual_rate is None
    r = targets.CarbonBudget("B", start_year=2021, end_year=2030, budget=5000).evaluate(ledger, 2023)
    assert r.status == "on_track" and r.details["runs_out_year"] is None


def test_a_year_without_data_is_no_data_not_zero(ledger):
    r = targets.CarbonBudget("B", start_year=2020, end_year=2025, budget=1000).evaluate(ledger, 2023)
    assert r.status == "no_data" and r.progress_code == "värde saknas"
    assert "2020 (no ledger rows)" in r.note and "not counted as zero" in r.note


@pytest.mark.parametrize("kwargs, column", [
    ({"start_year": 2021, "end_year": 2021, "budget": 1}, "end_year"),
    ({"start_year": 2021, "end_year": 2025}, "budget"),
    ({"start_year": 2021, "end_year": 2025, "budget": 1, "annual_reduction": 0.1}, "budget"),
    ({"start_year": 2021, "end_year": 2025, "start_emissions": 10, "annual_reduction": 1.5}, "annual_reduction"),
    ({"start_year": 2021, "end_year": 2025, "budget": -5}, "budget"),
    ({"start_year": 2021, "end_year": 2025, "budget": 5, "metric": "n2o"}, "metric"),
])
def test_bad_budgets_are_clear_errors(kwargs, column):
    with pytest.raises(kb.InputError) as e:
        targets.CarbonBudget("B", **kwargs)
    assert e.value.failures.loc[0, "column"] == column


def test_a_period_that_does_not_contain_the_year_is_an_error(ledger):
    b = targets.CarbonBudget("B", start_year=2024, end_year=2030, budget=1000)
    with pytest.raises(kb.InputError, match="period is 2024–2030"):
        b.evaluate(ledger, 2023)


def test_a_budget_from_a_configuration(ledger):
    t = targets.from_dict({"type": "carbon_budget", "name": "B", "start_year": 2021, "end_year": 2025,
                           "budget": "1 000 t CO2e"})
    assert isinstance(t, targets.CarbonBudget) and t.to_dict()["type"] == "carbon_budget"


@given(st.floats(1.0, 1e6), st.floats(0.0, 0.9), st.integers(1, 40))
def test_the_derived_budget_is_the_sum_of_its_path(e0, rate, n):
    assert budget_from_rate(e0, rate, n) == pytest.approx(sum(e0 * (1 - rate) ** k for k in range(n)), rel=1e-9)


@given(st.floats(1.0, 1e5), st.floats(0.01, 5.0), st.integers(1, 30))
def test_the_required_rate_spends_exactly_what_is_left(current, ratio, years):
    remaining = current * ratio
    r = required_rate(current, remaining, years)
    assert r is not None
    assert sum(current * (1 - r) ** k for k in range(1, years + 1)) == pytest.approx(remaining, rel=1e-6)


def test_runs_out_year_by_hand():
    assert runs_out_year(2024, 100.0, -10.0, 150.0, 2030) == 2026           # 90 + 80 = 170 > 150
    assert runs_out_year(2024, 100.0, -60.0, 60.0, 2030) is None            # 40, then 0: never more than 40


def test_a_rate_near_zero_gives_the_plain_sum():
    # found by the property test: a denormal rate made the closed form 2.0 for one year of 1.5
    assert budget_from_rate(1.5, 5e-324, 1) == 1.5
    assert budget_from_rate(100.0, 1e-15, 3) == pytest.approx(300.0)
