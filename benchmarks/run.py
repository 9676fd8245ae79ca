"""Benchmarks of klimatbokslut (run on demand; not part of the test suite).

    python benchmarks/run.py                  # 1M and 10M rows, 50M rows on Dask
    python benchmarks/run.py --quick          # 100k and 1M rows, 2M rows on Dask: a smoke run
    python benchmarks/run.py --rows 1000000 --dask-rows 0

Every figure is a ratio of two timings (or sizes) measured in the same run, on the
synthetic table of ``benchmarks/synthetic.py``. What each compares is printed with it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import klimatbokslut as kb  # noqa: E402
import synthetic  # noqa: E402
from klimatbokslut.intake.read import validate_frame  # noqa: E402

#: Every timing (both sides of a ratio) is the best of this many runs, as timeit does: the
#: first run of a size also pays for the operating system handing out fresh pages.
REPEAT = 3


def timed(fn, repeat: int = REPEAT):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def report(name: str, value: float, goal: str, ok: bool, detail: str) -> dict:
    print(f"  {name:<34} {value:>10.3g}   goal {goal:<9} {'met' if ok else 'MISSED':<7} {detail}", flush=True)
    return {"name": name, "value": float(value), "goal": goal, "met": bool(ok), "detail": detail}


# --------------------------------------------------------------------------- baselines
def key_multipliers(df: pd.DataFrame) -> dict[tuple, float]:
    """kg CO2e per unit for each (activity, unit, year, region) in the table, from the engine itself,
    so the baselines compute the same numbers (this lookup is outside every timing)."""
    keys = df[["activity", "unit", "year", "region"]].drop_duplicates()
    one = keys.assign(amount=1.0).reset_index(drop=True)
    led = kb.calculate(one)
    return {tuple(k): float(v) for k, v in zip(one[["activity", "unit", "year", "region"]].itertuples(index=False),
                                               led.frame["co2e_kg"])}


def numpy_baseline(df: pd.DataFrame, table: dict) -> tuple[float, float]:
    """Two hand-written numpy versions computing co2e only.

    ``from_frame``: factorise the four key columns of the input frame (pandas.factorize), combine
    the codes into one integer, factorise it, look up one multiplier per distinct key (a dict),
    then ``amount * multiplier[codes]``. ``from_codes``: only the last step, with the codes given.
    """
    def from_frame():
        combined = np.zeros(len(df), dtype=np.int64)
        uniques = []
        for c in ("activity", "unit", "year", "region"):
            codes, u = pd.factorize(df[c])
            combined = combined * (len(u) + 1) + codes
            uniques.append(u)
        codes, u = pd.factorize(combined)
        first = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0)
        keys = zip(*[df[c].to_numpy()[first] for c in ("activity", "unit", "year", "region")])
        mult = np.array([table[k] for k in keys])
        return df["amount"].to_numpy() * mult[codes], codes, mult

    t_frame, (co2e, codes, mult) = timed(from_frame)
    amount = df["amount"].to_numpy()
    t_codes, _ = timed(lambda: amount * mult[codes])
    return t_frame, t_codes, co2e


def naive_per_row(df: pd.DataFrame, table: dict, sample: int = 10_000) -> float:
    """Seconds per row of the naive way: one pint Quantity per row converted to the factor's unit.

    Generous to the naive way: the factor (kg CO2e per unit) comes from a dict, not a
    per-row selection; only the unit work is per row.
    """
    ureg = kb.get_registry()
    s = df.head(sample)
    canon = {"l": "l", "m3": "l", "Nm3": "Nm3", "kWh": "kWh", "MWh": "kWh", "kg": "kg", "ton": "kg", "km": "km",
             "mil": "km", "pkm": "pkm", "room_night": "room_night"}

    per_canon = {k: v / ureg.Quantity(1.0, k[1]).to(canon[k[1]]).magnitude for k, v in table.items()}
    rows = list(s[["activity", "amount", "unit", "year", "region"]].itertuples(index=False))

    def run():
        total = 0.0
        for a, amount, unit, year, region in rows:
            total += ureg.Quantity(amount, unit).to(canon[unit]).magnitude * per_canon[(a, unit, year, region)]
        return total

    t, _ = timed(run)
    return t / len(s)


# --------------------------------------------------------------------------- subprocess measurements
PEAK_CODE = r"""
import sys, json, tracemalloc
sys.path.insert(0, {here!r})
import synthetic, klimatbokslut as kb
df = synthetic.activities({n})
kb.calculate(df.head(1000))            # build the registry and the factor memo outside the measurement
input_bytes = int(df.memory_usage(deep=True).sum())
tracemalloc.start()
led = kb.calculate(df)
cur, peak = tracemalloc.get_traced_memory()
print(json.dumps({{"input": input_bytes, "peak": peak, "ledger": int(led.frame.memory_usage(deep=True).sum())}}))
"""


def peak_memory(n: int) -> dict:
    out = subprocess.run([sys.executable, "-c", PEAK_CODE.format(here=str(HERE), n=n)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def import_time(stmt: str, repeat: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(repeat)]
    return statistics.median(times)


# --------------------------------------------------------------------------- report summaries
def report_data(led) -> list:
    """The ledger figures a klimatbokslut report shows (the tables and charts of kb.report)."""
    return [led.summary(by=["year", "scope"]), led.summary(by=["year", "scope", "category"]),
            led.summary(by=["year", "area"]), led.summary(by=["year", "org_unit"]),
            led.summary(by=["year", "scope"], method="location"), led.memo(),
            [led.total(year=y) for y in synthetic.YEARS], [led.total(year=y, scope=s) for y in synthetic.YEARS
                                                           for s in (1, 2, 3)]]


# --------------------------------------------------------------------------- Dask, many rows
DASK_WORKER_LIMIT = "3GiB"


def _reset_peak_rss() -> bool:
    """Reset this process's peak RSS (Linux: writing 5 to /proc/self/clear_refs resets VmHWM).

    Needed because ``ru_maxrss`` of a worker keeps the peak of the process it was forked
    from (the benchmark's own process, holding gigabytes of earlier benchmarks) across exec.
    """
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_rss() -> int:
    """Peak RSS of this process in bytes since the last reset (VmHWM), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def dask_bounded(n: int, tmp: Path, per_file: int) -> dict:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    folder = tmp / "parts"
    folder.mkdir()
    t_gen = time.perf_counter()
    for i, start in enumerate(range(0, n, per_file)):
        synthetic.activities(min(per_file, n - start), seed=100 + i).to_parquet(folder / f"part{i:04d}.parquet")
    t_gen = time.perf_counter() - t_gen
    one = synthetic.activities(per_file)
    frame_bytes = one.memory_usage(deep=True).sum() / per_file * n
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      memory_limit=DASK_WORKER_LIMIT, dashboard_address=None, silence_logs=40) as cluster, \
            Client(cluster) as client:
        reset = client.run(_reset_peak_rss)
        ddf = dd.read_parquet(str(folder))
        led = kb.calculate(ddf, on_error="collect")
        t, total = timed(lambda: led.total(), 1)                       # a full pass each: minutes, once
        t2, summ = timed(lambda: led.summary(by=["year", "scope"]), 1)
        rec = led.reconcile()
        peaks = client.run(_peak_rss)
    return {"rows": n, "partitions": ddf.npartitions, "generate_s": t_gen, "total_s": t, "summary_s": t2,
            "total_t": total.magnitude, "balanced": rec["balanced"], "worker_peak_bytes": max(peaks.values()),
            "frame_bytes_in_memory": frame_bytes, "limit": DASK_WORKER_LIMIT,
            "peak_since_reset": all(reset.values())}


# --------------------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of every benchmark")
    ap.add_argument("--rows", type=int, nargs="+", help="calculate sizes (default 1M and 10M; quick: 100k, 1M)")
    ap.add_argument("--csv-rows", type=int, help="rows of the Swedish CSV (default 1M; quick 200k)")
    ap.add_argument("--dask-rows", type=int, help="rows on Dask from Parquet partitions (default 50M; 0 = skip)")
    ap.add_argument("--json", help="write the results to this file")
    a = ap.parse_args(argv)
    sizes = a.rows or ([100_000, 1_000_000] if a.quick else [1_000_000, 10_000_000])
    csv_rows = a.csv_rows or (200_000 if a.quick else 1_000_000)
    dask_rows = a.dask_rows if a.dask_rows is not None else (2_000_000 if a.quick else 50_000_000)
    results = []
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}")

    kb.calculate(synthetic.activities(1000))   # registry and factor memo warm, as in a long-running process
    big = None
    for n in sizes:
        df = synthetic.activities(n)
        table = key_multipliers(df)
        t_calc, led = timed(lambda df=df: kb.calculate(df))
        t_frame, t_codes, co2e = numpy_baseline(df, table)
        assert np.allclose(np.sort(co2e), np.sort(led.frame["co2e_kg"].to_numpy()), rtol=1e-9)
        print(f"\ncalculate, {n:,} rows: {t_calc:.2f} s ({t_calc / n * 1e9:.0f} ns/row); numpy baseline "
              f"from the frame {t_frame:.3f} s, from codes {t_codes:.4f} s")
        results.append(report(f"calculate/numpy from frame, {n:,}", t_calc / t_frame, "<= 5", t_calc / t_frame <= 5,
                              "baseline: factorize 4 key columns, combine, look up, multiply"))
        results.append(report(f"calculate/numpy from codes, {n:,}", t_calc / t_codes, "(info)", True,
                              "baseline: amount * multiplier[codes] only"))
        if n == max(sizes):
            naive = naive_per_row(df, table)
            results.append(report(f"naive/calculate, {n:,}", naive * n / t_calc, ">= 1000", naive * n / t_calc >= 1000,
                                  f"naive {naive * 1e6:.0f} us/row on 10 000 rows, extrapolated"))
            t_rep, _ = timed(lambda led=led: report_data(led))
            results.append(report(f"report data/calculate, {n:,}", t_rep / t_calc, "<= 1", t_rep / t_calc <= 1,
                                  f"{t_rep:.2f} s for the report's summaries and totals"))
            big = n
        del df, led

    # Monte Carlo: 10 000 draws of a 1M-row ledger against one calculate of those rows.
    n_mc = 100_000 if a.quick else 1_000_000
    df = synthetic.activities(n_mc)
    t_calc, led = timed(lambda df=df: kb.calculate(df))

    def monte_carlo(led=led):
        sim = kb.simulate(led, draws=10_000)
        return sim, sim.summary(["year", "scope"])     # the draws summed over every row, with intervals

    t_mc, (sim, _) = timed(monte_carlo)
    results.append(report(f"simulate 10 000 draws/calculate, {n_mc:,}", t_mc / t_calc, "<= 5", t_mc / t_calc <= 5,
                          f"{t_mc:.2f} s vs calculate {t_calc:.2f} s (simulate + summary by year and scope); "
                          f"{len(sim.factors)} factors, {len(sim.groups)} activity-data groups"))
    del df, led, sim

    # Validation at the floor: a plain (object) string frame of a dozen activities against a baseline that
    # factorises its four key columns and multiplies.
    plain = synthetic.plain_activities(n_mc)
    table = key_multipliers(plain)
    t_calc, led = timed(lambda plain=plain: kb.calculate(plain))
    t_frame, _, co2e = numpy_baseline(plain, table)
    assert np.allclose(np.sort(co2e), np.sort(led.frame["co2e_kg"].to_numpy()), rtol=1e-9)
    results.append(report(f"calculate/factorise baseline, plain strings, 12 activities, {n_mc:,}", t_calc / t_frame,
                          "<= 3", t_calc / t_frame <= 3, f"{t_calc:.3f} s vs baseline {t_frame:.3f} s"))
    # The same rows read once into an ActivityTable (validation outside the timing): calculate does not
    # validate them again, so this is the engine's own cost against the same baseline.
    table_in = validate_frame(plain)
    t_tab, led_tab = timed(lambda table_in=table_in: kb.calculate(table_in))
    assert np.allclose(np.sort(co2e), np.sort(led_tab.frame["co2e_kg"].to_numpy()), rtol=1e-9)
    results.append(report(f"calculate(ActivityTable)/factorise baseline, {n_mc:,}", t_tab / t_frame, "<= 3",
                          t_tab / t_frame <= 3, f"{t_tab:.3f} s vs baseline {t_frame:.3f} s (validated once, before)"))
    del plain, led, table_in, led_tab

    print()
    mem = peak_memory(big)
    results.append(report(f"peak memory/input, {big:,}", mem["peak"] / mem["input"], "<= 4",
                          mem["peak"] <= 4 * mem["input"],
                          f"tracemalloc peak {mem['peak'] / 2**20:.0f} MiB, input frame {mem['input'] / 2**20:.0f} MiB "
                          f"(deep), ledger frame {mem['ledger'] / 2**20:.0f} MiB"))

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "aktiviteter.csv"
        synthetic.swedish_csv(synthetic.activities(csv_rows), path)
        t_pd, _ = timed(lambda: pd.read_csv(path, sep=";", decimal=",", encoding="utf-8"))
        t_kb, acts = timed(lambda: kb.read_activities(path))
        results.append(report(f"read_activities/read_csv, {csv_rows:,}", t_kb / t_pd, "<= 3", t_kb / t_pd <= 3,
                              f"{t_kb:.2f} s vs {t_pd:.2f} s (';', decimal comma, UTF-8)"))

        t_imp = import_time("import klimatbokslut")
        t_base = import_time("import pandas, pint")
        results.append(report("import klimatbokslut/pandas+pint", t_imp / t_base, "<= 1.5", t_imp / t_base <= 1.5,
                              f"{t_imp:.2f} s vs {t_base:.2f} s, median of 7 fresh processes"))

        if dask_rows:
            d = dask_bounded(dask_rows, tmp, per_file=1_000_000 if dask_rows >= 10_000_000 else 250_000)
            ratio = d["worker_peak_bytes"] / d["frame_bytes_in_memory"]
            results.append(report(f"Dask worker peak/whole frame, {dask_rows:,}", ratio, "< 1", ratio < 1,
                                  f"peak RSS {d['worker_peak_bytes'] / 2**30:.2f} GiB per worker (limit {d['limit']}), "
                                  f"frame {d['frame_bytes_in_memory'] / 2**30:.1f} GiB; {d['partitions']} partitions, "
                                  f"total {d['total_s']:.0f} s, summary {d['summary_s']:.0f} s, "
                                  f"balanced={d['balanced']}, "
                                  f"{'VmHWM since the cluster started' if d['peak_since_reset'] else 'ru_maxrss'}"))
            limit = float(d["limit"].removesuffix("GiB")) * 2**30
            results.append(report(f"Dask worker peak/memory limit, {dask_rows:,}", d["worker_peak_bytes"] / limit,
                                  "<= 1", d["worker_peak_bytes"] <= limit, f"memory_limit={d['limit']} per worker"))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
