"""Bad input: every case gets a clear error naming row, column, value and reason; nothing is lost."""

import numpy as np
import pandas as pd
import pytest

import klimatbokslut as kb


def frame(**cols):
    n = max(len(v) for v in cols.values())
    base = {"activity": ["diesel"] * n, "amount": [100] * n, "unit": ["l"] * n, "year": [2024] * n}
    base.update(cols)
    return pd.DataFrame(base)


def failures(df, **kw):
    with pytest.raises(kb.InputError) as err:
        kb.calculate(df, **kw)
    return err.value.failures


def test_unknown_activity_suggests_close_names():
    f = failures(frame(activity=["dissel"]))
    assert f.loc[0, "column"] == "activity" and f.loc[0, "value"] == "dissel"
    assert "did you mean diesel" in f.loc[0, "reason"]


def test_unknown_unit():
    f = failures(frame(unit=["tunnor"]))
    assert (f.loc[0, "column"], f.loc[0, "value"], f.loc[0, "reason"]) == ("unit", "tunnor", "unknown unit")


def test_wrong_dimension_litres_of_electricity():
    f = failures(frame(activity=["el"], unit=["l"]))
    assert f.loc[0, "column"] == "unit"
    assert "cannot measure electricity" in f.loc[0, "reason"] and "kWh" in f.loc[0, "reason"]


def test_gas_volume_must_be_at_standard_conditions():
    f = failures(frame(activity=["biogas"], unit=["m3"]))
    assert "Nm3" in f.loc[0, "reason"]
    f = failures(frame(activity=["lustgas"], unit=["l"]))
    assert "Nm3" in f.loc[0, "reason"] or "kg" in f.loc[0, "reason"]


def test_conversion_without_a_property_names_what_is_missing():
    f = failures(frame(activity=["lng"], unit=["l"]))
    assert f.loc[0, "column"] == "unit" and "density" in f.loc[0, "reason"]


def test_negative_amount_needs_a_correction_marker():
    f = failures(frame(amount=[-50]))
    assert f.loc[0, "column"] == "amount" and "correction" in f.loc[0, "reason"]
    led = kb.calculate(frame(amount=[-50, 100], correction=["ja", ""]))
    assert led.frame["co2e_kg"].iloc[0] == pytest.approx(-0.5 * led.frame["co2e_kg"].iloc[1])
    assert "correction" in led.frame["flags"].iloc[0]


@pytest.mark.parametrize("value,reason", [
    ("", "empty amount"),
    (np.nan, "empty amount"),
    (None, "empty amount"),
    ("tio", "not a number"),
    ("1.234,5", "ambiguous"),
    ("1,234.5", "ambiguous"),
    ("1,2,3", "ambiguous"),
])
def test_bad_amounts(value, reason):
    f = failures(frame(amount=[value]))
    assert f.loc[0, "column"] == "amount" and reason in f.loc[0, "reason"]


@pytest.mark.parametrize("year,reason", [(1850, "out of range"), (2300, "out of range"), ("2024,5", "whole number"),
                                         ("i fjol", "whole number"), ("", "whole number")])
def test_bad_years(year, reason):
    f = failures(frame(year=[year]))
    assert f.loc[0, "column"] == "year" and reason in f.loc[0, "reason"]


def test_duplicate_ids_name_the_first_row():
    f = failures(frame(id=["A", "B", "A"]))
    assert f.loc[0, "column"] == "id" and f.loc[0, "row"] == 2
    assert "first used in row 0" in f.loc[0, "reason"]


def test_missing_factor_for_year_and_region():
    f = failures(frame(activity=["fjärrvärme"], unit=["kWh"], region=["Ystad"]))
    assert f.loc[0, "column"] == "region" and "Malmö" in f.loc[0, "reason"]
    # A network only the user's rows have, in a year they do not cover: blamed on the year, naming the years.
    user = kb.default_factors().with_factors([dict(activity="district_heating", region="Ystad", valid_from=2022,
                                                   valid_to=2023, value=40.0, unit="g CO2e/kWh", gas="CO2e",
                                                   boundary="lifecycle")])
    f = failures(frame(activity=["fjärrvärme"], unit=["kWh"], year=[2024], region=["Ystad"]), factors=user)
    assert f.loc[0, "column"] == "year" and "cover 2022–2023, not 2024" in f.loc[0, "reason"]


def test_activity_without_any_factor():
    f = failures(frame(activity=["lbg"], unit=["kg"]))
    assert f.loc[0, "column"] == "activity" and "no factor in the dataset" in f.loc[0, "reason"]


def test_gwp_set_without_the_gas():
    f = failures(frame(activity=["desfluran"], unit=["kg"]), gwp="AR4")
    assert "AR4" in f.loc[0, "reason"] and "desflurane" in f.loc[0, "reason"]


def test_contract_only_for_electricity_and_known_values():
    f = failures(frame(contract=["go_hydro"]))
    assert f.loc[0, "column"] == "contract" and "only to electricity" in f.loc[0, "reason"]
    f = failures(frame(activity=["el"], unit=["kWh"], contract=["grön el"]))
    assert "go_renewable" in f.loc[0, "reason"]


def test_unknown_ownership():
    f = failures(frame(ownership=["lånad"]))
    assert f.loc[0, "column"] == "ownership" and "contracted" in f.loc[0, "reason"]


def test_missing_required_column():
    with pytest.raises(kb.InputError) as err:
        kb.read_activities(pd.DataFrame({"activity": ["el"], "amount": [1]}))
    assert set(err.value.failures["column"]) == {"unit", "year"}


def test_all_failures_are_listed_at_once_with_row_column_value_reason():
    df = frame(activity=["dissel", "el", "diesel", "fjärrvärme", "diesel"], unit=["l", "l", "l", "kWh", "l"],
               amount=[1, 2, "x", 4, 5], region=["", "", "", "Ingenstans", ""])
    with pytest.raises(kb.InputError) as err:
        kb.calculate(df)
    f = err.value.failures
    assert sorted(f["row"].tolist()) == [0, 1, 2, 3]
    text = str(err.value)
    assert "4 problems" in text and "row 0, column 'activity', value 'dissel'" in text


def test_collect_mode_accounts_for_every_row():
    df = frame(activity=["dissel", "el", "diesel", "fjärrvärme", "diesel"], unit=["l", "l", "l", "kWh", "l"],
               amount=[1, 2, "x", 4, 5], region=["", "", "", "Ingenstans", ""])
    led = kb.calculate(df, on_error="collect")
    # Row 3 is readable (4 kWh of district heating) but no factor fits its network: kept, unvalued.
    assert led.frame["row"].tolist() == [3, 4]
    assert sorted(led.rejects["row"].unique().tolist()) == [0, 1, 2]
    assert led.reconcile() == {"input_rows": 5, "ledger_rows": 2, "rejected_rows": 3, "balanced": True,
                               "unvalued_rows": 1}
    row = led.frame.iloc[0]
    assert np.isnan(row["co2e_kg"]) and row["energy_mj"] == pytest.approx(4 * 3.6)
    assert "region 'Ingenstans'" in row["unvalued_reason"] and "unvalued" in row["flags"]
    assert {"row", "column", "value", "reason", "input_amount"} <= set(led.rejects.columns)


def test_read_activities_collect_then_calculate_keeps_the_rejects(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("aktivitet;mängd;enhet;år\nel;1 000;kWh;2023\nkol;5;kg;2023\n\nSumma;1 005;;\n", encoding="utf-8")
    acts = kb.read_activities(p, on_error="collect")
    assert len(acts) == 1 and acts.blank_rows == 1
    led = kb.calculate(acts)
    assert sorted(led.rejects["row"].unique().tolist()) == [3, 5]   # line numbers in the file
    assert led.reconcile()["balanced"]


def test_unreadable_file_and_missing_file(tmp_path):
    with pytest.raises(kb.InputError, match="file not found"):
        kb.read_activities(tmp_path / "nope.csv")


@pytest.mark.parametrize(("query", "column"), [
    (dict(activity="district_heating", year=2024, region="Ingenstans"), "region"),
    (dict(activity="electricity", year=2024, region="SE", method="market", instrument="no_such_contract"),
     "contract"),
    (dict(activity="diesel", year=2024, factor_id="no_such_id"), "factor_id"),
])
def test_a_missing_factor_names_the_part_of_the_request_without_a_match(query, column):
    import pickle

    fs = kb.default_factors()
    activity, year = query.pop("activity"), query.pop("year")
    with pytest.raises(kb.FactorNotFoundError) as err:
        fs.select(activity, year, **query)
    assert err.value.column == column
    assert pickle.loads(pickle.dumps(err.value)).column == column   # Dask workers pickle it


def test_a_key_without_a_factor_is_blamed_on_its_cell():
    # The engine blames the column the factor set names, not a guess from the message text.
    df = frame(activity=["district_heating", "electricity"], unit=["MWh", "kWh"], year=[2024, 2024],
               network=["Ingenstans", ""], contract=["", "no_such_contract"])
    f = failures(df)
    assert sorted(f["column"]) == ["contract", "region"]     # "network" is read into the region column
