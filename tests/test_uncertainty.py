"""Uncertainty: factor data, activity-data tiers, Monte Carlo per distinct factor, analytic check.

Expected values are worked by hand from the distributions (written next to each assert).
"""

from __future__ import annotations

import math
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut.errors import InputError
from klimatbokslut.pedigree import ACTIVITY_TIERS, factor_uncertainty, pedigree_gsd2, tier_uncertainty
from klimatbokslut.targets import Cap, Reduction

Z95 = 1.959964
REGION = Path(__file__).resolve().parents[1] / "examples" / "region" / "klimatbokslut.toml"


@pytest.fixture(scope="module")
def example_report():
    return kb.build_report(REGION)


@pytest.fixture(scope="module")
def example_ledger(example_report):
    return example_report.ledger


def _heat_factors(rows):
    return kb.default_factors().with_factors([
        dict(activity="district_heating", region=region, valid_from=y0, valid_to=y1, value=value,
             unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle", source_id="", **unc)
        for region, y0, y1, value, unc in rows])


def _heat_ledger(fs, rows, **extra):
    df = pd.DataFrame({"activity": "district_heating", "unit": "MWh",
                       "amount": [r[0] for r in rows], "year": [r[1] for r in rows],
                       "region": [r[2] for r in rows], **extra})
    return kb.calculate(df, factors=fs)


NORMAL10 = dict(uncertainty_distribution="normal", uncertainty_parameter=0.10, uncertainty_basis="stated")
NORMAL20 = dict(uncertainty_distribution="normal", uncertainty_parameter=0.20, uncertainty_basis="stated")


# ----------------------------------------------------------------------------- factor data
def test_bundled_factor_uncertainties_are_the_published_class_values():
    t = kb.default_factors().factors.set_index("factor_id")
    # ecoinvent v2 basic uncertainty: CO2 from combustion 1.05, CH4 and N2O from combustion 1.5 (GSD²).
    assert float(t.loc["diesel_fossil-ttw-co2", "uncertainty_parameter"]) == 1.05
    assert float(t.loc["diesel_fossil-ttw-ch4", "uncertainty_parameter"]) == 1.5
    assert float(t.loc["diesel_fossil-ttw-n2o", "uncertainty_parameter"]) == 1.5
    assert (t["uncertainty_distribution"] == "lognormal").all()
    assert set(t["uncertainty_basis"]) == {"class", "pedigree"}


#: Published basic uncertainties (ecoinvent v2, GSD²) of the factor classes the bundled rows use.
CLASS_GSD2 = {"CO2 from combustion": 1.05, "CO2_biogenic from combustion": 1.05, "CH4 from combustion": 1.5,
              "N2O from combustion": 1.5}


def uncertainty_mismatches(factors) -> list[str]:
    """Bundled rows whose uncertainty parameter differs from its class value or from its pedigree scores."""
    out = []
    t = factors.factors
    for rec in t[~t["user"].astype(bool)].to_dict("records"):
        param = float(rec["uncertainty_parameter"])
        if rec["uncertainty_basis"] == "pedigree":
            scores = tuple(int(x) for x in rec["uncertainty_pedigree"].split(","))
            expected = pedigree_gsd2(scores)
        else:
            what = rec["uncertainty_note"].removeprefix("basic uncertainty of ").removesuffix(" (ecoinvent v2)")
            expected = CLASS_GSD2.get(what, float("nan"))
        if not math.isclose(param, expected, rel_tol=1e-9):
            out.append(f"uncertainty:{rec['factor_id']}: bundled {param}, expected {expected}")
    return out


def test_every_bundled_uncertainty_equals_its_class_or_scores():
    """A pedigree row's GSD² is recomputed from its five scores, a class row's is the published value
    (tools/mutation_check.py shows a parameter ×10 fails here)."""
    t = kb.default_factors().factors
    assert (t["uncertainty_basis"] == "pedigree").sum() > 250
    assert uncertainty_mismatches(kb.default_factors()) == []


def test_pedigree_by_hand():
    # spend rows: 0.0006 + 0.002 (reliability 3) + 0 + 0.002 (temporal 3) + 0.0001 (geo 3) + 0.04 (tech 4)
    assert pedigree_gsd2((3, 1, 3, 3, 4)) == round(math.exp(2 * math.sqrt(0.0447)), 4) == 1.5263
    assert tier_uncertainty("metered").parameter == round(math.exp(2 * math.sqrt(0.0006)), 4) == 1.0502
    assert tier_uncertainty("estimated").parameter == round(math.exp(2 * math.sqrt(0.0092)), 4)
    assert set(ACTIVITY_TIERS) == {"metered", "invoiced", "estimated", "extrapolated"}


def test_user_row_without_uncertainty_gets_a_flagged_default():
    u = factor_uncertainty({"factor_id": "x"})
    assert u.basis == "default" and u.parameter == pedigree_gsd2((3, 3, 3, 3, 3))


def test_bad_uncertainty_columns_are_named_all_at_once():
    with pytest.raises(InputError) as exc:
        _heat_factors([("A", 2024, 2024, 10.0, dict(uncertainty_distribution="lognormal",
                                                    uncertainty_parameter=0.5)),
                       ("B", 2024, 2024, 10.0, dict(uncertainty_distribution="triangle",
                                                    uncertainty_parameter=1.1))])
    text = str(exc.value)
    assert "GSD² is a number ≥ 1" in text and "triangle" in text and "lognormal, normal, none" in text


def test_pedigree_scores_alone_give_the_parameter():
    fs = _heat_factors([("A", 2024, 2024, 10.0, dict(uncertainty_distribution="lognormal",
                                                     uncertainty_pedigree="2,2,1,3,3", uncertainty_basis="pedigree"))])
    rec = fs.factors[fs.factors["region"] == "A"].iloc[0].to_dict()
    assert factor_uncertainty(rec).parameter == pedigree_gsd2((2, 2, 1, 3, 3))


def test_factors_show_prints_the_uncertainty(capsys):
    from klimatbokslut.cli import main
    assert main(["factors", "show", "diesel_fossil-ttw-ch4", "--lang", "en"]) == 0
    assert "uncertainty: lognormal GSD² 1.5 (class)" in capsys.readouterr().out


# ----------------------------------------------------------------------------- activity data
def test_amount_quality_and_uncertainty_columns_are_read_and_checked():
    df = pd.DataFrame({"aktivitet": ["diesel_fossil"] * 3, "mängd": [100, 100, 100], "enhet": ["l"] * 3,
                       "år": [2024] * 3, "datakvalitet": ["mätt", "Uppskattad", "gissad"],
                       "osäkerhet": ["±10 %", "", "-3"]})
    with pytest.raises(InputError) as exc:
        kb.read_activities(df)
    fails = exc.value.failures
    assert set(fails["column"]) == {"amount_quality", "amount_uncertainty"}
    assert fails.loc[fails["column"] == "amount_quality", "value"].tolist() == ["gissad"]
    good = kb.read_activities(df.iloc[:2])
    assert good.frame["amount_quality"].astype(str).tolist() == ["metered", "estimated"]
    assert good.frame["amount_uncertainty"].iloc[0] == pytest.approx(0.10)


def test_stated_uncertainty_of_an_amount_is_used():
    fs = _heat_factors([("A", 2024, 2024, 100.0, dict(uncertainty_distribution="none"))])
    led = _heat_ledger(fs, [(1000, 2024, "A")], amount_uncertainty=[0.10])
    sim = kb.simulate(led, draws=20000, seed=3)
    # lognormal with GSD² 1.1: the 95th percentile is exp(1.644854·σ − σ²/2)·100 t, σ = ln(1.1)/2
    s = math.log(1.1) / 2
    hi = 100 * math.exp(1.644854 * s - s * s / 2)
    assert sim.summary("year")["high_t"][0] == pytest.approx(hi, rel=0.004)
    assert sim.groups["basis"].tolist() == ["stated"]


def test_unstated_quality_is_invoiced_and_flagged():
    fs = _heat_factors([("A", 2024, 2024, 100.0, dict(uncertainty_distribution="none"))])
    sim = kb.simulate(_heat_ledger(fs, [(1000, 2024, "A")]), draws=100)
    assert sim.groups["basis"].tolist() == ["default"]
    assert "invoiced assumed" in sim.groups["note"][0]
    d = sim.defaults()
    assert d.loc[d["kind"] == "activity_data", "co2e_t"].iloc[0] == pytest.approx(100.0)


# ----------------------------------------------------------------------------- Monte Carlo
def test_variance_of_a_sum_of_two_independent_factors():
    """100 t ±10 % and 50 t ±20 % (normal, 95 %): sd = √((100·0.10/1.96)² + (50·0.20/1.96)²) = 7.2155 t."""
    fs = _heat_factors([("A", 2024, 2024, 100.0, NORMAL10), ("B", 2024, 2024, 50.0, NORMAL20)])
    led = _heat_ledger(fs, [(1000, 2024, "A"), (1000, 2024, "B")])
    sim = kb.simulate(led, draws=20000, seed=11, activity_data=False)
    expected = math.sqrt((100 * 0.10 / Z95) ** 2 + (50 * 0.20 / Z95) ** 2)
    assert expected == pytest.approx(7.2155, abs=1e-4)
    assert sim.analytic("year")["sd_t"][0] == pytest.approx(expected, rel=1e-9)
    assert sim.summary("year")["sd_t"][0] == pytest.approx(expected, rel=0.02)   # MC: ~0.5 % standard error


def test_the_same_factor_cancels_in_a_change_between_years():
    """One factor row for 2023–2024, equal amounts: the change is 0 t in every draw."""
    fs = _heat_factors([("A", 2023, 2024, 100.0, NORMAL20)])
    led = _heat_ledger(fs, [(1000, 2023, "A"), (1000, 2024, "A")])
    sim = kb.simulate(led, draws=5000, seed=5, activity_data=False)
    ch = sim.change(2024, against=2023)
    assert ch["change_t"] == 0 and abs(ch["low_t"]) < 1e-9 and abs(ch["high_t"]) < 1e-9
    # each year alone is uncertain: ±20 % (95 %) is ±16.8 % at 90 %
    s = sim.summary("year")
    assert s["high_pct"].tolist() == pytest.approx([0.20 * 1.644854 / Z95] * 2, rel=0.05)


def test_different_editions_are_independent_in_a_change():
    fs = _heat_factors([("A", 2023, 2023, 100.0, NORMAL20), ("A", 2024, 2024, 100.0, NORMAL20)])
    led = _heat_ledger(fs, [(1000, 2023, "A"), (1000, 2024, "A")])
    sim = kb.simulate(led, draws=20000, seed=5, activity_data=False)
    ch = sim.change(2024, against=2023)
    sd = math.sqrt(2) * 100 * 0.20 / Z95        # difference of two independent draws
    assert ch["high_t"] == pytest.approx(1.644854 * sd, rel=0.03)
    assert ch["probability_decrease"] == pytest.approx(0.5, abs=0.02)


def test_monte_carlo_mean_converges_to_the_point_value():
    led = kb.calculate(pd.DataFrame({"activity": ["diesel_fossil", "spend_equipment_materials"],
                                     "amount": [10000, 1e6], "unit": ["l", "SEK"], "year": [2024, 2024],
                                     "region": ["", "kommun"], "amount_quality": ["invoiced", "estimated"]}))
    sim = kb.simulate(led, draws=40000, seed=2)
    s = sim.summary("year")
    se = s["sd_t"][0] / math.sqrt(40000)
    assert abs(s["mean_t"][0] - s["co2e_t"][0]) < 4 * se
    assert s["co2e_t"][0] == pytest.approx(led.total().to("t CO2e").magnitude)


def test_same_seed_gives_byte_identical_outputs():
    led = kb.calculate(pd.DataFrame({"activity": ["diesel_fossil", "electricity"], "amount": [1000, 5e4],
                                     "unit": ["l", "kWh"], "year": [2024, 2024]}))
    a = kb.simulate(led, draws=3000, seed=42).summary(["year", "scope"]).to_csv()
    b = kb.simulate(led, draws=3000, seed=42).summary(["year", "scope"]).to_csv()
    c = kb.simulate(led, draws=3000, seed=43).summary(["year", "scope"]).to_csv()
    assert a == b and a != c


def test_a_factor_draws_the_same_in_two_ledgers():
    """Common random numbers: the draw of a factor does not depend on the other factors of the ledger."""
    one = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [10], "unit": ["kg"], "year": [2024]}))
    two = kb.calculate(pd.DataFrame({"activity": ["n2o", "diesel_fossil"], "amount": [10, 100], "unit": ["kg", "l"],
                                     "year": [2024, 2024]}))
    d1 = kb.simulate(one, draws=500, seed=9, activity_data=False).draws_by("year", select={"activity": "n2o"})[2]
    d2 = kb.simulate(two, draws=500, seed=9, activity_data=False).draws_by("year", select={"activity": "n2o"})[2]
    assert np.array_equal(d1, d2)


@settings(max_examples=25, deadline=None)
@given(gsd2=st.floats(1.02, 3.0), mwh=st.floats(1.0, 1e5))
def test_interval_matches_the_lognormal_quantiles(gsd2, mwh):
    """One lognormal factor: the 5th and 95th percentiles are exp(∓1.645σ − σ²/2) × value."""
    fs = _heat_factors([("A", 2024, 2024, 80.0, dict(uncertainty_distribution="lognormal",
                                                     uncertainty_parameter=round(gsd2, 4)))])
    led = _heat_ledger(fs, [(mwh, 2024, "A")])
    sim = kb.simulate(led, draws=20000, seed=1, activity_data=False)
    s = math.log(round(gsd2, 4)) / 2
    point = 80.0 * mwh / 1000
    row = sim.summary("year").iloc[0]
    z = NormalDist().inv_cdf(0.95)
    assert row["high_t"] == pytest.approx(point * math.exp(z * s - s * s / 2), rel=0.01 + 0.02 * s)
    assert row["low_t"] == pytest.approx(point * math.exp(-z * s - s * s / 2), rel=0.01 + 0.02 * s)
    inside = sim.draws_by("year")[2][0]
    assert ((inside >= row["low_t"]) & (inside <= row["high_t"])).mean() == pytest.approx(0.90, abs=0.002)


def test_analytic_agrees_with_monte_carlo_on_the_example_region(example_ledger):
    sim = kb.simulate(example_ledger, draws=4000, seed=7)
    mc = sim.summary("year")
    an = sim.analytic("year")
    assert np.allclose(mc["co2e_t"], an["co2e_t"])
    assert np.allclose(mc["sd_t"], an["sd_t"], rtol=0.15)


def test_contributions_add_up_and_name_the_largest():
    fs = _heat_factors([("A", 2024, 2024, 100.0, NORMAL10), ("B", 2024, 2024, 50.0, NORMAL20)])
    led = _heat_ledger(fs, [(1000, 2024, "A"), (1000, 2024, "B")])
    sim = kb.simulate(led, draws=2000, seed=1, activity_data=False)
    c = sim.contributions(2024)
    # (100·0.1)² = (50·0.2)²: each factor half of the variance
    assert c["variance_share"].sum() == pytest.approx(1.0)
    assert c.loc[c["kind"] == "factor", "variance_share"].tolist() == pytest.approx([0.5, 0.5])
    by_area = sim.contributions_by(2024, "region")
    assert by_area["variance_share"].sum() == pytest.approx(1.0)


def test_probability_of_a_cap_by_hand():
    """Lognormal factor GSD² 1.2, activity data certain: P(80 t·r ≤ 85 t) = Φ((ln(85/80) + σ²/2)/σ)."""
    fs = _heat_factors([("A", 2024, 2024, 80.0, dict(uncertainty_distribution="lognormal",
                                                     uncertainty_parameter=1.2))])
    led = _heat_ledger(fs, [(1000, 2024, "A")])
    sim = kb.simulate(led, draws=40000, seed=4, activity_data=False)
    cap = Cap("Fjärrvärme", limit="85 t CO2e", select={"activity": "district_heating"})
    s = math.log(1.2) / 2
    expected = NormalDist().cdf((math.log(85 / 80) + s * s / 2) / s)
    got = sim.target_probability(cap, 2024)
    assert got["probability"] == pytest.approx(expected, abs=0.01)


def test_probability_of_a_reduction_moves_with_the_base_year():
    """Same factor both years: the threshold (base × 0.9) moves with the draw; only activity data decide."""
    fs = _heat_factors([("A", 2022, 2024, 100.0, NORMAL20)])
    led = _heat_ledger(fs, [(1000, 2022, "A"), (880, 2024, "A")], amount_quality=["metered", "metered"])
    sim = kb.simulate(led, draws=40000, seed=8)
    t = Reduction("Värme", base_year=2022, target_year=2024, fraction=0.10,
                  select={"activity": "district_heating"})
    # ln(a24/a22) ~ N(0, 2σ²), σ = ln(1.0502)/2: P(88·a24 ≤ 90·a22) = Φ(ln(90/88)/(σ√2))
    s = math.log(1.0502) / 2
    expected = NormalDist().cdf(math.log(90 / 88) / (s * math.sqrt(2)))
    assert sim.target_probability(t, 2024)["probability"] == pytest.approx(expected, abs=0.01)


def test_simulate_rejects_bad_arguments():
    led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [1], "unit": ["kg"], "year": [2024]}))
    for kwargs, word in ((dict(draws=1), "draws"), (dict(interval=1.5), "interval"), (dict(method="x"), "method")):
        with pytest.raises(InputError, match=word):
            kb.simulate(led, **kwargs)


# ----------------------------------------------------------------------------- what-if
def test_whatif_interval_by_hand():
    """Residual-mix electricity moved to guarantees of origin (0 g/kWh): avoided = 100 MWh × factor × r,
    so its 5th/95th percentiles are exp(∓1.645σ − σ²/2) × the point, σ = ln(GSD²)/2 of the residual mix."""
    from klimatbokslut.whatif import switch_contract
    acts = pd.DataFrame({"activity": ["electricity"], "amount": [100], "unit": ["MWh"], "year": [2024]})
    res = switch_contract(acts, "go_renewable")
    u = res.uncertainty(draws=40000, seed=6, activity_data=False)
    fid = res.baseline.frame["factor_ids"].astype(str)[0].split(";")[0]
    gsd2 = float(kb.default_factors().factors.set_index("factor_id").loc[fid, "uncertainty_parameter"])
    s = math.log(gsd2) / 2
    point = float(res.avoided_co2e.magnitude)
    assert u["avoided_t"] == pytest.approx(point)
    assert u["avoided_high_t"] == pytest.approx(point * math.exp(1.644854 * s - s * s / 2), rel=0.003)
    assert u["avoided_low_t"] == pytest.approx(point * math.exp(-1.644854 * s - s * s / 2), rel=0.003)
    assert u["probability_avoided"] == 1.0


def test_whatif_amounts_keep_their_draw():
    """Diesel replaced by HVO100: with the factors fixed, the litres' draw is common to both ledgers, so the
    avoided tonnes vary exactly as the amount does (a ±x % group, not two independent ones)."""
    from klimatbokslut.whatif import switch_fuel
    acts = pd.DataFrame({"activity": ["diesel_fossil"], "amount": [10000], "unit": ["l"], "year": [2024],
                         "amount_uncertainty": [0.10]})
    res = switch_fuel(acts, "diesel_fossil", "hvo100", share=1.0)
    u = res.uncertainty(draws=20000, seed=2)
    point = float(res.avoided_co2e.magnitude)
    # the factor draws widen it; the amount alone would give exp(±1.645·ln(1.1)/2) ≈ +8.1 %/−7.5 %
    assert u["avoided_low_t"] < point < u["avoided_high_t"]
    assert u["avoided_high_t"] / point - 1 < 0.5


def test_cost_per_tonne_interval_follows_the_avoided_tonnes():
    from klimatbokslut.whatif import switch_fuel
    acts = pd.DataFrame({"activity": ["diesel_fossil"], "amount": [10000], "unit": ["l"], "year": [2024]})
    res = switch_fuel(acts, "diesel_fossil", "hvo100", share=1.0, price_difference="3 SEK/l")
    u = res.uncertainty(draws=5000, seed=3)
    cost = float(res.extra_cost.to("SEK").magnitude)
    assert u["cost_per_tonne_low_sek"] == pytest.approx(cost / u["avoided_high_t"])
    assert u["cost_per_tonne_high_sek"] == pytest.approx(cost / u["avoided_low_t"])


# ----------------------------------------------------------------------------- the example report
def test_example_report_shows_intervals_contributions_and_probabilities(example_report, tmp_path):
    r = example_report
    tb = r.tables
    tot = tb["uncertainty_totals"].set_index("year")
    for y in r.years:
        assert tot.loc[y, "low_t"] < tot.loc[y, "co2e_t"] < tot.loc[y, "high_t"]
        assert tot.loc[y, "co2e_t"] == pytest.approx(r.total(y))
    assert tb["uncertainty_contributions"]["variance_share"].sum() == pytest.approx(1.0)
    assert tb["uncertainty_area_contributions"]["variance_share"].sum() == pytest.approx(1.0)
    probs = tb["uncertainty_targets"]
    co2e = probs[probs["probability"].notna()]
    assert len(co2e) >= 3 and co2e["probability"].between(0, 1).all()
    assert {"avoided_low_t", "avoided_high_t"} <= set(tb["whatif"].columns)
    html = r.to_html(tmp_path / "k.html").read_text(encoding="utf-8")
    assert 'id="uncertainty"' in html and 'data-interval="total"' in html and 'data-interval="whatif"' in html
    assert "Mål: sannolikheter (2024)" in html and "Största bidragen till osäkerheten" in html
    from klimatbokslut.report.workbook import read_report_workbook

    sheets = read_report_workbook(r.to_excel(tmp_path / "k.xlsx"))        # by table name, as the CSV files
    assert {"uncertainty_totals", "uncertainty_targets", "uncertainty_contributions"} <= set(sheets)


def test_example_report_uncertainty_is_reproducible(example_report, tmp_path):
    again = kb.build_report(REGION)
    for name in ("uncertainty_totals", "uncertainty_changes", "uncertainty_targets", "whatif"):
        assert example_report.tables[name].to_csv() == again.tables[name].to_csv(), name


def test_uncertainty_can_be_switched_off():
    from klimatbokslut.report.build import _tiny_config
    cfg = _tiny_config() | {"uncertainty": {"enabled": False}}
    r = kb.build_report(cfg)
    assert r.uncertainty is None and not any(k.startswith("uncertainty") for k in r.tables)


def test_command_line_uncertainty(tmp_path, capsys):
    from klimatbokslut.cli import main
    csv = tmp_path / "a.csv"
    csv.write_text("aktivitet;mängd;enhet;år;datakvalitet\ndiesel_fossil;10 000;l;2023;fakturerad\n"
                   "diesel_fossil;9 000;l;2024;fakturerad\n", encoding="utf-8")
    assert main(["uncertainty", str(csv), "--draws", "4000", "--seed", "1", "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "90 %-intervall" in out and "2024 mot 2023: −10,0 %" in out and "sannolikhet för minskning" in out
    assert (tmp_path / "out" / "uncertainty_totals.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    bad = tmp_path / "b.csv"
    bad.write_text("aktivitet;mängd;enhet;år;datakvalitet\nDiesel;10;l;2024;gissad\n", encoding="utf-8")
    assert main(["uncertainty", str(bad)]) == 1
    assert "gissad" in capsys.readouterr().out


def test_a_row_that_cannot_be_split_is_stated_not_hidden(monkeypatch):
    """If a key's CO2e cannot be split by factor row, its factors are not drawn and defaults() says how much."""
    import klimatbokslut.uncertainty.montecarlo as S
    led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [10], "unit": ["kg"], "year": [2024]}))

    def no_split(*args, **kwargs):
        raise RuntimeError("no split")

    monkeypatch.setattr(S, "_split", no_split)
    sim = kb.simulate(led, draws=200, activity_data=False)
    assert sim.not_split_t == pytest.approx(2.73)
    d = sim.defaults()
    assert d.loc[d["kind"] == "not_split", "co2e_t"].iloc[0] == pytest.approx(2.73)
    s = sim.summary("year")
    assert s["low_t"][0] == pytest.approx(s["high_t"][0])


def test_probability_of_a_carbon_budget_by_hand():
    """A budget derived from 110 t in 2023 falling 10 %/yr allows 110 + 99 = 209 t by 2024. Used: 100 t in 2023 and
    100 t in 2024 with one factor (the same draw both years, GSD² 1.2), amounts certain: used = 200 t · r, so
    P(used ≤ 209 t) = Φ((ln(209/200) + σ²/2)/σ) with σ = ln(1.2)/2 (≈ 0.70)."""
    from klimatbokslut.targets import CarbonBudget
    fs = _heat_factors([("A", 2023, 2024, 100.0, dict(uncertainty_distribution="lognormal",
                                                     uncertainty_parameter=1.2))])
    led = _heat_ledger(fs, [(1000, 2023, "A"), (1000, 2024, "A")])
    sim = kb.simulate(led, draws=40000, seed=12, activity_data=False)
    b = CarbonBudget("Budget", start_year=2023, end_year=2026, start_emissions="110 t CO2e", annual_reduction=0.10,
                     select={"activity": "district_heating"})
    s = math.log(1.2) / 2
    got = sim.target_probability(b, 2024)
    assert got["compared_with"] == "path"
    assert got["probability"] == pytest.approx(NormalDist().cdf((math.log(209 / 200) + s * s / 2) / s), abs=0.01)
    whole = CarbonBudget("Budget", start_year=2023, end_year=2026, budget="210 t CO2e",
                         select={"activity": "district_heating"})
    got = sim.target_probability(whole, 2024)       # a budget given as a total has no path: against the total
    assert got["compared_with"] == "target"
    assert got["probability"] == pytest.approx(NormalDist().cdf((math.log(210 / 200) + s * s / 2) / s), abs=0.01)


def test_a_factor_file_states_its_uncertainty(tmp_path):
    from klimatbokslut.intake.userfactors import apply_factor_files
    good = tmp_path / "f.toml"
    good.write_text('[[factor]]\nactivity = "district_heating"\nregion = "Testby"\nvalid_from = 2024\n'
                    'valid_to = 2024\nvalue = 50\nunit = "g CO2e/kWh"\ngas = "CO2e"\nboundary = "lifecycle"\n'
                    'uncertainty_distribution = "lognormal"\nuncertainty_pedigree = "2,2,1,1,2"\n'
                    'uncertainty_basis = "pedigree"\n', encoding="utf-8")
    fs = apply_factor_files([good])
    rec = fs.factors[fs.factors["region"] == "Testby"].iloc[0].to_dict()
    # 0.0006 + 0.0006 (reliability 2) + 0.0001 (completeness 2) + 0.0006 (technological 2) = 0.0019
    assert factor_uncertainty(rec).parameter == round(math.exp(2 * math.sqrt(0.0019)), 4) == 1.0911
    bad = tmp_path / "g.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('"2,2,1,1,2"', '"2,2,1,6"'), encoding="utf-8")
    with pytest.raises(InputError, match="uncertainty_pedigree"):
        apply_factor_files([bad])
