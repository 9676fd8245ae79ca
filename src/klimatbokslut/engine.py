"""The calculation engine: validated activities + factors -> ledger.

Factor selection and unit conversion are resolved once per distinct combination
of (activity, unit, year, region, contract, ownership, factor_id), with pint; the
result is a small table of multipliers (kg of each output per unit of input) that
is applied to whole columns with numpy. There is no per-row Python.

For every row the engine computes, per part of the factor:

* direct part (TTW, ``direct`` and ``lifecycle`` rows, and whole ``WTW`` rows that
  cannot be split): in the row's scope and category;
* upstream part (``WTT`` rows): scope 3, *fuel- and energy-related activities*
  (or purchased services for contracted operators);
* biogenic CO2 as a memo, outside the scopes;

and for electricity both the location-based and the market-based figure.
Single gases are weighted with the chosen GWP set; CO2e rows keep the basis they
were published with, recorded in ``factor_gwp``.

References
----------
.. [1] WRI/WBCSD (2004): The Greenhouse Gas Protocol, Corporate Standard, ch. 4 (scopes).
.. [2] WRI (2015): GHG Protocol Scope 2 Guidance (location- and market-based methods).
.. [3] WRI/WBCSD (2011): Corporate Value Chain (Scope 3) Standard, category 3.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .activities import _empty_rejects, validate_frame
from .catalogue import get_activity, placement, upstream_placement
from .errors import ConversionError, FactorNotFoundError, InputError
from .factors import FactorSet, default_factors
from .gwp import GWPError, check_gwp_set, gwp100
from .units import get_registry, kind_of, parse_unit

KEY_COLUMNS = ["activity", "unit", "year", "region", "contract", "ownership", "factor_id", "origin", "destination",
               "cabin", "round_trip", "band", "purpose"]
NUMERIC = ["energy_mj", "distance_km", "co2_kg", "ch4_kg", "n2o_kg", "other_gas_kg", "co2e_direct_kg", "co2e_upstream_kg",
           "co2e_location_kg", "co2e_market_kg", "co2_biogenic_kg"]
_DIRECT_BOUNDARIES = ("TTW", "direct", "lifecycle", "WTW")
_CH4 = ("CH4", "CH4_fossil", "CH4_nonfossil")
_GO = ("go_renewable", "go_hydro", "go_wind", "go_solar")
_CANONICAL_UNIT = {"volume": "l", "mass": "kg", "energy": "MJ", "normal_volume": "Nm3"}
_CANONICAL_UNIT["length"] = "km"
_CANONICAL_UNIT["passenger_distance"] = "pkm"
_EDGES = {  # property: (from kind, to kind) with to = from × property
    "kwh_per_km": ("length", "energy"),
    "lhv_mj_per_l": ("volume", "energy"),
    "density_kg_per_l": ("volume", "mass"),
    "lhv_mj_per_kg": ("mass", "energy"),
    "lhv_mj_per_nm3": ("normal_volume", "energy"),
    "density_kg_per_nm3": ("normal_volume", "mass"),
}




@lru_cache(maxsize=4096)
def _unit_multiplier(from_unit: str, to_unit: str) -> float:
    ureg = get_registry()
    return float(ureg.Quantity(1.0, parse_unit(from_unit)).to(parse_unit(to_unit)).magnitude)


def amount_multiplier(factors: FactorSet, activity: str, from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` one ``from_unit`` of an activity is, using fuel properties when needed.

    Litres become MJ through the heating value, kg through the density, Nm3
    through the gas heating value or density, and so on (shortest path).

    Raises
    ------
    ConversionError
        If the dataset lacks the property the conversion needs.

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> round(amount_multiplier(kb.default_factors(), "diesel", "m3", "MJ"), 6)
    35500.0
    """
    k_from = kind_of(parse_unit(from_unit))
    k_to = kind_of(parse_unit(to_unit))
    if k_from == k_to:
        return _unit_multiplier(from_unit, to_unit)
    graph: dict[str, list[tuple[str, float]]] = {}
    for prop, (a, b) in _EDGES.items():
        value = factors.property(activity, prop)
        if prop == "kwh_per_km":
            value *= 3.6   # MJ per km
        if value == value and value > 0:
            graph.setdefault(a, []).append((b, value))
            graph.setdefault(b, []).append((a, 1.0 / value))
    if get_activity(activity).kind == "passenger":
        # A distance given in km for a passenger mode is one person's trip: 1 km = 1 pkm.
        graph.setdefault("length", []).append(("passenger_distance", 1.0))
        graph.setdefault("passenger_distance", []).append(("length", 1.0))
    start = k_from
    seen = {start: 1.0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt, mult in graph.get(node, []):
            if nxt not in seen:
                seen[nxt] = seen[node] * mult
                queue.append(nxt)
    if k_to not in seen:
        need = {("volume", "energy"): "heating value per litre or density", ("mass", "energy"): "heating value or density",
                ("normal_volume", "energy"): "heating value per Nm3", ("volume", "mass"): "density",
                ("mass", "volume"): "density", ("normal_volume", "mass"): "gas density",
                ("mass", "normal_volume"): "gas density", ("energy", "volume"): "heating value per litre",
                ("energy", "mass"): "heating value per kg"}.get((k_from, k_to), "a conversion property")
        raise ConversionError(from_unit, activity,
                              reason=f"the dataset has no {need} for {activity} to convert {k_from} to {k_to}; "
                                     f"give the amount in {_CANONICAL_UNIT.get(k_to, to_unit)} or add the property")
    return (_unit_multiplier(from_unit, _CANONICAL_UNIT[k_from]) * seen[k_to]
            * _unit_multiplier(_CANONICAL_UNIT[k_to], to_unit))


@lru_cache(maxsize=4096)
def _factor_per_denominator(value: float, unit: str, gas: str) -> tuple[float, str]:
    """(kg of gas per denominator unit, denominator unit) for a factor row."""
    num, _, den = unit.partition("/")
    ureg = get_registry()
    kg = float(ureg.Quantity(value, parse_unit(num.strip())).to(ureg.parse_units(f"kg * {gas}")).magnitude)
    return kg, den.strip()


@dataclass
class _Resolved:
    numeric: dict[str, float]
    scope: int
    category: str
    area: str
    upstream_category: str
    renewable_share: float
    factor_ids: str
    source_ids: str
    factor_gwp: str
    factor_year: int
    flags: str
    other_gas: str = ""
    data_quality: str = "activity_based"


@dataclass
class _Failure:
    column: str
    reason: str


def _weigh(records: list, factors: FactorSet, activity: str, unit: str, gwp: str):
    """Sum a selection's parts per 1 input unit. Returns (parts dict, gases, flags, ids, sources, gwps)."""
    out = {k: 0.0 for k in ("co2_kg", "ch4_kg", "n2o_kg", "other_gas_kg", "direct", "upstream", "bio")}
    other = set()
    flags = set()
    records = _one_per_part(records, unit)
    for r in records:
        rec = _Row(r)
        kg_per_den, den = _factor_per_denominator(float(rec.value), rec.unit, rec.gas)
        kg = kg_per_den * amount_multiplier(factors, activity, unit, den)
        if rec.gas == "CO2_biogenic":
            out["bio"] += kg
            continue
        co2e = kg * gwp100(rec.gas, gwp)
        direct = rec.boundary in _DIRECT_BOUNDARIES
        out["direct" if direct else "upstream"] += co2e
        if rec.boundary == "WTW":
            flags.add("not_split")
        if direct:
            if rec.gas == "CO2":
                out["co2_kg"] += kg
            elif rec.gas in _CH4:
                out["ch4_kg"] += kg
            elif rec.gas == "N2O":
                out["n2o_kg"] += kg
            elif rec.gas != "CO2e":
                out["other_gas_kg"] += kg
                other.add(rec.gas)
        if rec.derived:
            flags.add("derived")
        if rec.source_id == "unsourced":
            flags.add("unsourced")
    boundaries = {r["boundary"] for r in records}
    if get_activity(activity).is_fuel and not boundaries & {"WTT", "WTW"}:
        flags.add("no_upstream")
    gwps = sorted({r["gwp"] for r in records if r["gas"] == "CO2e" and r["gwp"]})
    return out, other, flags, [r["factor_id"] for r in records], [r["source_id"] for r in records], gwps


def _one_per_part(records: list, unit: str) -> list:
    """Where a part (boundary, gas) has rows per different denominators (taxi per pkm and per
    vehicle-km), keep the row whose denominator measures what the input unit measures."""
    groups: dict[tuple, list] = {}
    for r in records:
        groups.setdefault((r["boundary"], r["gas"]), []).append(r)
    if all(len(g) == 1 for g in groups.values()):
        return records
    kind = kind_of(parse_unit(unit))
    out = []
    for g in groups.values():
        if len(g) == 1:
            out.append(g[0])
            continue
        match = [r for r in g if kind_of(parse_unit(r["unit"].partition("/")[2].strip())) == kind]
        out.append(match[0] if match else g[0])
    return out


class _Row:
    __slots__ = ("value", "unit", "gas", "boundary", "derived", "source_id")

    def __init__(self, r: dict):
        self.value, self.unit, self.gas = r["value"], r["unit"], r["gas"]
        self.boundary, self.derived, self.source_id = r["boundary"], r["derived"], r["source_id"]


def _select_for(act, factors: FactorSet, key: dict, radiative_forcing: bool):
    """Factor selections for both scope-2 methods, plus a per-unit multiplier and the distance per unit."""
    activity, year, factor_id = act.key, key["year"], key["factor_id"]
    region = key["region"] or "SE"
    per_unit, distance = 1.0, float("nan")
    if act.kind == "flight":
        from .travel import distance_band, flight_distance

        band = key["band"]
        if key["origin"] or key["destination"]:
            if not (key["origin"] and key["destination"]):
                raise _Fail("origin" if not key["origin"] else "destination",
                            "a flight needs both origin and destination (IATA codes)")
            try:
                one_way = flight_distance(key["origin"], key["destination"])
                band = band or distance_band(key["origin"], key["destination"])
            except InputError as exc:
                raise _Fail("origin", str(exc.failures.iloc[0]["reason"]) + f" ({key['origin']}–{key['destination']})")
        elif kind_of(parse_unit(key["unit"])) == "trip":
            raise _Fail("origin", "a flight given in trips needs origin and destination (IATA codes)")
        else:
            one_way = float("nan")
        if not band:
            raise _Fail("band", "a flight given as passenger-km needs origin/destination or band "
                                "(domestic, short_haul, long_haul)")
        trips = 2.0 if key["round_trip"] else 1.0
        if kind_of(parse_unit(key["unit"])) == "trip":
            per_unit = one_way * trips * _unit_multiplier(key["unit"], "trip")
            distance = per_unit
        inst = f"{'rf' if radiative_forcing else 'no_rf'}/{key['cabin'] or 'average'}"
        one = factors.select(activity, year, region=band, instrument=inst, factor_id=factor_id)
        return {"location": one, "market": one}, per_unit, distance, "pkm"
    if act.key == "car_ev":
        # The car's emissions are its electricity: kWh per km × the electricity factors.
        sel = {"location": factors.select("electricity", year, method="location", factor_id=factor_id),
               "market": factors.select("electricity", year, method="market",
                                        instrument=key["contract"] or "residual_mix", factor_id=factor_id)}
        return sel, per_unit, distance, None
    if act.dual_method:
        inst = (key["contract"] or "residual_mix") if act.key == "electricity" else ""
        sel = {"location": factors.select(activity, year, region=region, method="location", factor_id=factor_id),
               "market": factors.select(activity, year, region=region, method="market", instrument=inst,
                                        factor_id=factor_id)}
        return sel, per_unit, distance, None
    one = factors.select(activity, year, region=region, instrument="", factor_id=factor_id)
    return {"location": one, "market": one}, per_unit, distance, None


class _Fail(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def _resolve(key_tuple: tuple, factors: FactorSet, gwp: str, scope2_method: str, radiative_forcing: bool = True,
             price_index: tuple = ()) -> _Resolved | _Failure:
    key = dict(zip(KEY_COLUMNS, key_tuple))
    key = {k: ("" if v is None else v) for k, v in key.items()}
    activity, unit, year = key["activity"], key["unit"], int(key["year"])
    key["year"] = year
    act = get_activity(activity)
    try:
        energy = amount_multiplier(factors, activity, unit, "MJ") if act.is_energy else float("nan")
    except ConversionError:
        energy = float("nan")
    try:
        sel, per_unit, distance, weigh_unit = _select_for(act, factors, key, radiative_forcing)
    except _Fail as exc:
        return _Failure(exc.column, exc.reason)
    except FactorNotFoundError as exc:
        factor_id = key["factor_id"]
        column = ("factor_id" if factor_id else "cabin" if "rf/" in exc.reason else
                  "region" if "region" in exc.reason else "contract" if "contract" in exc.reason else
                  "year" if "year" in exc.reason else "activity")
        return _Failure(column, str(exc))
    try:
        weighed = {m: _weigh(s.records, factors, activity, weigh_unit or unit, gwp) for m, s in sel.items()}
    except ConversionError as exc:
        return _Failure("unit", str(exc))
    except GWPError as exc:
        return _Failure("activity", f"{activity}: {exc}")
    flags: set[str] = set()
    all_ids, all_srcs = [], []
    for m in ("market", "location"):
        all_ids += [i for i in weighed[m][3] if i not in all_ids]
        for src in weighed[m][4]:
            for sid in src.split(";"):
                if sid not in all_srcs:
                    all_srcs.append(sid)
        flags |= weighed[m][2]
    if any(s.fallback for s in sel.values()):
        flags.add("fallback_year")
    if act.is_travel and not any(r["boundary"] in ("WTT", "WTW", "lifecycle") for r in sel["market"].records) \
            and act.key not in ("walk", "bicycle"):
        flags.add("no_upstream")
    # Spend in the factor's price year: deflate with the supplied index, or say it was not.
    if act.kind == "spend":
        price_year = sel[scope2_method].factor_year
        index = dict(price_index)
        if index:
            if year not in index or price_year not in index:
                missing = sorted({year, price_year} - set(index))
                return _Failure("year", f"the price index has no value for {', '.join(map(str, missing))} "
                                        f"(needed to bring {year} SEK to the factor's {price_year} prices)")
            per_unit *= index[price_year] / index[year]
            if year != price_year:
                flags.add("deflated")
        elif year != price_year:
            flags.add("nominal_spend")
    if act.kind in ("passenger", "vehicle", "ev") and distance != distance:
        try:
            k = kind_of(parse_unit(unit))
            distance = _unit_multiplier(unit, "km") if k == "length" else (
                _unit_multiplier(unit, "pkm") if k == "passenger_distance" else float("nan"))
        except Exception:
            distance = float("nan")
    elif act.kind == "flight" and distance != distance:
        distance = _unit_multiplier(unit, "pkm")
    purpose = key["purpose"] or "business"
    scope, category, area = placement(act, key["ownership"], purpose)
    _, up_cat = upstream_placement(act, key["ownership"], purpose)
    parts = weighed[scope2_method][0]
    numeric = {
        "energy_mj": energy,
        "distance_km": distance,
        "co2_kg": parts["co2_kg"] * per_unit, "ch4_kg": parts["ch4_kg"] * per_unit,
        "n2o_kg": parts["n2o_kg"] * per_unit, "other_gas_kg": parts["other_gas_kg"] * per_unit,
        "co2e_direct_kg": parts["direct"] * per_unit, "co2e_upstream_kg": parts["upstream"] * per_unit,
        "co2e_location_kg": (weighed["location"][0]["direct"] + weighed["location"][0]["upstream"]) * per_unit,
        "co2e_market_kg": (weighed["market"][0]["direct"] + weighed["market"][0]["upstream"]) * per_unit,
        "co2_biogenic_kg": parts["bio"] * per_unit,
    }
    ren = factors.property(activity, "renewable_share")
    if act.key == "electricity":
        ren = 1.0 if (key["contract"] in _GO) else float("nan")
    records = sel["market"].records + sel["location"].records
    if act.kind == "spend":
        quality = "spend_based"
    elif any(r["user"] and r["source_id"] != "unsourced" for r in records):
        quality = "supplier_specific"
    else:
        quality = "activity_based"
    return _Resolved(numeric=numeric, scope=scope, category=category, area=area, upstream_category=up_cat,
                     renewable_share=ren, factor_ids=";".join(all_ids), source_ids=";".join(all_srcs),
                     factor_gwp="; ".join(sorted(set(weighed["market"][5]) | set(weighed["location"][5]))),
                     factor_year=sel[scope2_method].factor_year, flags=";".join(sorted(flags)),
                     other_gas=";".join(sorted(weighed[scope2_method][1])), data_quality=quality)


def calculate(activities, factors: FactorSet | None = None, gwp: str = "AR6", *,
              on_error: Literal["raise", "collect"] | None = None,
              scope2_method: Literal["market", "location"] = "market",
              radiative_forcing: bool = True, price_index=None):
    """Compute the emissions ledger for an activity table.

    Parameters
    ----------
    activities : pandas.DataFrame
        Raw or validated (:func:`klimatbokslut.read_activities`) activity rows.
    factors : FactorSet, optional
        Defaults to :func:`klimatbokslut.default_factors`.
    gwp : {"AR6", "AR5", "AR4"}
        GWP100 set used for single gases (CH4, N2O, refrigerants, anaesthetics).
    on_error : {"raise", "collect"}, optional
        ``"raise"``: any bad row raises :class:`InputError` listing all of them.
        ``"collect"``: bad rows go to ``ledger.rejects``; the ledger and the rejects
        together hold every input row. Default: ``"collect"`` for a table read with
        ``read_activities(..., on_error="collect")``, else ``"raise"``.
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
    from .ledger import Ledger

    if on_error is None:
        on_error = "collect" if getattr(activities, "attrs", {}).get("on_error") == "collect" else "raise"
    if on_error not in ("raise", "collect"):
        raise ValueError(f"on_error must be 'raise' or 'collect', not {on_error!r}")
    if scope2_method not in ("market", "location"):
        raise ValueError(f"scope2_method must be 'market' or 'location', not {scope2_method!r}")
    gwp = check_gwp_set(gwp)
    factors = factors or default_factors()
    if _is_dask(activities):
        from .scale import calculate_dask

        return calculate_dask(activities, factors=factors, gwp=gwp, on_error=on_error, scope2_method=scope2_method,
                              radiative_forcing=bool(radiative_forcing), price_index=price_index)
    valid, rejects = validate_frame(activities)
    input_rows = len(valid) + _n_rows(rejects)
    # Spend rows replaced by activity-based rows are not errors: they join the rejects after the strict check.
    valid, replaced = _replace_spend(valid)
    blank = valid.attrs.get("blank_rows", 0)

    n = len(valid)
    codes, uniq = key_codes(valid)
    index = tuple(sorted((int(k), float(v)) for k, v in dict(price_index or {}).items()))
    resolved: list[_Resolved | _Failure] = []
    for rec in uniq:
        key = (rec, gwp, scope2_method, bool(radiative_forcing), index)
        hit = factors.cache.get(key)
        if hit is None:
            hit = factors.cache[key] = _resolve(key[0], factors, gwp, scope2_method, bool(radiative_forcing), index)
        resolved.append(hit)

    failed_key = np.array([isinstance(r, _Failure) for r in resolved], dtype=bool)
    row_failed = failed_key[codes] if n else np.zeros(0, dtype=bool)
    if row_failed.any():
        fk = valid.loc[row_failed]
        fcodes = codes[row_failed]
        cols = np.array([r.column if isinstance(r, _Failure) else "" for r in resolved], dtype=object)
        reasons = np.array([r.reason if isinstance(r, _Failure) else "" for r in resolved], dtype=object)
        col_of_row = cols[fcodes]
        vals = np.array([fk[c].iloc[i] if c in fk.columns else None for i, c in enumerate(col_of_row)], dtype=object)
        frej = pd.DataFrame({"row": fk["row"].to_numpy(), "column": col_of_row, "value": vals,
                             "reason": reasons[fcodes], "input_activity": fk["activity"].astype(object).to_numpy(),
                             "input_amount": fk["amount"].to_numpy(), "input_unit": fk["unit"].astype(object).to_numpy(),
                             "input_year": fk["year"].to_numpy()})
        rejects = pd.concat([rejects, frej], ignore_index=True) if len(rejects) else frej
    if on_error == "raise" and len(rejects):
        raise InputError(rejects.sort_values("row", kind="stable"))
    if len(replaced):
        rejects = pd.concat([rejects, replaced], ignore_index=True) if len(rejects) else replaced

    keep = ~row_failed
    base = valid.loc[keep].reset_index(drop=True) if row_failed.any() else valid.reset_index(drop=True)
    base.attrs = {}
    kcodes = codes[keep] if row_failed.any() else codes
    ok_idx = np.flatnonzero(~failed_key)
    remap = np.full(len(resolved), -1, dtype=np.int64)
    remap[ok_idx] = np.arange(len(ok_idx))
    rc = remap[kcodes]
    ok = [resolved[i] for i in ok_idx]
    amount = base["amount"].to_numpy(dtype=float)

    mult = np.array([[r.numeric[c] for c in NUMERIC] for r in ok], dtype=float).reshape(len(ok), len(NUMERIC))
    out = {}
    for j, col in enumerate(NUMERIC):
        arr = np.take(np.ascontiguousarray(mult[:, j]), rc) if len(rc) else np.zeros(0)
        arr *= amount      # in place: one array per column, no temporary
        out[col] = arr

    def cat(values: list, dtype=None):
        if dtype is not None:
            return np.asarray(values, dtype=dtype)[rc] if len(rc) else np.zeros(0, dtype=dtype)
        uniq_v, inv = np.unique(np.array(values, dtype=object).astype(str), return_inverse=True)
        inv = inv.ravel().astype(_code_dtype(len(uniq_v)))
        codes_v = inv[rc] if len(rc) else np.zeros(0, dtype=inv.dtype)
        return pd.Categorical.from_codes(codes_v, categories=pd.Index(uniq_v, dtype=object))

    # The new columns are collected and joined to the input columns once: setting them one by
    # one copies every array into the frame.
    frame: dict = {}
    frame["scope"] = cat([r.scope for r in ok], np.int8)
    frame["category"] = cat([r.category for r in ok])
    frame["area"] = cat([r.area for r in ok])
    frame["upstream_category"] = cat([r.upstream_category for r in ok])
    frame["energy_mj"] = out["energy_mj"]
    frame["distance_km"] = out["distance_km"]
    frame["renewable_share"] = cat([r.renewable_share for r in ok], float)
    for col in ("co2_kg", "ch4_kg", "n2o_kg"):
        frame[col] = out[col]
    frame["other_gas"] = cat([r.other_gas for r in ok])
    frame["other_gas_kg"] = out["other_gas_kg"]
    frame["co2e_direct_kg"] = out["co2e_direct_kg"]
    frame["co2e_upstream_kg"] = out["co2e_upstream_kg"]
    frame["co2e_kg"] = np.add(out["co2e_direct_kg"], out["co2e_upstream_kg"])
    frame["co2e_location_kg"] = out["co2e_location_kg"]
    frame["co2e_market_kg"] = out["co2e_market_kg"]
    frame["co2_biogenic_kg"] = out["co2_biogenic_kg"]
    frame["gwp"] = pd.Categorical.from_codes(np.zeros(len(base), dtype=np.int8), categories=[gwp])
    scope_arr = frame["scope"]
    frame["scope2_method"] = pd.Categorical.from_codes((scope_arr == 2).astype(np.int8),
                                                       categories=["", scope2_method])
    frame["factor_ids"] = cat([r.factor_ids for r in ok])
    frame["source_ids"] = cat([r.source_ids for r in ok])
    frame["factor_gwp"] = cat([r.factor_gwp for r in ok])
    frame["factor_year"] = cat([r.factor_year for r in ok], np.int64)
    frame["data_quality"] = cat([r.data_quality for r in ok])
    # flags per key, and the same with ";correction" for rows marked as corrections
    key_flags = [r.flags for r in ok]
    variants = key_flags + [(f + ";correction") if f else "correction" for f in key_flags]
    corr = base["correction"].to_numpy(dtype=bool) if len(base) else np.zeros(0, dtype=bool)
    codes_f = rc + corr * len(key_flags) if len(rc) else np.zeros(0, dtype=np.int64)
    uniq_f, inv_f = np.unique(np.array(variants, dtype=object).astype(str), return_inverse=True)
    inv_f = inv_f.ravel().astype(_code_dtype(len(uniq_f)))
    frame["flags"] = pd.Categorical.from_codes(inv_f[codes_f] if len(codes_f) else codes_f.astype(inv_f.dtype),
                                               categories=pd.Index(uniq_f, dtype=object))
    new = pd.DataFrame(frame, index=base.index, copy=False)
    base = base.drop(columns=[c for c in new.columns if c in base.columns])
    frame = pd.concat([base, new], axis=1)
    frame.attrs = {}
    if not len(rejects):
        rejects = _empty_rejects()
    led = Ledger(frame, rejects=rejects.reset_index(drop=True), gwp=gwp, scope2_method=scope2_method,
                 factors=factors, input_rows=int(input_rows), blank_rows=int(blank))
    led.radiative_forcing = bool(radiative_forcing)
    attrs = getattr(activities, "attrs", {})
    if attrs.get("source") and attrs.get("sha256"):
        led.inputs[str(attrs["source"])] = str(attrs["sha256"])
    return led


def _code_dtype(k: int):
    """The smallest integer dtype pandas uses for the codes of ``k`` categories."""
    return np.int8 if k < 127 else np.int16 if k < 32_767 else np.int32


def key_codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[tuple]]:
    """One integer code per row for its distinct :data:`KEY_COLUMNS` combination, and the combinations.

    The codes of each column (categorical codes, or a factorisation for other
    dtypes) are combined into one 64-bit number per row and that number is
    factorised: no group-by over 13 columns. Missing values become ``None``.

    Returns
    -------
    codes : numpy.ndarray of int64
        ``0..k-1`` per row, numbered by first appearance.
    keys : list of tuple
        The ``k`` distinct combinations, in the order of ``KEY_COLUMNS``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({c: [""] * 3 for c in KEY_COLUMNS})
    >>> f["activity"], f["year"] = ["diesel", "el", "diesel"], [2024, 2024, 2024]
    >>> codes, keys = key_codes(f)
    >>> codes.tolist(), [k[:3] for k in keys]
    ([0, 1, 0], [('diesel', '', 2024), ('el', '', 2024)])
    """
    n = len(frame)
    parts, cats = [], []
    for c in KEY_COLUMNS:
        s = frame[c]
        if isinstance(s.dtype, pd.CategoricalDtype):
            col_codes, uniques = s.cat.codes.to_numpy(), s.cat.categories
        else:
            col_codes, uniques = pd.factorize(s, use_na_sentinel=True)
        values = [None if (isinstance(v, float) and v != v) else v for v in pd.Index(uniques).tolist()]
        parts.append(col_codes.astype(np.int64) + 1)        # 0 = missing
        cats.append([None] + values)
    sizes = [len(v) for v in cats]
    if float(np.prod(np.array(sizes, dtype=float))) >= 2.0 ** 62:
        # Too many combinations for one 64-bit number: let pandas group the codes.
        grouped = pd.DataFrame({i: p for i, p in enumerate(parts)}).groupby(list(range(len(parts))), sort=False)
        combined = grouped.ngroup().to_numpy()
    else:
        combined = np.zeros(n, dtype=np.int64)
        for p, size in zip(parts, sizes):
            if size > 1:
                combined *= size
                combined += p
    codes, uniq = pd.factorize(combined)
    first = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1) > 0) if n else np.zeros(0, dtype=int)
    keys = list(zip(*[[v[i] for i in p[first].tolist()] for p, v in zip(parts, cats)])) if n else []
    return codes.astype(np.int64), keys


def _replace_spend(valid: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Activity-based rows replace spend rows for the same goods in the same year.

    Rows with a ``goods`` value (e.g. ``drivmedel``) that are spend-based are moved to
    the rejects when activity-based rows with the same goods exist for that year, so
    nothing is counted twice.
    """
    if "goods" not in valid.columns or not len(valid):
        return valid, _empty_rejects()
    g = valid["goods"]
    if isinstance(g.dtype, pd.CategoricalDtype) and set(g.cat.categories) <= {""}:
        return valid, _empty_rejects()
    goods = g.astype(object).fillna("").astype(str).str.strip().str.lower()
    is_spend = valid["activity"].astype(str).str.startswith("spend_").to_numpy()
    has = goods.ne("").to_numpy()
    measured = pd.DataFrame({"goods": goods[has & ~is_spend], "year": valid.loc[has & ~is_spend, "year"]})
    if measured.empty:
        return valid, _empty_rejects()
    keys = set(zip(measured["goods"], measured["year"]))
    hit = np.array([(g, y) in keys for g, y in zip(goods, valid["year"])]) & is_spend & has
    if not hit.any():
        return valid, _empty_rejects()
    gone = valid[hit]
    rej = pd.DataFrame({"row": gone["row"].to_numpy(), "column": "goods", "value": goods[hit].to_numpy(),
                        "reason": "replaced by activity-based rows for the same goods and year (not counted twice)",
                        "input_activity": gone["activity"].astype(object).to_numpy(),
                        "input_amount": gone["amount"].to_numpy(), "input_unit": gone["unit"].astype(object).to_numpy(),
                        "input_year": gone["year"].to_numpy()})
    return valid[~hit].reset_index(drop=True), rej


def _n_rows(rejects: pd.DataFrame) -> int:
    return int(rejects["row"].nunique()) if len(rejects) else 0


def _is_dask(obj) -> bool:
    mod = type(obj).__module__
    return mod.startswith("dask.") or mod.startswith("dask_expr")
