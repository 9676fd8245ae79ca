"""The bundled factor dataset: sources, integrity, and the documented derivations.

Derivations are re-done here by hand from the published figures:
Energimyndigheten, Växthusgasutsläpp för drivmedel levererade 2016 (fossil diesel
MK3 95.1, fossil petrol 93.3 g CO2e/MJ; MJ/l 35.5 / 35.9 / 31.7 / 32.2 / 34.0);
the reduction obligation levels (SFS 2017:1201, via sv.wikipedia "Reduktionsplikt");
SPBI fuel table (diesel MK1 9 800 kWh/m3, 2.54 kg CO2/l); Ei residual mix.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.factors import _bundled_dir

REPO = Path(__file__).resolve().parents[1]
RED = {"CH4": 23, "N2O": 296}


@pytest.fixture(scope="module")
def fs():
    return kb.default_factors()


def test_every_row_names_a_source_with_publisher_and_url(fs):
    sources = fs.sources
    for sid in fs.factors["source_id"]:
        for part in sid.split(";"):
            assert part in sources.index, part
    assert (sources["publisher"].str.len() > 0).all()
    assert (sources["title"].str.len() > 0).all()
    assert (sources["url"].str.startswith("http")).all()
    assert (sources["licence"].str.len() > 0).all()
    assert (sources["seen_in"].str.len() > 0).all()


def test_every_derived_row_states_its_derivation(fs):
    derived = fs.factors[fs.factors["derived"]]
    assert len(derived) > 50
    assert (derived["note"].str.len() > 20).all()


def test_co2e_rows_state_their_gwp_basis(fs):
    co2e = fs.factors[fs.factors["gas"] == "CO2e"]
    assert (co2e["gwp"].str.len() > 0).all()


def test_shipped_files_equal_a_rebuild(fs):
    script = REPO / "tools" / "build_factors.py"
    if not script.is_file():
        pytest.fail("tools/build_factors.py missing from the checkout")
    result = subprocess.run([sys.executable, str(script), "--check", "--out", str(_bundled_dir())],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_changed_file_is_an_error(tmp_path):
    folder = tmp_path / "ef"
    shutil.copytree(_bundled_dir(), folder)
    path = folder / "electricity.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("524.1", "52.41"), encoding="utf-8")
    with pytest.raises(kb.DatasetIntegrityError, match="sha256"):
        kb.FactorSet.from_path(folder)


def test_unlisted_file_is_an_error(tmp_path):
    folder = tmp_path / "ef"
    shutil.copytree(_bundled_dir(), folder)
    (folder / "extra.csv").write_text("factor_id\n", encoding="utf-8")
    with pytest.raises(kb.DatasetIntegrityError, match="not listed"):
        kb.FactorSet.from_path(folder)


def test_manifest_has_version_and_checksums():
    manifest = json.loads((_bundled_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == "2026.1"
    assert {"fuels.csv", "electricity.csv", "heat.csv", "gases.csv", "sources.csv",
            "fuel_properties.csv"} <= set(manifest["files"])


def _wtw_red(rows: pd.DataFrame) -> float:
    """WTW g CO2e/MJ of a selection, weighting CH4/N2O as the RED method does."""
    total = 0.0
    for r in rows.itertuples():
        if r.gas == "CO2_biogenic":
            continue
        v = r.value / 1000.0 if r.unit.startswith("kg") and r.unit.endswith("/TJ") else r.value
        total += v * RED.get(r.gas, 1)
    return total


# Obligation levels, % GHG reduction (diesel, petrol): SFS 2017:1201 as amended.
OBLIGATION = {2018: (19.3, 2.6), 2019: (20.0, 2.6), 2020: (21.0, 4.2), 2021: (26.0, 6.0), 2022: (30.5, 7.8),
              2023: (30.5, 7.8), 2024: (6.0, 6.0), 2025: (8.0, 8.0)}


@pytest.mark.parametrize("year", sorted(OBLIGATION))
def test_pump_fuel_wtw_follows_the_reduction_obligation(fs, year):
    d, p = OBLIGATION[year]
    diesel = fs.select("diesel", year).rows
    petrol = fs.select("petrol", year).rows
    assert _wtw_red(diesel) == pytest.approx(95.1 * (1 - d / 100), rel=1e-5)
    assert _wtw_red(petrol) == pytest.approx(93.3 * (1 - p / 100), rel=1e-5)


def test_pump_diesel_2016_is_energimyndighetens_average(fs):
    assert _wtw_red(fs.select("diesel", 2016).rows) == pytest.approx(80.4, rel=1e-5)
    assert _wtw_red(fs.select("petrol", 2016).rows) == pytest.approx(91.3, rel=1e-5)


def test_fossil_references_and_biofuels_wtw(fs):
    # Energimyndigheten's averages for fuels delivered in 2016 describe 2016; 2020 takes that nearest edition.
    for activity, wtw in (("diesel_fossil", 95.1), ("petrol_fossil", 93.3), ("fame", 32.3), ("e85", 51.0),
                          ("biogas", 20.6), ("fordonsgas", 30.5), ("cng", 73.6), ("lng", 72.2)):
        assert _wtw_red(fs.select(activity, 2016).rows) == pytest.approx(wtw, rel=1e-5), activity
        if activity != "fordonsgas":
            sel = fs.select(activity, 2020)
            assert sel.fallback and sel.factor_year == 2016 and _wtw_red(sel.rows) == pytest.approx(wtw, rel=1e-5)
    # Vehicle gas 2017: 86 % biogas (SCB via Energigas Sverige) = 0.14 × 73.6 + 0.86 × 20.6 g CO2e/MJ,
    # the nearest edition for 2020.
    sel = fs.select("fordonsgas", 2020)
    assert sel.fallback and sel.factor_year == 2017
    assert _wtw_red(sel.rows) == pytest.approx(0.14 * 73.6 + 0.86 * 20.6, rel=1e-5)
    assert _wtw_red(fs.select("hvo100", 2020).rows) == pytest.approx(14.0, rel=1e-5)
    # 2024 deliveries: 82 % lower than fossil diesel (Fossilfritt Sverige citing Energimyndigheten)
    assert _wtw_red(fs.select("hvo100", 2024).rows) == pytest.approx(0.18 * 95.1, rel=1e-5)


def test_tank_to_wheel_co2_from_spbi(fs):
    rows = fs.select("diesel", 2024).rows
    co2 = rows.loc[rows["gas"] == "CO2", "value"].item()
    assert co2 == pytest.approx(2.54 / (9800 * 3.6 / 1000) * 1000 * 0.94, rel=1e-5)
    oil = fs.select("heating_oil", 2024).rows
    assert oil.loc[oil["gas"] == "CO2", "value"].item() == pytest.approx(2.66 / 35.82 * 1000, rel=1e-5)


def test_year_without_factor_uses_the_nearest_edition(fs):
    # Ei's residual mix: 2023 524.10, 2022 467.62, 2019 338.53 g CO2/kWh; none published for 2024 or 2017.
    sel = fs.select("electricity", 2024, method="market", instrument="residual_mix")
    assert sel.fallback and sel.factor_year == 2023
    assert sel.rows["value"].item() == pytest.approx(524.10)
    sel = fs.select("electricity", 2022, method="market", instrument="residual_mix")
    assert not sel.fallback and sel.rows["value"].item() == pytest.approx(467.62)
    sel = fs.select("electricity", 2018, method="market", instrument="residual_mix")
    assert sel.fallback and sel.factor_year == 2019 and sel.rows["value"].item() == pytest.approx(338.53)


def test_user_rows_replace_bundled_rows_and_unsourced_is_marked(fs):
    user = fs.with_factors([dict(activity="district_heating", region="Malmö", valid_from=2022, valid_to=2022,
                                 value=100.0, unit="g CO2e/kWh", gas="CO2e", boundary="lifecycle")])
    assert user.version == "2026.1+user"
    sel = user.select("district_heating", 2022, region="malmö")
    assert sel.rows["value"].tolist() == [100.0]
    assert sel.rows["source_id"].tolist() == ["unsourced"]
    led = kb.calculate(pd.DataFrame({"activity": ["fjärrvärme"], "amount": [1000], "unit": ["kWh"],
                                     "year": [2022], "region": ["Malmö"]}), factors=user)
    assert led.frame["co2e_kg"].item() == pytest.approx(100.0)
    assert "unsourced" in led.frame["flags"].item()


def test_bad_user_rows_are_listed(fs):
    with pytest.raises(kb.InputError) as err:
        fs.with_factors([dict(activity="electricity", valid_from=2024, valid_to=2023, value=1.0, unit="g CO2/kWh",
                              gas="CO2"),
                         dict(activity="electricity", valid_from=2024, valid_to=2024, value=1.0, unit="g N2O/kWh",
                              gas="CO2")])
    assert len(err.value.failures) == 2


def test_factor_catalogue_docs_are_up_to_date():
    script = REPO / "tools" / "build_factor_docs.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
