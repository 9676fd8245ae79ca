"""Quantities do not depend on valuation: a row without a CO2e factor keeps its energy and amount.

Hand-worked: 39 700 MWh of district heating in a network without a factor and 10 000 MWh of
electricity over 120 000 m² is (39 700 + 10 000) MWh / 120 000 m² = 414.17 kWh/m².
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import klimatbokslut as kb
from klimatbokslut import targets

ROWS = pd.DataFrame({
    "activity": ["district_heating", "electricity", "diesel", "hvo100", "district_heating", "n2o", "electricity"],
    "amount": [39_700.0, 10_000.0, 12_000.0, 8_000.0, 2_500.0, 150.0, 9_000.0],
    "unit": ["MWh", "MWh", "l", "l", "MWh", "kg", "MWh"],
    "year": [2024, 2024, 2024, 2024, 2023, 2024, 2023],
    "region": ["Ljungby", "", "", "", "Malmö", "", ""],
})


@pytest.fixture(scope="module")
def fs():
    return kb.default_factors()


def _without(fs, activity):
    rows = fs.factors[fs.factors["activity"] != activity]
    return kb.FactorSet(rows, fs.properties.reset_index(drop=True), fs.sources.reset_index(drop=True),
                        version="test", shares=fs.shares)


def test_heat_per_m2_counts_the_network_without_a_factor(fs):
    led = kb.calculate(ROWS, factors=fs, on_error="collect")
    t = targets.Intensity("Energi per m2", denominator="120 000 m2", metric="energy", intensity_unit="kWh/m2",
                          limit=500, select={"area": "energy_buildings"})
    r = t.evaluate(led, 2024)
    assert r.actual.magnitude == pytest.approx((39_700 + 10_000) * 1000 / 120_000)
    assert r.coverage == 1.0 and r.status == "met"


def test_co2e_figures_say_what_they_leave_out(fs):
    led = kb.calculate(ROWS, factors=fs, on_error="collect")
    lo = led.left_out(year=2024)
    assert (lo.rows, lo.energy_mwh) == (1, pytest.approx(39_700.0))
    assert lo.activities == ("district_heating",) and "Ljungby" in lo.reasons[0]
    assert "39 700 MWh" in lo.text("sv") and "1 rad utan emissionsfaktor" in lo.text("sv")
    assert not led.left_out(year=2023)
    # The total of 2024 is the other rows' total: the unvalued row adds nothing, and the left-out says so.
    valued = kb.calculate(ROWS.drop(index=0), factors=fs)
    assert led.total(year=2024).magnitude == pytest.approx(valued.total(year=2024).magnitude)
    co2e = targets.Cap("Scope 2", limit="1 000 t CO2e", select={"scope": 2})
    r = co2e.evaluate(led, 2024)
    assert r.status == "no_data" and "district_heating (1 row)" in r.note and "39 700" in r.note


def test_strict_mode_still_raises(fs):
    with pytest.raises(kb.InputError, match="Ljungby"):
        kb.calculate(ROWS, factors=fs)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(set(ROWS["activity"]))))
def test_removing_a_factor_changes_no_quantity_or_share(fs, activity):
    base = kb.calculate(ROWS, factors=fs, on_error="collect").frame
    led = kb.calculate(ROWS, factors=_without(fs, activity), on_error="collect")
    f = led.frame
    assert len(f) == len(ROWS) and led.reconcile()["balanced"]
    for col in ("row", "amount", "energy_mj", "renewable_share", "scope", "area"):
        np.testing.assert_array_equal(f[col].to_numpy(dtype=float if col != "area" else object),
                                      base[col].to_numpy(dtype=float if col != "area" else object))
    gone = (ROWS["activity"] == activity).to_numpy()
    assert np.isnan(f.loc[gone, "co2e_kg"].to_numpy(dtype=float)).all()
    assert sum(led.left_out(year=y).rows for y in (2023, 2024)) >= int(gone.sum())
    for year in (2023, 2024):
        energy = targets.Cap("Energi", limit="1e9 MWh", metric="energy")
        assert energy.evaluate(led, year).actual == energy.evaluate(kb.calculate(ROWS, factors=fs,
                                                                                  on_error="collect"), year).actual


def test_problems_list_rows_without_a_factor_beside_the_rejects(fs, tmp_path, capsys):
    from klimatbokslut.cli import main

    led = kb.calculate(ROWS.assign(activity=ROWS["activity"].replace({"n2o": "lustgaz"})), factors=fs,
                       on_error="collect")
    p = led.problems()
    assert p["row"].tolist() == [0, 5] and p["column"].tolist() == ["region", "activity"]
    path = tmp_path / "a.csv"
    path.write_text("aktivitet;mängd;enhet;år;nät\nfjärrvärme;39700;MWh;2024;Ljungby\nel;100;MWh;2024;\n",
                    encoding="utf-8")
    assert main(["validate", str(path), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert "Ljungby" in out and "1 have no emission factor" in err
    assert main(["calculate", "--lenient", str(path), "-o", str(tmp_path / "out")]) == 0
    out, _ = capsys.readouterr()
    assert "2024: utsläppen är exklusive 1 rad utan emissionsfaktor (39 700 MWh" in out
    assert main(["calculate", "--lenient", str(path), "-o", str(tmp_path / "out"), "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert "2024: the CO2e figures are excluding 1 row without an emission factor (39,700 MWh" in out
