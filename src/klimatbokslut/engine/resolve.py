"""One distinct key -> what one input unit of it emits, where it is reported and why (or why it cannot be used).

The kind's handler (:mod:`klimatbokslut.engine.kinds`) chooses the factor rows; they
are weighed per input unit (:mod:`klimatbokslut.engine.weigh`) for both scope-2
methods; the catalogue places the direct and the upstream part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, NamedTuple

from ..catalogue import ACTIVITY_BASED, SUPPLIER_SPECIFIC, Activity, get_activity, placement, upstream_placement
from ..errors import ConversionError, InputError
from ..factors import FactorSet, network_key
from ..gwp import GWPError
from .convert import amount_multiplier
from .keys import Key
from .kinds import KindHandler, Selected, handler_for, key_failure
from .weigh import Weighed, weigh

_METHODS: Final = ("market", "location")


@dataclass
class Resolved:
    """What one input unit of a key gives: the numeric ledger columns per unit and the text columns."""

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
    data_quality: str = ACTIVITY_BASED
    fossil_free_share: float = float("nan")
    recovered_share: float = float("nan")
    #: Why the key has no CO2e (no emission factor fits it), ``""`` when it is valued.
    unvalued_reason: str = ""
    #: The column of the activity table the missing factor is blamed on (for the strict mode's error).
    unvalued_column: str = ""


class Failed(NamedTuple):
    """A key that cannot be used: the column to blame and the reason, for every row of the key."""

    column: str
    reason: str


def resolve(key_tuple: tuple, factors: FactorSet, gwp: str, scope2_method: str, radiative_forcing: bool = True,
            price_index: tuple = ()) -> Resolved | Failed:
    """Resolve one key (a tuple in the order of :data:`~klimatbokslut.engine.keys.KEY_COLUMNS`).

    Examples
    --------
    >>> import klimatbokslut as kb
    >>> from klimatbokslut.engine.keys import KEY_COLUMNS
    >>> key = dict.fromkeys(KEY_COLUMNS, "") | {"activity": "n2o", "unit": "kg", "year": 2024}
    >>> r = resolve(tuple(key.values()), kb.default_factors(), "AR6", "market")
    >>> r.scope, r.numeric["co2e_direct_kg"]
    (1, 273.0)
    >>> r = resolve(tuple((key | {"region": "Mars"}).values()), kb.default_factors(), "AR6", "market")
    >>> r.flags, r.unvalued_column, r.unvalued_reason[:60]
    ('unvalued', 'region', "no emission factor for activity 'n2o' in 2024: no factor for")
    >>> resolve(tuple((key | {"unit": "l"}).values()), kb.default_factors(), "AR6", "market")
    Failed(column='unit', reason=...)
    """
    key = Key.of(key_tuple)
    act = get_activity(key.activity)
    handler = handler_for(act)
    try:
        energy = amount_multiplier(factors, act.key, key.unit, "MJ") if act.is_energy else float("nan")
    except ConversionError:
        energy = float("nan")
    try:
        selected = handler.select(act, factors, key, radiative_forcing)
        weighed = _weigh_both(selected, factors, act, selected.weigh_unit or key.unit, gwp)
        factor_year = selected.by_method(scope2_method).factor_year
        adjustment = handler.adjust(key, factor_year, dict(price_index))
    except InputError as exc:  # from key_failure: one line, the column to blame and the reason
        first = exc.failures.iloc[0]
        if exc.no_factor:
            return _unvalued(act, key, handler, factors, energy, str(first["column"]), str(first["reason"]))
        return Failed(str(first["column"]), str(first["reason"]))
    ids, sources, flags = _provenance(weighed)
    flags |= adjustment.flags
    if selected.by_method(scope2_method).fallback:
        flags.add("fallback_year")
    other = "location" if scope2_method == "market" else "market"
    if selected.by_method(other).fallback and selected.by_method(other) is not selected.by_method(scope2_method):
        # The figure of the scope-2 method not reported in co2e_kg is of another year (its column is kept).
        flags.add(f"fallback_year_{other}")
    if handler.missing_upstream(act, selected):
        flags.add("no_upstream")
    if act.kind == "heat" and network_key(key.region or "SE") == "se":
        flags.add("national_default")
    shares = handler.shares(act, factors, key)
    renewable = shares.renewable
    if shares.other_year:
        flags.add("share_other_year")
    if act.is_fuel and not renewable == 0.0 and not _has_biogenic_memo(selected):
        # A fuel with a bio part (or an unknown one) and no biogenic CO2 row: the memo is unknown, not zero.
        flags.add("biogenic_unknown")
    distance = selected.distance if selected.distance == selected.distance else handler.distance(key.unit)
    purpose = key.purpose or "business"
    scope, category, area = placement(act, key.ownership, purpose)
    _, up_cat = upstream_placement(act, key.ownership, purpose)
    numeric = _numeric(weighed, scope2_method, selected.per_unit * adjustment.factor, energy, distance)
    return Resolved(numeric=numeric, scope=scope, category=category, area=area, upstream_category=up_cat,
                    renewable_share=renewable, fossil_free_share=shares.fossil_free,
                    recovered_share=shares.recovered, factor_ids=";".join(ids),
                    source_ids=";".join(sources),
                    factor_gwp="; ".join(sorted(set(weighed["market"].factor_gwps)
                                                | set(weighed["location"].factor_gwps))),
                    factor_year=factor_year, flags=";".join(sorted(flags)),
                    other_gas=";".join(sorted(weighed[scope2_method].other_gases)),
                    data_quality=_data_quality(handler, selected))


def _unvalued(act: Activity, key: Key, handler: KindHandler, factors: FactorSet, energy: float, column: str,
              reason: str) -> Resolved:
    """A key whose rows are readable but have no emission factor: quantities kept, every CO2e column NaN."""
    nan = float("nan")
    numeric = dict.fromkeys(("co2_kg", "ch4_kg", "n2o_kg", "other_gas_kg", "co2e_direct_kg", "co2e_upstream_kg",
                             "co2e_location_kg", "co2e_market_kg", "co2_biogenic_kg"), nan)
    try:
        distance = handler.distance(key.unit)
    except Exception:  # a distance that cannot be told from the unit alone (a flight in trips)
        distance = nan
    numeric |= {"energy_mj": energy, "distance_km": distance}
    purpose = key.purpose or "business"
    scope, category, area = placement(act, key.ownership, purpose)
    _, up_cat = upstream_placement(act, key.ownership, purpose)
    shares = handler.shares(act, factors, key)
    return Resolved(numeric=numeric, scope=scope, category=category, area=area, upstream_category=up_cat,
                    renewable_share=shares.renewable, fossil_free_share=shares.fossil_free,
                    recovered_share=shares.recovered, factor_ids="", source_ids="",
                    factor_gwp="", factor_year=-1,
                    flags="unvalued;share_other_year" if shares.other_year else "unvalued",
                    data_quality=handler.data_quality or ACTIVITY_BASED,
                    unvalued_reason=reason, unvalued_column=column)


def _has_biogenic_memo(selected: Selected) -> bool:
    return any(r["gas"] == "CO2_biogenic" for s in (selected.location, selected.market) for r in s.records)


def _weigh_both(selected: Selected, factors: FactorSet, act: Activity, unit: str, gwp: str) -> dict[str, Weighed]:
    """Both scope-2 methods' selections weighed per input unit (once when they are the same rows)."""
    try:
        location = weigh(selected.location.records, factors, act.key, unit, gwp)
        market = location if selected.market is selected.location else \
            weigh(selected.market.records, factors, act.key, unit, gwp)
    except ConversionError as exc:
        raise key_failure("unit", str(exc)) from None
    except GWPError as exc:
        raise key_failure("activity", f"{act.key}: {exc}") from None
    return {"location": location, "market": market}


def _provenance(weighed: dict[str, Weighed]) -> tuple[list[str], list[str], set[str]]:
    """Factor ids and source ids (each once, market-based first) and the flags of both methods."""
    ids: list[str] = []
    sources: list[str] = []
    flags: set[str] = set()
    for m in _METHODS:
        ids += [i for i in weighed[m].factor_ids if i not in ids]
        for src in weighed[m].source_ids:
            for sid in src.split(";"):
                if sid not in sources:
                    sources.append(sid)
        flags |= weighed[m].flags
    return ids, sources, flags


def _numeric(weighed: dict[str, Weighed], scope2_method: str, per_unit: float, energy: float,
             distance: float) -> dict[str, float]:
    """The numeric ledger columns for one input unit."""
    parts = weighed[scope2_method].parts
    return {
        "energy_mj": energy,
        "distance_km": distance,
        "co2_kg": parts["co2_kg"] * per_unit, "ch4_kg": parts["ch4_kg"] * per_unit,
        "n2o_kg": parts["n2o_kg"] * per_unit, "other_gas_kg": parts["other_gas_kg"] * per_unit,
        "co2e_direct_kg": parts["direct"] * per_unit, "co2e_upstream_kg": parts["upstream"] * per_unit,
        "co2e_location_kg": weighed["location"].co2e * per_unit,
        "co2e_market_kg": weighed["market"].co2e * per_unit,
        "co2_biogenic_kg": parts["bio"] * per_unit,
    }


def _data_quality(handler: KindHandler, selected: Selected) -> str:
    """The kind's data quality if it has one, else supplier-specific when a sourced user row was used."""
    if handler.data_quality:
        return handler.data_quality
    records = selected.market.records + selected.location.records
    if any(r["user"] and r["source_id"] != "unsourced" for r in records):
        return SUPPLIER_SPECIFIC
    return ACTIVITY_BASED
