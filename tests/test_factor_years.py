"""How a figure is chosen for a year: editions, the nearest edition, per-year user rows, factor_id per method.

Figures typed from the sources: Ei residual mix 2022 467.62 g CO2/kWh; IVL Nordic mix 2021–2023
59 g CO2/kWh; Malmö district heating 2022 119.4 g CO2e/kWh (Energiföretagen via Miljöbarometern).
"""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut.factors import network_key


@pytest.fixture(scope="module")
def fs():
    return kb.default_factors()


def _bundled(fs, rows):
    """A factor set whose bundled rows are ``rows`` (as a publisher's dataset would give them)."""
    frame = pd.DataFrame([dict(region="SE", method="", instrument="", gwp="test", source_id="unsourced",
                               derived=False, note="", file="test.csv", user=False, edition=None) | r for r in rows])
    return kb.FactorSet(frame, fs.properties.reset_index(drop=True), fs.sources.reset_index(drop=True),
                        version="test", shares=fs.shares)


def _row(fid, y0, y1, value):
    return dict(factor_id=fid, activity="diesel", valid_from=y0, valid_to=y1, value=value, unit="kg CO2e/l",
                gas="CO2e", boundary="lifecycle")


def test_nearest_edition_earlier_on_a_tie_and_flagged(fs):
    t = _bundled(fs, [_row("a", 2010, 2010, 1.0), _row("b", 2014, 2014, 2.0), _row("c", 2020, 2022, 3.0)])
    cases = {2010: (1.0, 2010, False), 2012: (1.0, 2010, True), 2013: (2.0, 2014, True),
             2017: (2.0, 2014, True), 2018: (3.0, 2020, True), 2021: (3.0, 2021, False),
             2005: (1.0, 2010, True), 2030: (3.0, 2022, True)}
    for year, (value, factor_year, flagged) in cases.items():
        sel = t.select("diesel", year)
        assert (sel.rows["value"].item(), sel.factor_year, sel.fallback) == (value, factor_year, flagged), year


def test_a_period_edition_covers_each_year_of_its_period(fs):
    # IVL's Nordic mix 2021–2023 (59 g CO2/kWh) describes 2022: no flag, factor_year 2022.
    sel = fs.select("electricity", 2022, method="location")
    assert sel.rows["value"].item() == pytest.approx(59.0) and sel.factor_year == 2022 and not sel.fallback


def test_bundled_spans_of_one_key_never_overlap(fs):
    """The selector takes the whole row set of one span: two spans covering one year would drop rows."""
    f = fs.factors
    problems = []
    for key, grp in f.groupby(["activity", "region", "method", "instrument"]):
        spans = sorted(set(zip(grp["valid_from"], grp["valid_to"])))
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            if b0 <= a1:
                problems.append((key, (a0, a1), (b0, b1)))
    assert not problems, problems


def _plain(frame):
    """Values only: categorical columns as text (their category lists depend on the other rows)."""
    out = frame.reset_index(drop=True).copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(object)
    return out


def _diesel(years):
    return pd.DataFrame({"activity": "diesel", "amount": 1000.0, "unit": "l", "year": list(years)})


def test_a_user_row_for_2012_leaves_2023_and_2024_alone(fs):
    acts = _diesel([2012, 2023, 2024])
    base = kb.calculate(acts, factors=fs).frame
    user = fs.with_factors([dict(activity="diesel", valid_from=2012, valid_to=2012, value=2.90, unit="kg CO2e/l",
                                 gas="CO2e", boundary="lifecycle")])
    led = kb.calculate(acts, factors=user).frame
    assert led.loc[0, "co2e_kg"] == pytest.approx(2900.0)
    assert "fallback_year" not in str(led.loc[0, "flags"]) and led.loc[0, "factor_year"] == 2012
    pd.testing.assert_frame_equal(_plain(led.iloc[1:]), _plain(base.iloc[1:]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(user_year=st.integers(2008, 2027), years=st.lists(st.integers(2008, 2027), min_size=1, max_size=6),
       activity=st.sampled_from(["diesel", "petrol", "hvo100", "electricity", "flight"]))
def test_a_user_row_for_one_year_changes_no_row_of_another_year(fs, user_year, years, activity):
    unit, kw = {"electricity": ("kWh", {}), "flight": ("pkm", {"band": "domestic"})}.get(activity, ("l", {}))
    acts = pd.DataFrame({"activity": activity, "amount": 100.0, "unit": unit, "year": years, **kw})
    region = kw.get("band", "SE")
    inst = "rf/average" if activity == "flight" else ("residual_mix" if activity == "electricity" else "")
    method = "market" if activity == "electricity" else ""
    user = fs.with_factors([dict(activity=activity, region=region, valid_from=user_year, valid_to=user_year,
                                 value=7.0, unit=f"kg CO2e/{unit}", gas="CO2e", boundary="lifecycle",
                                 method=method, instrument=inst)])
    base = kb.calculate(acts, factors=fs, on_error="collect")
    led = kb.calculate(acts, factors=user, on_error="collect")
    other_b = _plain(base.frame[base.frame["year"] != user_year])
    other_u = _plain(led.frame[led.frame["year"] != user_year])
    pd.testing.assert_frame_equal(other_u, other_b)
    mine = led.frame[led.frame["year"] == user_year]
    assert mine["co2e_market_kg"].tolist() == pytest.approx([700.0] * len(mine))


def test_overlapping_user_rows_are_an_error_naming_both(fs):
    with pytest.raises(kb.InputError) as err:
        fs.with_factors([dict(factor_id="mine-a", activity="diesel", valid_from=2020, valid_to=2022, value=2.5,
                              unit="kg CO2e/l", gas="CO2e", boundary="lifecycle"),
                         dict(factor_id="mine-b", activity="diesel", valid_from=2022, valid_to=2022, value=2.6,
                              unit="kg CO2e/l", gas="CO2e", boundary="lifecycle")])
    text = str(err.value)
    assert "mine-a" in text and "mine-b" in text and "2022" in text


def test_user_rows_of_a_new_network_apply_only_to_their_years(fs):
    user = fs.with_factors([dict(activity="district_heating", region="Ljusnarsberg", valid_from=2024,
                                 valid_to=2024, value=30.0, unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle")])
    assert user.select("district_heating", 2024, region="Ljusnarsberg").rows["value"].item() == 30.0
    with pytest.raises(kb.FactorNotFoundError, match="cover 2024, not 2023"):
        user.select("district_heating", 2023, region="Ljusnarsberg")


def test_factor_id_of_a_guarantee_of_origin_keeps_the_location_figure(fs):
    acts = pd.DataFrame({"activity": "electricity", "amount": [1000.0, 1000.0], "unit": "kWh", "year": 2022,
                         "factor_id": ["electricity-market-go_hydro", "electricity-location-nordic-2021-2023"]})
    f = kb.calculate(acts, factors=fs).frame
    # GO hydro: market 0 g/kWh (Ei); location still the Nordic mix 59 g/kWh.
    assert f.loc[0, "co2e_market_kg"] == 0.0 and f.loc[0, "co2e_location_kg"] == pytest.approx(59.0)
    # The location row named: location 59, market follows its own rule (residual mix 2022, 467.62 g/kWh).
    assert f.loc[1, "co2e_location_kg"] == pytest.approx(59.0)
    assert f.loc[1, "co2e_market_kg"] == pytest.approx(467.62)


def test_network_names_match_forgivingly(fs):
    for name in ("Malmö", "malmo", "MALMÖ", "Malmö Energi", "malmö energi ab"):
        assert fs.select("district_heating", 2022, region=name).rows["value"].sum() == pytest.approx(119.4), name
    assert network_key("Karlskoga") != network_key("Karlstad")
    assert network_key("Tekniska verken i Linköping") == network_key("Linköping")


def test_heat_without_a_network_is_the_national_default_and_flagged(fs):
    user = fs.with_factors([dict(activity="district_heating", region="SE", valid_from=2022, valid_to=2022,
                                 value=50.0, unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle")])
    f = kb.calculate(pd.DataFrame({"activity": ["district_heating", "district_heating"], "amount": 1000.0,
                                   "unit": "kWh", "year": 2022, "region": ["", "Malmö"]}), factors=user).frame
    assert f.loc[0, "co2e_kg"] == pytest.approx(50.0) and "national_default" in f.loc[0, "flags"]
    assert "national_default" not in f.loc[1, "flags"]


def test_a_fuel_with_a_bio_part_and_no_memo_is_flagged_never_a_silent_zero(fs):
    acts = pd.DataFrame({"activity": ["hvo100", "diesel_fossil"], "amount": 1000.0, "unit": "l", "year": 2024})
    f = kb.calculate(acts, factors=fs).frame
    assert f.loc[0, "co2_biogenic_kg"] > 0 and "biogenic_unknown" not in f.loc[0, "flags"]
    assert "biogenic_unknown" not in f.loc[1, "flags"]
    no_memo = fs.factors[fs.factors["gas"] != "CO2_biogenic"]
    t = kb.FactorSet(no_memo, fs.properties.reset_index(drop=True), fs.sources.reset_index(drop=True),
                     version="test", shares=fs.shares)
    f = kb.calculate(acts, factors=t).frame
    assert f.loc[0, "co2_biogenic_kg"] == 0.0 and "biogenic_unknown" in f.loc[0, "flags"]


def test_a_suppliers_electricity_as_a_contract_of_ones_own(fs):
    user = fs.with_factors([dict(activity="electricity", method="market", instrument="leverantor_x",
                                 valid_from=2024, valid_to=2024, value=12.0, unit="g CO2e/kWh", gas="CO2e",
                                 boundary="lifecycle", source_id="s")],
                           sources=[dict(source_id="s", publisher="Elbolaget", title="Ursprungsmärkning 2024")])
    f = kb.calculate(pd.DataFrame({"activity": "el", "amount": [1000.0], "unit": "kWh", "year": 2024,
                                   "contract": "leverantor_x"}), factors=user).frame
    # market: the supplier's 12 g/kWh; location: the Nordic mix 2021–2023 (59 g/kWh), the nearest edition
    assert f.loc[0, "co2e_market_kg"] == pytest.approx(12.0) and f.loc[0, "co2e_location_kg"] == pytest.approx(59.0)
    assert f.loc[0, "data_quality"] == "supplier_specific"
    with pytest.raises(kb.InputError, match="leverantor_x"):
        kb.calculate(pd.DataFrame({"activity": "el", "amount": [1.0], "unit": "kWh", "year": 2024,
                                   "contract": "leverantor_y"}), factors=user)
