"""Synthetic activity tables for the benchmarks (not fixtures of the test suite).

The table has 24 activities given in 14 different units, 4 years (2021-2024) and
three organisational levels (``org_unit`` = förvaltning, ``site`` = anläggning and
``kostnadsstalle`` = cost centre, the last carried to the ledger as an extra
column). Every (activity, unit) pair has a factor in the bundled dataset, so every
row lands in the ledger. Amounts are log-normal, rounded to two decimals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: (activity, unit, region) combinations; region "" means the national factor.
PAIRS = [
    ("diesel", "l", ""), ("diesel", "m3", ""), ("hvo100", "l", ""), ("petrol", "l", ""), ("biogas", "Nm3", ""),
    ("electricity", "kWh", ""), ("electricity", "MWh", ""), ("district_heating", "MWh", "Göteborg"),
    ("n2o", "kg", ""), ("sevoflurane", "kg", ""), ("r404a", "kg", ""), ("car_petrol", "km", ""),
    ("car_petrol", "mil", ""), ("train", "pkm", ""), ("bus", "km", ""), ("food_beef", "kg", ""),
    ("food_pork", "kg", ""), ("waste_incineration", "ton", ""), ("hotel_night", "room_night", ""),
    ("heating_oil", "m3", ""), ("fame", "l", ""), ("e85", "l", ""), ("desflurane", "kg", ""),
    ("r410a", "kg", ""), ("taxi", "km", ""), ("food_cheese", "kg", ""),
]
YEARS = [2021, 2022, 2023, 2024]
ORG_UNITS = [f"Förvaltning {i:02d}" for i in range(12)]
SITES_PER_ORG = 20
COST_CENTRES_PER_SITE = 5


def activities(n: int, seed: int = 0) -> pd.DataFrame:
    """A raw activity table of ``n`` rows (text columns as pandas' default string dtype).

    Examples
    --------
    >>> df = activities(1000)
    >>> len(df), df["activity"].nunique() >= 20, df["unit"].nunique() >= 10, df["year"].nunique()
    (1000, True, True, 4)
    """
    rng = np.random.default_rng(seed)
    pair = rng.integers(0, len(PAIRS), n)
    act = np.array([p[0] for p in PAIRS], dtype=object)
    unit = np.array([p[1] for p in PAIRS], dtype=object)
    region = np.array([p[2] for p in PAIRS], dtype=object)
    org = rng.integers(0, len(ORG_UNITS), n)
    site = org * SITES_PER_ORG + rng.integers(0, SITES_PER_ORG, n)
    cc = site * COST_CENTRES_PER_SITE + rng.integers(0, COST_CENTRES_PER_SITE, n)
    site_names = np.array([f"Anläggning {i:04d}" for i in range(len(ORG_UNITS) * SITES_PER_ORG)], dtype=object)
    cc_names = np.array([f"KS{i:05d}" for i in range(len(site_names) * COST_CENTRES_PER_SITE)], dtype=object)
    amount = np.round(rng.lognormal(4.0, 1.5, n), 2)
    return pd.DataFrame({
        "activity": pd.array(act[pair], dtype="str"),
        "amount": amount,
        "unit": pd.array(unit[pair], dtype="str"),
        "year": np.asarray(YEARS, dtype=np.int64)[rng.integers(0, len(YEARS), n)],
        "org_unit": pd.array(np.asarray(ORG_UNITS, dtype=object)[org], dtype="str"),
        "site": pd.array(site_names[site], dtype="str"),
        "region": pd.array(region[pair], dtype="str"),
        "kostnadsstalle": pd.array(cc_names[cc], dtype="str"),
    })


def swedish_csv(df: pd.DataFrame, path, encoding: str = "utf-8") -> None:
    """Write a table the way a Swedish export looks: ``;``, decimal comma, Swedish headers."""
    out = df.rename(columns={"activity": "aktivitet", "amount": "mängd", "unit": "enhet", "year": "år",
                             "org_unit": "förvaltning", "site": "anläggning", "region": "nät"})
    out.to_csv(path, sep=";", decimal=",", index=False, encoding=encoding)


#: A dozen activities, for the benchmark of validation on a plain string frame.
DOZEN = ("diesel", "hvo100", "petrol", "electricity", "district_heating", "n2o", "sevoflurane", "car_petrol",
         "train", "food_beef", "waste_incineration", "heating_oil")


def plain_activities(n: int, seed: int = 1) -> pd.DataFrame:
    """``n`` rows of a dozen activities with the text columns as plain Python strings (object dtype), the way
    a frame built in a script or read with ``dtype=object`` looks.

    Examples
    --------
    >>> df = plain_activities(2000)
    >>> len(df), df["activity"].nunique(), str(df["activity"].dtype)
    (2000, 12, 'object')
    """
    pairs = [i for i, p in enumerate(PAIRS) if p[0] in DOZEN]
    df = activities(n * 3, seed)
    keep = df["activity"].isin(list(DOZEN)).to_numpy()
    df = df[keep].head(n).reset_index(drop=True)
    assert len(df) == n and df["activity"].nunique() == len(DOZEN) == len({PAIRS[i][0] for i in pairs})
    return df.astype({c: object for c in df.columns if c not in ("amount", "year")})
