"""Measuring a ledger for a target: the metric of the selected rows of one year.

The metrics are a table, :data:`METRIC_TABLE`: one :class:`LedgerMetric` per metric (its
name, default unit, dimension and how it measures the ledger); a new ledger metric is one
entry there. What each sums is described in :mod:`klimatbokslut.targets`. :func:`measure`
returns a :class:`Measure` with the value in the target unit and how much of the selection
had the data the metric needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..catalogue import get_activity
from ..engine import amount_multiplier
from ..errors import UnitError
from ..text import N_, number, tr, voice
from ..units import get_registry, parse_unit
from ..validation import fail, selection_mask
from .numerator import numerator_mask

__all__ = ["METRIC_TABLE", "METRICS", "METRIC_DIM", "ENERGY_SHARES", "LedgerMetric", "Measure", "measure",
           "amount_multipliers", "quantity", "coverage"]

#: The language of a :class:`Measure`'s note: notes are data (a column of the targets table) and stay English.
NOTES = "en"

#: What a metric measures, for its note ("energy content unknown for …"), by metric or share.
_LABELS = {"energy": N_("energy content"), "distance": N_("distance"), "cost": N_("cost"),
           "renewable": N_("renewable share"), "fossil_free": N_("fossil free share"),
           "recovered": N_("recovered share"), "renewable_or_recovered": N_("renewable or recovered share")}

#: Shares of energy a :class:`~klimatbokslut.targets.Share` can count, and the ledger columns that add up to each.
ENERGY_SHARES = {"renewable": ("renewable_share",), "fossil_free": ("fossil_free_share",),
                 "recovered": ("recovered_share",), "renewable_or_recovered": ("renewable_share", "recovered_share")}


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
    """The selected rows of ``year``, narrowed by the numerator's selection when there is one.

    The numerator is checked against the selected rows of every year
    (:func:`~klimatbokslut.targets.numerator.numerator_mask`): a value absent in this year
    only is no error (the share is 0), one that no year has or cannot match is.
    """
    sel = _rows(frame, select, what)
    in_year = sel["year"].to_numpy() == year
    if numerator is None:
        return sel[in_year]
    return sel[in_year & numerator_mask(sel, numerator, what=what)]


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


@dataclass(frozen=True)
class Request:
    """What :func:`measure` was asked: the ledger, the year, the selection and how to read it."""

    ledger: Any
    year: int
    select: Mapping[str, list]
    metric: str
    unit: str
    method: str | None
    unknown: str
    what: str
    numerator: Mapping[str, list] | None = None
    share_of: str | None = None


@dataclass(frozen=True)
class Sums:
    """A metric's values over the selected rows of a year, before the unknown rows are dealt with."""

    values: np.ndarray      # per row [target unit]; 0 where unknown
    known: np.ndarray       # per row: the data the metric needs is known
    basis_known: float      # basis of the coverage of the known rows
    basis_unknown: float    # basis of the unknown rows (NaN if not measurable)
    n_unknown: int
    note: str = ""


@dataclass(frozen=True)
class LedgerMetric:
    """One ledger metric a target can measure.

    Attributes
    ----------
    name : str
        The metric's name (``Target.metric``) and key of :data:`METRIC_TABLE`.
    unit : str or None
        Default unit of the value (pint text); None: the target must give one.
    dimension : str or None
        A unit of the metric's dimension (a target's unit must have it); None: any.
    rows : callable, optional
        ``(selected rows of the year, request) -> Sums or Measure``: the metric over the
        ledger rows (a ``Measure`` when it is decided early). Without it ``measure``
        measures the whole request itself.
    measure : callable, optional
        ``request -> Measure``, for a metric that is not read from the ledger rows
        (``co2e`` reads the ledger's direct and upstream parts).
    """

    name: str
    unit: str | None
    dimension: str | None
    rows: Callable[[pd.DataFrame, Request], Sums | Measure] | None = None
    measure: Callable[[Request], Measure] | None = None


def _co2e(req: Request) -> Measure:
    """CO2e of the selected parts (direct and upstream) of the year [target unit]."""
    ledger, select = req.ledger, req.select
    keys = [*select, *(req.numerator or {})]     # a share's numerator may select on a column of its own
    dims = ["year", "activity", "row", "energy_mj"] + [k for k in keys if k in ledger.frame.columns]
    parts = ledger.parts(req.method, dims=list(dict.fromkeys(dims)))
    sel = _rows_in_year(parts, select, req.year, req.numerator, req.what)
    if not len(sel):
        return Measure(float("nan"), 0, 0.0, 0.0, 0)
    values = sel["co2e_kg"].to_numpy(dtype=float)
    unvalued = ~np.isfinite(values)
    kg = float(values[~unvalued].sum())
    value = float(quantity(kg, "kg CO2e").to(parse_unit(req.unit)).magnitude)
    if not unvalued.any():
        return Measure(value, len(sel), float(len(sel)), 0.0, 0)
    return _without_unvalued(value, sel, unvalued, req.unknown, "CO2e")


def _energy(sel: pd.DataFrame, req: Request) -> Sums | Measure:
    """Energy of the energy activities (``energy_mj``, or ``energy_normal_mj``), or a share of it."""
    is_energy = sel["activity"].astype(object).map(lambda a: get_activity(a).is_energy).to_numpy(dtype=bool)
    left_out = sorted(set(sel.loc[~is_energy, "activity"].astype(object)))
    note = tr(NOTES, "not energy, left out: {activities}.", activities=", ".join(left_out)) + " " if left_out else ""
    sel = sel[is_energy]
    if not len(sel):
        return Measure(float("nan"), 0, 0.0, 0.0, 0, note)
    if req.metric == "energy_normal":
        if "energy_normal_mj" not in sel.columns:
            raise fail("metric", req.metric, "the ledger has no normal-year corrected energy: correct it first with "
                       "klimatbokslut.normal_year.correct (or [normal_year] in the report configuration)",
                       what=req.what)
        basis = sel["energy_normal_mj"].to_numpy(dtype=float)
    else:
        basis = sel["energy_mj"].to_numpy(dtype=float)
    known = np.isfinite(basis)
    if req.share_of:
        cols = [sel[c].to_numpy(dtype=float) if c in sel.columns else np.full(len(sel), np.nan)
                for c in ENERGY_SHARES[req.share_of]]
        share = np.sum(cols, axis=0)
        known &= np.isfinite(share)
        values = np.where(known, basis * np.where(np.isfinite(share), share, 0.0), 0.0)
        label = _LABELS[req.share_of]
    else:
        values = np.where(known, basis, 0.0)
        label = _LABELS["energy"]
    to_unit = float(quantity(1.0, "MJ").to(parse_unit(req.unit)).magnitude)
    values = values * to_unit
    basis_known = float(np.nansum(np.where(known, basis, 0.0)))
    basis_unknown = float(np.nansum(np.where(~known & np.isfinite(basis), basis, 0.0)))
    n_unknown = int((~known).sum())
    if n_unknown:
        note += _unknown_for(label, sel[~known]) + " "
    return Sums(values, known, basis_known, basis_unknown, n_unknown, note)


def _distance(sel: pd.DataFrame, req: Request) -> Sums:
    """Person-km of travel and km of vehicles, as the ledger's ``distance_km`` gives them.

    A flight given in trips has its great-circle distance; rows without a distance are unknown.
    """
    km = sel["distance_km"].to_numpy(dtype=float)
    known = np.isfinite(km)
    values = np.where(known, km, 0.0) * float(quantity(1.0, "km").to(parse_unit(req.unit)).magnitude)
    n_unknown = int((~known).sum())
    note = _unknown_for(_LABELS["distance"], sel[~known]) + " " if n_unknown else ""
    return Sums(values, known, float(values[known].sum()), 0.0, n_unknown, note)


def _cost(sel: pd.DataFrame, req: Request) -> Sums:
    """The rows' ``cost_sek``; a row without a cost has no value to weigh it by: coverage counts rows."""
    if "cost_sek" not in sel.columns:
        raise fail("metric", req.metric, "the rows carry no cost: give a cost column (kostnad, SEK or tkr) in the "
                   "activity file", what=req.what)
    cost = sel["cost_sek"].to_numpy(dtype=float)
    known = np.isfinite(cost)
    values = np.where(known, cost, 0.0) * float(quantity(1.0, "SEK").to(parse_unit(req.unit)).magnitude)
    n_unknown = int((~known).sum())
    note = _unknown_for(_LABELS["cost"], sel[~known]) + " " if n_unknown else ""
    return Sums(values, known, float(known.sum()), float(n_unknown), n_unknown, note)


def _amount(sel: pd.DataFrame, req: Request) -> Sums:
    """The activity amount in the target unit (pint, then the factor set's fuel properties)."""
    values = sel["amount"].to_numpy(dtype=float) * amount_multipliers(sel, req.unit, req.ledger.factors, req.what)
    return Sums(values, np.ones(len(sel), dtype=bool), float(values.sum()), 0.0, 0)


def _gas(sel: pd.DataFrame, req: Request) -> Sums | Measure:
    """kg of the gas itself in the direct part (``co2_kg``, ``ch4_kg``, ``n2o_kg``)."""
    kg = sel[f"{req.metric}_kg"].to_numpy(dtype=float)
    values = kg * float(quantity(1.0, "kg").to(parse_unit(req.unit)).magnitude)
    unvalued = ~np.isfinite(values)
    if unvalued.any():
        return _without_unvalued(float(values[~unvalued].sum()), sel, unvalued, req.unknown, req.metric.upper())
    return Sums(values, np.ones(len(sel), dtype=bool), float(values.sum()), 0.0, 0)


#: The ledger metrics a target can measure, in the order errors list them.
METRIC_TABLE: dict[str, LedgerMetric] = {m.name: m for m in (
    LedgerMetric("co2e", "t CO2e", "kg CO2e", measure=_co2e),
    LedgerMetric("energy", "MWh", "MJ", rows=_energy),
    LedgerMetric("energy_normal", "MWh", "MJ", rows=_energy),
    LedgerMetric("amount", None, None, rows=_amount),
    LedgerMetric("cost", "SEK", "SEK", rows=_cost),
    LedgerMetric("distance", "km", "km", rows=_distance),
    LedgerMetric("co2", "kg", "kg", rows=_gas),
    LedgerMetric("ch4", "kg", "kg", rows=_gas),
    LedgerMetric("n2o", "kg", "kg", rows=_gas),
)}

#: Metrics a ledger target can measure, with their default unit.
METRICS = {m.name: m.unit for m in METRIC_TABLE.values()}
#: A unit of each metric's dimension (``amount`` has any dimension).
METRIC_DIM = {m.name: m.dimension for m in METRIC_TABLE.values() if m.dimension is not None}


def measure(ledger, year: int, select: Mapping[str, list], metric: str, unit: str, method: str | None,
            unknown: str, what: str, renewable: bool = False, numerator: Mapping[str, list] | None = None,
            share_of: str | None = None) -> Measure:
    """The metric of the selected rows of one year (numerator rows: a further filter).

    ``share_of`` (a key of :data:`ENERGY_SHARES`; ``renewable=True`` is ``"renewable"``)
    weighs each row's energy by that share of it. The metric's entry in
    :data:`METRIC_TABLE` says how it is measured.
    """
    req = Request(ledger, year, select, metric, unit, method, unknown, what, numerator,
                  share_of or ("renewable" if renewable else None))
    entry = METRIC_TABLE[metric]
    if entry.measure is not None:
        return entry.measure(req)
    if "boundary" in select:
        raise fail("select", "boundary", "boundary (direct/upstream) applies only to the co2e metric", what=what)
    sel = _rows_in_year(ledger.frame, select, year, numerator, what)
    if not len(sel):
        return Measure(float("nan"), 0, 0.0, 0.0, 0)
    assert entry.rows is not None       # an entry measures its rows or the whole request
    s = entry.rows(sel, req)
    if isinstance(s, Measure):
        return s
    total = float(s.values[s.known].sum())
    if s.n_unknown and unknown == "no_data":
        total = float("nan")
    return Measure(total, len(sel), s.basis_known, s.basis_unknown, s.n_unknown, s.note.strip())


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
    if mwh:
        note = tr(NOTES, "no emission factor, {label} unknown for {listing}, {mwh} MWh.", label=label,
                  listing=listing, mwh=number(mwh, 1, "sv"))   # Swedish figures, as the left-out amounts
    else:
        note = tr(NOTES, "no emission factor, {label} unknown for {listing}.", label=label, listing=listing)
    total = float("nan") if unknown == "no_data" else value
    rows = sel["row"].nunique() if "row" in sel.columns else len(sel)
    return Measure(total, len(sel), float(rows - n), float(n), n, note)


def _listing(rows: pd.DataFrame) -> str:
    """``diesel (2 rows), e85 (1 row)``: the activities of some rows and how many rows each."""
    acts = rows["activity"].astype(object).value_counts()
    return ", ".join(voice(NOTES).ngettext("{activity} ({n} row)", "{activity} ({n} rows)", int(n), activity=a)
                     for a, n in acts.items())


def _unknown_for(label: str, rows: pd.DataFrame) -> str:
    """``energy content unknown for diesel (2 rows).``: what a metric could not measure, and where."""
    return tr(NOTES, "{label} unknown for {listing}.", label=tr(NOTES, label), listing=_listing(rows))
