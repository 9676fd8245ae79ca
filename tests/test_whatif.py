"""What-if scenarios: worked examples by hand from the bundled factor values, and invariants.

Values read from emission_factors/ (see sources.csv for the publications):

* fuel_properties.csv: pump diesel 35.5 MJ/l (Energimyndigheten 2016, Diesel MK1);
  HVO100 34.0 MJ/l.
* fuels.csv, pump diesel 2024 (6 % reduction obligation): TTW 67.6757 g CO2/MJ,
  CH4 3.666 kg/TJ, N2O 3.666 kg/TJ, WTT 20.5488 g CO2e/MJ.
* fuels.csv, HVO100 2024: TTW 0 g fossil CO2/MJ, WTT 17.118 g CO2e/MJ
  (= (1 − 0.82) × 95.1, Fossilfritt Sverige / Energimyndigheten).
* electricity.csv: Ei Nordic residual mix 2023 524.1 g CO2/kWh; guarantees of origin
  0 g/kWh; IVL Nordic mix 2021–2023 59 g CO2/kWh (location-based).
* IPCC AR6 GWP100: CH4 27.9, N2O 273, desflurane 2590, sevoflurane 195.
* The price difference of 2 SEK/l is the example of the issue (a region's 2024 report).
"""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klimatbokslut import whatif
from klimatbokslut.errors import InputError

# g CO2e per MJ, AR6
DIESEL_2024 = 67.6757 + 3.666e-3 * 27.9 + 3.666e-3 * 273 + 20.5488      # = 89.3275994
DIESEL_2024_DIRECT = 67.6757 + 3.666e-3 * 27.9 + 3.666e-3 * 273         # scope 1
HVO_2024 = 0.0 + 17.118                                                   # all upstream (scope 3 cat. 3)


def diesel(litres=1000.0, year=2024, **cols):
    return pd.DataFrame({"activity": ["diesel"], "amount": [litres], "unit": ["l"], "year": [year], **cols})


def test_diesel_to_hvo100_energy_basis_by_hand():
    r = whatif.switch_fuel(diesel(1000), "diesel", "hvo100", price_difference="2 SEK/l")
    mj = 1000 * 35.5                                   # 35 500 MJ
    hvo_litres = mj / 34.0                             # 1 044.1176 l of HVO100 give the same energy
    baseline_kg = mj * DIESEL_2024 / 1000              # 3 171.1298 kg
    scenario_kg = mj * HVO_2024 / 1000                 # 607.689 kg
    avoided_t = (baseline_kg - scenario_kg) / 1000     # 2.5634 t
    extra_sek = hvo_litres * 2.0                       # 2 088.24 SEK
    assert r.scenario.frame["amount"].iloc[0] == pytest.approx(hvo_litres)
    assert r.baseline.total().magnitude == pytest.approx(baseline_kg / 1000)
    assert r.scenario.total().magnitude == pytest.approx(scenario_kg / 1000)
    assert r.avoided_co2e.magnitude == pytest.approx(avoided_t)
    assert r.avoided_co2e.magnitude == pytest.approx(2.563440779)
    assert r.extra_cost.to("SEK").magnitude == pytest.approx(extra_sek)
    assert r.cost_per_tonne.to("SEK / (t CO2e)").magnitude == pytest.approx(extra_sek / avoided_t)
    assert r.cost_per_tonne.magnitude == pytest.approx(814.63, abs=0.01)
    # the 44.1 extra litres are bought too; without the diesel price their cost is not in the total
    assert "+44.1176 l" in r.notes[0] and "from_price" in r.notes[0]
    # scope split: all direct diesel emissions leave scope 1, the upstream part changes in scope 3
    d = r.delta("scope").set_index("scope")["change_co2e_t"]
    assert d[1] == pytest.approx(-mj * DIESEL_2024_DIRECT / 1e6)
    assert d[3] == pytest.approx(mj * (HVO_2024 - 20.5488) / 1e6)


def test_diesel_to_hvo100_volume_basis_and_old_price():
    r = whatif.switch_fuel(diesel(1000), "diesel", "hvo100", basis="volume", price_difference="2 SEK/l")
    avoided_t = (1000 * 35.5 * DIESEL_2024 - 1000 * 34.0 * HVO_2024) / 1e6   # 2.5891 t
    assert r.avoided_co2e.magnitude == pytest.approx(avoided_t)
    assert r.extra_cost.magnitude == pytest.approx(2000.0)
    assert r.cost_per_tonne.magnitude == pytest.approx(2000.0 / avoided_t)
    assert r.notes == []
    # energy basis with the old fuel's price (10 SEK/l: an arbitrary test value, not a market price)
    e = whatif.switch_fuel(diesel(1000), "diesel", "hvo100", price_difference="2 SEK/l", from_price="10 SEK/l")
    hvo_litres = 35500 / 34.0
    assert e.extra_cost.magnitude == pytest.approx(hvo_litres * 2 + (hvo_litres - 1000) * 10)
    # a price per energy unit needs no old price on the energy basis: 35.5 MWh... 35 500 MJ = 9.8611 MWh
    m = whatif.switch_fuel(diesel(1000), "diesel", "hvo100", price_difference="100 SEK/MWh")
    assert m.extra_cost.magnitude == pytest.approx(35500 / 3600 * 100)
    assert m.notes == []


def test_partial_switch_of_a_selection_keeps_the_rest():
    acts = pd.DataFrame({"activity": ["diesel", "diesel", "el"], "amount": [1000, 500, 10],
                         "unit": ["l", "l", "MWh"], "year": [2024, 2024, 2023],
                         "org_unit": ["Ambulans", "Service", "Service"], "id": ["a", "b", "c"]})
    r = whatif.switch_fuel(acts, "pumpdiesel", "HVO", share=0.3, select={"org_unit": "Ambulans"})
    f = r.scenario.frame
    assert sorted(f["id"]) == ["a", "a#whatif", "b", "c"]
    amb = f[f["org_unit"] == "Ambulans"].set_index("id")
    assert amb.loc["a", "amount"] == pytest.approx(700)
    assert amb.loc["a#whatif", "amount"] == pytest.approx(300 * 35.5 / 34.0)
    assert amb.loc["a#whatif", "whatif"] == "30% diesel → hvo100 (energy basis)"
    assert r.avoided_co2e.magnitude == pytest.approx(300 * 35.5 * (DIESEL_2024 - HVO_2024) / 1e6)
    # the input table is not changed
    assert acts["activity"].tolist() == ["diesel", "diesel", "el"]


def test_electricity_contract_changes_market_based_only():
    acts = pd.DataFrame({"activity": ["el", "el"], "amount": [100, 50], "unit": ["MWh", "MWh"],
                         "year": [2023, 2023], "contract": ["", "go_renewable"]})
    r = whatif.switch_contract(acts, "go_renewable", price_difference="0.01 SEK/kWh")
    assert r.avoided_co2e.magnitude == pytest.approx(100 * 524.1 / 1000)   # 52.41 t
    assert r.avoided(method="location").magnitude == 0.0
    assert r.extra_cost.magnitude == pytest.approx(100_000 * 0.01)
    assert "location-based figure is the same" in r.notes[0]


def test_desflurane_to_sevoflurane_needs_a_stated_ratio():
    acts = pd.DataFrame({"activity": ["desflurane"], "amount": [10], "unit": ["kg"], "year": [2024]})
    with pytest.raises(TypeError, match="ratio"):
        whatif.switch_anaesthetic(acts)  # no default ratio: it is a clinical figure the caller must give
    ratio = 0.4  # arbitrary for the arithmetic, not a clinical equivalence
    r = whatif.switch_anaesthetic(acts, ratio=ratio)
    assert r.avoided_co2e.to("kg CO2e").magnitude == pytest.approx(10 * 2590 - 10 * ratio * 195)
    with pytest.raises(InputError, match="n2o is not a anaesthetic; choices: sevoflurane, desflurane, isoflurane"):
        whatif.switch_anaesthetic(acts, "desflurane", "lustgas", ratio=1.0)


def test_scenario_chains_steps_and_compare_shares_one_baseline():
    acts = pd.DataFrame({"activity": ["diesel", "el"], "amount": [1000, 100], "unit": ["l", "MWh"],
                         "year": [2024, 2023]})
    fuel = whatif.FuelSwitch("diesel", "hvo100", price_difference="2 SEK/l")
    el = whatif.ContractSwitch("go_renewable")
    both = whatif.Scenario("Fossilfritt", [fuel, el])
    r = both.run(acts)
    assert r.avoided_co2e.magnitude == pytest.approx(35500 * (DIESEL_2024 - HVO_2024) / 1e6 + 52.41)
    assert r.extra_cost is None and "no price for 100% electricity" in r.notes[-1]
    table = whatif.compare([fuel, el, both], acts)
    assert table["baseline_co2e_t"].nunique() == 1
    assert table["avoided_co2e_t"].iloc[2] == pytest.approx(table["avoided_co2e_t"].iloc[:2].sum())
    assert table["cost_per_tonne_sek"].iloc[0] == pytest.approx(35500 / 34.0 * 2 / (35500 * (DIESEL_2024 - HVO_2024)
                                                                                  / 1e6))


def test_sweep_is_linear_in_the_share():
    t = whatif.sweep(diesel(1000), whatif.FuelSwitch("diesel", "hvo100", price_difference="2 SEK/l"))
    assert t["share"].tolist() == pytest.approx([i / 10 for i in range(11)])
    full = t["avoided_co2e_t"].iloc[-1]
    assert t["avoided_co2e_t"].tolist() == pytest.approx([s * full for s in t["share"]])
    assert t["extra_cost_sek"].tolist() == pytest.approx([s * 35500 / 34.0 * 2 for s in t["share"]])
    assert pd.isna(t["cost_per_tonne_sek"].iloc[0])     # nothing avoided: no cost per tonne
    assert t["cost_per_tonne_sek"].iloc[1:].tolist() == pytest.approx([t["cost_per_tonne_sek"].iloc[-1]] * 10)


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize("args, kwargs, match", [
    (("diesel", "el"), {}, "electricity is not a fuel; fuels: diesel, diesel_fossil"),
    (("diesel", "lustgas"), {}, "n2o is not a fuel"),
    (("dissel", "hvo100"), {}, "unknown activity; did you mean diesel"),
    (("diesel", "hvo100"), {"share": 1.5}, "share must be between 0 and 1"),
    (("diesel", "hvo100"), {"share": -0.2}, "share must be between 0 and 1"),
    (("diesel", "hvo100"), {"basis": "mass"}, "basis must be 'energy' or 'volume'"),
    (("diesel", "biogas"), {"basis": "volume"}, "not measured in the same kind of volume"),
    (("diesel", "hvo100"), {"price_difference": "2 EUR/l"}, "the price must be in SEK"),
])
def test_bad_switches_raise_input_errors(args, kwargs, match):
    with pytest.raises(InputError, match=match):
        whatif.switch_fuel(diesel(), *args, **kwargs)


def test_empty_selection_and_unknown_column():
    with pytest.raises(InputError, match="no rows of petrol in the selection"):
        whatif.switch_fuel(diesel(), "petrol", "e85")
    with pytest.raises(InputError, match="no rows of diesel in the selection {'year': 2023}"):
        whatif.switch_fuel(diesel(), "diesel", "hvo100", select={"year": 2023})
    with pytest.raises(InputError, match="no activity column 'förvaltning'"):
        whatif.switch_fuel(diesel(), "diesel", "hvo100", select={"förvaltning": "x"})
    with pytest.raises(InputError, match="unknown electricity contract"):
        whatif.switch_contract(diesel(), "gröna")


def test_invalid_activity_rows_are_reported_not_dropped():
    bad = pd.DataFrame({"activity": ["diesel", "diesel"], "amount": [1000, "x"], "unit": ["l", "l"],
                        "year": [2024, 2024]})
    with pytest.raises(InputError, match="not a number: 'x'"):
        whatif.switch_fuel(bad, "diesel", "hvo100")


# ----------------------------------------------------------------------------- invariants
FUELS = ["diesel", "diesel_fossil", "petrol", "petrol_fossil", "hvo100", "fame", "e85"]
LIQUID_UNITS = ["l", "m3", "MJ", "kWh"]


def tables():
    row = st.fixed_dictionaries({"activity": st.sampled_from(FUELS), "amount": st.floats(0.0, 1e5),
                                 "unit": st.sampled_from(LIQUID_UNITS), "year": st.integers(2018, 2025)})
    return st.lists(row, min_size=1, max_size=5).map(pd.DataFrame)


@settings(max_examples=25, deadline=None)
@given(acts=tables(), to_fuel=st.sampled_from(FUELS), basis=st.sampled_from(["energy", "volume"]))
def test_a_zero_share_switch_changes_nothing(acts, to_fuel, basis):
    frm = acts["activity"].iloc[0]
    r = whatif.switch_fuel(acts, frm, to_fuel, share=0.0, basis=basis, price_difference="2 SEK/l")
    assert r.scenario.frame["co2e_kg"].tolist() == r.baseline.frame["co2e_kg"].tolist()
    assert r.avoided_co2e.magnitude == 0.0
    assert r.extra_cost.magnitude == 0.0


@settings(max_examples=25, deadline=None)
@given(acts=tables(), share=st.floats(0.0, 1.0), basis=st.sampled_from(["energy", "volume"]))
def test_switching_to_the_same_fuel_changes_nothing(acts, share, basis):
    frm = acts["activity"].iloc[0]
    r = whatif.switch_fuel(acts, frm, frm, share=share, basis=basis)
    assert r.scenario.total().magnitude == pytest.approx(r.baseline.total().magnitude, rel=1e-9, abs=1e-12)
    assert r.avoided_co2e.magnitude == pytest.approx(0.0, abs=1e-9 * max(r.baseline.total().magnitude, 1.0))


@settings(max_examples=25, deadline=None)
@given(acts=tables(), to_fuel=st.sampled_from(FUELS), share=st.floats(0.0, 1.0),
       basis=st.sampled_from(["energy", "volume"]))
def test_avoided_co2e_and_cost_are_linear_in_the_share(acts, to_fuel, share, basis):
    frm = acts["activity"].iloc[0]
    full = whatif.switch_fuel(acts, frm, to_fuel, share=1.0, basis=basis, price_difference="2 SEK/l")
    part = whatif.switch_fuel(acts, frm, to_fuel, share=share, basis=basis, price_difference="2 SEK/l")
    scale = max(full.baseline.total().magnitude, 1.0)
    assert part.avoided_co2e.magnitude == pytest.approx(share * full.avoided_co2e.magnitude, rel=1e-9,
                                                        abs=1e-9 * scale)
    assert part.extra_cost.magnitude == pytest.approx(share * full.extra_cost.magnitude, rel=1e-9, abs=1e-6)


# ----------------------------------------------------------------------------- N2O destruction units
N2O_ACTS = pd.DataFrame({"activity": ["lustgas", "lustgas", "entonox", "sevofluran"],
                         "amount": [1000.0, 400.0, 2000.0, 50.0], "unit": ["kg"] * 4, "year": [2024] * 4,
                         "site": ["Centralsjukhuset", "Länssjukhuset", "Centralsjukhuset", "Centralsjukhuset"]})
ENTONOX_N2O = 44.013 / (44.013 + 31.998)      # N2O mass fraction of 50/50 mol Entonox


def test_n2o_destruction_by_hand():
    # Centralsjukhuset only: 60 % of its lustgas and Entonox through units destroying 95 %.
    # Avoided = (1000 + 2000 × 0.5790) kg N2O × 0.6 × 0.95 × 273 (AR6); sevoflurane untouched.
    r = whatif.destroy_n2o(N2O_ACTS, efficiency=0.95, share=0.6, select={"site": "Centralsjukhuset"},
                           annual_cost="250 kSEK")
    n2o_kg = 1000 + 2000 * ENTONOX_N2O
    expected_t = n2o_kg * 0.6 * 0.95 * 273 / 1000
    assert r.avoided_co2e.to("t CO2e").magnitude == pytest.approx(expected_t, rel=1e-6)
    assert r.extra_cost.to("SEK").magnitude == pytest.approx(250_000)
    assert r.cost_per_tonne.magnitude == pytest.approx(250_000 / expected_t, rel=1e-6)
    # (the Entonox mass fraction is stored to 6 significant figures, hence rel 1e-6 above)
    assert r.scenario.total().magnitude == pytest.approx(r.baseline.total().magnitude - r.avoided_co2e.magnitude,
                                                         rel=1e-12)


def test_n2o_destruction_invariants():
    full = whatif.destroy_n2o(N2O_ACTS, efficiency=1.0, share=1.0)
    all_n2o_t = (1400 + 2000 * ENTONOX_N2O) * 273 / 1000
    assert full.avoided_co2e.to("t CO2e").magnitude == pytest.approx(all_n2o_t, rel=1e-6)
    none = whatif.destroy_n2o(N2O_ACTS, efficiency=0.9, share=0.0)
    assert none.avoided_co2e.magnitude == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.01, 1.0))
def test_n2o_destruction_is_linear_in_share_and_efficiency(share, efficiency):
    r = whatif.destroy_n2o(N2O_ACTS, efficiency=efficiency, share=share)
    unit = whatif.destroy_n2o(N2O_ACTS, efficiency=1.0, share=1.0).avoided_co2e.magnitude
    assert r.avoided_co2e.magnitude == pytest.approx(share * efficiency * unit, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("kwargs,column,reason", [
    ({"efficiency": 0}, "efficiency", "above 0 and at most 1"),
    ({"efficiency": "mycket"}, "efficiency", "above 0 and at most 1"),
    ({"efficiency": 0.9, "share": 1.2}, "share", ""),
    ({"efficiency": 0.9, "annual_cost": "3 kg"}, "annual_cost", "amount of money"),
])
def test_n2o_destruction_errors_name_the_parameter(kwargs, column, reason):
    with pytest.raises(InputError) as err:
        whatif.destroy_n2o(N2O_ACTS, **kwargs)
    assert err.value.failures.loc[0, "column"] == column and reason in err.value.failures.loc[0, "reason"]


def test_n2o_destruction_needs_n2o_rows_and_n2o_activities():
    with pytest.raises(InputError, match="no rows of n2o or entonox"):
        whatif.destroy_n2o(N2O_ACTS, efficiency=0.9, select={"site": "Tandvården"})
    with pytest.raises(InputError, match="nitrous oxide"):
        whatif.N2ODestruction(efficiency=0.9, activities=("sevoflurane",))
