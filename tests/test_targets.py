"""Targets: worked examples computed by hand, statuses, errors and invariants.

Figures used:

* SBTi Criteria v5, absolute contraction: 4.2 % of base-year emissions per year, linear
  (reference/factors.csv, ``method`` rows).
* IPCC AR6 GWP100 N2O = 273 (so 1 kg lustgas = 273 kg CO2e); CH4 = 27.9.
* Bundled factor data: fossil diesel MK3 35.9 MJ/l, TTW 74.2602 g CO2/MJ, CH4 and N2O
  3.9 kg/TJ each (IPCC 2006 road diesel), WTT 19.5957 g CO2e/MJ; HVO100 34.0 MJ/l,
  renewable share 1; pump diesel's renewable share by year (energy_shares); ED95 21.4 MJ/l
  (Energimyndigheten 2016), renewable share not in the dataset;
  N2O gas density 1.96364 kg/Nm3 (ideal gas, 44.013 g/mol / 22.414 L/mol).
"""


import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut import targets
from klimatbokslut.errors import InputError, UnitError

N2O_AR6 = 273.0


def n2o_ledger(kg_by_year: dict[int, float]):
    """A ledger of nitrous oxide only: t CO2e = kg × 273 / 1000 (AR6)."""
    years = sorted(kg_by_year)
    n = len(years)
    return kb.calculate(pd.DataFrame({"activity": ["n2o"] * n, "amount": [kg_by_year[y] for y in years],
                                      "unit": ["kg"] * n, "year": years, "org_unit": ["Anestesi"] * n}), gwp="AR6")


# ----------------------------------------------------------------------------- trajectories
def test_linear_vs_compound_sbti_rate_by_hand():
    # 4.2 %/yr from 2021 to 2028, base 1000 kg N2O (273 t CO2e)
    led = n2o_ledger({2021: 1000.0, 2024: 880.0})
    base_t = 1000 * N2O_AR6 / 1000
    lin = targets.AnnualReduction("Scope 1+2", base_year=2021, target_year=2028, rate=0.042, select={"scope": [1, 2]})
    comp = targets.AnnualReduction("Scope 1+2", base_year=2021, target_year=2028, rate=0.042, path="compound",
                                   select={"scope": [1, 2]})
    r_lin, r_comp = lin.evaluate(led, 2024), comp.evaluate(led, 2024)
    # linear: base × (1 − 0.042 × 3) = 273 × 0.874 = 238.602 t; target 273 × (1 − 0.042 × 7) = 273 × 0.706
    assert r_lin.trajectory_value.to("t CO2e").magnitude == pytest.approx(273 * 0.874)
    assert r_lin.target_value.to("t CO2e").magnitude == pytest.approx(273 * 0.706)
    # compound: base × 0.958 ** 3 = 273 × 0.879217912 = 240.0264900; target 273 × 0.958 ** 7
    assert r_comp.trajectory_value.to("t CO2e").magnitude == pytest.approx(273 * 0.958 * 0.958 * 0.958)
    assert r_comp.target_value.to("t CO2e").magnitude == pytest.approx(base_t * 0.958 ** 7)
    # 880 kg = 240.24 t: above the linear path (238.60 t) and the compound path (240.03 t)
    actual = 880 * N2O_AR6 / 1000
    assert r_lin.actual.to("t CO2e").magnitude == pytest.approx(actual)
    assert r_lin.status == "off_track" and r_comp.status == "off_track"
    # required rate from 2024 (4 years left)
    # linear, as a fraction of the base-year value: (240.24 − 192.738) / (273 × 4) = 0.0435
    assert r_lin.required_annual_rate == pytest.approx((actual - 273 * 0.706) / (273 * 4))
    assert r_lin.required_annual_rate == pytest.approx(0.0435)
    # compound, of the previous year's value: 1 − (target / actual) ** (1/4)
    assert r_comp.required_annual_rate == pytest.approx(1 - (base_t * 0.958 ** 7 / actual) ** 0.25)
    # progress: share of the base → target change achieved
    assert r_lin.progress == pytest.approx((273 - actual) / (273 - 273 * 0.706))
    assert r_lin.progress_code == "delvis"


def test_compound_path_between_linear_and_base_and_sbti_2030_is_42_percent():
    t = targets.AnnualReduction("x", base_year=2020, target_year=2030, rate=0.042)
    # SBTi: 2020–2030 at 4.2 %/yr linear = 42 % (reference/factors.csv note)
    assert 1 - t.trajectory(1.0, 2030) == pytest.approx(0.42)
    assert t.fraction == pytest.approx(0.42)
    c = targets.AnnualReduction("x", base_year=2020, target_year=2030, rate=0.042, path="compound")
    assert 1 - c.trajectory(1.0, 2030) == pytest.approx(1 - 0.958 ** 10)  # 34.9 %
    assert t.trajectory(1.0, 2021) == pytest.approx(c.trajectory(1.0, 2021)) == pytest.approx(0.958)  # same 1st year
    for y in range(2022, 2031):
        assert t.trajectory(1.0, y) < c.trajectory(1.0, y) < 1.0


def test_linear_rate_never_goes_below_zero():
    t = targets.AnnualReduction("x", base_year=2020, target_year=2050, rate=0.042)
    assert t.trajectory(100.0, 2050) == 0.0  # 30 × 4.2 % = 126 % → floor at zero


# ----------------------------------------------------------------------------- status in an intermediate year
@pytest.mark.parametrize("kg_2025, status, sv", [
    (90.0, "off_track", "delvis"),    # path value 2025: 100 − 25 × 3/6 = 87.5 kg
    (87.5, "on_track", "delvis"),     # exactly on the path
    (85.0, "on_track", "delvis"),
    (75.0, "met", "helt"),            # the target level is reached already
    (101.0, "off_track", "inte alls"),  # worse than the base year
])
def test_reduction_status_in_an_intermediate_year(kg_2025, status, sv):
    led = n2o_ledger({2022: 100.0, 2025: kg_2025})
    t = targets.Reduction("Lustgas −25 % till 2028", base_year=2022, target_year=2028, fraction=0.25, metric="n2o",
                          select={"activity": "lustgas"})
    r = t.evaluate(led, 2025)
    assert (r.status, r.progress_code) == (status, sv)
    assert r.trajectory_value.to("kg").magnitude == pytest.approx(87.5)
    assert r.target_value.to("kg").magnitude == pytest.approx(75.0)
    assert r.gap.to("kg").magnitude == pytest.approx(kg_2025 - 75.0)
    # still needed per year, as a share of the 100 kg base: (actual − 75) / (100 × 3 years left)
    assert r.required_annual_rate == pytest.approx(max(kg_2025 - 75.0, 0) / 300)


def test_reduction_in_and_after_the_target_year():
    led = n2o_ledger({2022: 100.0, 2028: 80.0, 2029: 105.0, 2030: 70.0})
    t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o")
    r = t.evaluate(led, 2028)
    assert (r.status, r.progress_code) == ("not_met", "delvis")
    assert r.progress == pytest.approx(20 / 25)
    assert r.required_annual_rate is None
    assert t.evaluate(led, 2029).progress_code == "inte alls"
    assert t.evaluate(led, 2030).status == "met"
    assert t.evaluate(led, 2030).trajectory_value.magnitude == pytest.approx(75.0)  # path ends at the target


def test_year_without_rows_is_no_data_not_zero():
    led = n2o_ledger({2022: 100.0, 2024: 80.0})
    r = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o").evaluate(led, 2023)
    assert (r.status, r.progress_code, r.actual) == ("no_data", "värde saknas", None)
    assert r.trajectory_value.magnitude == pytest.approx(100 - 25 / 6)


def test_scope_1_2_selection_leaves_the_upstream_part_out():
    # 1000 l fossil diesel: direct = 35 900 MJ × (74.2602 + 3.9e-3 × 27.9 + 3.9e-3 × 273) g/MJ
    direct_kg = 35900 * (74.2602 + 3.9e-3 * 27.9 + 3.9e-3 * 273) / 1000
    upstream_kg = 35900 * 19.5957 / 1000
    led = kb.calculate(pd.DataFrame({"activity": ["diesel_fossil"] * 2, "amount": [1000, 900], "unit": ["l", "l"],
                                     "year": [2021, 2024]}))
    t = targets.AnnualReduction("Scope 1 och 2", base_year=2021, target_year=2028, rate=0.042,
                                select={"scope": [1, 2]})
    r = t.evaluate(led, 2024)
    assert r.base_value.to("kg CO2e").magnitude == pytest.approx(direct_kg)
    whole = targets.AnnualReduction("Alla", base_year=2021, target_year=2028, rate=0.042).evaluate(led, 2024)
    assert whole.base_value.to("kg CO2e").magnitude == pytest.approx(direct_kg + upstream_kg)
    # 900 l is −10 % in 3 years; the linear path asks for −3 × 4.2 = −12.6 %, so off track
    assert r.status == "off_track"


def test_location_based_method_is_used_when_asked():
    led = kb.calculate(pd.DataFrame({"activity": ["el", "el"], "amount": [100, 100], "unit": ["MWh", "MWh"],
                                     "year": [2021, 2023], "contract": ["", "go_renewable"]}))
    market = targets.Reduction("El", base_year=2021, target_year=2025, fraction=0.5).evaluate(led, 2023)
    location = targets.Reduction("El", base_year=2021, target_year=2025, fraction=0.5, method="location").evaluate(
        led, 2023)
    assert market.status == "met"                        # residual mix 371.99 g → GO 0 g
    assert market.actual.magnitude == 0.0
    # location-based: IVL Nordic mix 2021–2023, 59 g CO2/kWh in both years: no change
    assert location.base_value.to("t CO2e").magnitude == pytest.approx(100 * 59 / 1000)
    assert location.status == "off_track"


# ----------------------------------------------------------------------------- caps
def test_cap_on_nitrous_oxide_kg_including_entonox_and_gas_volumes():
    acts = pd.DataFrame({"activity": ["n2o", "entonox", "n2o"], "amount": [1500, 200, 100],
                         "unit": ["kg", "kg", "Nm3"], "year": [2024] * 3})
    led = kb.calculate(acts)
    # N2O in entonox: 44.013 / (44.013 + 31.998) per kg; 100 Nm3 × 1.96364 kg/Nm3
    expected = 1500 + 200 * 44.013 / (44.013 + 31.998) + 100 * 1.96364
    cap = targets.Cap("Lustgas ≤ 2 000 kg", limit="2 000 kg", metric="n2o")
    r = cap.evaluate(led, 2024)
    assert r.actual.to("kg").magnitude == pytest.approx(expected, rel=1e-5)
    assert r.status == "met" and r.progress_code == "helt"
    # the amount metric converts Nm3 through the gas density (the n2o rows only)
    amount = targets.Cap("Lustgas inköpt", limit=1600, metric="amount", unit="kg", select={"activity": "n2o"})
    assert amount.evaluate(led, 2024).actual.magnitude == pytest.approx(1500 + 196.364)
    assert amount.evaluate(led, 2024).status == "not_met"


def test_falling_cap_per_year_and_year_outside_the_cap():
    led = n2o_ledger({2024: 1800.0, 2025: 1600.0})
    cap = targets.Cap("Lustgas", limit={2024: "2 000 kg", 2025: "1 500 kg"}, metric="n2o")
    assert cap.evaluate(led, 2024).status == "met"
    r = cap.evaluate(led, 2025)
    assert r.status == "not_met" and r.gap.magnitude == pytest.approx(100.0)
    with pytest.raises(InputError, match="does not apply to 2026; years: 2024, 2025"):
        cap.evaluate(led, 2026)


# ----------------------------------------------------------------------------- shares
def fuel_ledger():
    return kb.calculate(pd.DataFrame({
        "activity": ["hvo100", "diesel_fossil", "ed95", "hvo100", "diesel_fossil"],
        "amount": [1000, 1000, 1000, 2000, 500], "unit": ["l"] * 5, "year": [2024, 2024, 2024, 2021, 2021]}))


def test_renewable_share_unknown_rows_make_no_data_never_zero():
    led = fuel_ledger()
    t = targets.Share("100 % förnybart 2028", minimum=1.0, select={"area": "vehicles"})
    r = t.evaluate(led, 2024)
    assert r.status == "no_data" and r.progress_code == "värde saknas"
    assert "ed95 (1 row)" in r.note
    # coverage: 34 000 + 35 900 MJ known of 34 000 + 35 900 + 21 400 MJ (1000 l ED95 × 21.4 MJ/l)
    assert r.coverage == pytest.approx(69900 / 91300)


def test_renewable_share_excluding_unknown_rows_reports_coverage():
    led = fuel_ledger()
    t = targets.Share("100 % förnybart", minimum=1.0, select={"area": "vehicles"}, unknown="exclude")
    r = t.evaluate(led, 2024)
    # 1000 l HVO100 × 34.0 MJ/l (share 1) / (34 000 + 1000 l × 35.9 MJ/l fossil diesel)
    assert r.actual.magnitude == pytest.approx(34000 / 69900)
    assert r.coverage == pytest.approx(69900 / 91300)
    assert r.status == "not_met" and "ed95 (1 row)" in r.note


def test_share_with_a_path_from_the_base_year():
    led = fuel_ledger()
    t = targets.Share("Förnybart", minimum=1.0, base_year=2021, target_year=2028, select={"area": "vehicles"},
                      unknown="exclude")
    r = t.evaluate(led, 2024)
    base = 2000 * 34.0 / (2000 * 34.0 + 500 * 35.9)           # 0.79118
    assert r.base_value.magnitude == pytest.approx(base)
    assert r.trajectory_value.magnitude == pytest.approx(base + (1 - base) * 3 / 7)
    assert r.status == "off_track"                            # 0.486 < base: going the wrong way
    assert r.progress_code == "inte alls"
    assert r.required_annual_rate == pytest.approx((1 - 34000 / 69900) / 4)


def test_share_with_a_numerator_selection():
    led = fuel_ledger()
    t = targets.Share("HVO-andel", minimum=0.5, numerator={"activity": "hvo"}, select={"area": "vehicles"})
    r = t.evaluate(led, 2024)
    assert r.actual.magnitude == pytest.approx(34000 / 91300)    # energy basis, all fuels are known energy
    assert r.status == "not_met"


# ----------------------------------------------------------------------------- intensity
def test_intensity_kwh_per_m2_with_a_series_and_a_limit():
    led = kb.calculate(pd.DataFrame({"activity": ["el", "fjärrvärme", "el", "fjärrvärme"],
                                     "amount": [1000, 2000, 950, 1800], "unit": ["MWh"] * 4,
                                     "year": [2021, 2021, 2024, 2024], "region": ["", "Malmö", "", "Malmö"]}))
    den = {2021: "25 000 m2", 2024: "27 500 m2"}
    t = targets.Intensity("Energi per m2 −8 %", denominator=den, metric="energy", intensity_unit="kWh/m2",
                          fraction=0.08, base_year=2021, target_year=2028)
    r = t.evaluate(led, 2024)
    assert r.base_value.magnitude == pytest.approx(3_000_000 / 25_000)   # 120 kWh/m2
    assert r.actual.magnitude == pytest.approx(2_750_000 / 27_500)       # 100 kWh/m2
    assert r.target_value.magnitude == pytest.approx(120 * 0.92)
    assert r.status == "met"
    assert t.evaluate(led, 2023).status == "no_data"
    lim = targets.Intensity("≤ 110 kWh/m2", denominator="27 500 m2", metric="energy", intensity_unit="kWh/m2",
                            limit=105)
    assert lim.evaluate(led, 2024).status == "met"       # 100 kWh/m2
    # a constant denominator applies to every year: 3 000 000 kWh / 27 500 m2 = 109.09 kWh/m2
    r = lim.evaluate(led, 2021)
    assert r.status == "not_met" and r.actual.magnitude == pytest.approx(3_000_000 / 27_500)


def test_intensity_base_year_without_denominator_is_an_error():
    led = n2o_ledger({2021: 10.0, 2024: 8.0})
    t = targets.Intensity("per portion", denominator={2024: "1000 portion"}, fraction=0.2, base_year=2021,
                          target_year=2026)
    with pytest.raises(InputError, match="no denominator for the base year 2021"):
        t.evaluate(led, 2024)


# ----------------------------------------------------------------------------- benchmark
class Portfolio:
    """A stand-in with the metric methods the portfolio module is to have."""

    def __init__(self, footprints):
        self.footprints = footprints

    def carbon_footprint(self, year):
        return kb.Q_(self.footprints[year], "t CO2e/MSEK")


def test_below_benchmark_with_an_object_units_and_falling_vs_base():
    p = Portfolio({2021: 12.0, 2024: 9.0})
    t = targets.BelowBenchmark("Pensionsmedel under index", metric="carbon_footprint",
                               benchmark={2021: "15 t CO2e/MSEK", 2024: kb.Q_(10000, "kg CO2e/MSEK")}, base_year=2021)
    r = t.evaluate(p, 2024)
    assert r.status == "met"
    assert r.details["relative_to_benchmark"] == pytest.approx(9 / 10 - 1)  # "10 % lower than index"
    assert r.gap.to("t CO2e/MSEK").magnitude == pytest.approx(-1.0)
    worse = targets.BelowBenchmark("x", metric="carbon_footprint", benchmark=8.0, unit="t CO2e/MSEK", base_year=2021)
    r2 = worse.evaluate(p, 2024)   # falling vs 2021 but above the index
    assert (r2.status, r2.progress_code) == ("not_met", "delvis")
    assert targets.BelowBenchmark("x", benchmark=8.0).evaluate({2024: 9.0}, 2023).status == "no_data"


def test_below_benchmark_rejects_what_it_cannot_read():
    t = targets.BelowBenchmark("x", metric="waci", benchmark=1.0)
    with pytest.raises(InputError, match=r"object with a waci\(\) method"):
        t.evaluate(object(), 2024)
    with pytest.raises(UnitError):
        targets.BelowBenchmark("x", benchmark="1 kg").evaluate({2024: "1 MWh"}, 2024)


# ----------------------------------------------------------------------------- errors
def test_base_year_without_data_names_the_years_with_data():
    led = n2o_ledger({2022: 100.0, 2024: 80.0})
    t = targets.Reduction("Lustgas", base_year=2015, target_year=2028, fraction=0.4)
    with pytest.raises(InputError, match="no ledger rows for the selection in the base year; years with data: 2022, "
                                         "2024"):
        t.evaluate(led, 2024)


def test_empty_selection_names_the_values_in_the_ledger():
    led = n2o_ledger({2022: 100.0})
    t = targets.Reduction("Resor", base_year=2022, target_year=2028, fraction=0.25,
                          select={"category": "busines_travel"})
    with pytest.raises(InputError, match="matches no ledger rows; values in the ledger: medical_gases"):
        t.evaluate(led, 2022)
    with pytest.raises(InputError, match="no ledger column 'förvaltning'"):
        targets.Reduction("x", base_year=2022, target_year=2028, fraction=0.25,
                          select={"förvaltning": "x"}).evaluate(led, 2022)


@pytest.mark.parametrize("kwargs, match", [
    ({"fraction": 1.5}, "fraction must be between 0 and 1"),
    ({"fraction": -0.1}, "fraction must be between 0 and 1"),
    ({"fraction": 0.25, "target_year": 2020}, "target year must come after the base year 2022"),
    ({"fraction": 0.25, "metric": "kwh"}, "metric must be one of co2e, energy, energy_normal, amount"),
    ({"fraction": 0.25, "metric": "amount"}, "needs a unit"),
    ({"fraction": 0.25, "metric": "energy", "unit": "kg"}, "energy metric is measured in units like MJ"),
    ({"fraction": 0.25, "select": {"year": 2024}}, "the year is given to evaluate"),
])
def test_bad_definitions_raise_input_errors(kwargs, match):
    args = {"base_year": 2022, "target_year": 2028, **kwargs}
    with pytest.raises(InputError, match=match):
        targets.Reduction("x", **args)


def test_bad_rates_and_shares():
    with pytest.raises(ValueError, match="rate must be above 0 and at most 1"):
        targets.AnnualReduction("x", base_year=2021, target_year=2028, rate=4.2)
    with pytest.raises(InputError, match="path must be 'linear' or 'compound'"):
        targets.AnnualReduction("x", base_year=2021, target_year=2028, rate=0.042, path="exponential")
    with pytest.raises(InputError, match="minimum must be between 0 and 1"):
        targets.Share("x", minimum=92)
    with pytest.raises(InputError, match="give both a base year and a target year"):
        targets.Share("x", minimum=0.5, target_year=2028)
    with pytest.raises(InputError, match="use metric='energy'"):
        targets.Share("x", minimum=0.5, metric="co2e")
    with pytest.raises(InputError, match="a target needs a name"):
        targets.Cap("", limit=1)


# ----------------------------------------------------------------------------- from plain data (TOML)
def test_targets_from_plain_dicts_evaluate_like_the_originals():
    led = fuel_ledger()
    originals = [
        targets.Reduction("a", base_year=2021, target_year=2028, fraction=0.25, select={"area": "vehicles"}),
        targets.AnnualReduction("b", base_year=2021, target_year=2028, rate=0.042, path="compound"),
        targets.Cap("c", limit={2024: "5 t CO2e"}),
        targets.Share("d", minimum=1.0, unknown="exclude", base_year=2021, target_year=2028),
        targets.Intensity("e", denominator={"2021": "10 m2", "2024": "12 m2"}, metric="energy", unit="MWh",
                          fraction=0.1, base_year=2021, target_year=2028),
    ]
    for t in originals:
        spec = t.to_dict()
        again = targets.from_dict(spec)
        assert type(again) is type(t)
        assert again.evaluate(led, 2024).to_dict() == t.evaluate(led, 2024).to_dict()


def test_from_dict_names_unknown_parameters():
    with pytest.raises(InputError, match="not a parameter of cap; parameters: limit, method, metric"):
        targets.from_dict({"type": "cap", "name": "x", "limit": 1, "limt": 2})
    toml_like = {"type": "cap", "name": "Lustgas", "limit": {"2024": "2 000 kg"}, "metric": "n2o"}
    assert targets.from_dict(toml_like).limit_for(2024) == 2000.0


def test_a_new_kind_registers_itself_and_from_dict_builds_it():
    from dataclasses import dataclass
    from typing import ClassVar

    from klimatbokslut.targets.base import KINDS

    @dataclass(frozen=True, kw_only=True)
    class Floor(targets.Target):
        minimum: float
        kind: ClassVar[str] = "test_floor"

    try:
        assert KINDS["test_floor"] is Floor
        t = targets.from_dict({"type": "test_floor", "name": "x", "minimum": 2.0, "metric": "n2o"})
        assert type(t) is Floor and t.to_dict() == {"type": "test_floor", "name": "x", "select": {}, "metric": "n2o",
                                                     "unit": "kg", "method": None, "unknown": "no_data", "minimum": 2.0}
        with pytest.raises(TypeError, match="target kind 'cap' is already defined"):
            type("OtherCap", (targets.Target,), {"kind": "cap"})
    finally:
        KINDS.pop("test_floor", None)
    assert list(KINDS) == ["reduction", "annual_reduction", "cap", "share", "intensity", "below_benchmark",
                           "carbon_budget", "eu_climate_benchmark", "green_borrowing", "floor"]


def test_annual_reduction_is_no_reduction_and_derives_its_fraction():
    t = targets.AnnualReduction("x", base_year=2021, target_year=2028, rate=0.05)
    assert not isinstance(t, targets.Reduction)
    assert t.fraction == pytest.approx(0.35) and "fraction" not in t.to_dict()
    with pytest.raises(TypeError):
        targets.AnnualReduction("x", base_year=2021, target_year=2028, rate=0.05, fraction=0.3)
    with pytest.raises(InputError, match="not a parameter of annual_reduction"):
        targets.from_dict({"type": "annual_reduction", "name": "x", "base_year": 2021, "target_year": 2028,
                           "rate": 0.05, "fraction": 0.3})


def test_evaluate_all_gives_a_table_for_the_report():
    led = n2o_ledger({2022: 100.0, 2023: 97.0, 2024: 80.0})
    table = targets.evaluate_all([targets.Reduction("L", base_year=2022, target_year=2028, fraction=0.25,
                                                    metric="n2o")], led, range(2022, 2025))
    # the base year is on its own path; 2023: 97 > 100 − 25/6 = 95.83 kg; 2024: 80 < 91.67 kg
    assert table["status"].tolist() == ["on_track", "off_track", "on_track"]
    assert table["unit"].unique().tolist() == ["kg"]


# ----------------------------------------------------------------------------- invariants
@settings(max_examples=200, deadline=None)
@given(base=st.floats(1, 1e6), actual_f=st.floats(0.01, 2.0), rate=st.floats(0.005, 0.1),
       year=st.integers(2022, 2027), compound=st.booleans())
def test_required_rate_reaches_the_target_exactly(base, actual_f, rate, year, compound):
    t = targets.AnnualReduction("x", base_year=2021, target_year=2028, rate=rate,
                                path="compound" if compound else "linear")
    actual = base * actual_f
    tv = t.target_for(base)
    r = t._required(actual, base, year)
    n = 2028 - year
    if actual <= tv:
        assert r == 0.0
    elif compound:
        assert actual * (1 - r) ** n == pytest.approx(tv, rel=1e-9)
    else:
        assert actual - r * base * n == pytest.approx(tv, rel=1e-9, abs=1e-9 * base)


@settings(max_examples=40, deadline=None)
@given(base=st.floats(1, 1e4), actual=st.floats(0, 1e4), unit=st.sampled_from(["kg", "t", "g"]))
def test_status_and_gap_do_not_depend_on_the_unit(base, actual, unit):
    led = n2o_ledger({2022: base, 2025: actual})
    ref = targets.Reduction("x", base_year=2022, target_year=2028, fraction=0.25, metric="n2o").evaluate(led, 2025)
    other = targets.Reduction("x", base_year=2022, target_year=2028, fraction=0.25, metric="n2o",
                              unit=unit).evaluate(led, 2025)
    assert other.status == ref.status
    assert other.gap.to("kg").magnitude == pytest.approx(ref.gap.to("kg").magnitude, rel=1e-9, abs=1e-9)
    if ref.required_annual_rate is not None:
        assert other.required_annual_rate == pytest.approx(ref.required_annual_rate, rel=1e-9, abs=1e-12)


def test_an_intensity_without_a_denominator_is_an_input_error_naming_it():
    # found by the configuration fuzz test: an empty table of denominators ({}) used to raise StopIteration
    with pytest.raises(InputError, match="denominator"):
        kb.targets.Intensity("Värme per m²", denominator={}, limit=120)
