"""Base-year recalculation, worked by hand.

Every row is diesel in litres, so within a year emissions are proportional to litres whatever
the factor (k(year), t CO2e per litre, differs between years with the blend): a unit with 80 of
1 000 l in the base year is 8 % of it (above a 5 % threshold), one with 30 of 1 000 l is 3 %.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut import targets
from klimatbokslut.restatement import (
    Correction,
    MethodChange,
    RecalculationPolicy,
    StructuralChange,
    method_history,
    restate,
)


def _ledger(rows):
    return kb.calculate(pd.DataFrame(rows, columns=["activity", "amount", "unit", "year", "org_unit"]))


@pytest.fixture(scope="module")
def history():
    return _ledger([("diesel", 920, "l", 2012, "Vård"), ("diesel", 80, "l", 2012, "Tvätteri"),
                    ("diesel", 900, "l", 2013, "Vård"), ("diesel", 80, "l", 2013, "Tvätteri"),
                    ("diesel", 880, "l", 2016, "Vård")])


def _k(led, year, litres):
    """t CO2e per litre of diesel in ``year``: the year's total over its litres."""
    return led.total(year=year).magnitude / litres


def test_a_divestment_of_8_percent_restates_the_base_year_and_earlier_years(history):
    r = restate(history, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
                                           select={"org_unit": "Tvätteri"})], base_year=2012)
    a = r.assessment.iloc[0]
    assert a["share_of_base"] == pytest.approx(0.08) and a["significant"] and a["applied"]
    k12, k13, k16 = _k(history, 2012, 1000), _k(history, 2013, 980), _k(history, 2016, 880)
    assert a["base_year_effect_t"] == pytest.approx(-80 * k12)
    assert r.ledger.total(year=2012).magnitude == pytest.approx(920 * k12)
    assert r.ledger.total(year=2013).magnitude == pytest.approx(900 * k13)
    assert r.ledger.total(year=2016).magnitude == pytest.approx(880 * k16)       # after the change: as reported
    h = r.history.set_index("year")
    assert h.loc[2012, "reported_t"] == pytest.approx(1000 * k12)
    assert h.loc[2012, "restated_t"] == pytest.approx(920 * k12)
    assert h.loc[2012, "reasons"] == "Tvätteriet såldes"
    assert r.reported is history


def test_a_divestment_of_3_percent_is_not_restated():
    led = _ledger([("diesel", 970, "l", 2012, "Vård"), ("diesel", 30, "l", 2012, "Tvätteri"),
                   ("diesel", 900, "l", 2016, "Vård")])
    r = restate(led, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
                                       select={"org_unit": "Tvätteri"})], base_year=2012)
    a = r.assessment.iloc[0]
    assert a["share_of_base"] == pytest.approx(0.03) and not a["significant"] and not a["applied"]
    assert r.ledger.total(year=2012).magnitude == pytest.approx(led.total(year=2012).magnitude)
    assert "under tröskeln: inte omräknat" in r.sentences("sv")[0]


def test_changes_below_the_threshold_count_together():
    led = _ledger([("diesel", 940, "l", 2012, "Vård"), ("diesel", 30, "l", 2012, "Tvätteri"),
                   ("diesel", 30, "l", 2012, "Kök"), ("diesel", 900, "l", 2016, "Vård")])
    changes = [StructuralChange("Tvätteri", kind="divestment", year=2015, select={"org_unit": "Tvätteri"}),
               StructuralChange("Kök", kind="divestment", year=2015, select={"org_unit": "Kök"})]
    r = restate(led, changes, base_year=2012)
    assert r.assessment["applied"].tolist() == [True, True] and r.assessment["cumulative"].tolist() == [True, True]
    r = restate(led, changes, base_year=2012, policy=RecalculationPolicy(cumulative=False))
    assert r.assessment["applied"].tolist() == [False, False]


def test_only_the_base_year_when_the_policy_says_so(history):
    r = restate(history, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
                                           select={"org_unit": "Tvätteri"})], base_year=2012,
                policy=RecalculationPolicy(restate="base_year"))
    assert r.ledger.total(year=2012).magnitude == pytest.approx(920 * _k(history, 2012, 1000))
    assert r.ledger.total(year=2013).magnitude == pytest.approx(history.total(year=2013).magnitude)


def test_a_trigger_outside_the_policy_is_not_restated(history):
    r = restate(history, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
                                           select={"org_unit": "Tvätteri"})], base_year=2012,
                policy=RecalculationPolicy(triggers=["method", "error"]))
    assert bool(r.assessment.iloc[0]["significant"]) and not r.assessment.iloc[0]["applied"]


def test_outsourcing_moves_emissions_to_scope_3_and_is_no_reduction(history):
    r = restate(history, [StructuralChange("Tvätteriet bolagiserat", kind="outsourcing", year=2015,
                                           select={"org_unit": "Tvätteri"})], base_year=2012)
    a = r.assessment.iloc[0]
    assert a["base_year_effect_t"] == pytest.approx(0.0, abs=1e-9)              # the total is unchanged
    assert r.ledger.total(year=2012).magnitude == pytest.approx(history.total(year=2012).magnitude)
    direct_80 = history.total(year=2012, org_unit="Tvätteri", scope=1).magnitude
    assert a["moved_to_scope3_t"] == pytest.approx(direct_80)
    assert r.ledger.total(year=2012, scope=1).magnitude == pytest.approx(
        history.total(year=2012, scope=1).magnitude - direct_80)
    # a scope 1 reduction target against the restated base year no longer counts the outsourcing
    t = targets.Reduction("Scope 1", base_year=2012, target_year=2030, fraction=0.5, select={"scope": 1})
    s16, s12 = history.total(year=2016, scope=1).magnitude, history.total(year=2012, scope=1).magnitude
    assert t.evaluate(history, 2016).change_pct == pytest.approx(s16 / s12 - 1)
    assert t.evaluate(r.ledger, 2016).change_pct == pytest.approx(s16 / (s12 - direct_80) - 1)   # smaller cut
    assert "en flytt, ingen minskning" in r.sentences("sv")[0]


def test_an_acquisition_from_its_activity_rows(history):
    acquired = pd.DataFrame({"activity": ["diesel"] * 2, "amount": [100, 100], "unit": ["l"] * 2,
                             "year": [2012, 2013]})
    r = restate(history, [StructuralChange("Vårdcentralen togs över", kind="acquisition", year=2015,
                                           activities=acquired)], base_year=2012)
    assert r.assessment.iloc[0]["share_of_base"] == pytest.approx(0.10)
    assert r.ledger.total(year=2012).magnitude == pytest.approx(1100 * _k(history, 2012, 1000))


def test_a_divestment_given_as_emissions_and_a_correction(history):
    k12, k13 = _k(history, 2012, 1000), _k(history, 2013, 980)
    changes = [StructuralChange("Tandvården bolagiserades", kind="divestment", year=2015,
                                emissions={2012: 80 * k12, 2013: 80 * k13}, scope=1, category="mobile_combustion",
                                area="vehicles"),
               Correction("Fel mängd 2013", emissions={2013: "-0,5 t CO2e"}, scope=1, category="mobile_combustion",
                          area="vehicles")]
    r = restate(history, changes, base_year=2012)
    assert r.ledger.total(year=2012).magnitude == pytest.approx(920 * k12)
    assert r.ledger.total(year=2013).magnitude == pytest.approx(900 * k13 - 0.5)
    # the divestment is 8 % of the base year; the error is measured against the year it corrects:
    # 0,5 t of 2013's 980 l is far above 5 %
    assert r.assessment["applied"].tolist() == [True, True]
    assert r.assessment.iloc[1]["share_of_base"] == pytest.approx(0.5 / history.total(year=2013).magnitude)
    adj = r.adjustments.set_index(["change", "year"])["adjustment_t"]
    assert adj[("Fel mängd 2013", 2013)] == pytest.approx(-0.5)


@pytest.mark.parametrize("make, column", [
    (lambda: RecalculationPolicy(threshold=-0.01), "threshold"),
    (lambda: RecalculationPolicy(triggers=["weather"]), "triggers"),
    (lambda: RecalculationPolicy(restate="some"), "restate"),
    (lambda: StructuralChange("X", kind="merger", year=2015, select={"org_unit": "X"}), "kind"),
    (lambda: StructuralChange("X", kind="divestment", year=2015), "select"),
    (lambda: StructuralChange("X", kind="divestment", year=2015, emissions={}), "emissions"),
    (lambda: StructuralChange("X", kind="divestment", year=2015, emissions={2016: 5}, scope=1,
                              category="mobile_combustion", area="vehicles"), "emissions"),
    (lambda: StructuralChange("X", kind="divestment", year=2015, emissions={2012: 5}), "scope"),
    (lambda: StructuralChange("X", kind="acquisition", year=2015, select={"org_unit": "X"}), "select"),
    (lambda: MethodChange("RF", year=2020, settings={"weather": 1}), "settings"),
])
def test_bad_changes_and_policies_are_clear_errors(make, column):
    with pytest.raises(kb.InputError) as e:
        make()
    assert e.value.failures.loc[0, "column"] == column


def test_overlapping_and_double_counted_changes_are_errors(history):
    a = StructuralChange("Tvätteri", kind="divestment", year=2015, select={"org_unit": "Tvätteri"})
    b = StructuralChange("Tvätteri och kök", kind="outsourcing", year=2015, select={"org_unit": ["Tvätteri", "Kök"]})
    with pytest.raises(kb.InputError, match="two changes select the same ledger rows"):
        restate(history, [a, b], base_year=2012)
    with pytest.raises(kb.InputError, match="two changes with the same name"):
        restate(history, [a, a], base_year=2012)
    with pytest.raises(kb.InputError, match="no ledger rows before 2015 match"):
        restate(history, [StructuralChange("Kök", kind="divestment", year=2015, select={"org_unit": "Kök"})],
                base_year=2012)


FLIGHTS = pd.DataFrame({"activity": ["flyg"] * 3, "amount": [50_000, 40_000, 30_000], "unit": ["pkm"] * 3,
                        "year": [2012, 2019, 2024], "band": ["domestic"] * 3})


def test_a_method_change_side_by_side_with_the_figures_as_first_reported():
    rf = MethodChange("Flyg med strålningsdrivning", year=2020, settings={"radiative_forcing": True})
    hist, eff = method_history(FLIGHTS, [rf], base_year=2012, radiative_forcing=False)
    without = kb.calculate(FLIGHTS, radiative_forcing=False)
    with_rf = kb.calculate(FLIGHTS, radiative_forcing=True)
    h = hist.set_index("year")
    assert h.loc[2012, "reported_t"] == pytest.approx(without.total(year=2012).magnitude)   # before the change
    assert h.loc[2024, "reported_t"] == pytest.approx(with_rf.total(year=2024).magnitude)   # after it
    assert h.loc[2012, "restated_t"] == pytest.approx(with_rf.total(year=2012).magnitude)
    e = eff.iloc[0]
    assert e["base_year_effect_t"] == pytest.approx(with_rf.total(year=2012).magnitude
                                                    - without.total(year=2012).magnitude)
    assert e["significant"] == (e["share_of_base"] >= 0.05)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(1, 100_000), min_size=3, max_size=3))
def test_recomputed_history_equals_each_year_calculated_with_the_new_method(amounts):
    acts = FLIGHTS.assign(amount=amounts)
    rf = MethodChange("RF", year=2020, settings={"radiative_forcing": True})
    hist, _ = method_history(acts, [rf], base_year=2012, radiative_forcing=False)
    for y, row in hist.set_index("year").iterrows():
        one = kb.calculate(acts[acts["year"] == y], radiative_forcing=True)
        assert row["restated_t"] == pytest.approx(one.total().magnitude, rel=1e-12)


# ----------------------------------------------------------------------------- configuration and report
def _config(tmp_path, **recalculation):
    p = tmp_path / "a.csv"
    p.write_text("aktivitet;mängd;enhet;år;förvaltning\n"
                 "diesel;920;l;2012;Vård\ndiesel;80;l;2012;Tvätteri\ndiesel;880;l;2016;Vård\n", encoding="utf-8")
    return {"organisation": {"name": "Region T"}, "report_year": 2016, "base_year": 2012, "activities": str(p),
            "targets": [{"type": "reduction", "name": "Scope 1 −10 %", "base_year": 2012, "target_year": 2020,
                         "fraction": 0.1, "select": {"scope": 1}}],
            "recalculation": {"threshold": 0.05, "changes": [{"name": "Tvätteriet såldes", "kind": "divestment",
                                                              "year": 2015, "select": {"org_unit": "Tvätteri"}}],
                              **recalculation}}


def test_the_report_restates_the_base_year_and_targets_follow_it(tmp_path):
    r = kb.build_report(_config(tmp_path))
    led = r.ledger
    t = r.targets[0].result
    assert t.base_value.magnitude == pytest.approx(led.total(year=2012, scope=1, org_unit="Vård").magnitude)
    html = r.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    html = re.sub(r'<span translate="no">([^<]*)</span>', r"\1", html)   # names are marked as names
    assert "Omräkning av basår" in html and "Målen följs upp mot det omräknade basåret." in html
    assert "Tvätteriet såldes: avyttrades 2015. Påverkan på basåret 2012: −" in html
    assert {"restatement", "restated_history", "restatement_adjustments"} <= set(r.tables)
    reported = kb.build_report(_config(tmp_path, targets_against="reported"))
    assert reported.targets[0].result.base_value.magnitude == pytest.approx(led.total(year=2012, scope=1).magnitude)


def test_a_bad_recalculation_in_the_configuration_names_its_key(tmp_path):
    with pytest.raises(kb.errors.ConfigError, match=r"recalculation.*threshold"):
        kb.build_report(_config(tmp_path, threshold=5))
    cfg = _config(tmp_path)
    cfg["recalculation"]["changes"][0]["select"] = {"org_unit": "Kök"}
    with pytest.raises(kb.errors.ConfigError, match="no ledger rows before 2015 match"):
        kb.build_report(cfg)


def test_a_method_change_in_the_configuration_is_shown_beside_todays_method(tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("aktivitet;mängd;enhet;år;distansband\nflyg;400000;pkm;2012;inrikes\nflyg;250000;pkm;2016;inrikes\n",
                 encoding="utf-8")
    cfg = {"organisation": {"name": "Region T"}, "report_year": 2016, "base_year": 2012, "activities": str(p),
           "radiative_forcing": True,
           "recalculation": {"method_changes": [{"name": "Flyg med RF", "year": 2016,
                                                 "before": {"radiative_forcing": False}}]}}
    r = kb.build_report(cfg)
    h = r.restatement.method_history.set_index("year")
    without = kb.calculate(pd.DataFrame({"activity": ["flyg"], "amount": [400000], "unit": ["pkm"], "year": [2012],
                                         "band": ["domestic"]}), radiative_forcing=False)
    assert h.loc[2012, "reported_t"] == pytest.approx(without.total().magnitude)        # first reported: no RF
    assert h.loc[2012, "restated_t"] == pytest.approx(r.ledger.total(year=2012).magnitude)   # today's: RF
    html = r.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    html = re.sub(r'<span translate="no">([^<]*)</span>', r"\1", html)   # names are marked as names
    assert "Flyg med RF (metodändring 2016): påverkan på basåret 2012 +" in html and 'class="method-history"' in html
    assert {"method_changes", "method_history"} <= set(r.tables)
    cfg["recalculation"]["method_changes"][0]["before"] = {"weather": 1}
    with pytest.raises(kb.errors.ConfigError, match=r"method_changes\[0\]\.before"):
        kb.build_report(cfg)


def test_a_policy_that_restates_only_later_years_keeps_the_history(history):
    r = restate(history, [StructuralChange("Tvätteriet såldes", kind="divestment", year=2015,
                                           select={"org_unit": "Tvätteri"})], base_year=2012,
                policy=RecalculationPolicy(restate="later"))
    a = r.assessment.iloc[0]
    assert a["significant"] and not a["applied"]
    assert r.ledger.total(year=2012).magnitude == pytest.approx(history.total(year=2012).magnitude)
    assert "policyn räknar bara om senare år" in r.sentences("sv")[0]
