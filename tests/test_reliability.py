"""Nothing lost, nothing forged, nothing injected: reproducibility, audit trail and safe exports."""

import hashlib
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import klimatbokslut as kb
from klimatbokslut.ledger import neutralise_cells

DATA = Path(__file__).parent / "data" / "aktiviteter_20.csv"
PAYLOADS = ["=HYPERLINK(\"http://x\",\"klicka\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"]


def digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_same_inputs_give_byte_identical_csv_and_excel(tmp_path):
    a = kb.calculate(kb.read_activities(DATA))
    b = kb.calculate(kb.read_activities(DATA))
    assert digest(a.to_csv(tmp_path / "a.csv")) == digest(b.to_csv(tmp_path / "b.csv"))
    assert digest(a.to_excel(tmp_path / "a.xlsx")) == digest(b.to_excel(tmp_path / "b.xlsx"))


def test_excel_records_factor_version_and_input_hashes(tmp_path):
    led = kb.calculate(kb.read_activities(DATA))
    about = pd.read_excel(led.to_excel(tmp_path / "l.xlsx"), sheet_name="about").set_index("key")["value"]
    assert about["factor_version"] == "2026.1"
    assert about[f"input {DATA}"] == digest(DATA)
    assert about["factor file fuels.csv"] == kb.default_factors().checksums["fuels.csv"]


def test_parquet_round_trip(tmp_path):
    led = kb.calculate(kb.read_activities(DATA), gwp="AR5", scope2_method="location")
    back = kb.Ledger.from_parquet(led.to_parquet(tmp_path / "l.parquet"), factors=kb.default_factors())
    # Parquet stores text columns as strings; values, order and numbers are unchanged.
    pd.testing.assert_frame_equal(back.frame, led.frame, check_categorical=False, check_dtype=False)
    assert (back.gwp, back.scope2_method, back.inputs) == ("AR5", "location", led.inputs)
    assert back.total().magnitude == led.total().magnitude
    assert back.summary(by=["year", "scope"]).equals(led.summary(by=["year", "scope"]))


def test_compare_ledgers_splits_a_change_by_hand():
    old_acts = pd.DataFrame({"activity": ["diesel", "lustgas", "fjärrvärme", "el"], "amount": [1000, 100, 1000, 5],
                             "unit": ["l", "kg", "MWh", "MWh"], "year": [2022] * 4,
                             "region": ["", "", "Malmö", ""]})
    new_acts = old_acts.iloc[:3].assign(amount=[1100, 100, 1000])          # more diesel, electricity row gone
    local = kb.default_factors().with_factors([dict(activity="district_heating", region="Malmö", valid_from=2022,
                                                    valid_to=2022, value=100.0, unit="g CO2e/kWh", gas="CO2e",
                                                    boundary="lifecycle", source_id="x")])
    old = kb.calculate(old_acts, gwp="AR5")
    new = kb.calculate(new_acts, gwp="AR6", factors=local)
    c = kb.compare_ledgers(old, new)
    t = c.totals
    diesel_old = old.frame.loc[0, "co2e_kg"]
    assert t["activity"] == pytest.approx(100 * diesel_old / 1000 / 1000)
    assert t["removed"] == pytest.approx(-5 * 0.46762)                      # 5 MWh × 467.62 g/kWh (2022)
    assert t["factor"] == pytest.approx(1000 * (0.100 - 0.1194))            # the local district-heating value
    n2o_gwp = 100 * (273 - 265) / 1000
    diesel_gwp = (new.frame.loc[0, "ch4_kg"] * (27.9 - 28) + new.frame.loc[0, "n2o_kg"] * (273 - 265)) / 1000
    assert t["gwp"] == pytest.approx(n2o_gwp + diesel_gwp)
    assert t["change"] == pytest.approx(t["added"] + t["removed"] + t["activity"] + t["gwp"] + t["factor"])
    assert t["change"] == pytest.approx(new.total().magnitude - old.total().magnitude)
    assert "GWP set changed from AR5 to AR6." in c.explain()
    assert c.factors_only_new == ["user-district_heating-Malmö-2022-1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_exports_neutralise_formulas_in_user_text(tmp_path, payload):
    acts = pd.DataFrame({"activity": ["el"], "amount": [1], "unit": ["kWh"], "year": [2023], "site": [payload],
                         "org_unit": [payload]})
    led = kb.calculate(acts)
    csv_site = pd.read_csv(led.to_csv(tmp_path / "l.csv"), dtype=str, keep_default_na=False)["site"].iloc[0]
    wb = openpyxl.load_workbook(led.to_excel(tmp_path / "l.xlsx"))
    ws = wb["ledger"]
    header = [c.value for c in ws[1]]
    site = ws.cell(row=2, column=header.index("site") + 1).value
    if payload[0] in "=+-@\t\r":
        assert site == "'" + payload.strip()          # cells are trimmed on reading, then neutralised
        assert csv_site == "'" + payload.strip()
    else:
        assert site == payload and csv_site == payload
    assert ws.cell(row=2, column=header.index("site") + 1).data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)   # no formula cells anywhere


def test_neutralise_leaves_numbers_alone():
    out = neutralise_cells(pd.DataFrame({"a": [-1.5, 2.0], "b": ["-x", "y"]}))
    assert out["a"].tolist() == [-1.5, 2.0] and out["b"].tolist() == ["'-x", "y"]


def test_no_eval_pickle_or_unsafe_yaml_in_the_library():
    src = Path(kb.__file__).parent
    pattern = re.compile(r"\beval\(|\bexec\(|pickle\.loads?\(|yaml\.load\(|marshal\.loads?\(")
    hits = [f"{p.name}:{i}" for p in src.rglob("*.py") for i, line in enumerate(p.read_text().splitlines(), 1)
            if pattern.search(line)]
    assert hits == []


def test_unsourced_user_factor_is_marked_in_the_ledger_and_factors_used():
    fs = kb.default_factors().with_factors([dict(activity="district_heating", region="Ystad", valid_from=2024,
                                                 valid_to=2024, value=50.0, unit="g CO2e/kWh", gas="CO2e",
                                                 boundary="lifecycle")])
    led = kb.calculate(pd.DataFrame({"activity": ["fjärrvärme"], "amount": [10], "unit": ["MWh"], "year": [2024],
                                     "region": ["Ystad"]}), factors=fs)
    assert "unsourced" in led.frame["flags"].iloc[0]
    assert led.factors_used()["source_id"].tolist() == ["unsourced"]
