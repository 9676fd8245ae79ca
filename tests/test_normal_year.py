"""Normal-year correction of heating energy (SMHI degree-days, base +17 °C).

Hand-worked: 1 000 MWh in a year of 3 400 degree-days, normal year 3 846 (Norrtälje, SMHI
1981–2010), weather-dependent share 0.75: 1 000 × (0.25 + 0.75 × 3 846 / 3 400) = 1 098.38 MWh.
"""

import numpy as np
import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut import normal_year, targets

ROWS = pd.DataFrame({"activity": ["fjärrvärme", "fjärrvärme", "diesel", "fjärrvärme"],
                     "amount": [1000.0, 1000.0, 100.0, 800.0], "unit": ["MWh", "MWh", "l", "MWh"],
                     "year": [2024, 2023, 2024, 2022], "region": ["Malmö", "Malmö", "", "Malmö"]})


@pytest.fixture(scope="module")
def led():
    return kb.calculate(ROWS)


def test_corrected_energy_by_hand(led):
    c = normal_year.correct(led, degree_days={2024: 3400, 2023: 4200}, normal_degree_days=3846, weather_share=0.75)
    mwh = c.frame["energy_normal_mj"].to_numpy() / 3600
    assert mwh[0] == pytest.approx(1000 * (0.25 + 0.75 * 3846 / 3400))     # 1 098.38: a mild year corrected up
    assert mwh[1] == pytest.approx(1000 * (0.25 + 0.75 * 3846 / 4200))     # 936.79: a cold year corrected down
    assert mwh[2] == pytest.approx(c.frame.loc[2, "energy_mj"] / 3600)    # diesel: not heating, not corrected
    assert np.isnan(mwh[3])                                               # 2022 has no degree-days: unknown
    assert "normal_year" in c.frame.loc[0, "flags"] and "normal_year" not in c.frame.loc[2, "flags"]
    assert c.frame["co2e_kg"].equals(led.frame["co2e_kg"])                # emissions are never corrected
    assert "energy_normal_mj" not in led.frame.columns                    # the input ledger is unchanged


def test_intensity_target_on_corrected_energy(led):
    c = normal_year.correct(led, degree_days={2024: 3400}, normal_degree_days={2024: 3846}, weather_share=0.75)
    t = targets.Intensity("Värme per m2", denominator="10 000 m2", metric="energy_normal", intensity_unit="kWh/m2",
                          limit=100, select={"activity": "district_heating"})
    r = t.evaluate(c, 2024)
    assert r.actual.magnitude == pytest.approx(1098.382 * 1000 / 10_000, rel=1e-5) and r.status == "not_met"
    r = t.evaluate(c, 2022)
    assert r.status == "no_data" and "unknown" in r.note
    with pytest.raises(kb.InputError, match="normal-year corrected"):
        t.evaluate(led, 2024)


def test_bad_parameters_in_one_round(led):
    with pytest.raises(kb.InputError) as err:
        normal_year.correct(led, degree_days={2024: -3, 2023: "kallt"}, normal_degree_days=3846, weather_share=1.5)
    assert set(err.value.failures["column"]) == {"degree_days", "weather_share"} and len(err.value.failures) == 3


def test_report_configuration_corrects_and_says_so(tmp_path):
    (tmp_path / "a.csv").write_text("aktivitet;mängd;enhet;år;nät\nfjärrvärme;1000;MWh;2023;Malmö\n"
                                    "fjärrvärme;1000;MWh;2024;Malmö\n", encoding="utf-8")
    cfg = {"organisation": {"name": "Region X"}, "report_year": 2024, "activities": str(tmp_path / "a.csv"),
           "normal_year": {"degree_days": {"2023": 4200, "2024": 3400}, "normal_degree_days": 3846,
                           "weather_share": 0.75, "source": "SMHI, Norrtälje"},
           "targets": [{"type": "intensity", "name": "Värme per m2", "denominator": "10 000 m2",
                        "metric": "energy_normal", "intensity_unit": "kWh/m2", "limit": {"2023": 95, "2024": 110},
                        "select": {"activity": "district_heating"}}]}
    r = kb.build_report(cfg)
    res = r.targets[0].result
    assert res.actual.magnitude == pytest.approx(1000 * (0.25 + 0.75 * 3846 / 3400) * 1000 / 10_000)
    assert res.status == "met"
    html = r.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "normalårskorrigerad" in html and "SMHI, Norrtälje" in html
    with pytest.raises(Exception, match="weather_share"):
        kb.load_config(cfg | {"normal_year": cfg["normal_year"] | {"weather_share": 1.5}})
