"""Factor rows -> kg of each gas and kg CO2e per one input unit, split into direct, upstream and memo parts.

Direct part: TTW, ``direct`` and ``lifecycle`` rows, and whole ``WTW`` rows that
cannot be split (flagged ``not_split``). Upstream part: ``WTT`` rows. Biogenic CO2
(:data:`klimatbokslut.gwp.MEMO_GASES`) is a memo, outside the scopes. Single gases
are weighted with the chosen GWP set; CO2e rows keep the basis they were published
with.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final, NamedTuple

from ..factors import FactorSet
from ..gwp import MEMO_GASES, gwp100
from ..units import get_registry, kind_of, parse_unit
from .convert import amount_multiplier

#: Boundaries whose rows are the direct part (a WTW row that cannot be split counts as direct).
DIRECT_BOUNDARIES: Final = ("TTW", "direct", "lifecycle", "WTW")
_CH4: Final = ("CH4", "CH4_fossil", "CH4_nonfossil")
#: The parts one selection is summed into: kg of gases (direct part) and kg CO2e per part.
PARTS: Final = ("co2_kg", "ch4_kg", "n2o_kg", "other_gas_kg", "direct", "upstream", "bio")


class Weighed(NamedTuple):
    """A factor selection summed per one input unit, and what it was made of."""

    #: kg per input unit: ``co2_kg``, ``ch4_kg``, ``n2o_kg``, ``other_gas_kg`` (direct part, as gas),
    #: ``direct`` and ``upstream`` (kg CO2e), ``bio`` (kg biogenic CO2, memo).
    parts: dict[str, float]
    #: Gases other than CO2, CH4 and N2O in the direct part (refrigerants, anaesthetics).
    other_gases: set[str]
    #: ``not_split``, ``derived``, ``unsourced``.
    flags: set[str]
    factor_ids: list[str]
    source_ids: list[str]
    #: GWP sets CO2e rows were published with.
    factor_gwps: list[str]

    @property
    def co2e(self) -> float:
        """kg CO2e per input unit, direct plus upstream."""
        return self.parts["direct"] + self.parts["upstream"]


@lru_cache(maxsize=4096)
def _factor_per_denominator(value: float, unit: str, gas: str) -> tuple[float, str]:
    """(kg of gas per denominator unit, denominator unit) for a factor row."""
    num, _, den = unit.partition("/")
    ureg = get_registry()
    kg = float(ureg.Quantity(value, parse_unit(num.strip())).to(ureg.parse_units(f"kg * {gas}")).magnitude)
    return kg, den.strip()


def _direct_gas(gas: str) -> str | None:
    """The part a direct gas is counted in as kg (``None`` for CO2e rows, counted only as CO2e)."""
    if gas == "CO2":
        return "co2_kg"
    if gas in _CH4:
        return "ch4_kg"
    if gas == "N2O":
        return "n2o_kg"
    return None if gas == "CO2e" else "other_gas_kg"


def weigh(records: list[dict], factors: FactorSet, activity: str, unit: str, gwp: str) -> Weighed:
    """Sum a selection's factor rows per one ``unit`` of the activity.

    Raises
    ------
    ConversionError
        When the input unit cannot be converted to a factor's denominator.
    GWPError
        When a gas has no GWP in the chosen set.
    """
    out = dict.fromkeys(PARTS, 0.0)
    other: set[str] = set()
    flags: set[str] = set()
    records = one_per_part(records, unit)
    for r in records:
        kg_per_den, den = _factor_per_denominator(float(r["value"]), r["unit"], r["gas"])
        kg = kg_per_den * amount_multiplier(factors, activity, unit, den)
        gas, boundary = r["gas"], r["boundary"]
        if gas in MEMO_GASES:
            out["bio"] += kg
            continue
        direct = boundary in DIRECT_BOUNDARIES
        out["direct" if direct else "upstream"] += kg * gwp100(gas, gwp)
        if boundary == "WTW":
            flags.add("not_split")
        part = _direct_gas(gas) if direct else None
        if part is not None:
            out[part] += kg
            if part == "other_gas_kg":
                other.add(gas)
        if r["derived"]:
            flags.add("derived")
        if r["source_id"] == "unsourced":
            flags.add("unsourced")
    gwps = sorted({r["gwp"] for r in records if r["gas"] == "CO2e" and r["gwp"]})
    return Weighed(out, other, flags, [r["factor_id"] for r in records], [r["source_id"] for r in records], gwps)


def one_per_part(records: list[dict], unit: str) -> list[dict]:
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
