"""Amounts from one unit to another for an activity: pint for units of one kind, fuel properties across kinds."""

from __future__ import annotations

from collections import deque
from functools import lru_cache
from typing import Final

from ..catalogue import get_activity
from ..errors import ConversionError
from ..factors import FactorSet
from ..units import CANONICAL_UNIT, get_registry, kind_of, parse_unit

#: Fuel properties as edges between kinds of amount: property -> (from kind, to kind), to = from × property.
_EDGES: Final[dict[str, tuple[str, str]]] = {
    "kwh_per_km": ("length", "energy"),
    "lhv_mj_per_l": ("volume", "energy"),
    "density_kg_per_l": ("volume", "mass"),
    "lhv_mj_per_kg": ("mass", "energy"),
    "lhv_mj_per_nm3": ("normal_volume", "energy"),
    "density_kg_per_nm3": ("normal_volume", "mass"),
}

#: What the dataset lacks when no path joins two kinds of amount (for the error message).
_MISSING: Final[dict[tuple[str | None, str | None], str]] = {
    ("volume", "energy"): "heating value per litre or density", ("mass", "energy"): "heating value or density",
    ("normal_volume", "energy"): "heating value per Nm3", ("volume", "mass"): "density",
    ("mass", "volume"): "density", ("normal_volume", "mass"): "gas density",
    ("mass", "normal_volume"): "gas density", ("energy", "volume"): "heating value per litre",
    ("energy", "mass"): "heating value per kg",
}


@lru_cache(maxsize=4096)
def unit_multiplier(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` one ``from_unit`` is (units of the same kind).

    Examples
    --------
    >>> unit_multiplier("mil", "km")
    10.0
    """
    ureg = get_registry()
    return float(ureg.Quantity(1.0, parse_unit(from_unit)).to(parse_unit(to_unit)).magnitude)


def _property_graph(factors: FactorSet, activity: str) -> dict[str, list[tuple[str, float]]]:
    """Kinds of amount joined by the activity's properties, each edge with its multiplier."""
    graph: dict[str, list[tuple[str, float]]] = {}
    for prop, (a, b) in _EDGES.items():
        value = factors.property(activity, prop)
        if prop == "kwh_per_km":
            value *= 3.6   # MJ per km
        if value == value and value > 0:
            graph.setdefault(a, []).append((b, value))
            graph.setdefault(b, []).append((a, 1.0 / value))
    if get_activity(activity).km_is_pkm:
        # A distance given in km for a passenger mode is one person's trip: 1 km = 1 pkm.
        graph.setdefault("length", []).append(("passenger_distance", 1.0))
        graph.setdefault("passenger_distance", []).append(("length", 1.0))
    return graph


def _reachable(graph: dict[str, list[tuple[str, float]]], start: str) -> dict[str, float]:
    """Every kind reachable from ``start`` and its multiplier along the shortest path (breadth first)."""
    seen = {start: 1.0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt, mult in graph.get(node, []):
            if nxt not in seen:
                seen[nxt] = seen[node] * mult
                queue.append(nxt)
    return seen


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
        return unit_multiplier(from_unit, to_unit)
    seen = _reachable(_property_graph(factors, activity), k_from) if k_from is not None else {}
    if k_from is None or k_to is None or k_to not in seen:
        need = _MISSING.get((k_from, k_to), "a conversion property")
        raise ConversionError(from_unit, activity,
                              reason=f"the dataset has no {need} for {activity} to convert {k_from} to {k_to}; "
                                     f"give the amount in {CANONICAL_UNIT.get(k_to or '', to_unit)} or add the "
                                     "property")
    return (unit_multiplier(from_unit, CANONICAL_UNIT[k_from]) * seen[k_to]
            * unit_multiplier(CANONICAL_UNIT[k_to], to_unit))
