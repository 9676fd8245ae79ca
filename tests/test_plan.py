"""The programme's own indicator table (issue: floors and ceilings, yes/no attributes, given values,
the plan's table in and out, trend words). Every figure is made up and worked by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut import targets
from klimatbokslut.config import load_config, validate
from klimatbokslut.errors import ConfigError, InputError
from klimatbokslut.plan.follow import follow_up, overlaps, trend_of
from klimatbokslut.plan.given import read_given
from klimatbokslut.plan.table import read_plan
from klimatbokslut.report.plan_words import trend_word

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "region" / "klimatbokslut.toml"


# ----------------------------------------------------------------------------- floors and ceilings
def test_own_solar_600_against_at_least_500_is_met_and_700_against_800_is_not():
    led = kb.calculate(pd.DataFrame({"activity": ["solar_power"] * 2, "amount": [600, 700], "unit": ["MWh"] * 2,
                                     "year": [2024, 2025]}))
    t = targets.Floor("Egen solel", minimum={2024: 500, 2025: 800, 2026: 1100}, metric="energy", unit="MWh",
                      select={"activity": "solar_power"})
    r24, r25 = t.evaluate(led, 2024), t.evaluate(led, 2025)
    assert (r24.status, r24.actual.magnitude, r24.target_value.magnitude) == ("met", 600.0, 500.0)
    assert (r25.status, r25.actual.magnitude, r25.target_value.magnitude) == ("not_met", 700.0, 800.0)
    assert r24.gap.magnitude == -100.0 and r25.gap.magnitude == 100.0     # 500 − 600; 800 − 700
    # A cap with the same levels reads the other way: the two kinds are each other's mirror.
    cap = targets.Cap("Tak", limit={2024: 500, 2025: 800}, metric="energy", select={"activity": "solar_power"})
    assert (cap.evaluate(led, 2024).status, cap.evaluate(led, 2025).status) == ("not_met", "met")


def test_a_floor_with_a_path_is_on_track_before_its_target_year():
    # green roofs 5 000 m² (2021) to at least 5 600 m² by 2027: the path gains 100 m² a year, 5 300 in 2024;
    # 5 350 is above it (on track), 5 250 below (off track).
    t = targets.Floor("Gröna tak", minimum="5 600 m2", unit="m2", base_year=2021, target_year=2027,
                      select={"activity": "solar_power"}, metric="amount")
    led = kb.calculate(pd.DataFrame({"activity": ["solar_power"] * 3, "amount": [5000, 5350, 5250],
                                     "unit": ["kWh"] * 3, "year": [2021, 2024, 2025]}))
    with pytest.raises(kb.errors.UnitError):       # kWh are not m²: a floor's unit is checked, never assumed
        t.evaluate(led, 2024)
    given = read_given(pd.DataFrame({"name": ["Gröna tak"] * 3, "year": [2021, 2024, 2025],
                                     "value": ["5 000", "5 350", "5 250"], "unit": ["m²"] * 3,
                                     "source": ["fastighetsregistret (påhittat)"] * 3}))
    s = given.series("Gröna tak")
    r = t.evaluate(s, 2024)
    assert r.status == "on_track" and r.trajectory_value.magnitude == pytest.approx(5300.0)
    assert t.evaluate(s, 2025).status == "off_track"                      # path 5 400 in 2025
    assert r.progress == pytest.approx(350 / 600)                          # (5 350 − 5 000) / (5 600 − 5 000)


def test_floor_parameters_are_checked():
    with pytest.raises(InputError, match="amount metric needs a unit"):
        targets.Floor("x", minimum=1)
    with pytest.raises(InputError, match="both a base year and a target year"):
        targets.Floor("x", minimum=1, unit="MWh", metric="energy", base_year=2021)
    with pytest.raises(InputError, match="a floor per year is its own path"):
        targets.Floor("x", minimum={2024: 1}, unit="MWh", metric="energy", target_year=2026)


def test_food_waste_17_9_percent_against_at_most_17_5_is_not_met():
    # 179 t of food waste in 1 000 t of waste: 17.9 %; at most 17.5 % is not met, at most 18 % is.
    led = kb.calculate(pd.DataFrame({"activity": ["waste_food_biogas", "waste_incineration"], "amount": [179, 821],
                                     "unit": ["t", "t"], "year": [2024, 2024]}))
    common = dict(metric="amount", unit="t", select={"area": "waste"}, numerator={"activity": "waste_food_biogas"})
    r = targets.Share("Matsvinn", maximum={2024: 0.175, 2025: 0.17}, **common).evaluate(led, 2024)
    assert r.status == "not_met" and r.actual.magnitude == pytest.approx(0.179)
    assert r.gap.magnitude == pytest.approx(0.004)                       # 17.9 − 17.5 points still to fall
    assert r.details["milestone"] == {"year": 2024, "maximum": 0.175}
    assert targets.Share("Matsvinn", maximum=0.18, **common).evaluate(led, 2024).status == "met"
    with pytest.raises(InputError, match="not both"):
        targets.Share("x", minimum=0.1, maximum=0.2)
    t = targets.Share("Matsvinn", maximum={2024: 0.175}, **common)
    assert targets.from_dict(t.to_dict()) == t and "minimum" not in t.to_dict()


def test_a_share_with_a_maximum_and_a_path_judges_falling_as_better():
    # 25 % (2021) to at most 15 % by 2026: the path is 19 % in 2024 (25 − 2 × 3); 18 % is on track.
    led = kb.calculate(pd.DataFrame({"activity": ["waste_food_biogas", "waste_incineration"] * 2,
                                     "amount": [25, 75, 18, 82], "unit": ["t"] * 4, "year": [2021, 2021, 2024, 2024]}))
    t = targets.Share("Matsvinn", maximum=0.15, base_year=2021, target_year=2026, metric="amount", unit="t",
                      select={"area": "waste"}, numerator={"activity": "waste_food_biogas"}, status_rule="trend")
    r = t.evaluate(led, 2024)
    assert r.status == "on_track" and r.trajectory_value.magnitude == pytest.approx(0.19)
    assert r.progress == pytest.approx(0.7)                               # (25 − 18) / (25 − 15)
    assert r.details["trend"] == "improving"                             # falling is better for a maximum
    assert r.required_annual_rate == pytest.approx(0.015)                 # 3 points left over 2 years


# ----------------------------------------------------------------------------- yes/no attributes
FOOD = pd.DataFrame({"activity": ["food_peas"] * 3, "amount": [1, 1, 1], "unit": ["kg"] * 3, "year": [2024] * 3,
                     "region": ["global"] * 3, "kostnad": ["6 000 kr", "9 000 kr", "3 000 kr"],
                     "svenskproducerad": ["ja", "nej", "ja"]})


def test_swedish_produced_share_by_value_is_50_percent_from_three_rows():
    # (6 000 + 3 000) / (6 000 + 9 000 + 3 000) = 9 000 / 18 000 = 50 %
    led = kb.calculate(FOOD)
    t = targets.Share("Svenskproducerat", minimum=0.675, metric="cost", numerator={"svenskproducerad": True})
    r = t.evaluate(led, 2024)
    assert r.actual.magnitude == pytest.approx(0.5) and r.status == "not_met"
    # by count of rows: 2 of 3; by amount (1 kg each) the same
    by_kg = targets.Share("x", minimum=0.5, metric="amount", unit="kg", numerator={"svenskproducerad": "ja"})
    assert by_kg.evaluate(led, 2024).actual.magnitude == pytest.approx(2 / 3)
    # the rows not Swedish-produced: 9 000 / 18 000
    not_sv = targets.Share("x", minimum=0.5, metric="cost", numerator={"svenskproducerad": False})
    assert not_sv.evaluate(led, 2024).actual.magnitude == pytest.approx(0.5)
    # by emissions: the same peas, 1 kg each, so 2 of 3 rows' CO2e
    by_co2e = targets.Share("x", minimum=0.5, metric="co2e", unit="t CO2e", numerator={"svenskproducerad": True})
    assert by_co2e.evaluate(led, 2024).actual.magnitude == pytest.approx(2 / 3)


def test_yes_no_spellings_of_ekologisk_are_read_for_any_column():
    frame = FOOD.assign(svenskproducerad=["Ja", "", "x"], **{"regionalt producerad": ["1", "0", "NEJ"]})
    led = kb.calculate(frame)
    sv = targets.Share("x", minimum=0.5, metric="cost", numerator={"svenskproducerad": True}).evaluate(led, 2024)
    reg = targets.Share("x", minimum=0.5, metric="cost",
                        numerator={"regionalt producerad": True}).evaluate(led, 2024)
    assert sv.actual.magnitude == pytest.approx(0.5)                     # Ja and x: 6 000 + 3 000
    assert reg.actual.magnitude == pytest.approx(6000 / 18000)             # 1 only


def test_a_numerator_that_cannot_match_is_an_error_naming_the_column_and_values_never_0_percent():
    led = kb.calculate(FOOD)
    with pytest.raises(InputError) as err:
        targets.Share("x", minimum=0.5, metric="cost", numerator={"svenskproducerad": "sverige"}).evaluate(led, 2024)
    text = str(err.value)
    assert "svenskproducerad" in text and "values seen: ja, nej" in text
    odd = kb.calculate(FOOD.assign(svenskproducerad=["ja", "kanske", "ja"]))
    with pytest.raises(InputError) as err:
        targets.Share("x", minimum=0.5, metric="cost", numerator={"svenskproducerad": True}).evaluate(odd, 2024)
    assert "not yes/no (kanske)" in str(err.value) and "values seen: ja, kanske" in str(err.value)
    with pytest.raises(InputError, match="no ledger column 'närproducerad'"):
        targets.Share("x", minimum=0.5, metric="cost", numerator={"närproducerad": True}).evaluate(led, 2024)


def test_a_numerator_value_absent_in_one_year_only_is_zero_that_year():
    frame = pd.concat([FOOD, FOOD.assign(year=2023, svenskproducerad="nej")], ignore_index=True)
    led = kb.calculate(frame)
    t = targets.Share("x", minimum=0.5, metric="cost", numerator={"svenskproducerad": True})
    assert t.evaluate(led, 2023).actual.magnitude == 0.0                  # every 2023 row is "nej": 0 % is the truth
    frame = pd.concat([FOOD, FOOD.assign(year=2023, svenskproducerad="okänt")], ignore_index=True)
    with pytest.raises(InputError, match="okänt"):
        t.evaluate(kb.calculate(frame), 2024)                             # a cell of another year that is not yes/no


# ----------------------------------------------------------------------------- given values
GIVEN = pd.DataFrame({
    "Mått": ["Kollektivtrafikens andel", "Kollektivtrafikens andel", "Kemiska produkter", "Vatten per m²",
             "Engångsinstrument"],
    "År": [2023, 2024, 2024, 2024, 2024], "Värde": ["13,9", "14,6", "372", "345", "10 400"],
    "Enhet": ["%", "%", "st", "l/m²", "st"],
    "Källa": ["resvaneundersökning (påhittad)"] * 2 + ["kemikaliesystemet (påhittat)", "fastighetssystemet (påhittat)",
                                                        "inköpssystemet (påhittat)"],
    "Förvaltning": ["", "", "", "Fastighet", "Hälso- och sjukvård"]})


def test_given_values_are_evaluated_by_the_same_kinds_and_say_given_not_computed():
    given = read_given(GIVEN)
    share = targets.Share("Kollektivtrafik", minimum=0.15).evaluate(given.series("Kollektivtrafikens andel"), 2024)
    assert share.status == "not_met" and share.actual.magnitude == pytest.approx(0.146)   # 14,6 % < 15 %
    assert share.note == "given, not computed: resvaneundersökning (påhittad)"
    chem = targets.Cap("Kemikalier", limit=345, metric="amount", unit="st").evaluate(given.series("Kemiska produkter"),
                                                                                     2024)
    assert chem.status == "not_met" and chem.gap.magnitude == 27.0         # 372 − 345
    water = targets.Cap("Vatten", limit={2024: 350}, metric="amount", unit="l/m2").evaluate(
        given.series("Vatten per m²"), 2024)
    assert water.status == "met"                                            # 345 ≤ 350 l/m²
    instr = targets.Cap("Engångsinstrument", limit={2024: "10 625 st"}, metric="amount", unit="st")
    assert instr.evaluate(given.series("Engångsinstrument"), 2024).status == "met"   # 10 400 ≤ 10 625
    assert targets.Share("x", minimum=0.15).evaluate(given.series("Kollektivtrafikens andel"), 2022).status == "no_data"
    with pytest.raises(kb.errors.UnitError):
        targets.Cap("x", limit=1, metric="amount", unit="kg").evaluate(given.series("Kemiska produkter"), 2024)


def test_given_values_table_problems_are_listed_at_once():
    bad = GIVEN.assign(Värde=["13,9", "mycket", "372", "345", "1"], Källa=["x", "x", "", "x", "x"],
                       Enhet=["%", "%", "st", "parsec/m²x", "st"])
    with pytest.raises(InputError) as err:
        read_given(bad)
    failures = err.value.failures
    assert set(failures["column"]) == {"value", "source", "unit"} and len(failures) == 3
    with pytest.raises(InputError, match="indicators: Kollektivtrafikens andel"):
        read_given(GIVEN).series("Okänt mått")


# ----------------------------------------------------------------------------- the plan's table
def test_each_row_of_the_plans_table_worked_by_hand(tmp_path):
    # made-up region: scope-1 diesel falls from 100 t-ish (2021) while solar grows; electricity per m² and
    # waste shares, with three given values
    acts = pd.DataFrame({
        "activity": ["diesel", "diesel", "solar_power", "solar_power", "electricity", "waste_recycling",
                     "waste_incineration", "food_peas", "food_peas", "food_peas"],
        "amount": [10000, 7000, 420, 600, 7700, 462, 538, 1, 1, 1],
        "unit": ["l", "l", "MWh", "MWh", "MWh", "t", "t", "kg", "kg", "kg"],
        "year": [2021, 2024, 2023, 2024, 2024, 2024, 2024, 2024, 2024, 2024],
        "region": [""] * 7 + ["global"] * 3,
        "kostnad": [""] * 7 + ["6 000", "9 000", "3 000"],
        "svenskproducerad": [""] * 7 + ["ja", "nej", "ja"]})
    led = kb.calculate(acts)
    table = pd.DataFrame({
        "Mål": ["Klimat", "Klimat", "Klimat", "Mat", "Resurser", "Resurser", "Andra"],
        "Mått": ["Diesel ska minska", "Egen solel", "El per m²", "Svenskproducerat", "Återvinning",
                 "Förbränning", "Kollektivtrafikens andel"],
        "Basår": ["(2021)", "(2021)", "80 kWh/m² (2020)", "65 % (2020)", "34,2 % (2020)", "(2020)", "(2022)"],
        "Enhet": ["%", "MWh", "kWh/m²", "%", "%", "%", "%"],
        "Riktning": ["minska", "minst", "högst", "minst", "minst", "högst", "minst"],
        "Mål 2024": ["25 %", "500", "77", "67,5 %", "37 %", "60 %", "15 %"],
        "Mål 2025": ["30 %", "800", "76", "68 %", "38 %", "58 %", "15,5 %"],
        "Underlag": ["diesel", "sol", "el", "sv", "atervinning", "forbranning", "givet"]})
    measures = {
        "diesel": {"type": "reduction", "base_year": 2021, "metric": "amount", "unit": "l",
                   "select": {"activity": "diesel"}},
        "sol": {"metric": "energy", "select": {"activity": "solar_power"}},
        "el": {"type": "intensity", "metric": "energy", "denominator": {2024: "100 000 m2"},
               "select": {"activity": "electricity"}},
        "sv": {"metric": "cost", "select": {"activity": "food_peas"}, "numerator": {"svenskproducerad": True}},
        "atervinning": {"metric": "amount", "unit": "t", "select": {"area": "waste"},
                        "numerator": {"activity": "waste_recycling"}},
        "forbranning": {"metric": "amount", "unit": "t", "select": {"area": "waste"},
                        "numerator": {"activity": "waste_incineration"}},
    }
    given = read_given(GIVEN)
    plan = read_plan(table, measures, given=given)
    follow = {f.measure.name: f for f in follow_up(plan, led, given, 2024)}
    status = {name: f.result.status for name, f in follow.items()}
    # 7 000 l of 10 000 l: 30 % less diesel, beyond the 25 % milestone of 2024 (the path runs to 30 % in 2025)
    assert follow["Diesel ska minska"].outcomes[2024] == pytest.approx(0.30)
    assert status["Diesel ska minska"] == "met"
    assert status["Egen solel"] == "met"                                   # 600 ≥ 500 MWh
    assert follow["El per m²"].outcomes[2024] == pytest.approx(77.0)        # 7 700 MWh / 100 000 m² = 77 kWh/m²
    assert status["El per m²"] == "met"                                     # at most 77
    assert follow["Svenskproducerat"].outcomes[2024] == pytest.approx(0.5)  # 9 000 / 18 000
    assert status["Svenskproducerat"] == "not_met"                          # < 67,5 %
    assert follow["Återvinning"].outcomes[2024] == pytest.approx(0.462)     # 462 / 1 000 t
    assert status["Återvinning"] == "met" and status["Förbränning"] == "met"   # 46,2 % ≥ 37 %; 53,8 % ≤ 60 %
    kt = follow["Kollektivtrafikens andel"]
    assert status["Kollektivtrafikens andel"] == "not_met" and kt.given
    assert kt.sources == ["resvaneundersökning (påhittad)"]
    # trend: 13,9 → 14,6 % is +0,7 points a year; 2025: 15,3 % ≥ 15,5 %? no: too slowly
    assert (kt.trend, kt.reachable) == ("too_slow", "no") and kt.projected == pytest.approx(0.153)
    # solar 420 → 600: +180 a year, 780 in 2025 < 800: too slowly
    assert (follow["Egen solel"].trend, follow["Egen solel"].projected) == ("too_slow", pytest.approx(780.0))
    # the two waste shares are disjoint; recycling and "all waste" are not
    assert overlaps(plan, led, [["Återvinning", "Förbränning"]]) == []
    assert plan.goals == ["Klimat", "Mat", "Resurser", "Andra"]


def test_overlap_of_measures_meant_to_be_disjoint_is_listed():
    led = kb.calculate(pd.DataFrame({"activity": ["waste_recycling", "waste_incineration"], "amount": [4, 6],
                                     "unit": ["t", "t"], "year": [2024, 2024]}))
    table = pd.DataFrame({"Mått": ["A", "B"], "Enhet": ["%", "%"], "Riktning": ["minst", "högst"],
                          "Mål 2024": ["30 %", "70 %"], "Underlag": ["a", "b"]})
    measures = {"a": {"metric": "amount", "unit": "t", "select": {"area": "waste"},
                      "numerator": {"activity": ["waste_recycling", "waste_incineration"]}},
                "b": {"metric": "amount", "unit": "t", "select": {"area": "waste"},
                      "numerator": {"activity": "waste_incineration"}}}
    plan = read_plan(table, measures)
    (o,) = overlaps(plan, led, [["A", "B"]])
    assert (o.first, o.second, o.rows, o.activities) == ("A", "B", 1, ["waste_incineration"])
    with pytest.raises(InputError, match="no such measure"):
        overlaps(plan, led, [["A", "C"]])


def test_plan_table_problems_are_listed_at_once_by_row_and_column(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("Mått;Basår;Enhet;Riktning;Mål 2024;Mål 2025;Underlag\n"
                    "Solel;(2021);MWh;kanske;500;800;sol\n"
                    "Gröna tak;5 031 m² (2021);m²;minst;mycket;5 400;tak\n"
                    ";;;;;;\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_plan(path, {"sol": {"metric": "energy", "select": {"activity": "solar_power"}}})
    f = err.value.failures
    assert f[["row", "column"]].values.tolist() == [[2, "Riktning"], [3, "Mål 2024"], [3, "Underlag"]]
    assert "write minst (at least) or högst (at most)" in f["reason"].iloc[0]
    assert "a measure of the configuration (sol) or 'givet'" in f["reason"].iloc[2]


# ----------------------------------------------------------------------------- trend words
@pytest.mark.parametrize("points, levels, direction, expected", [
    # +150 MWh a year: 600 + 2 × 150 = 900 < 1 100 in 2026
    ([(2022, 300.0), (2023, 450.0), (2024, 600.0)], {2026: 1100.0}, "at_least", ("too_slow", "no", 900.0)),
    # +300 a year: 600 + 600 = 1 200 ≥ 1 100
    ([(2023, 300.0), (2024, 600.0)], {2026: 1100.0}, "at_least", ("right_direction", "yes", 1200.0)),
    # a cap the series moves away from
    ([(2022, 360.0), (2023, 366.0), (2024, 372.0)], {2026: 315.0}, "at_most", ("wrong_direction", "no", 384.0)),
    # falling: the wrong direction for a floor, though 5 750 − 2 × 50 = 5 650 is still above 5 500 in 2026
    ([(2023, 5800.0), (2024, 5750.0)], {2026: 5500.0}, "at_least", ("wrong_direction", "yes", 5650.0)),
    # one value: no judgement
    ([(2024, 0.4)], {2026: 0.7}, "at_least", ("unknown", "unknown", None)),
    # the last target year is past: judged on the value of that year (10 % < 15 %), rising too late
    ([(2023, 0.10), (2024, 0.20)], {2023: 0.15}, "at_least", ("too_slow", "no", 0.10)),
])
def test_trend_words_by_hand(points, levels, direction, expected):
    got = trend_of(points, levels, direction)
    assert got[:2] == expected[:2]
    assert (got[2] is None) if expected[2] is None else got[2] == pytest.approx(expected[2])


def test_trend_words_in_swedish_and_english():
    assert [trend_word(c, "sv") for c in ("right_direction", "too_slow", "wrong_direction")] == [
        "går åt rätt håll", "går åt rätt håll men för sakta", "går åt fel håll"]
    assert trend_word("too_slow", "en") == "going in the right direction but too slowly"


# ----------------------------------------------------------------------------- configuration and report
def test_the_examples_plan_table_is_in_the_report_in_the_plans_shape(tmp_path):
    report = kb.build_report(EXAMPLE)
    plan = report.tables["plan"]
    assert len(plan) == 15 and {"target_2024", "target_2026", "outcome_2021", "outcome_2024"} <= set(plan.columns)
    with_data = plan[plan["outcome_2024"].notna()]
    assert len(with_data) == 15
    assert set(with_data["status"]) <= set(targets.STATUSES) and with_data["status"].notna().all()
    assert with_data["trend"].isin(["right_direction", "too_slow", "wrong_direction"]).all()
    assert with_data["reachable"].isin(["yes", "no"]).all()
    # every kind of measure: reduction, cap, floor, shares with a minimum and a maximum, intensity, given values
    assert set(plan["kind"]) == {"reduction", "cap", "floor", "share", "intensity"}
    assert (plan["given_source"] != "").sum() == 5
    sv = plan.set_index("measure").loc["Svenskproducerade livsmedel, andel av inköpsvärdet"]
    # 2024 food rows marked ja: all but fish (1 650 tkr) and meat substitute (330 tkr) of 10 985 tkr
    # (2 350 + 1 150 + 1 400 + 1 650 + 900 + 1 050 + 280 + 355 + 1 100 + 420 + 330): 9 005 / 10 985
    assert sv["outcome_2024"] == pytest.approx(9005 / 10985)
    html = report.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count("data-plan-measure") == 15
    assert "Planens mått följs upp" in html and "går åt rätt håll men för sakta" in html
    # the source is a name (a document, a system), marked so as not to be translated
    assert 'givet värde, inte beräknat; källa: <span translate="no">Kostservice svinnmätning' in html
    assert "bedöms inte kunna nås till 2026 med nuvarande trend" in html
    assert "plan.csv" in {p.name for p in report.to_csv(tmp_path / "csv")}


def test_plan_configuration_problems_name_their_keys(tmp_path):
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år\nsolel;600;MWh;2024\n", encoding="utf-8")
    (tmp_path / "plan.csv").write_text("Mått;Enhet;Riktning;Mål 2024;Underlag\nSolel;MWh;minst;500;sool\n",
                                       encoding="utf-8")
    base = {"organisation": {"name": "X"}, "report_year": 2024, "activities": str(tmp_path / "a.csv")}
    with pytest.raises(ConfigError) as err:
        load_config({**base, "plan": {"tabel": "plan.csv"}})
    assert {k for k, _ in err.value.problems} == {"plan.tabel", "plan.table"}
    cfg = {**base, "plan": {"table": str(tmp_path / "plan.csv"),
                            "measures": {"sol": {"metric": "energy", "select": {"activity": "solar_power"}}}}}
    problems = validate(cfg)
    assert problems[["key", "row", "column", "value"]].values.tolist() == [["plan.table", 2, "Underlag", "sool"]]
    cfg["plan"]["measures"]["sool"] = cfg["plan"]["measures"].pop("sol")
    assert validate(cfg).empty
    report = kb.build_report(cfg)
    row = report.tables["plan"].iloc[0]
    assert (row["status"], row["outcome_2024"]) == ("met", 600.0)
    # a second measure on the same rows, which the plan says is disjoint from the first: the report warns
    (tmp_path / "plan.csv").write_text("Mått;Enhet;Riktning;Mål 2024;Underlag\nSolel;MWh;minst;500;sool\n"
                                       "Solel igen;MWh;högst;700;sool\n", encoding="utf-8")
    cfg["plan"]["disjoint"] = [["Solel", "Solel igen"]]
    html = kb.build_report(cfg).to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Solel och Solel igen räknar samma rader i bokföringen (1; solar_power)" in html


def test_a_kind_takes_the_plans_levels_itself_or_says_it_cannot():
    table = pd.DataFrame({"Mått": ["Budget", "Tak"], "Enhet": ["t CO2e", "kg"], "Riktning": ["högst", "minst"],
                          "Mål 2024": ["100", "5"], "Underlag": ["budget", "tak"]})
    measures = {"budget": {"type": "carbon_budget", "start_year": 2021, "end_year": 2030, "budget": "900 t CO2e"},
                "tak": {"type": "cap", "metric": "n2o"}}
    with pytest.raises(InputError) as err:
        read_plan(table, measures)
    reasons = err.value.failures["reason"].tolist()
    assert "a carbon_budget target takes no target per year; kinds that do:" in reasons[0]
    assert "a cap is a ceiling: write högst (at most)" in reasons[1]
    assert targets.Cap.from_levels("x", {2024: 5.0}, at_least=False, metric="n2o").limit_for(2024) == 5.0
