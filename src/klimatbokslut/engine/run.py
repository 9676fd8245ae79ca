""":func:`calculate`: validated activities + factors -> ledger, with numpy over whole columns.

Rows are coded by their distinct key (:func:`~klimatbokslut.engine.keys.key_codes`),
each key is resolved once (and memoised on the factor set), and the per-key
multipliers and texts are taken per row with ``numpy.take`` and categorical codes:
there is no per-row Python. Tables of another kind (a Dask DataFrame) go to the
backend registered for them (:mod:`klimatbokslut.engine.backends`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..catalogue import activities as catalogue_activities
from ..catalogue import get_activity
from ..errors import InputError
from ..factors import FactorSet, default_factors
from ..gwp import check_gwp_set
from ..intake.read import validate_frame
from ..intake.table import ActivityTable, empty_rejects
from ..ledger import REPLACED_BY_ACTIVITY, Ledger
from .backends import backend_for
from .keys import NUMERIC, key_codes
from .resolve import Failed, Resolved, resolve

#: Activities that are spend (replaced by activity-based rows for the same goods and year).
_SPEND_KEYS = tuple(a.key for a in catalogue_activities() if a.kind == "spend")


def calculate(activities: Any, factors: FactorSet | None = None, gwp: str = "AR6", *,
              on_error: Literal["raise", "collect"] | None = None,
              scope2_method: Literal["market", "location"] = "market",
              radiative_forcing: bool = True, price_index: Mapping[int, float] | None = None) -> Ledger:
    """Compute the emissions ledger for an activity table.

    Parameters
    ----------
    activities : ActivityTable or pandas.DataFrame
        An :class:`~klimatbokslut.intake.table.ActivityTable` (from
        :func:`klimatbokslut.read_activities`), taken as validated, or raw activity rows,
        validated here; a Dask DataFrame goes to :func:`klimatbokslut.scale.calculate_dask`.
    factors : FactorSet, optional
        Defaults to :func:`klimatbokslut.default_factors`.
    gwp : {"AR6", "AR5", "AR4"}
        GWP100 set used for single gases (CH4, N2O, refrigerants, anaesthetics).
    on_error : {"raise", "collect"}, optional
        ``"raise"``: any bad row raises :class:`InputError` listing all of them.
        ``"collect"``: bad rows go to ``ledger.rejects``; the ledger and the rejects
        together hold every input row. Default: ``"collect"`` for an ActivityTable read
        with ``read_activities(..., on_error="collect")``, else ``"raise"``.
    scope2_method : {"market", "location"}
        Which scope-2 figure ``co2e_kg`` carries. Both are always computed
        (``co2e_location_kg``, ``co2e_market_kg``).
    radiative_forcing : bool
        Flights with (default) or without the radiative-forcing uplift of the
        DESNZ factors; the choice is recorded in the ledger and in the factor ids.
    price_index : mapping of year to index, optional
        Price index (e.g. KPI) used to bring spend in SEK of the activity year to
        the price year of the spend factor. Without it, spend rows of other years
        are flagged ``nominal_spend``.

    Returns
    -------
    Ledger

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> acts = pd.DataFrame({"activity": ["n2o", "electricity"], "amount": [10, 1000],
    ...                      "unit": ["kg", "kWh"], "year": [2023, 2023]})
    >>> led = kb.calculate(acts, gwp="AR6")
    >>> led.frame[["activity", "scope", "co2e_kg"]].round(2).to_dict("list")
    {'activity': ['n2o', 'electricity'], 'scope': [1, 2], 'co2e_kg': [2730.0, 524.1]}
    >>> round(float(led.frame.loc[1, "co2e_location_kg"]), 6)
    59.0
    """
    # Not split: 40 lines of code under the docstring, read top to bottom as the rows' one path.
    on_error = _on_error(activities, on_error)
    if scope2_method not in ("market", "location"):
        raise ValueError(f"scope2_method must be 'market' or 'location', not {scope2_method!r}")
    gwp = check_gwp_set(gwp)
    factors = factors or default_factors()
    backend = backend_for(activities)
    if backend is not None:
        return backend.calculate(activities, factors=factors, gwp=gwp, on_error=on_error,
                                 scope2_method=scope2_method, radiative_forcing=bool(radiative_forcing),
                                 price_index=price_index)
    table = validate_frame(activities)
    valid, rejects = table.frame, table.rejects
    input_rows = len(valid) + _n_rows(rejects)
    # Spend rows replaced by activity-based rows are not errors: they join the rejects after the strict check.
    valid, replaced = _replace_spend(valid)
    codes, uniq = key_codes(valid)
    index = tuple(sorted((int(k), float(v)) for k, v in dict(price_index or {}).items()))
    resolved = _resolve_keys(uniq, factors, gwp, scope2_method, bool(radiative_forcing), index)
    row_failed = np.array([isinstance(r, Failed) for r in resolved], dtype=bool)[codes] if len(valid) \
        else np.zeros(0, dtype=bool)
    if row_failed.any():
        frej = _failed_rows(valid, codes, resolved, row_failed)
        rejects = pd.concat([rejects, frej], ignore_index=True) if len(rejects) else frej
    unvalued = np.array([isinstance(r, Resolved) and bool(r.unvalued_reason) for r in resolved], dtype=bool)
    row_unvalued = unvalued[codes] if len(valid) else np.zeros(0, dtype=bool)
    no_factor = _failed_rows(valid, codes, resolved, row_unvalued) if row_unvalued.any() else empty_rejects()
    if on_error == "raise":
        # Strict: rows without a factor are problems too, listed with the others in one round.
        if len(no_factor):
            rejects = pd.concat([rejects, no_factor], ignore_index=True) if len(rejects) else no_factor
        if len(rejects):
            raise InputError(rejects.sort_values("row", kind="stable"))
    if len(replaced):
        rejects = pd.concat([rejects, replaced], ignore_index=True) if len(rejects) else replaced
    led = Ledger(_ledger_frame(valid, codes, resolved, row_failed, gwp, scope2_method),
                 rejects=(rejects if len(rejects) else empty_rejects()).reset_index(drop=True), gwp=gwp,
                 scope2_method=scope2_method, factors=factors, input_rows=int(input_rows),
                 blank_rows=int(table.blank_rows), radiative_forcing=bool(radiative_forcing),
                 unvalued_failures=no_factor.reset_index(drop=True),
                 inputs={str(table.source): str(table.sha256)} if table.source and table.sha256 else None)
    return led


def _on_error(activities: Any, on_error: str | None) -> Literal["raise", "collect"]:
    """The error mode: as given, else ``"collect"`` for an ActivityTable read with ``on_error="collect"``."""
    if on_error is None:
        return "collect" if isinstance(activities, ActivityTable) and activities.on_error == "collect" else "raise"
    if on_error not in ("raise", "collect"):
        raise ValueError(f"on_error must be 'raise' or 'collect', not {on_error!r}")
    return "collect" if on_error == "collect" else "raise"


def _ledger_frame(valid: pd.DataFrame, codes: np.ndarray, resolved: list[Resolved | Failed], row_failed: np.ndarray,
                  gwp: str, scope2_method: str) -> pd.DataFrame:
    """The input columns of the rows whose key resolved, and the computed ledger columns."""
    failed = row_failed.any()
    base = valid.loc[~row_failed].reset_index(drop=True) if failed else valid.reset_index(drop=True)
    kcodes = codes[~row_failed] if failed else codes
    ok_idx = np.flatnonzero([not isinstance(r, Failed) for r in resolved])
    remap = np.full(len(resolved), -1, dtype=np.int64)
    remap[ok_idx] = np.arange(len(ok_idx))
    ok = [r for r in resolved if isinstance(r, Resolved)]     # in the order of ok_idx
    new = _ledger_columns(base, ok, remap[kcodes], gwp, scope2_method)
    frame = pd.concat([base.drop(columns=[c for c in new.columns if c in base.columns]), new], axis=1)
    return frame


def _resolve_keys(uniq: list[tuple], factors: FactorSet, gwp: str, scope2_method: str, radiative_forcing: bool,
                  index: tuple) -> list[Resolved | Failed]:
    """Every distinct key resolved, through the factor set's memo (a long-running process resolves a key once)."""
    resolved: list[Resolved | Failed] = []
    for rec in uniq:
        memo_key = (rec, gwp, scope2_method, radiative_forcing, index)
        hit = factors.cache.get(memo_key)
        if hit is None:
            hit = factors.cache[memo_key] = resolve(rec, factors, gwp, scope2_method, radiative_forcing, index)
        resolved.append(hit)
    return resolved


def _failed_rows(valid: pd.DataFrame, codes: np.ndarray, resolved: list[Resolved | Failed],
                 row_failed: np.ndarray) -> pd.DataFrame:
    """Rejects for the rows of keys that failed: the key's column and reason, with the row's value."""
    fk = valid.loc[row_failed]
    fcodes = codes[row_failed]
    cols = np.array([r.column if isinstance(r, Failed) else r.unvalued_column for r in resolved], dtype=object)
    reasons = np.array([r.reason if isinstance(r, Failed) else r.unvalued_reason for r in resolved], dtype=object)
    col_of_row = cols[fcodes]
    vals = np.array([fk[c].iloc[i] if c in fk.columns else None for i, c in enumerate(col_of_row)], dtype=object)
    return pd.DataFrame({"row": fk["row"].to_numpy(), "column": col_of_row, "value": vals,
                         "reason": reasons[fcodes], "input_activity": fk["activity"].astype(object).to_numpy(),
                         "input_amount": fk["amount"].to_numpy(), "input_unit": fk["unit"].astype(object).to_numpy(),
                         "input_year": fk["year"].to_numpy()})


def _per_row(values: list, rc: np.ndarray, dtype: Any = None) -> Any:
    """Per-key values taken per row: a plain array for a ``dtype``, else a categorical (codes, no copies of text)."""
    if dtype is not None:
        return np.asarray(values, dtype=dtype)[rc] if len(rc) else np.zeros(0, dtype=dtype)
    uniq_v, inv = np.unique(np.array(values, dtype=object).astype(str), return_inverse=True)
    inv = inv.ravel().astype(_code_dtype(len(uniq_v)))
    codes_v = inv[rc] if len(rc) else np.zeros(0, dtype=inv.dtype)
    return pd.Categorical.from_codes(codes_v, categories=pd.Index(uniq_v, dtype=object))


def _numeric_columns(ok: list[Resolved], rc: np.ndarray, amount: np.ndarray) -> dict[str, np.ndarray]:
    """Each numeric column: the per-key multiplier taken per row, times the amount (in place)."""
    mult = np.array([[r.numeric[c] for c in NUMERIC] for r in ok], dtype=float).reshape(len(ok), len(NUMERIC))
    out = {}
    for j, col in enumerate(NUMERIC):
        arr = np.take(np.ascontiguousarray(mult[:, j]), rc) if len(rc) else np.zeros(0)
        arr *= amount      # in place: one array per column, no temporary
        out[col] = arr
    return out


def _ledger_columns(base: pd.DataFrame, ok: list[Resolved], rc: np.ndarray, gwp: str,
                    scope2_method: str) -> pd.DataFrame:
    """The computed ledger columns, in ledger order, for the rows of ``base`` (key codes ``rc`` into ``ok``).

    They are collected and joined to the input columns once: setting them one by one
    copies every array into the frame.
    """
    out = _numeric_columns(ok, rc, base["amount"].to_numpy(dtype=float))
    frame: dict[str, Any] = {}
    frame["scope"] = _per_row([r.scope for r in ok], rc, np.int8)
    frame["category"] = _per_row([r.category for r in ok], rc)
    frame["area"] = _per_row([r.area for r in ok], rc)
    frame["upstream_category"] = _per_row([r.upstream_category for r in ok], rc)
    frame["energy_mj"] = out["energy_mj"]
    frame["distance_km"] = out["distance_km"]
    given = {}
    for col, per_key in (("renewable_share", [r.renewable_share for r in ok]),
                         ("fossil_free_share", [r.fossil_free_share for r in ok]),
                         ("recovered_share", [r.recovered_share for r in ok])):
        frame[col] = _per_row(per_key, rc, float)
        if col in base.columns:   # a share given on the row (a supplier's mix) replaces the dataset's
            own = pd.to_numeric(base[col], errors="coerce").to_numpy(dtype=float)
            mask = np.isfinite(own)
            frame[col] = np.where(mask, own, frame[col])
            given[col] = mask
    if given:
        _complete_given_shares(frame, given, base)
    for col in ("co2_kg", "ch4_kg", "n2o_kg"):
        frame[col] = out[col]
    frame["other_gas"] = _per_row([r.other_gas for r in ok], rc)
    frame["other_gas_kg"] = out["other_gas_kg"]
    frame["co2e_direct_kg"] = out["co2e_direct_kg"]
    frame["co2e_upstream_kg"] = out["co2e_upstream_kg"]
    frame["co2e_kg"] = np.add(out["co2e_direct_kg"], out["co2e_upstream_kg"])
    frame["co2e_location_kg"] = out["co2e_location_kg"]
    frame["co2e_market_kg"] = out["co2e_market_kg"]
    frame["co2_biogenic_kg"] = out["co2_biogenic_kg"]
    frame["gwp"] = pd.Categorical.from_codes(np.zeros(len(base), dtype=np.int8), categories=pd.Index([gwp]))
    frame["scope2_method"] = pd.Categorical.from_codes((frame["scope"] == 2).astype(np.int8),
                                                       categories=pd.Index(["", scope2_method]))
    frame["factor_ids"] = _per_row([r.factor_ids for r in ok], rc)
    frame["source_ids"] = _per_row([r.source_ids for r in ok], rc)
    frame["factor_gwp"] = _per_row([r.factor_gwp for r in ok], rc)
    years = _per_row([r.factor_year for r in ok], rc, np.int64)
    if (years < 0).any():   # unvalued rows: no factor, so no factor year
        masked = pd.array(years, dtype="Int64")
        masked[years < 0] = pd.NA
        frame["factor_year"] = masked
    else:
        frame["factor_year"] = years
    frame["data_quality"] = _per_row([r.data_quality for r in ok], rc)
    share_given = np.zeros(len(base), dtype=bool)
    for mask in given.values():
        share_given |= mask
    frame["flags"] = _flags_column([r.flags for r in ok], rc, base, share_given)
    frame["unvalued_reason"] = _per_row([r.unvalued_reason for r in ok], rc)
    return pd.DataFrame(frame, index=base.index, copy=False)


def _complete_given_shares(frame: dict[str, Any], given: dict[str, np.ndarray], base: pd.DataFrame) -> None:
    """A row that gives some of its shares describes its own mix: the shares it does not give are not the
    dataset's. For a fuel, fossil-free is renewable and nothing is recovered; otherwise they are unknown."""
    cols = ("renewable_share", "fossil_free_share", "recovered_share")
    any_given = np.zeros(len(base), dtype=bool)
    for mask in given.values():
        any_given |= mask
    acts = base["activity"].astype(object).to_numpy()
    is_fuel = np.array([get_activity(a).is_fuel for a in pd.unique(acts)], dtype=bool)
    fuel = dict(zip(pd.unique(acts), is_fuel))
    row_fuel = np.array([fuel[a] for a in acts], dtype=bool) if len(acts) else np.zeros(0, dtype=bool)
    for col in cols:
        mine = given.get(col, np.zeros(len(base), dtype=bool))
        fill = any_given & ~mine
        if not fill.any():
            continue
        if col == "fossil_free_share":
            value = np.where(row_fuel, frame["renewable_share"], np.nan)
        elif col == "recovered_share":
            value = np.where(row_fuel, 0.0, np.nan)
        else:
            value = np.full(len(base), np.nan)
        frame[col] = np.where(fill, value, frame[col])


def _flags_column(key_flags: list[str], rc: np.ndarray, base: pd.DataFrame,
                  share_given: np.ndarray | None = None) -> pd.Categorical:
    """Flags per key, with ``correction`` for rows marked as corrections and ``share_given`` for rows that
    give their own energy shares (each variant a category: no per-row text)."""
    k = len(key_flags)

    def plus(flags: str, extra: list[str]) -> str:
        return ";".join([x for x in flags.split(";") if x] + extra)

    variants = ([plus(f, []) if f else "" for f in key_flags] + [plus(f, ["correction"]) for f in key_flags]
                + [plus(f, ["share_given"]) for f in key_flags]
                + [plus(f, ["correction", "share_given"]) for f in key_flags])
    corr = base["correction"].to_numpy(dtype=bool) if len(base) else np.zeros(0, dtype=bool)
    given = share_given if share_given is not None and len(share_given) == len(corr) \
        else np.zeros(len(corr), dtype=bool)
    codes_f = rc + corr * k + given * 2 * k if len(rc) else np.zeros(0, dtype=np.int64)
    uniq_f, inv_f = np.unique(np.array(variants, dtype=object).astype(str), return_inverse=True)
    inv_f = inv_f.ravel().astype(_code_dtype(len(uniq_f)))
    return pd.Categorical.from_codes(inv_f[codes_f] if len(codes_f) else codes_f.astype(inv_f.dtype),
                                     categories=pd.Index(uniq_f, dtype=object))


def _code_dtype(k: int) -> type[np.signedinteger]:
    """The smallest integer dtype pandas uses for the codes of ``k`` categories."""
    return np.int8 if k < 127 else np.int16 if k < 32_767 else np.int32


def _replace_spend(valid: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activity-based rows replace spend rows for the same goods in the same year.

    Rows with a ``goods`` value (e.g. ``drivmedel``) that are spend-based are moved to
    the rejects when activity-based rows with the same goods exist for that year, so
    nothing is counted twice.
    """
    if "goods" not in valid.columns or not len(valid):
        return valid, empty_rejects()
    g = valid["goods"]
    if isinstance(g.dtype, pd.CategoricalDtype) and set(g.cat.categories) <= {""}:
        return valid, empty_rejects()
    goods = g.astype(object).fillna("").astype(str).str.strip().str.lower()
    is_spend = valid["activity"].astype(str).isin(_SPEND_KEYS).to_numpy()
    has = goods.ne("").to_numpy()
    measured = pd.DataFrame({"goods": goods[has & ~is_spend], "year": valid.loc[has & ~is_spend, "year"]})
    if measured.empty:
        return valid, empty_rejects()
    keys = set(zip(measured["goods"], measured["year"]))
    hit = np.array([(g, y) in keys for g, y in zip(goods, valid["year"])]) & is_spend & has
    if not hit.any():
        return valid, empty_rejects()
    gone = valid[hit]
    rej = pd.DataFrame({"row": gone["row"].to_numpy(), "column": "goods", "value": goods[hit].to_numpy(),
                        "reason": REPLACED_BY_ACTIVITY,
                        "input_activity": gone["activity"].astype(object).to_numpy(),
                        "input_amount": gone["amount"].to_numpy(), "input_unit": gone["unit"].astype(object).to_numpy(),
                        "input_year": gone["year"].to_numpy()})
    return valid[~hit].reset_index(drop=True), rej


def _n_rows(rejects: pd.DataFrame) -> int:
    return int(rejects["row"].nunique()) if len(rejects) else 0
