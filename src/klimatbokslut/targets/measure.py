"""Measuring a ledger for a target: the metric of the selected rows of one year.

The metrics (:data:`METRICS`) and how each is summed are described in
:mod:`klimatbokslut.targets`. :func:`measure` returns a :class:`Measure` with the value
in the target unit and how much of the selection had the data the metric needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import get_activity
from ..engine import amount_multiplier
from ..errors import UnitError
from ..units import get_registry, parse_unit
from ..validation import fail, selection_mask

__all__ = ["METRICS", "METRIC_DIM", "ENERGY_SHARES", "Measure", "measure", "amount_multipliers", "quantity", "coverage"]

#: Metrics a ledger target can measure, with their default unit.
METRICS = {"co2e": "t CO2e", "energy": "MWh", "energy_normal": "MWh", "amount": None, "cost": "SEK",
           "distance": "km", "co2": "kg", "ch4": "kg", "n2o": "kg"}
#: A unit of each metric's dimension (``amount`` has any dimension).
METRIC_DIM = {"co2e": "kg CO2e", "energy": "MJ", "energy_normal": "MJ", "cost": "SEK", "distance": "km",
              "co2": "kg", "ch4": "kg", "n2o": "kg"}
#: Shares of energy a :class:`~klimatbokslut.targets.Share` can count, and the ledger columns that add up to each.
ENERGY_SHARES = {"renewable": ("renewable_share",), "fossil_free": ("fossil_free_share",),
                 "recovered": ("recovered_share",), "renewable_or_recovered": ("renewable_share", "recovered_share")}
_GAS_COLUMN = {"co2": "co2_kg", "ch4": "ch4_kg", "n2o": "n2o_kg"}


def quantity(value: float, unit: str | None):
    """``value`` in ``unit`` (dimensionless without one) as a Quantity of the one registry.

    Examples
    --------
    >>> quantity(2.5, "t CO2e")
    <Quantity(2.5, 'metric_ton * CO2e')>
    """
    return get_registry().Quantity(float(value), parse_unit(unit) if unit else "dimensionless")


@dataclass(frozen=True)
class Measure:
    """The metric of the selected ledger rows of one year."""

    value: float          # in the target unit; NaN when no rows or unknown data
    rows: int             # selected rows in the year
    covered: float        # basis of known rows (same unit as value's basis)
    uncovered: float      # basis of rows with unknown data (NaN if not measurable)
    uncovered_rows: int
    note: str = ""


def coverage(m: Measure) -> float:
    """Share of the measured basis whose data was known [-] (1.0 when there is no basis)."""
    total = m.covered + m.uncovered
    return 1.0 if total == 0 else m.covered / total


def _rows(frame: pd.DataFrame, select: Mapping[str, Any], what: str) -> pd.DataFrame:
    """Rows of ``frame`` matching every filter; unknown columns and values no row has are errors."""
    return frame[selection_mask(frame, select, what=what, table="ledger", require_match=True)]


def _rows_in_year(frame: pd.DataFrame, select: Mapping[str, Any], year: int,
                  numerator: Mapping[str, Any] | None, what: str) -> pd.DataFrame:
    """The selected rows of ``year``, narrowed by the numerator's selection when there is one."""
    sel = _rows(frame, select, what)
    sel = sel[sel["year"].to_numpy() == year]
    return sel if numerator is None else _rows(sel, numerator, what)


def amount_multipliers(rows: pd.DataFrame, unit: str, factors, what: str) -> np.ndarray:
    """Per-row multiplier from each row's unit to ``unit`` (pint, then fuel properties)."""
    ureg = get_registry()
    target = parse_unit(unit)
    mult = np.empty(len(rows))
    pairs = rows[["activity", "unit"]].astype(object)
    cache: dict[tuple, float] = {}
    for i, (act, u) in enumerate(pairs.itertuples(index=False, name=None)):
        if (act, u) not in cache:
            try:
                cache[(act, u)] = float(ureg.Quantity(1.0, parse_unit(u)).to(target).magnitude)
            except Exception:
                try:
                    if factors is None:
                        raise LookupError
                    cache[(act, u)] = amount_multiplier(factors, act, u, unit)
                except Exception:
                    raise UnitError(u, f"{what}: {act}", expected=[f"an amount convertible to {unit}"],
                                    reason="the metric sums amounts in one unit") from None
        mult[i] = cache[(act, u)]
    return mult


def measure(ledger, year: int, select: Mapping[str, list], metric: str, unit: str, method: str | None,
            unknown: str, what: str, renewable: bool = False, numerator: Mapping[str, list] | None = None,
            share_of: str | None = None) -> Measure:
    """The metric of the selected rows of one year (numerator rows: a further filter).

    ``share_of`` (a key of :data:`ENERGY_SHARES`; ``renewable=True`` is ``"renewable"``)
    weighs each row's energy by that share of it.
    """
    share_of = share_of or ("renewable" if renewable else None)
    frame = ledger.frame
    if metric == "co2e":
        dims = ["year", "activity", "row", "energy_mj"] + [k for k in select if k in frame.columns]
        parts = ledger.parts(method, dims=list(dict.fromkeys(dims)))
        sel = _rows_in_year(parts, select, year, numerator, what)
        if not len(sel):
            return Measure(float("nan"), 0, 0.0, 0.0, 0)
        values = sel["co2e_kg"].to_numpy(dtype=float)
        unvalued = ~np.isfinite(values)
        kg = float(values[~unvalued].sum())
        value = float(quantity(kg, "kg CO2e").to(parse_unit(unit)).magnitude)
        if not unvalued.any():
            return Measure(value, len(sel), float(len(sel)), 0.0, 0)
        return _without_unvalued(value, sel, unvalued, unknown, "CO2e")
    if "boundary" in select:
        raise fail("select", "boundary", "boundary (direct/upstream) applies only to the co2e metric", what=what)
    sel = _rows_in_year(frame, select, year, numerator, what)
    if not len(sel):
        return Measure(float("nan"), 0, 0.0, 0.0, 0)
    note = ""
    if metric in ("energy", "energy_normal"):
        is_energy = sel["activity"].astype(object).map(lambda a: get_activity(a).is_energy).to_numpy(dtype=bool)
        left_out = sorted(set(sel.loc[~is_energy, "activity"].astype(object)))
        if left_out:
            note = f"not energy, left out: {', '.join(left_out)}. "
        sel = sel[is_energy]
        if not len(sel):
            return Measure(float("nan"), 0, 0.0, 0.0, 0, note)
        if metric == "energy_normal":
            if "energy_normal_mj" not in sel.columns:
                raise fail("metric", metric, "the ledger has no normal-year corrected energy: correct it first with "
                           "klimatbokslut.normal_year.correct (or [normal_year] in the report configuration)",
                           what=what)
            basis = sel["energy_normal_mj"].to_numpy(dtype=float)
        else:
            basis = sel["energy_mj"].to_numpy(dtype=float)
        known = np.isfinite(basis)
        if share_of:
            cols = [sel[c].to_numpy(dtype=float) if c in sel.columns else np.full(len(sel), np.nan)
                    for c in ENERGY_SHARES[share_of]]
            share = np.sum(cols, axis=0)
            known &= np.isfinite(share)
            values = np.where(known, basis * np.where(np.isfinite(share), share, 0.0), 0.0)
            label = share_of.replace("_", " ") + " share"
        else:
            values = np.where(known, basis, 0.0)
            label = "energy content"
        to_unit = float(quantity(1.0, "MJ").to(parse_unit(unit)).magnitude)
        values = values * to_unit
        basis_known = float(np.nansum(np.where(known, basis, 0.0)))
        basis_unknown = float(np.nansum(np.where(~known & np.isfinite(basis), basis, 0.0)))
        n_unknown = int((~known).sum())
        if n_unknown:
            note += f"{label} unknown for {_listing(sel[~known])}. "
    elif metric == "distance":
        # person-km of travel and km of vehicles, as the ledger's distance_km gives them (a flight given in
        # trips has its great-circle distance); rows without a distance are unknown
        km = sel["distance_km"].to_numpy(dtype=float)
        known = np.isfinite(km)
        values = np.where(known, km, 0.0) * float(quantity(1.0, "km").to(parse_unit(unit)).magnitude)
        n_unknown = int((~known).sum())
        basis_known, basis_unknown = float(values[known].sum()), 0.0
        if n_unknown:
            note += f"distance unknown for {_listing(sel[~known])}. "
    elif metric == "cost":
        if "cost_sek" not in sel.columns:
            raise fail("metric", metric, "the rows carry no cost: give a cost column (kostnad, SEK or tkr) in the "
                       "activity file", what=what)
        cost = sel["cost_sek"].to_numpy(dtype=float)
        known = np.isfinite(cost)
        values = np.where(known, cost, 0.0) * float(quantity(1.0, "SEK").to(parse_unit(unit)).magnitude)
        n_unknown = int((~known).sum())
        # a row without a cost has no value to weigh it by: coverage counts rows
        basis_known, basis_unknown = float(known.sum()), float(n_unknown)
        if n_unknown:
            note += f"cost unknown for {_listing(sel[~known])}. "
    elif metric == "amount":
        values = sel["amount"].to_numpy(dtype=float) * amount_multipliers(sel, unit, ledger.factors, what)
        known = np.ones(len(sel), dtype=bool)
        basis_known, basis_unknown, n_unknown = float(values.sum()), 0.0, 0
    else:
        kg = sel[_GAS_COLUMN[metric]].to_numpy(dtype=float)
        values = kg * float(quantity(1.0, "kg").to(parse_unit(unit)).magnitude)
        unvalued = ~np.isfinite(values)
        if unvalued.any():
            return _without_unvalued(float(values[~unvalued].sum()), sel, unvalued, unknown, metric.upper())
        known = np.ones(len(sel), dtype=bool)
        basis_known, basis_unknown, n_unknown = float(values.sum()), 0.0, 0
    total = float(values[known].sum())
    if n_unknown and unknown == "no_data":
        total = float("nan")
    return Measure(total, len(sel), basis_known, basis_unknown, n_unknown, note.strip())


def _without_unvalued(value: float, sel: pd.DataFrame, unvalued: np.ndarray, unknown: str, label: str) -> Measure:
    """A gas metric over rows some of which have no emission factor: ``no_data``, or the known rows with a note.

    The basis of the coverage is the number of rows (a row without a factor has no
    emission to weigh it by); the note names the activities and their energy.
    """
    gone = sel[unvalued]
    if "row" in gone.columns:   # a row's direct and upstream parts are one row
        gone = gone.drop_duplicates("row")
    n = len(gone)
    listing = _listing(gone)
    mwh = float(np.nansum(gone["energy_mj"].to_numpy(dtype=float))) / 3600.0 if "energy_mj" in gone.columns else 0.0
    energy = f", {mwh:,.1f} MWh".replace(",", " ") if mwh else ""
    note = f"no emission factor, {label} unknown for {listing}{energy}."
    total = float("nan") if unknown == "no_data" else value
    rows = sel["row"].nunique() if "row" in sel.columns else len(sel)
    return Measure(total, len(sel), float(rows - n), float(n), n, note)


def _listing(rows: pd.DataFrame) -> str:
    """``diesel (2 rows), e85 (1 row)``: the activities of some rows and how many rows each."""
    acts = rows["activity"].astype(object).value_counts()
    return ", ".join(f"{a} ({n} row{'s' if n != 1 else ''})" for a, n in acts.items())
