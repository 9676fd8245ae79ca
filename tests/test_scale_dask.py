"""Scale-out on Dask: the lazy ledger on a real LocalCluster equals the pandas path.

The cluster has two worker processes on loopback (``processes=True``), so partitions
are calculated in other processes from pickled tasks, as on a real cluster.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import klimatbokslut as kb

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

# (activity, unit, region); the last two are not usable (unknown activity, unit of the wrong kind).
PAIRS = [("diesel", "l", ""), ("hvo100", "l", ""), ("electricity", "MWh", ""), ("district_heating", "MWh", "Göteborg"),
         ("n2o", "kg", ""), ("car_petrol", "mil", ""), ("train", "pkm", ""), ("food_beef", "kg", ""),
         ("kol", "kg", ""), ("diesel", "kg CO2e", "")]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def _frame(pairs, amounts, years, orgs):
    return pd.DataFrame({"activity": [PAIRS[p][0] for p in pairs], "amount": amounts,
                         "unit": [PAIRS[p][1] for p in pairs], "year": years,
                         "org_unit": [f"Förvaltning {o}" for o in orgs], "region": [PAIRS[p][2] for p in pairs]})


rows = st.integers(1, 60).flatmap(lambda n: st.tuples(
    st.lists(st.integers(0, len(PAIRS) - 1), min_size=n, max_size=n),
    st.lists(st.floats(-10, 1e6, allow_nan=False), min_size=n, max_size=n),
    st.lists(st.sampled_from([2021, 2022, 2023, 2024]), min_size=n, max_size=n),
    st.lists(st.integers(0, 3), min_size=n, max_size=n),
    st.integers(1, 4)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows)
def test_dask_equals_pandas_on_random_tables(client, data):
    pairs, amounts, years, orgs, nparts = data
    acts = _frame(pairs, amounts, years, orgs)
    expected = kb.calculate(acts, on_error="collect")
    led = kb.calculate(dd.from_pandas(acts, npartitions=nparts), on_error="collect")
    assert isinstance(led, kb.Ledger)
    assert led.total().magnitude == pytest.approx(expected.total().magnitude, rel=1e-12, abs=1e-9)
    assert led.total(scope=1, method="location").magnitude == pytest.approx(
        expected.total(scope=1, method="location").magnitude, rel=1e-12, abs=1e-9)
    for by in (["year", "scope"], ["org_unit", "category", "boundary"]):
        got, want = led.summary(by=by), expected.summary(by=by)
        pd.testing.assert_frame_equal(got[by], want[by], check_dtype=False)
        np.testing.assert_allclose(got["co2e_t"], want["co2e_t"], rtol=1e-12, atol=1e-12)
    rec = led.reconcile()
    assert rec == expected.reconcile()
    assert len(led.rejects) == len(expected.rejects)
    assert sorted(led.rejects["reason"]) == sorted(expected.rejects["reason"])


def test_lazy_frame_and_parquet_partitions(client, tmp_path):
    # A folder of Parquet files, as a partitioned export would be; the frame stays lazy until asked.
    for i, year in enumerate((2023, 2024)):
        _frame([0, 2, 4, 8], [1000.0, 10.0, 2.0, 5.0], [year] * 4, [i] * 4).to_parquet(tmp_path / f"part{i}.parquet")
    ddf = dd.read_parquet(str(tmp_path))
    led = kb.calculate(ddf, on_error="collect")
    assert isinstance(led.frame, dd.DataFrame)
    # by hand: 1000 l diesel (2.442 + 0.729 t in 2024, see the scale module), 10 MWh electricity, 2 kg N2O
    pandas_led = kb.calculate(pd.concat([ddf.partitions[i].compute() for i in range(ddf.npartitions)],
                                        ignore_index=True), on_error="collect")
    assert led.total(year=2024).magnitude == pytest.approx(pandas_led.total(year=2024).magnitude, rel=1e-12)
    assert led.total(activity="n2o").magnitude == pytest.approx(2 * 2 * 0.273)   # 2 kg × 2 years × GWP 273
    assert led.reconcile() == {"input_rows": 8, "ledger_rows": 6, "rejected_rows": 2, "balanced": True}
    assert set(led.rejects["partition"]) == {0, 1} and set(led.rejects["column"]) == {"activity"}
    frame = led.frame.compute()
    assert len(frame) == 6 and frame["co2e_kg"].sum() / 1000 == pytest.approx(led.total().magnitude)
    assert led.compute().total().magnitude == pytest.approx(led.total().magnitude)


def test_on_error_raise_raises_when_computed(client):
    acts = _frame([0, 8], [1.0, 1.0], [2024, 2024], [0, 0])
    led = kb.calculate(dd.from_pandas(acts, npartitions=1))      # lazy: nothing checked yet
    with pytest.raises(kb.InputError, match="unknown activity"):
        led.total()


def test_simulate_asks_for_a_ledger_in_memory(client):
    df = pd.DataFrame({"activity": ["n2o", "diesel_fossil"], "amount": [10.0, 100.0], "unit": ["kg", "l"],
                       "year": [2024, 2024]})
    led = kb.calculate(dd.from_pandas(df, npartitions=1))
    with pytest.raises(kb.InputError, match=r"\.compute\(\)"):
        kb.simulate(led)
    assert kb.simulate(led.compute(), draws=100).summary("year")["co2e_t"][0] == pytest.approx(
        float(led.total(year=2024).magnitude))
