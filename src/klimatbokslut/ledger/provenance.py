"""Provenance of a ledger: the factor rows it used and the settings and files behind it.

The functions take a ledger's rows or any :class:`~klimatbokslut.ledger.protocol.Settings`;
:class:`~klimatbokslut.ledger.Ledger` calls them for :meth:`~klimatbokslut.ledger.Ledger.factors_used`
and :meth:`~klimatbokslut.ledger.Ledger.about`, and a Dask ledger gathers the factor
combinations of each partition and reads them with :func:`factors_table`.

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"], "amount": [1], "unit": ["kg"], "year": [2024]}))
>>> about(led).set_index("key").loc["gwp", "value"]
'AR6'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .protocol import Settings


def _years_text(years: set[int]) -> str:
    """Years as a short text: ``2012, 2015–2017``.

    Examples
    --------
    >>> _years_text({2012, 2015, 2016, 2017})
    '2012, 2015–2017'
    """
    out: list[str] = []
    for y in sorted(years):
        if out and out[-1].split("–")[-1] == str(y - 1):
            out[-1] = out[-1].split("–")[0] + f"–{y}"
        else:
            out.append(str(y))
    return ", ".join(out)


def factor_combos(frame: pd.DataFrame) -> pd.DataFrame:
    """The distinct ``factor_ids, year, flags`` of ledger rows: all that :func:`factors_table` reads."""
    combos = frame[["factor_ids", "year", "flags"]].astype({"factor_ids": object, "flags": object})
    return combos.drop_duplicates()


def factors_table(combos: pd.DataFrame, factors: Any) -> pd.DataFrame:
    """The factor rows named in ``combos`` (from :func:`factor_combos`), with their sources and years of use.

    Parameters
    ----------
    combos : pandas.DataFrame
        ``factor_ids`` (``;``-separated), ``year``, ``flags``; duplicates are harmless.
    factors : FactorSet or None
        Where the factor rows are looked up; without it only the ids and years are given.
    """
    used: dict[str, set[int]] = {}
    other: dict[str, set[int]] = {}
    for ids_text, year, flags in combos.itertuples(index=False):
        nearest = "fallback_year" in str(flags).split(";")
        for fid in str(ids_text).split(";"):
            if fid:
                used.setdefault(fid, set()).add(int(year))
                if nearest:
                    other.setdefault(fid, set()).add(int(year))
    years = {k: _years_text(v) for k, v in used.items()}
    others = {k: _years_text(v) for k, v in other.items()}
    if factors is None:
        return pd.DataFrame({"factor_id": sorted(used), "used_for_years": [years[k] for k in sorted(used)],
                             "used_for_other_years": [others.get(k, "") for k in sorted(used)]})
    t = factors.table()
    out = t[t["factor_id"].isin(set(used))].reset_index(drop=True)
    out["used_for_years"] = out["factor_id"].map(years)
    out["used_for_other_years"] = [others.get(k, "") for k in out["factor_id"]]
    return out


def factors_used(frame: pd.DataFrame, factors: Any) -> pd.DataFrame:
    """Every factor row the ledger rows used, with its source (see :meth:`Ledger.factors_used`)."""
    return factors_table(factor_combos(frame), factors)


def meta(led: Settings) -> dict[str, Any]:
    """The settings of a ledger as plain values (what :func:`about` shows and Parquet files keep)."""
    return {"gwp": led.gwp, "scope2_method": led.scope2_method, "factor_version": led.factor_version,
            "radiative_forcing": bool(led.radiative_forcing), "input_rows": int(led.input_rows),
            "blank_rows": int(led.blank_rows), "inputs": dict(sorted(led.inputs.items()))}


def about(led: Settings) -> pd.DataFrame:
    """Settings, factor-set version and the sha256 of every input file, as a ``key, value`` table."""
    settings = meta(led)
    inputs = settings.pop("inputs")
    rows = sorted((k, str(v)) for k, v in settings.items())
    if led.factors is not None:
        rows += [(f"factor file {name}", digest) for name, digest in sorted(led.factors.checksums.items())]
    rows += [(f"input {path}", digest) for path, digest in inputs.items()]
    return pd.DataFrame(rows, columns=["key", "value"])
