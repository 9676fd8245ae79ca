"""Scale-out on Dask: a folder of Parquet partitions, calculated partition by partition.

When to use it: when the activity rows do not fit comfortably in one process (tens of
millions of invoice or transaction rows, all regions and municipalities, a bank's loan
book), or they already live as a partitioned Parquet/CSV folder. Below ~10 million rows
the pandas path (`kb.calculate(dataframe)`) is simpler and as fast on one machine.

This example writes a small partitioned dataset (3 files, 3 000 rows) and runs it on a
local cluster of two worker processes; with a real cluster, pass its address to `Client`.
Needs the extra: pip install "klimatbokslut[dask]".

Run:  python examples/scale_out_dask.py
"""

import tempfile
from pathlib import Path

import dask.dataframe as dd
import numpy as np
import pandas as pd
from distributed import Client, LocalCluster

import klimatbokslut as kb

rng = np.random.default_rng(7)
kinds = [("diesel", "l"), ("electricity", "MWh"), ("n2o", "kg"), ("train", "pkm"), ("food_beef", "kg")]

if __name__ == "__main__":
    folder = Path(tempfile.mkdtemp()) / "aktiviteter"
    folder.mkdir()
    for year in (2022, 2023, 2024):       # one file per year, as an export often comes
        pick = rng.integers(0, len(kinds), 1000)
        pd.DataFrame({"activity": [kinds[k][0] for k in pick], "amount": rng.uniform(1, 500, 1000).round(1),
                      "unit": [kinds[k][1] for k in pick], "year": year,
                      "org_unit": rng.choice(["Regionservice", "Hälso- och sjukvård", "Kollektivtrafik"], 1000)},
                     ).to_parquet(folder / f"{year}.parquet")

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster):
        acts = dd.read_parquet(str(folder))                      # lazy: nothing is read yet
        ledger = kb.calculate(acts, gwp="AR6", on_error="collect")
        print(ledger)                                            # <DaskLedger 3 partitions (lazy) ...>
        print("\nt CO2e by year and scope (computed on the workers):")
        print(ledger.summary(by=["year", "scope"]).pivot(index="year", columns="scope", values="co2e_t").round(1))
        print("\n2024 total:", f"{ledger.total(year=2024):.1f~P}")
        print("Rows accounted for:", ledger.reconcile())

    # The same rows through the pandas path give the same totals.
    same = kb.calculate(pd.read_parquet(folder), gwp="AR6")
    print("pandas path, 2024:", f"{same.total(year=2024):.1f~P}")
