"""Every public member of the Ledger, on a pandas ledger and on a Dask ledger of the same rows.

Each member either gives the same answer on both, or the Dask one raises an InputError that
names the method and says to call ``.compute()`` first. The members are enumerated with
``inspect`` (the class's public names and the instance's settings), and the test fails when a
member has no check below: a new method cannot be forgotten.
"""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

import klimatbokslut as kb

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")

# Diesel (direct and upstream parts), electricity (scope 2, both methods), district heating in
# an unknown network (kept unvalued: no emission factor), N2O, HVO100 (biogenic memo), an
# unknown activity (rejected) and a second year.
ACTS = pd.DataFrame({
    "activity": ["diesel", "el", "fjärrvärme", "n2o", "hvo100", "kol", "diesel", "el"],
    "amount": [1000.0, 50.0, 300.0, 2.0, 500.0, 1.0, 200.0, 20.0],
    "unit": ["l", "MWh", "MWh", "kg", "l", "kg", "l", "MWh"],
    "year": [2024, 2024, 2024, 2024, 2024, 2024, 2023, 2023],
    "org_unit": ["A", "A", "B", "B", "A", "B", "A", "B"],
    "region": ["", "", "Atlantis", "", "", "", "", ""],
})


@pytest.fixture(scope="module")
def ledgers():
    with dask.config.set(scheduler="synchronous"):
        pandas_led = kb.calculate(ACTS, on_error="collect")
        dask_led = kb.calculate(dd.from_pandas(ACTS, npartitions=2), on_error="collect")
        assert dask_led.frame.npartitions == 2
        yield pandas_led, dask_led


def _public_members() -> set[str]:
    """The Ledger's public names: methods, properties, class methods and the settings set in __init__."""
    names = {n for n, _ in inspect.getmembers(kb.Ledger) if not n.startswith("_")}
    settings = {n for n in inspect.signature(kb.Ledger.__init__).parameters if n not in ("self", "factor_version")}
    instance = {n for n in vars(kb.calculate(ACTS, on_error="collect")) if not n.startswith("_")}
    return names | settings | instance


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A table without the Dask ``partition`` column, its text columns as objects, sorted as the pandas one."""
    out = frame.drop(columns=["partition"], errors="ignore").reset_index(drop=True)
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype) or out[c].dtype == object or str(out[c].dtype) == "str":
            out[c] = out[c].astype(object)
    return out


def _same_failures(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert "partition" in got.columns          # a Dask row is (partition, row)
    key = ["row", "column", "reason"]
    pd.testing.assert_frame_equal(_plain(got).sort_values(key, kind="stable").reset_index(drop=True),
                                  _plain(want).sort_values(key, kind="stable").reset_index(drop=True),
                                  check_dtype=False)


def _same_summary(got: pd.DataFrame, want: pd.DataFrame, value: str) -> None:
    keys = [c for c in want.columns if c != value]
    pd.testing.assert_frame_equal(got[keys], want[keys], check_dtype=False)
    np.testing.assert_allclose(got[value], want[value], rtol=1e-12, atol=1e-12)


def _asks_to_compute(call, name: str) -> None:
    with pytest.raises(kb.InputError, match=r"\.compute\(\)") as err:
        call()
    assert f"Ledger.{name}" in str(err.value)


def check_frame(p, d, tmp_path):
    assert isinstance(d.frame, dd.DataFrame)        # lazy until asked
    got = _plain(d.frame.compute())
    pd.testing.assert_frame_equal(got, _plain(p.frame), check_dtype=False)


def check_settings(p, d, tmp_path):
    for name in ("gwp", "scope2_method", "factor_version", "radiative_forcing", "inputs", "input_rows",
                 "blank_rows", "normal_year"):
        assert getattr(d, name) == getattr(p, name), name
    assert d.factors is p.factors


def check_rejects(p, d, tmp_path):
    assert len(p.rejects)
    _same_failures(d.rejects, p.rejects)


def check_unvalued_failures(p, d, tmp_path):
    assert len(p.unvalued_failures)
    _same_failures(d.unvalued_failures, p.unvalued_failures)


def check_problems(p, d, tmp_path):
    assert len(p.problems()) == 2
    _same_failures(d.problems(), p.problems())


def check_counts(p, d, tmp_path):
    assert len(d) == len(p)
    assert d.rejected_rows() == p.rejected_rows() == 1
    assert d.unvalued_rows() == p.unvalued_rows() == 1
    assert d.reconcile() == p.reconcile()


def check_total(p, d, tmp_path):
    for filters in ({}, {"year": 2024}, {"scope": [1, 2]}, {"method": "location"}, {"org_unit": "A"},
                    {"boundary": "upstream", "year": 2023}):
        got, want = d.total(**filters), p.total(**filters)
        assert str(got.units) == str(want.units)
        assert got.magnitude == pytest.approx(want.magnitude, rel=1e-12, abs=1e-12), filters


def check_summary(p, d, tmp_path):
    for by, filters in ((("year", "scope"), {}), (["org_unit", "category", "boundary"], {}), ("area", {"year": 2024}),
                        ("year", {"method": "location"})):
        _same_summary(d.summary(by, **filters), p.summary(by, **filters), "co2e_t")


def check_memo(p, d, tmp_path):
    assert p.memo()["co2_biogenic_t"].sum() > 0
    for by in ("year", ["year", "org_unit"]):
        _same_summary(d.memo(by), p.memo(by), "co2_biogenic_t")


def check_factors_used(p, d, tmp_path):
    pd.testing.assert_frame_equal(d.factors_used(), p.factors_used())


def check_about(p, d, tmp_path):
    pd.testing.assert_frame_equal(d.about(), p.about())


def check_in_memory_only(name, call):
    def check(p, d, tmp_path):
        call(p, tmp_path)                                  # the pandas ledger answers
        _asks_to_compute(lambda: call(d, tmp_path), name)  # the Dask one says to compute first
    return check


def check_from_records(p, d, tmp_path):
    records = [{"activity": "x", "amount": 1, "unit": "kg", "year": 2024, "scope": 1, "category": "fugitive",
                "area": "refrigerants", "co2e_direct_kg": 1000.0}]
    got, want = d.from_records(records), p.from_records(records)
    assert isinstance(got, kb.Ledger) and not isinstance(got.frame, dd.DataFrame)
    pd.testing.assert_frame_equal(got.frame, want.frame)


def check_from_parquet(p, d, tmp_path):
    path = p.to_parquet(tmp_path / "ledger.parquet")
    got, want = d.from_parquet(path), p.from_parquet(path)
    pd.testing.assert_frame_equal(got.frame, want.frame)
    assert got.reconcile() == want.reconcile()


def check_concat(p, d, tmp_path):
    assert p.concat([p, p]).total().magnitude == pytest.approx(2 * p.total().magnitude)
    _asks_to_compute(lambda: d.concat([d]), "concat")
    _asks_to_compute(lambda: kb.Ledger.concat([p, d]), "concat")


CHECKS = {
    "frame": check_frame,
    **dict.fromkeys(("gwp", "scope2_method", "factors", "factor_version", "radiative_forcing", "inputs",
                     "input_rows", "blank_rows", "normal_year"), check_settings),
    "rejects": check_rejects,
    "unvalued_failures": check_unvalued_failures,
    "problems": check_problems,
    **dict.fromkeys(("rejected_rows", "unvalued_rows", "reconcile"), check_counts),
    "total": check_total,
    "summary": check_summary,
    "memo": check_memo,
    "factors_used": check_factors_used,
    "about": check_about,
    "from_records": check_from_records,
    "from_parquet": check_from_parquet,
    "concat": check_concat,
    "parts": check_in_memory_only("parts", lambda led, tmp: led.parts()),
    "left_out": check_in_memory_only("left_out", lambda led, tmp: led.left_out(year=2024)),
    "replace": check_in_memory_only("replace", lambda led, tmp: led.replace(radiative_forcing=False)),
    "to_excel": check_in_memory_only("to_excel", lambda led, tmp: led.to_excel(tmp / "ledger.xlsx")),
    "to_csv": check_in_memory_only("to_csv", lambda led, tmp: led.to_csv(tmp / "ledger.csv")),
    "to_parquet": check_in_memory_only("to_parquet", lambda led, tmp: led.to_parquet(tmp / "ledger.parquet")),
}


def test_every_public_member_has_a_check():
    members = _public_members()
    assert members == set(CHECKS), (f"without a check: {sorted(members - set(CHECKS))}; "
                                    f"checked but not a member: {sorted(set(CHECKS) - members)}")


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_dask_answers_as_pandas_or_asks_to_compute(ledgers, name, tmp_path):
    pandas_led, dask_led = ledgers
    assert isinstance(dask_led, kb.Ledger) and type(dask_led) is not kb.Ledger
    with dask.config.set(scheduler="synchronous"):
        CHECKS[name](pandas_led, dask_led, tmp_path)


def test_a_dask_ledger_is_not_a_subclass_that_skips_init():
    from klimatbokslut.scale import DaskLedger

    assert kb.Ledger not in DaskLedger.__mro__      # a Ledger by registration, built by its own __init__
