"""Targets: milestones per year, the change against the base year, and the trend status rule.

Every expected value is worked by hand in the comments. The ledgers use nitrous oxide in kg
(``metric="n2o"``, so no emission factor enters the arithmetic), electricity in MWh
(1 MWh = 1 000 kWh) and HVO100 / fossil diesel in MWh (renewable share 1 and 0 in the
bundled data, so the renewable share is HVO100 MWh / all MWh).
"""

import tomllib

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut import targets
from klimatbokslut.errors import InputError
from klimatbokslut.targets import TargetResult
from klimatbokslut.units import Q_


def n2o_ledger(kg_by_year: dict[int, float]):
    years = sorted(kg_by_year)
    return kb.calculate(pd.DataFrame({"activity": ["n2o"] * len(years), "amount": [kg_by_year[y] for y in years],
                                      "unit": ["kg"] * len(years), "year": years}), gwp="AR6")


def el_ledger(mwh_by_year: dict[int, float]):
    years = sorted(mwh_by_year)
    return kb.calculate(pd.DataFrame({"activity": ["el"] * len(years), "amount": [mwh_by_year[y] for y in years],
                                      "unit": ["MWh"] * len(years), "year": years}))


def fuel_ledger(hvo_mwh_by_year: dict[int, float]):
    """100 MWh of vehicle fuel each year: HVO100 as given, the rest fossil diesel."""
    rows = []
    for y, hvo in hvo_mwh_by_year.items():
        rows += [("hvo100", hvo, y), ("diesel_fossil", 100.0 - hvo, y)]
    frame = pd.DataFrame(rows, columns=["activity", "amount", "year"]).assign(unit="MWh")
    return kb.calculate(frame)


# ----------------------------------------------------------------------------- change against the base year
def test_change_and_change_pct_of_a_reduction_by_hand():
    # 100 kg in 2022, 75.3 kg in 2024: change 75.3 − 100 = −24.7 kg; −24.7 / 100 = −0.247 ("−24,7 %")
    led = n2o_ledger({2022: 100.0, 2024: 75.3})
    r = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o").evaluate(led, 2024)
    assert r.change.to("kg").magnitude == pytest.approx(-24.7)
    assert r.change_pct == pytest.approx(-0.247)
    d = r.to_dict()
    assert d["change"] == pytest.approx(-24.7) and d["unit"] == "kg"
    assert d["change_pct"] == pytest.approx(-0.247)


def test_change_is_none_without_a_base_value_and_change_pct_none_for_a_zero_base():
    led = n2o_ledger({2024: 1800.0})
    r = targets.Cap("Lustgas", limit=2000, metric="n2o").evaluate(led, 2024)   # a cap has no base year
    assert r.change is None and r.change_pct is None
    assert r.to_dict()["change"] is None and r.to_dict()["change_pct"] is None
    zero = TargetResult("x", 2024, "not_met", actual=Q_(3.0, "kg"), base_value=Q_(0.0, "kg"), unit="kg")
    assert zero.change.magnitude == 3.0 and zero.change_pct is None
    missing = TargetResult("x", 2024, "no_data", base_value=Q_(5.0, "kg"), unit="kg")
    assert missing.change is None and missing.change_pct is None


def test_change_of_a_net_removal_keeps_the_direction():
    # −10 t → −5 t: change +5 t, relative to the size of the base 5 / 10 = +0.5
    r = TargetResult("x", 2024, "not_met", actual=Q_(-5.0, "t"), base_value=Q_(-10.0, "t"), unit="t")
    assert r.change_pct == pytest.approx(0.5)


def test_change_of_a_share_is_in_the_share_itself():
    # HVO100 30 of 100 MWh in 2021, 41.3 of 100 MWh in 2024: change 0.413 − 0.30 = 0.113 (11.3 points);
    # relative 0.113 / 0.30 = 0.37667
    led = fuel_ledger({2021: 30.0, 2024: 41.3})
    t = targets.Share("Förnybart", minimum=0.55, base_year=2021, target_year=2030)
    r = t.evaluate(led, 2024)
    assert r.actual.magnitude == pytest.approx(0.413)
    assert r.change.magnitude == pytest.approx(0.113)
    assert r.change_pct == pytest.approx(0.113 / 0.30)


# ----------------------------------------------------------------------------- Reduction milestones
MILESTONES = {2020: 0.67, 2022: 0.73, 2024: 0.75, 2026: 0.77}


def milestone_reduction(**kwargs):
    return targets.Reduction("Utsläpp −80 % till 2030", base_year=1990, target_year=2030, fraction=0.80,
                             milestones=MILESTONES, metric="n2o", **kwargs)


@pytest.mark.parametrize("year, path_kg", [
    (1990, 1000.0),   # base year: no reduction
    (2005, 665.0),    # 0.67 × (2005 − 1990) / (2020 − 1990) = 0.335 → 1000 × 0.665
    (2020, 330.0),    # milestone 67 %
    (2021, 300.0),    # 0.67 + 0.06 × 1/2 = 0.70
    (2022, 270.0),    # milestone 73 %
    (2023, 260.0),    # 0.73 + 0.02 × 1/2 = 0.74
    (2025, 240.0),    # 0.75 + 0.02 × 1/2 = 0.76
    (2026, 230.0),    # milestone 77 %
    (2028, 215.0),    # 0.77 + 0.03 × 2/4 = 0.785
    (2030, 200.0),    # fraction 80 %
    (2035, 200.0),    # after the target year the path stays at the target
])
def test_reduction_path_through_the_milestones_by_hand(year, path_kg):
    assert milestone_reduction().trajectory(1000.0, year) == pytest.approx(path_kg)


def test_reduction_milestone_year_uses_the_milestone_as_target_value():
    led = n2o_ledger({1990: 1000.0, 2021: 300.0, 2022: 262.0, 2023: 262.0, 2024: 252.0})
    t = milestone_reduction()
    # 2022, a milestone year: target 1000 × (1 − 0.73) = 270 kg; 262 kg is below it
    r = t.evaluate(led, 2022)
    assert r.target_value.to("kg").magnitude == pytest.approx(270.0)
    assert r.status == "met" and r.progress_code == "helt"
    assert r.details["milestone"] == {"year": 2022, "fraction": 0.73}
    assert r.to_dict()["milestone"] == {"year": 2022, "fraction": 0.73}
    assert r.gap.to("kg").magnitude == pytest.approx(262.0 - 270.0)
    assert r.change.to("kg").magnitude == pytest.approx(-738.0) and r.change_pct == pytest.approx(-0.738)
    # 2023, between milestones: target value is the final 200 kg; path 260 kg; 262 > 260 → off track
    r = t.evaluate(led, 2023)
    assert r.target_value.to("kg").magnitude == pytest.approx(200.0)
    assert r.trajectory_value.to("kg").magnitude == pytest.approx(260.0)
    assert r.status == "off_track" and "milestone" not in r.details
    assert r.progress == pytest.approx((1000 - 262) / (1000 - 200))   # 0.9225 → delvis
    assert r.progress_code == "delvis"
    # required per year to the final 200 kg, of the 1000 kg base: (262 − 200) / (1000 × 7 years left)
    assert r.required_annual_rate == pytest.approx(62 / 7000)
    # 2024, milestone 75 %: target 250 kg = the path; 252 kg misses it → off track, gap 2 kg
    r = t.evaluate(led, 2024)
    assert r.target_value.to("kg").magnitude == pytest.approx(250.0)
    assert r.status == "off_track" and r.gap.to("kg").magnitude == pytest.approx(2.0)
    # 2021, exactly on the path (300 kg): on track
    assert t.evaluate(led, 2021).status == "on_track"


def test_reduction_milestone_in_the_target_year_equal_to_fraction_is_accepted():
    t = targets.Reduction("x", base_year=1990, target_year=2026, fraction=0.77, milestones=MILESTONES, metric="n2o")
    assert t.trajectory(1000.0, 2026) == pytest.approx(230.0)
    assert t.trajectory(1000.0, 2025) == pytest.approx(240.0)   # 0.75 + 0.02 / 2 = 0.76


@pytest.mark.parametrize("milestones, match", [
    ({1990: 0.1}, r"milestones\[1990\]', value '0.1': a milestone year must be after the base year 1990"),
    ({2031: 0.8}, r"milestones\[2031\]', value '0.8': .*not after the target year 2030"),
    ({2020: 0.67, 2022: 0.6}, r"milestones\[2022\]', value '0.6': a milestone cannot be below the one before it "
                              r"\(0.67 in 2020\)"),
    ({2020: 0.9}, r"milestones\[2020\]', value '0.9': a milestone cannot exceed fraction \(0.8 in 2030\)"),
    ({2030: 0.7}, r"milestones\[2030\]', value '0.7': the milestone of the target year must equal fraction"),
    ({2020: 67}, r"milestones\[2020\]', value '67': milestones\[2020\] must be between 0 and 1"),
    ([0.67], "milestones are a mapping year -> fraction"),
])
def test_reduction_milestone_errors_name_the_year_and_value(milestones, match):
    with pytest.raises(InputError, match=match):
        targets.Reduction("x", base_year=1990, target_year=2030, fraction=0.8, milestones=milestones, metric="n2o")


# ----------------------------------------------------------------------------- Intensity limits per year
def test_intensity_limit_per_year_stays_until_the_next_milestone():
    # 10 000 m2; MWh × 1 000 / 10 000 = kWh/m2: 780 → 78, 770 → 77, 765 → 76.5, 750 → 75
    led = el_ledger({2023: 780.0, 2024: 770.0, 2025: 765.0, 2027: 750.0})
    t = targets.Intensity("Energi per m2", denominator="10 000 m2", metric="energy", intensity_unit="kWh/m2",
                          limit={"2024": 77, "2025": 76, "2026": 75}, base_year=2023)
    r = t.evaluate(led, 2023)           # before the first milestone
    assert (r.status, r.progress_code) == ("no_data", "värde saknas")
    assert r.note == "no limit applies yet: the first limit is for 2024"
    r = t.evaluate(led, 2024)           # 77 ≤ 77
    assert r.status == "met" and r.target_value.magnitude == pytest.approx(77.0)
    assert r.details["milestone"] == {"year": 2024, "limit": 77.0}
    r = t.evaluate(led, 2025)           # 76.5 > 76
    assert r.status == "not_met" and r.gap.magnitude == pytest.approx(0.5)
    # base 78 kWh/m2 (2023): change −1.5 kWh/m2, −1.5 / 78 = −0.019231; progress (78 − 76.5) / (78 − 76) = 0.75
    assert r.base_value.magnitude == pytest.approx(78.0)
    assert r.change.magnitude == pytest.approx(-1.5) and r.change_pct == pytest.approx(-1.5 / 78)
    assert r.progress == pytest.approx(0.75) and r.progress_code == "delvis"
    r = t.evaluate(led, 2027)           # the 2026 limit of 75 still applies; 75 ≤ 75
    assert r.status == "met" and r.details["milestone"] == {"year": 2026, "limit": 75.0}
    assert t.evaluate(led, 2026).status == "no_data"   # no energy in 2026


def test_intensity_limit_per_year_is_checked_like_one_limit():
    kw = {"denominator": "10 000 m2", "metric": "energy", "intensity_unit": "kWh/m2"}
    with pytest.raises(InputError, match=r"limit\[2025\]', value '0': a limit must be above 0"):
        targets.Intensity("x", limit={2024: 77, 2025: 0}, **kw)
    with pytest.raises(InputError, match="no limits given"):
        targets.Intensity("x", limit={}, **kw)
    with pytest.raises(InputError, match="target_year goes with fraction"):
        targets.Intensity("x", limit={2024: 77}, target_year=2030, **kw)
    # a limit with a unit is converted: 0.077 MWh/m2 = 77 kWh/m2
    t = targets.Intensity("x", limit={2024: "0.077 MWh/m2"}, **kw)
    assert t.limit_for(2030) == (2024, pytest.approx(77.0))
    assert t.limit_for(2023) is None


# ----------------------------------------------------------------------------- Share minimum per year
def test_share_minimum_per_year():
    # HVO100 of 100 MWh: 2023 39 %, 2024 41.3 %, 2026 50 %
    led = fuel_ledger({2023: 39.0, 2024: 41.3, 2026: 50.0})
    t = targets.Share("Förnybara drivmedel", minimum={"2024": 0.45, "2026": 0.50, "2030": 0.55}, base_year=2023)
    assert t.evaluate(led, 2023).note == "no minimum applies yet: the first minimum is for 2024"
    r = t.evaluate(led, 2024)
    assert r.status == "not_met" and r.target_value.magnitude == pytest.approx(0.45)
    assert r.details["milestone"] == {"year": 2024, "minimum": 0.45}
    # progress (0.39 − 0.413) / (0.39 − 0.45) = 0.023 / 0.06 = 0.38333
    assert r.progress == pytest.approx(0.023 / 0.06) and r.progress_code == "delvis"
    assert r.gap.magnitude == pytest.approx(0.45 - 0.413)
    assert t.evaluate(led, 2026).status == "met"       # 0.50 ≥ 0.50
    with pytest.raises(InputError, match="a minimum per year is its own path"):
        targets.Share("x", minimum={2024: 0.45}, base_year=2023, target_year=2030)
    with pytest.raises(InputError, match=r"minimum\[2024\]', value '45'"):
        targets.Share("x", minimum={2024: 45})


# ----------------------------------------------------------------------------- trend status rule
def test_trend_rule_gives_delvis_for_an_improving_share_below_its_goal():
    # 41.3 % against 55 %, 39 % the year before: improving → delvis under the trend rule only
    led = fuel_ledger({2023: 39.0, 2024: 41.3, 2025: 40.0, 2026: 40.0})
    standard = targets.Share("Förnybart", minimum=0.55)
    trend = targets.Share("Förnybart", minimum=0.55, status_rule="trend")
    r0, r1 = standard.evaluate(led, 2024), trend.evaluate(led, 2024)
    assert (r0.status, r0.progress_code) == ("not_met", "inte alls")
    assert (r1.status, r1.progress_code) == ("not_met", "delvis")     # the status itself is unchanged
    assert r1.details == {"trend": "improving", "trend_from_year": 2023}
    assert r1.to_dict()["trend"] == "improving" and r1.to_dict()["status_rule"] == "trend"
    assert "trend" not in r0.details and r0.to_dict()["status_rule"] == "standard"
    r = trend.evaluate(led, 2025)                                 # 40.0 < 41.3: worsening
    assert (r.progress_code, r.details["trend"]) == ("inte alls", "worsening")
    r = trend.evaluate(led, 2026)                                 # 40.0 = 40.0
    assert (r.progress_code, r.details["trend"]) == ("inte alls", "unchanged")
    r = trend.evaluate(led, 2023)                                 # no earlier year
    assert (r.progress_code, r.details) == ("inte alls", {"trend": "unknown", "trend_from_year": None})


def test_trend_rule_skips_years_without_data_and_keeps_positive_progress():
    # caps: lower is better. 2021 2 300 kg, no 2022, 2023 2 200 kg: improving from 2021
    led = n2o_ledger({2021: 2300.0, 2023: 2200.0, 2024: 2250.0})
    cap = targets.Cap("Lustgas", limit=2000, metric="n2o", status_rule="trend")
    r = cap.evaluate(led, 2023)
    assert (r.status, r.progress_code, r.details["trend_from_year"]) == ("not_met", "delvis", 2021)
    assert cap.evaluate(led, 2022).details == {"trend": "unknown", "trend_from_year": None}   # no_data
    assert cap.evaluate(led, 2022).progress_code == "värde saknas"
    assert cap.evaluate(led, 2024).progress_code == "inte alls"                   # 2 250 > 2 200
    # a reduction with progress > 0 stays delvis even when worsening: (100 − 90) / (100 − 75) = 0.4
    led = n2o_ledger({2022: 100.0, 2023: 85.0, 2024: 90.0})
    t = targets.Reduction("L", base_year=2022, target_year=2028, fraction=0.25, metric="n2o", status_rule="trend")
    r = t.evaluate(led, 2024)
    assert (r.details["trend"], r.progress, r.progress_code) == ("worsening", pytest.approx(0.4), "delvis")
    assert t.evaluate(led, 2023).progress_code == "delvis"


def test_trend_rule_for_intensity_and_benchmark():
    # 780 → 770 MWh on 10 000 m2: 78 → 77 kWh/m2 against 75: improving
    led = el_ledger({2023: 780.0, 2024: 770.0})
    t = targets.Intensity("x", denominator="10 000 m2", metric="energy", intensity_unit="kWh/m2", limit=75,
                          status_rule="trend")
    assert (t.evaluate(led, 2024).progress_code, t.evaluate(led, 2024).details["trend"]) == ("delvis", "improving")

    class Fund:
        def __init__(self, fp):
            self.fp = fp

        def carbon_footprint(self):
            return self.fp

    # 9.0 → 8.5 t CO2e/MSEK against a benchmark of 8.0: not below it, but improving
    b = targets.BelowBenchmark("Fond", metric="carbon_footprint", unit="t CO2e/MSEK", benchmark=8.0,
                               status_rule="trend")
    r = b.evaluate({2023: Fund(9.0), 2024: Fund(8.5)}, 2024)
    assert (r.status, r.progress_code, r.details["trend_from_year"]) == ("not_met", "delvis", 2023)


def test_trend_rule_skips_an_earlier_year_where_the_selection_has_no_rows():
    # 2021 has only electricity (no vehicle rows); 2023 HVO100 30 of 100 MWh, 2024 40 of 100: improving from 2023
    rows = [("el", 5.0, 2021), ("hvo100", 30.0, 2023), ("diesel_fossil", 70.0, 2023), ("hvo100", 40.0, 2024),
            ("diesel_fossil", 60.0, 2024)]
    led = kb.calculate(pd.DataFrame(rows, columns=["activity", "amount", "year"]).assign(unit="MWh"))
    t = targets.Share("HVO", minimum=0.5, numerator={"activity": "hvo100"}, select={"area": "vehicles"},
                      status_rule="trend")
    assert t.evaluate(led, 2024).details == {"trend": "improving", "trend_from_year": 2023}
    assert t.evaluate(led, 2023).details == {"trend": "unknown", "trend_from_year": None}


def test_status_rule_is_checked():
    with pytest.raises(InputError, match="status_rule must be one of standard, trend"):
        targets.Cap("x", limit=1, status_rule="trends")


# ----------------------------------------------------------------------------- configuration (TOML)
TOML = """
[[targets]]
type = "reduction"
name = "Utsläpp"
metric = "n2o"
base_year = 1990
target_year = 2030
fraction = 0.80
status_rule = "trend"
milestones = { "2020" = 0.67, "2022" = 0.73, "2024" = 0.75, "2026" = 0.77 }

[[targets]]
type = "intensity"
name = "Energi per m2"
metric = "energy"
intensity_unit = "kWh/m2"
denominator = "10 000 m2"
limit = { "2024" = 77, "2025" = 76, "2026" = 75 }

[[targets]]
type = "share"
name = "Förnybart"
minimum = { "2024" = 0.45, "2030" = 0.55 }
"""


def test_milestones_and_status_rule_from_toml_and_back():
    specs = tomllib.loads(TOML)["targets"]
    red, inten, share = (targets.from_dict(s) for s in specs)
    assert red.milestones == MILESTONES and red.status_rule == "trend"
    assert red.trajectory(1000.0, 2023) == pytest.approx(260.0)
    assert inten.limit_for(2025) == (2025, 76.0)
    assert share.minimum_for(2027) == (2024, 0.45)
    for t in (red, inten, share):
        again = targets.from_dict(t.to_dict())
        assert again.to_dict() == t.to_dict()
    assert red.to_dict()["milestones"] == {"2020": 0.67, "2022": 0.73, "2024": 0.75, "2026": 0.77}
    assert red.to_dict()["status_rule"] == "trend"
    assert "status_rule" not in inten.to_dict()          # the default is left out
    led = n2o_ledger({1990: 1000.0, 2022: 262.0})
    assert targets.from_dict(red.to_dict()).evaluate(led, 2022).to_dict() == red.evaluate(led, 2022).to_dict()


# ----------------------------------------------------------------------------- invariants
@st.composite
def milestone_sets(draw):
    base = draw(st.integers(1990, 2020))
    target = draw(st.integers(base + 2, base + 40))
    years = sorted(draw(st.sets(st.integers(base + 1, target - 1), max_size=8)))
    fraction = draw(st.floats(0.01, 1.0))
    fracs = sorted(draw(st.lists(st.floats(0.0, fraction), min_size=len(years), max_size=len(years))))
    return base, target, fraction, dict(zip(years, fracs))


@settings(max_examples=150, deadline=None)
@given(ms=milestone_sets(), base_value=st.floats(1.0, 1e6))
def test_trajectory_passes_through_every_milestone_and_never_rises(ms, base_value):
    base, target, fraction, milestones = ms
    t = targets.Reduction("x", base_year=base, target_year=target, fraction=fraction, milestones=milestones,
                          metric="n2o")
    # exactly through the base year, every milestone and the target: value × (1 − fraction of that year)
    assert t.trajectory(base_value, base) == base_value
    assert t.trajectory(base_value, target) == base_value * (1.0 - fraction)
    for y, f in milestones.items():
        assert t.trajectory(base_value, y) == base_value * (1.0 - f)
    path = [t.trajectory(base_value, y) for y in range(base - 1, target + 2)]
    assert all(b <= a * (1 + 1e-12) + 1e-9 for a, b in zip(path, path[1:]))
