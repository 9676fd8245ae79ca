"""Targets of a sustainability programme and their evaluation against a ledger.

A target has a ``name``, a ``select`` dict of ledger-column filters (``{"scope": [1, 2]}``,
``{"category": "business_travel"}``, ``{"activity": "n2o"}``, ``{"org_unit": ...}``) and a
*metric*, the quantity it is about:

========== ========================================================== =============
metric     what is summed over the selected ledger rows               default unit
========== ========================================================== =============
``co2e``   emissions (direct and upstream parts, as ``Ledger.total``) t CO2e
``energy`` ``energy_mj`` of energy activities (fuels, electricity,    MWh
           heat); non-energy activities in the selection are left out
``amount`` the activity amount, converted to ``unit`` with pint (and  (required)
           the factor set's fuel properties for l ↔ kg ↔ MJ ↔ Nm3)
``co2``,   kg of the gas itself in the direct part (``co2_kg``,       kg
``ch4``,   ``ch4_kg``, ``n2o_kg``), e.g. a cap on nitrous oxide
``n2o``
========== ========================================================== =============

For ``co2e`` the filters apply to the ledger's *parts* (so ``scope=[1, 2]`` takes the direct
part of scope-1 and scope-2 rows and leaves their upstream part, which is scope 3, out, as the
GHG Protocol requires, and ``boundary="direct"`` is available). For the other metrics they
apply to the ledger rows, whose ``scope`` is the scope of the direct part.

``target.evaluate(ledger, year)`` returns a :class:`TargetResult` with ``status`` one of

* ``met`` — the target level is reached in that year (before the target year too);
* ``on_track`` — before the target year, not yet at the target level, but at or better than
  the trajectory (the path from the base-year value to the target value) for that year;
* ``off_track`` — before the target year and behind the trajectory;
* ``not_met`` — the target level is not reached in or after the target year, or in any year
  for a target without a target year (caps, limits, benchmarks);
* ``no_data`` — the year has no selected rows, or some rows lack the data the metric needs
  (an unknown renewable share, an unknown heating value), which is never counted as zero.

The Swedish status word of programme follow-ups (``result.status_sv``) is *helt* for
``met``, *värde saknas* for ``no_data``, and otherwise *delvis* when the value has moved
from the base-year value towards the target (``progress > 0``) and *inte alls* when it has
not or when the target has no base year.

Errors: a base year without data, a selection that matches no ledger rows, fractions outside
0–1 and unknown metrics or columns raise :class:`~klimatbokslut.errors.InputError` (a
``ValueError``) naming what is wrong and the valid choices.

References
----------
.. [1] SBTi (2021): SBTi Criteria and Recommendations, version 5 — absolute contraction:
   a 1.5 °C-aligned target reduces emissions by at least 4.2 % of base-year emissions per
   year, linearly.
.. [2] WRI/WBCSD (2004): The Greenhouse Gas Protocol, Corporate Standard, ch. 11 (setting a
   GHG target: base year, target year, absolute and intensity targets).
.. [3] WRI (2015): GHG Protocol Scope 2 Guidance (location- and market-based methods).

Examples
--------
>>> import pandas as pd, klimatbokslut as kb
>>> from klimatbokslut import targets
>>> acts = pd.DataFrame({"activity": ["n2o"] * 3, "amount": [1000, 900, 700], "unit": ["kg"] * 3,
...                      "year": [2022, 2023, 2024]})
>>> led = kb.calculate(acts)
>>> t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25,
...                       select={"activity": "lustgas"})
>>> r = t.evaluate(led, 2024)
>>> r.status, r.status_sv
('met', 'helt')
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, field, fields
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from .catalogue import get_activity, resolve_activity_name
from .errors import InputError, UnitError
from .units import get_registry, parse_unit

__all__ = [
    "STATUSES", "STATUS_SV", "METRICS", "TargetResult", "Target", "Reduction", "AnnualReduction", "Cap",
    "Share", "Intensity", "BelowBenchmark", "from_dict", "evaluate_all",
]

#: Status values of a :class:`TargetResult`.
STATUSES = ("met", "on_track", "off_track", "not_met", "no_data")

#: Swedish words of programme follow-ups; ``delvis`` vs ``inte alls`` depends on progress.
STATUS_SV = {"met": "helt", "partly": "delvis", "not_at_all": "inte alls", "no_data": "värde saknas"}

#: Metrics a ledger target can measure, with their default unit.
METRICS = {"co2e": "t CO2e", "energy": "MWh", "amount": None, "co2": "kg", "ch4": "kg", "n2o": "kg"}
_GAS_COLUMN = {"co2": "co2_kg", "ch4": "ch4_kg", "n2o": "n2o_kg"}
_METRIC_DIM = {"co2e": "kg CO2e", "energy": "MJ", "co2": "kg", "ch4": "kg", "n2o": "kg"}
_UNKNOWN = ("no_data", "exclude")


def _fail(what: str, column: str, value: Any, reason: str) -> InputError:
    return InputError([{"row": None, "column": column, "value": value, "reason": reason}], what=what)


def _Q(value: float, unit: str):
    return get_registry().Quantity(float(value), parse_unit(unit) if unit else "dimensionless")


def _to_quantity(value: Any, unit: str | None, what: str, column: str):
    """A number (in ``unit``), a Quantity or a string such as ``"2 000 kg"`` -> Quantity."""
    from .units import Q_

    ureg = get_registry()
    if isinstance(value, str):
        try:
            return Q_(value)
        except Exception as exc:
            raise _fail(what, column, value, f"cannot read the quantity: {exc}") from None
    if isinstance(value, ureg.Quantity):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return _Q(float(value), unit or "")
    raise _fail(what, column, value, "expected a number, a Quantity or a text such as '2 000 kg'")


def _magnitude_in(q, unit: str | None, what: str, column: str) -> float:
    if not unit:
        if q.dimensionless:
            return float(q.to("dimensionless").magnitude)
        return float(q.magnitude)
    try:
        return float(q.to(parse_unit(unit)).magnitude)
    except Exception:
        raise UnitError(str(q.units), f"{what}: {column}", expected=[unit]) from None


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True)
class TargetResult:
    """The evaluation of one target in one year.

    Attributes
    ----------
    name : str
        The target's name.
    year : int
        Year evaluated.
    status : str
        One of :data:`STATUSES`.
    actual : pint.Quantity or None
        Value of the metric in ``year`` [target unit]; None when there is no data.
    target_value : pint.Quantity or None
        The value to reach (at most, or at least for shares) [target unit].
    trajectory_value : pint.Quantity or None
        Value of the path from the base-year value to the target value in ``year``
        (straight line; the geometric path for a compound annual rate) [target unit].
    gap : pint.Quantity or None
        Change still needed to reach the target value, positive when the target is not
        reached, zero or negative (the margin) when it is [target unit].
    required_annual_rate : float or None
        Constant yearly change needed from ``year`` to reach the target value in the target
        year, as a fraction of the base-year value per year (a fraction of the previous
        year's value for a compound :class:`AnnualReduction`) [1/yr]; 0 when already
        reached; None after the target year or without a target year.
    base_value : pint.Quantity or None
        Value in the base year [target unit].
    progress : float or None
        Share of the change from the base-year value to the target value achieved so far
        [-]; None without a base year.
    base_year, target_year : int or None
    coverage : float
        Share of the selection (by the metric's basis) whose data was known [-]; 1.0
        unless rows were excluded with ``unknown="exclude"``.
    note : str
        What the reader should know (excluded or uncovered rows, how a value was built).
    details : dict
        Type-specific numbers (benchmark value, relative difference to the benchmark ...).
    """

    name: str
    year: int
    status: str
    actual: Any = None
    target_value: Any = None
    trajectory_value: Any = None
    gap: Any = None
    required_annual_rate: float | None = None
    base_value: Any = None
    progress: float | None = None
    base_year: int | None = None
    target_year: int | None = None
    coverage: float = 1.0
    note: str = ""
    details: dict = field(default_factory=dict)
    unit: str = ""

    @property
    def status_sv(self) -> str:
        """The Swedish status word: helt / delvis / inte alls / värde saknas.

        Examples
        --------
        >>> TargetResult("x", 2024, "off_track", progress=0.4).status_sv
        'delvis'
        >>> TargetResult("x", 2024, "not_met", progress=-0.1).status_sv
        'inte alls'
        """
        if self.status == "met":
            return STATUS_SV["met"]
        if self.status == "no_data":
            return STATUS_SV["no_data"]
        if self.progress is not None and self.progress > 0:
            return STATUS_SV["partly"]
        return STATUS_SV["not_at_all"]

    def to_dict(self) -> dict[str, Any]:
        """Plain values for a table or a report: quantities as magnitudes plus one ``unit``.

        Examples
        --------
        >>> from klimatbokslut.units import Q_
        >>> d = TargetResult("x", 2024, "met", actual=Q_(5.0, "t CO2e"), target_value=Q_(6.0, "t CO2e"),
        ...                  unit="t CO2e").to_dict()
        >>> d["actual"], d["target_value"], d["unit"], d["status_sv"]
        (5.0, 6.0, 't CO2e', 'helt')
        """
        out: dict[str, Any] = {"name": self.name, "year": self.year, "status": self.status,
                               "status_sv": self.status_sv}
        ref = parse_unit(self.unit) if self.unit else None
        for key in ("actual", "target_value", "trajectory_value", "gap", "base_value"):
            q = getattr(self, key)
            if q is None:
                out[key] = None
            elif ref is None:
                out[key] = float(q.to("dimensionless").magnitude) if q.dimensionless else float(q.magnitude)
            else:
                out[key] = float(q.to(ref).magnitude)
        out["unit"] = self.unit
        for key in ("required_annual_rate", "progress", "base_year", "target_year", "coverage", "note"):
            out[key] = getattr(self, key)
        out.update(self.details)
        return out


# ----------------------------------------------------------------------------- measuring a ledger
@dataclass(frozen=True)
class _Measure:
    value: float          # in the target unit; NaN when no rows or unknown data
    rows: int             # selected rows in the year
    covered: float        # basis of known rows (same unit as value's basis)
    uncovered: float      # basis of rows with unknown data (NaN if not measurable)
    uncovered_rows: int
    note: str = ""


def _canonical_select(select: Mapping[str, Any] | None, what: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for key, value in dict(select or {}).items():
        if key == "year":
            raise _fail(what, "select", key, "the year is given to evaluate(); do not select on it")
        values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
        if key == "activity":
            values = [resolve_activity_name(v) or v if isinstance(v, str) else v for v in values]
        out[key] = values
    return out


def _filter_frame(df: pd.DataFrame, select: dict[str, list], what: str) -> pd.DataFrame:
    """Rows of ``df`` matching every filter; unknown columns and values no row has are errors."""
    failures = []
    mask = np.ones(len(df), dtype=bool)
    for key, values in select.items():
        if key not in df.columns:
            failures.append({"row": None, "column": "select", "value": key,
                             "reason": f"no ledger column {key!r}; columns: {', '.join(map(str, df.columns))}"})
            continue
        col = df[key].astype(object)
        present = set(pd.unique(col))
        missing = [v for v in values if v not in present]
        if len(missing) == len(values):
            shown = ", ".join(sorted(map(str, present))[:20])
            failures.append({"row": None, "column": key, "value": ", ".join(map(str, missing)),
                             "reason": f"the selection matches no ledger rows; values in the ledger: {shown}"})
            continue
        mask &= col.isin(values).to_numpy()
    if failures:
        raise InputError(failures, what=what)
    return df[mask]


def _amount_multipliers(rows: pd.DataFrame, unit: str, factors, what: str) -> np.ndarray:
    """Per-row multiplier from each row's unit to ``unit`` (pint, then fuel properties)."""
    from .engine import amount_multiplier

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


def _measure(ledger, year: int, select: dict[str, list], metric: str, unit: str, method: str | None,
             unknown: str, what: str, renewable: bool = False, numerator: dict[str, list] | None = None) -> _Measure:
    """The metric of the selected rows of one year (numerator rows: a further filter)."""
    frame = ledger.frame
    if metric == "co2e":
        dims = ["year", "activity", "row"] + [k for k in select if k in frame.columns]
        parts = ledger.parts(method, dims=list(dict.fromkeys(dims)))
        sel = _filter_frame(parts, select, what)
        sel = sel[sel["year"].to_numpy() == year]
        if numerator is not None:
            sel = _filter_frame(sel, numerator, what)
        if not len(sel):
            return _Measure(float("nan"), 0, 0.0, 0.0, 0)
        kg = float(sel["co2e_kg"].sum())
        return _Measure(float(_Q(kg, "kg CO2e").to(parse_unit(unit)).magnitude), len(sel), kg, 0.0, 0)
    if "boundary" in select:
        raise _fail(what, "select", "boundary", "boundary (direct/upstream) applies only to the co2e metric")
    sel = _filter_frame(frame, select, what)
    sel = sel[sel["year"].to_numpy() == year]
    if numerator is not None:
        sel = _filter_frame(sel, numerator, what)
    if not len(sel):
        return _Measure(float("nan"), 0, 0.0, 0.0, 0)
    note = ""
    if metric in ("energy",):
        is_energy = sel["activity"].astype(object).map(lambda a: get_activity(a).is_energy).to_numpy(dtype=bool)
        left_out = sorted(set(sel.loc[~is_energy, "activity"].astype(object)))
        if left_out:
            note = f"not energy, left out: {', '.join(left_out)}. "
        sel = sel[is_energy]
        if not len(sel):
            return _Measure(float("nan"), 0, 0.0, 0.0, 0, note)
        basis = sel["energy_mj"].to_numpy(dtype=float)
        known = np.isfinite(basis)
        if renewable:
            share = sel["renewable_share"].to_numpy(dtype=float)
            known &= np.isfinite(share)
            values = np.where(known, basis * np.where(np.isfinite(share), share, 0.0), 0.0)
            label = "renewable share"
        else:
            values = np.where(known, basis, 0.0)
            label = "energy content"
        to_unit = float(_Q(1.0, "MJ").to(parse_unit(unit)).magnitude)
        values = values * to_unit
        basis_known = float(np.nansum(np.where(known, basis, 0.0)))
        basis_unknown = float(np.nansum(np.where(~known & np.isfinite(basis), basis, 0.0)))
        n_unknown = int((~known).sum())
        if n_unknown:
            acts = sel.loc[~known, "activity"].astype(object).value_counts()
            listing = ", ".join(f"{a} ({n} row{'s' if n != 1 else ''})" for a, n in acts.items())
            note += f"{label} unknown for {listing}. "
    elif metric == "amount":
        values = sel["amount"].to_numpy(dtype=float) * _amount_multipliers(sel, unit, ledger.factors, what)
        known = np.ones(len(sel), dtype=bool)
        basis_known, basis_unknown, n_unknown = float(values.sum()), 0.0, 0
    else:
        kg = sel[_GAS_COLUMN[metric]].to_numpy(dtype=float)
        values = kg * float(_Q(1.0, "kg").to(parse_unit(unit)).magnitude)
        known = np.ones(len(sel), dtype=bool)
        basis_known, basis_unknown, n_unknown = float(values.sum()), 0.0, 0
    total = float(values[known].sum())
    if n_unknown and unknown == "no_data":
        total = float("nan")
    return _Measure(total, len(sel), basis_known, basis_unknown, n_unknown, note.strip())


# ----------------------------------------------------------------------------- target types
def _check_year(value, what: str, column: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise _fail(what, column, value, "a year must be a whole number, e.g. 2021")
    return int(value)


def _check_fraction(value, what: str, column: str, *, open_low: bool = False) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise _fail(what, column, value, "expected a fraction between 0 and 1 (0.25 for 25 %)") from None
    low_ok = x > 0 if open_low else x >= 0
    if not (low_ok and x <= 1) or math.isnan(x):
        rng = "above 0 and at most 1" if open_low else "between 0 and 1"
        raise _fail(what, column, value, f"{column} must be {rng} (0.25 for 25 %), not {value!r}")
    return x


@dataclass(frozen=True)
class Target:
    """Common part of the ledger targets (not used directly).

    Parameters
    ----------
    name : str
        The target as the programme names it.
    select : dict, optional
        Ledger-column filters: column -> value or list of values.
    metric : {"co2e", "energy", "amount", "co2", "ch4", "n2o"}
        What is measured (see the module documentation).
    unit : str, optional
        Unit of the metric; default per :data:`METRICS` (``"amount"`` needs one).
    method : {"market", "location"}, optional
        Scope-2 method for ``co2e`` (default: the ledger's).
    unknown : {"no_data", "exclude"}
        What to do when selected rows lack data the metric needs (an unknown renewable
        share or heating value): ``"no_data"`` makes the year ``no_data``; ``"exclude"``
        evaluates the known rows and reports the coverage. Never counted as zero.
    """

    name: str
    _: KW_ONLY
    select: Mapping[str, Any] = field(default_factory=dict)
    metric: str = "co2e"
    unit: str | None = None
    method: str | None = None
    unknown: str = "no_data"

    kind: ClassVar[str] = ""

    def __post_init__(self) -> None:
        what = self._what()
        if not isinstance(self.name, str) or not self.name.strip():
            raise _fail("target", "name", self.name, "a target needs a name")
        if self.metric not in METRICS:
            raise _fail(what, "metric", self.metric, f"metric must be one of {', '.join(METRICS)}")
        unit = self.unit or METRICS[self.metric]
        if unit is None:
            raise _fail(what, "unit", None, "the amount metric needs a unit, e.g. 'km', 'kg', 'l', 'MWh'")
        try:
            pu = parse_unit(unit)
        except UnitError:
            raise _fail(what, "unit", unit, "unknown unit") from None
        if self.metric in _METRIC_DIM:
            if pu.dimensionality != parse_unit(_METRIC_DIM[self.metric]).dimensionality:
                raise _fail(what, "unit", unit, f"the {self.metric} metric is measured in units like "
                                                f"{_METRIC_DIM[self.metric]}")
        object.__setattr__(self, "unit", unit)
        if self.method not in (None, "market", "location"):
            raise _fail(what, "method", self.method, "method must be 'market', 'location' or None")
        if self.unknown not in _UNKNOWN:
            raise _fail(what, "unknown", self.unknown, f"unknown must be one of {', '.join(_UNKNOWN)}")
        object.__setattr__(self, "select", dict(self.select or {}))
        _canonical_select(self.select, what)

    def _what(self) -> str:
        return f"target {getattr(self, 'name', '?')!r}"

    def _measure(self, ledger, year: int, **kw) -> _Measure:
        return _measure(ledger, int(year), _canonical_select(self.select, self._what()), self.metric, self.unit,
                        self.method, self.unknown, self._what(), **kw)

    def _unit_label(self) -> str:
        return self.unit or ""

    def _q(self, value: float | None):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else _Q(value, self.unit)

    def _base(self, ledger, base_year: int) -> float:
        m = self._measure(ledger, base_year)
        return self._require_base(m, ledger, base_year)

    def _require_base(self, m: _Measure, ledger, base_year: int) -> float:
        if m.rows == 0:
            years = sorted(set(ledger.frame["year"].astype(int)))
            raise _fail(self._what(), "base_year", base_year,
                        f"no ledger rows for the selection in the base year; years with data: "
                        f"{', '.join(map(str, years))}")
        if math.isnan(m.value):
            raise _fail(self._what(), "base_year", base_year,
                        f"the base-year value is not known: {m.note} Supply the data or use unknown='exclude'")
        return m.value

    def to_dict(self) -> dict[str, Any]:
        """The target as plain values, readable by :func:`from_dict`.

        Examples
        --------
        >>> Cap("Lustgas", limit=2000, metric="n2o", select={"activity": "n2o"}).to_dict()["type"]
        'cap'
        """
        out: dict[str, Any] = {"type": self.kind}
        for f in fields(self):
            v = getattr(self, f.name)
            if hasattr(v, "units") and hasattr(v, "magnitude"):
                v = f"{v.magnitude} {v.units:~P}" if not v.dimensionless else float(v.magnitude)
            out[f.name] = v
        return out

    def evaluate(self, ledger, year: int) -> TargetResult:  # pragma: no cover - overridden
        raise NotImplementedError


def _path_result(t, year: int, actual: float, base: float | None, target_value: float,
                 trajectory: float | None, target_year: int | None, lower_is_better: bool, note: str,
                 coverage: float, base_year: int | None, required: float | None) -> TargetResult:
    """Status from actual vs target value and trajectory; shared by the path-type targets."""
    sign = 1.0 if lower_is_better else -1.0
    gap = sign * (actual - target_value)
    reached = gap <= 0
    if reached:
        status = "met"
    elif target_year is None or year >= target_year:
        status = "not_met"
    elif trajectory is not None and sign * (actual - trajectory) <= 1e-12 * max(abs(trajectory), 1.0):
        status = "on_track"
    else:
        status = "off_track"
    progress = None
    if base is not None and base != target_value:
        progress = (base - actual) / (base - target_value)
    return TargetResult(t.name, year, status, actual=t._q(actual), target_value=t._q(target_value),
                        trajectory_value=t._q(trajectory), gap=t._q(gap), required_annual_rate=required,
                        base_value=t._q(base), progress=progress, base_year=base_year, target_year=target_year,
                        coverage=coverage, note=note, unit=t._unit_label())


def _no_data(t, year: int, m: _Measure | None, base: float | None = None, base_year=None, target_year=None,
             target_value=None, trajectory=None, note: str = "") -> TargetResult:
    if not note:
        note = "no ledger rows for the selection in this year" if m is None or m.rows == 0 else m.note
    return TargetResult(t.name, year, "no_data", target_value=t._q(target_value), trajectory_value=t._q(trajectory),
                        base_value=t._q(base), base_year=base_year, target_year=target_year, note=note,
                        coverage=_coverage(m) if m is not None else 0.0, unit=t._unit_label())


def _coverage(m: _Measure) -> float:
    total = m.covered + m.uncovered
    return 1.0 if total == 0 else m.covered / total


def _linear_required(actual: float, target_value: float, base: float, years_left: int) -> float | None:
    if years_left <= 0:
        return None
    if actual <= target_value:
        return 0.0
    return (actual - target_value) / (base * years_left) if base else None


def _compound_required(actual: float, target_value: float, years_left: int) -> float | None:
    if years_left <= 0:
        return None
    if actual <= target_value:
        return 0.0
    if actual <= 0:
        return None
    return 1.0 - (max(target_value, 0.0) / actual) ** (1.0 / years_left)


def _check_years(what: str, base_year, target_year) -> tuple[int, int]:
    b = _check_year(base_year, what, "base_year")
    t = _check_year(target_year, what, "target_year")
    if t <= b:
        raise _fail(what, "target_year", t, f"the target year must come after the base year {b}")
    return b, t


@dataclass(frozen=True, kw_only=True)
class Reduction(Target):
    """Reduce the metric by a fraction of its base-year value by a target year.

    The trajectory is the straight line from the base-year value to the target value.

    Parameters
    ----------
    name : str
        e.g. ``"Tjänsteresor och interna transporter"``.
    base_year, target_year : int
        e.g. 2022 and 2028.
    fraction : float
        Reduction by the target year as a fraction of the base-year value [-], 0–1
        (0.25 for −25 %).
    select, metric, unit, method, unknown
        See :class:`Target`.

    References
    ----------
    .. [1] WRI/WBCSD (2004): GHG Protocol Corporate Standard, ch. 11 (absolute targets).

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o", "n2o"], "amount": [100, 90], "unit": ["kg", "kg"],
    ...                                  "year": [2022, 2024]}))
    >>> t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o")
    >>> r = t.evaluate(led, 2024)
    >>> r.status, r.target_value, round(r.trajectory_value.magnitude, 2)
    ('on_track', <Quantity(75.0, 'kilogram')>, 91.67)

    The 2024 point of the straight line from 100 kg (2022) to 75 kg (2028) is
    ``100 − 25 × 2/6 = 91.67`` kg; 90 kg is below it, so the target is on track.
    """

    base_year: int
    target_year: int
    fraction: float
    kind: ClassVar[str] = "reduction"

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_years(self._what(), self.base_year, self.target_year)
        object.__setattr__(self, "fraction", _check_fraction(self.fraction, self._what(), "fraction"))

    def target_for(self, base: float) -> float:
        return base * (1.0 - self.fraction)

    def trajectory(self, base: float, year: int) -> float:
        """The straight-line path value in ``year`` [target unit]."""
        y = min(max(year, self.base_year), self.target_year)
        return base + (self.target_for(base) - base) * (y - self.base_year) / (self.target_year - self.base_year)

    def _required(self, actual: float, base: float, year: int) -> float | None:
        return _linear_required(actual, self.target_for(base), base, self.target_year - year)

    def evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the target in ``year``; see :class:`TargetResult`."""
        year = _check_year(year, self._what(), "year")
        base = self._base(ledger, self.base_year)
        tv = self.target_for(base)
        traj = self.trajectory(base, year)
        m = self._measure(ledger, year)
        if math.isnan(m.value):
            return _no_data(self, year, m, base, self.base_year, self.target_year, tv, traj)
        return _path_result(self, year, m.value, base, tv, traj, self.target_year, True, m.note, _coverage(m),
                            self.base_year, self._required(m.value, base, year))


@dataclass(frozen=True, kw_only=True)
class AnnualReduction(Reduction):
    """Reduce the metric by a rate per year from a base year to a target year.

    ``method="linear"`` (default) reduces by ``rate`` × the *base-year* value every year, as
    SBTi defines its absolute-contraction pathway (4.2 %/yr for 1.5 °C): the value in year
    *y* is ``base × (1 − rate × (y − base_year))``, never below zero. ``method="compound"``
    reduces by ``rate`` × the previous year's value: ``base × (1 − rate) ** (y − base_year)``.
    The trajectory is that path; the target value is its value in the target year.

    Parameters
    ----------
    name : str
    base_year, target_year : int
    rate : float
        Reduction per year [1/yr], above 0 and at most 1 (0.042 for 4.2 %/yr).
    path : {"linear", "compound"}
        How the rate applies (``method`` is taken by the scope-2 method).
    select, metric, unit, method, unknown
        See :class:`Target`.

    References
    ----------
    .. [1] SBTi (2021): SBTi Criteria and Recommendations v5, absolute contraction approach:
       4.2 % of base-year emissions per year, linear (1.5 °C).

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> lin = targets.AnnualReduction("Scope 1+2", base_year=2021, target_year=2028, rate=0.042,
    ...                               select={"scope": [1, 2]})
    >>> round(lin.trajectory(1000.0, 2028), 1)  # 1000 × (1 − 0.042 × 7)
    706.0
    >>> comp = targets.AnnualReduction("Scope 1+2", base_year=2021, target_year=2028, rate=0.042,
    ...                                path="compound", select={"scope": [1, 2]})
    >>> round(comp.trajectory(1000.0, 2028), 1)  # 1000 × 0.958 ** 7
    740.6
    """

    fraction: float = float("nan")
    rate: float
    path: str = "linear"
    kind: ClassVar[str] = "annual_reduction"

    def __post_init__(self) -> None:
        Target.__post_init__(self)
        _check_years(self._what(), self.base_year, self.target_year)
        object.__setattr__(self, "rate", _check_fraction(self.rate, self._what(), "rate", open_low=True))
        if self.path not in ("linear", "compound"):
            raise _fail(self._what(), "path", self.path, "path must be 'linear' or 'compound'")
        object.__setattr__(self, "fraction", 1.0 - self.trajectory(1.0, self.target_year))

    def trajectory(self, base: float, year: int) -> float:
        """The path value in ``year`` [target unit] (clamped to base and target year)."""
        n = min(max(year, self.base_year), self.target_year) - self.base_year
        if self.path == "linear":
            return base * max(1.0 - self.rate * n, 0.0)
        return base * (1.0 - self.rate) ** n

    def target_for(self, base: float) -> float:
        return self.trajectory(base, self.target_year)

    def _required(self, actual: float, base: float, year: int) -> float | None:
        if self.path == "compound":
            return _compound_required(actual, self.target_for(base), self.target_year - year)
        return _linear_required(actual, self.target_for(base), base, self.target_year - year)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out.pop("fraction", None)
        return out


def _per_year(value: Any, what: str, column: str) -> Any:
    if isinstance(value, pd.Series):
        return {int(k): v for k, v in value.items()}
    if isinstance(value, Mapping):
        return {int(k): v for k, v in value.items()}
    return value


@dataclass(frozen=True, kw_only=True)
class Cap(Target):
    """Keep the metric at or below a limit each year (a falling cap as a limit per year).

    Parameters
    ----------
    name : str
    limit : number, Quantity, str, or mapping year -> limit
        The cap [target unit]; a number is read in ``unit``; ``"2 000 kg"`` is accepted.
    years : int or iterable of int, optional
        Years the cap applies to; evaluating another year is an error. A mapping
        ``limit`` gives its own years.
    select, metric, unit, method, unknown
        See :class:`Target`.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["lustgas"], "amount": [1800], "unit": ["kg"],
    ...                                  "year": [2024]}))
    >>> cap = targets.Cap("Lustgas", limit={2024: "2 000 kg", 2025: "1 500 kg"}, metric="n2o",
    ...                   select={"activity": "n2o"})
    >>> r = cap.evaluate(led, 2024)
    >>> r.status, r.gap
    ('met', <Quantity(-200.0, 'kilogram')>)
    """

    limit: Any
    years: Any = None
    kind: ClassVar[str] = "cap"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        limit = _per_year(self.limit, what, "limit")
        if isinstance(limit, Mapping):
            if not limit:
                raise _fail(what, "limit", limit, "no limits given")
            limits = {y: _magnitude_in(_to_quantity(v, self.unit, what, "limit"), self.unit, what, "limit")
                      for y, v in limit.items()}
            if self.years is not None:
                raise _fail(what, "years", self.years, "give the years either as the limit's keys or as years")
        else:
            one = _magnitude_in(_to_quantity(limit, self.unit, what, "limit"), self.unit, what, "limit")
            ys = self.years
            if ys is None:
                limits = {None: one}
            else:
                ys = [ys] if isinstance(ys, (int, np.integer)) else list(ys)
                limits = {_check_year(y, what, "years"): one for y in ys}
        if any(v < 0 for v in limits.values()):
            raise _fail(what, "limit", self.limit, "a cap cannot be negative")
        object.__setattr__(self, "_limits", limits)

    def limit_for(self, year: int) -> float:
        """The cap in ``year`` [target unit]."""
        limits = self._limits  # type: ignore[attr-defined]
        if None in limits:
            return limits[None]
        if year not in limits:
            raise _fail(self._what(), "year", year,
                        f"the cap does not apply to {year}; years: {', '.join(map(str, sorted(limits)))}")
        return limits[year]

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        limits = self._limits  # type: ignore[attr-defined]
        if None in limits:
            out["limit"] = limits[None]
        else:
            out["limit"] = {str(y): v for y, v in limits.items()}
        out.pop("years", None)
        if self.years is not None and None in limits:
            out["years"] = sorted(y for y in ([self.years] if isinstance(self.years, int) else self.years))
        return out

    def evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the cap in ``year``: ``met`` at or below it, ``not_met`` above."""
        year = _check_year(year, self._what(), "year")
        lim = self.limit_for(year)
        m = self._measure(ledger, year)
        if math.isnan(m.value):
            return _no_data(self, year, m, target_value=lim, trajectory=lim)
        return _path_result(self, year, m.value, None, lim, lim, None, True, m.note, _coverage(m), None, None)


@dataclass(frozen=True, kw_only=True)
class Share(Target):
    """A share of the selection that shall be at least a minimum (e.g. renewable fuel).

    By default (``numerator="renewable"``) the share is the renewable share of the
    selection on an energy basis, Σ ``energy_mj`` × ``renewable_share`` / Σ ``energy_mj``
    from the ledger. Rows whose renewable share is unknown (NaN; pump diesel, whose blend
    varies, and electricity without guarantees of origin) make the year ``no_data``, or,
    with ``unknown="exclude"``, are left out of both sums and reported in ``coverage``.
    With a select dict as ``numerator`` the share is metric(numerator rows) /
    metric(selection), the numerator rows being the selected rows that also match it.

    Parameters
    ----------
    name : str
    minimum : float
        Share to reach [-], 0–1 (1.0 for 100 %).
    numerator : "renewable" or dict
        What counts in the numerator.
    base_year, target_year : int, optional
        Both or neither: with them the share follows a straight line from the base-year
        share to ``minimum`` and years before the target year can be ``on_track``;
        without them the minimum applies in every year evaluated.
    select, metric, unit, method, unknown
        See :class:`Target`; ``metric`` defaults to ``"energy"``.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["hvo100", "diesel_fossil", "diesel"],
    ...                                  "amount": [9, 1, 5], "unit": ["MWh"] * 3, "year": [2024, 2024, 2023]}))
    >>> t = targets.Share("Förnybara drivmedel", minimum=1.0, select={"area": "vehicles"})
    >>> r = t.evaluate(led, 2024)  # 9 MWh HVO100 (renewable share 1) of 10 MWh
    >>> r.status, r.actual
    ('not_met', <Quantity(0.9, 'dimensionless')>)

    Pump diesel's renewable share is not in the dataset (its blend varies), so 2023 has
    no value rather than a share of 0:

    >>> r = t.evaluate(led, 2023)
    >>> r.status, r.status_sv, r.note
    ('no_data', 'värde saknas', 'renewable share unknown for diesel (1 row).')
    """

    minimum: float
    numerator: Any = "renewable"
    base_year: int | None = None
    target_year: int | None = None
    metric: str = "energy"
    unit: str | None = None
    kind: ClassVar[str] = "share"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        object.__setattr__(self, "minimum", _check_fraction(self.minimum, what, "minimum"))
        if (self.base_year is None) != (self.target_year is None):
            raise _fail(what, "base_year/target_year", (self.base_year, self.target_year),
                        "give both a base year and a target year (for a path) or neither")
        if self.base_year is not None:
            _check_years(what, self.base_year, self.target_year)
        if isinstance(self.numerator, str):
            if self.numerator != "renewable":
                raise _fail(what, "numerator", self.numerator, "numerator must be 'renewable' or a select dict")
            if self.metric != "energy":
                raise _fail(what, "metric", self.metric, "the renewable share is measured on an energy basis; "
                                                        "use metric='energy'")
        elif isinstance(self.numerator, Mapping):
            object.__setattr__(self, "numerator", dict(self.numerator))
            _canonical_select(self.numerator, what)
        else:
            raise _fail(what, "numerator", self.numerator, "numerator must be 'renewable' or a select dict")

    def _share(self, ledger, year: int) -> tuple[float, _Measure]:
        if self.numerator == "renewable":
            den = self._measure(ledger, year)
            num = self._measure(ledger, year, renewable=True)
        else:
            den = self._measure(ledger, year)
            try:
                num = self._measure(ledger, year, numerator=_canonical_select(self.numerator, self._what()))
            except InputError:
                if den.rows == 0:
                    raise
                num = _Measure(0.0, 0, 0.0, 0.0, 0)  # the numerator values occur, but not in this year
        if den.rows == 0 or math.isnan(num.value) or math.isnan(den.value):
            return float("nan"), num if den.rows else den
        if self.numerator == "renewable" and self.unknown == "exclude" and num.uncovered_rows:
            # leave the rows of unknown share out of the denominator too
            to_unit = float(_Q(1.0, "MJ").to(parse_unit(self.unit)).magnitude)
            den_value = num.covered * to_unit
        else:
            den_value = den.value
        if den_value == 0:
            return float("nan"), _Measure(float("nan"), num.rows, 0, 0, 0, "the denominator is zero")
        return num.value / den_value, num

    def evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the share in ``year``; ``actual`` and ``target_value`` are fractions [-]."""
        year = _check_year(year, self._what(), "year")
        base = None
        if self.base_year is not None:
            b, bm = self._share(ledger, self.base_year)
            if bm.rows == 0 or math.isnan(b):
                self._require_base(_Measure(float("nan"), bm.rows, 0, 0, 0, bm.note), ledger, self.base_year)
            base = b
        traj = None
        if base is not None:
            y = min(max(year, self.base_year), self.target_year)
            traj = base + (self.minimum - base) * (y - self.base_year) / (self.target_year - self.base_year)
        share, m = self._share(ledger, year)
        if math.isnan(share):
            return _no_data(self, year, m, base, self.base_year, self.target_year, self.minimum, traj)
        required = None
        if self.target_year is not None and year < self.target_year and base is not None:
            required = 0.0 if share >= self.minimum else (self.minimum - share) / (self.target_year - year)
        return _path_result(self, year, share, base, self.minimum, traj, self.target_year, False, m.note,
                            _coverage(m), self.base_year, required)

    def _q(self, value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else _Q(value, "")

    def _unit_label(self) -> str:
        return ""


@dataclass(frozen=True, kw_only=True)
class Intensity(Target):
    """The metric per unit of a denominator (kWh per m², CO2e per portion), reduced or capped.

    Give either ``fraction`` with ``base_year`` and ``target_year`` (reduce the intensity by
    a fraction of its base-year value, straight-line trajectory) or ``limit`` (keep it at or
    below a value each year).

    Parameters
    ----------
    name : str
    denominator : Quantity, str, or mapping year -> Quantity/str
        e.g. ``"120 000 m2"`` for every year, or ``{2021: "118 000 m2", 2024: "121 500 m2"}``.
        A year without a denominator is ``no_data`` (an error for the base year).
    fraction : float, optional
        Reduction of the intensity by the target year [-], 0–1.
    base_year, target_year : int, optional
    limit : number, Quantity or str, optional
        Highest allowed intensity [intensity unit].
    intensity_unit : str, optional
        Unit of the result, e.g. ``"kWh/m2"``; default metric unit / denominator unit.
    select, metric, unit, method, unknown
        See :class:`Target`.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["el", "el"], "amount": [1000, 900], "unit": ["MWh", "MWh"],
    ...                                  "year": [2021, 2024]}))
    >>> t = targets.Intensity("El per m2", denominator={2021: "10 000 m2", 2024: "10 000 m2"}, metric="energy",
    ...                       intensity_unit="kWh/m2", fraction=0.08, base_year=2021, target_year=2028)
    >>> r = t.evaluate(led, 2024)
    >>> r.actual, r.target_value, r.status
    (<Quantity(90.0, 'kilowatt_hour / m2')>, <Quantity(92.0, 'kilowatt_hour / m2')>, 'met')
    """

    denominator: Any
    fraction: float | None = None
    base_year: int | None = None
    target_year: int | None = None
    limit: Any = None
    intensity_unit: str | None = None
    kind: ClassVar[str] = "intensity"

    def __post_init__(self) -> None:
        super().__post_init__()
        what = self._what()
        den = _per_year(self.denominator, what, "denominator")
        if isinstance(den, Mapping):
            dens = {y: _to_quantity(v, None, what, "denominator") for y, v in den.items()}
        else:
            dens = {None: _to_quantity(den, None, what, "denominator")}
        for y, q in dens.items():
            if not q.magnitude > 0:
                raise _fail(what, "denominator", f"{q} ({y})" if y else str(q), "a denominator must be above 0")
        units = {str(q.units) for q in dens.values()}
        ref = next(iter(dens.values())).units
        try:
            dens = {y: q.to(ref) for y, q in dens.items()}
        except Exception:
            raise _fail(what, "denominator", ", ".join(sorted(units)), "all denominators need one dimension") from None
        iu = self.intensity_unit or f"({self.unit}) / ({ref:~})"
        try:
            factor = float(_Q(1.0, self.unit).__truediv__(get_registry().Quantity(1.0, ref)).to(parse_unit(iu))
                           .magnitude)
        except Exception:
            raise _fail(what, "intensity_unit", iu, f"not a unit of {self.unit} per {ref:~}") from None
        object.__setattr__(self, "intensity_unit", iu)
        object.__setattr__(self, "_dens", dens)
        object.__setattr__(self, "_factor", factor)
        reduce = self.fraction is not None
        if reduce == (self.limit is not None):
            raise _fail(what, "fraction/limit", (self.fraction, self.limit),
                        "give either fraction (with base_year and target_year) or limit")
        if reduce:
            object.__setattr__(self, "fraction", _check_fraction(self.fraction, what, "fraction"))
            _check_years(what, self.base_year, self.target_year)
            object.__setattr__(self, "_limit", None)
        else:
            lim = _magnitude_in(_to_quantity(self.limit, iu, what, "limit"), iu, what, "limit")
            object.__setattr__(self, "_limit", lim)

    def _q(self, value):
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else _Q(value,
                                                                                                  self.intensity_unit)

    def _unit_label(self) -> str:
        return self.intensity_unit or ""

    def denominator_for(self, year: int):
        """The denominator in ``year`` (Quantity), or None when not given."""
        dens = self._dens  # type: ignore[attr-defined]
        return dens.get(None, dens.get(year))

    def _intensity(self, ledger, year: int) -> tuple[float, _Measure, str]:
        m = self._measure(ledger, year)
        den = self.denominator_for(year)
        if den is None:
            return float("nan"), m, f"no denominator for {year}"
        if math.isnan(m.value):
            return float("nan"), m, ""
        return m.value / float(den.magnitude) * self._factor, m, ""  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        dens = self._dens  # type: ignore[attr-defined]
        out["denominator"] = ({str(y): f"{q.magnitude} {q.units:~P}" for y, q in dens.items()} if None not in dens
                              else f"{dens[None].magnitude} {dens[None].units:~P}")
        return out

    def evaluate(self, ledger, year: int) -> TargetResult:
        """Evaluate the intensity target in ``year`` [intensity unit]."""
        year = _check_year(year, self._what(), "year")
        if self._limit is not None:  # type: ignore[attr-defined]
            lim = self._limit  # type: ignore[attr-defined]
            v, m, note = self._intensity(ledger, year)
            if math.isnan(v):
                return _no_data(self, year, m, target_value=lim, trajectory=lim, note=note)
            return _path_result(self, year, v, None, lim, lim, None, True, m.note, _coverage(m), None, None)
        b, bm, note = self._intensity(ledger, self.base_year)
        if note:
            raise _fail(self._what(), "base_year", self.base_year, f"no denominator for the base year {self.base_year}")
        self._require_base(_Measure(b, bm.rows, 0, 0, 0, bm.note), ledger, self.base_year)
        tv = b * (1.0 - self.fraction)
        y = min(max(year, self.base_year), self.target_year)
        traj = b + (tv - b) * (y - self.base_year) / (self.target_year - self.base_year)
        v, m, note = self._intensity(ledger, year)
        if math.isnan(v):
            return _no_data(self, year, m, b, self.base_year, self.target_year, tv, traj, note=note)
        return _path_result(self, year, v, b, tv, traj, self.target_year, True, m.note, _coverage(m), self.base_year,
                            _linear_required(v, tv, b, self.target_year - year))


@dataclass(frozen=True, kw_only=True)
class BelowBenchmark(Target):
    """A value (e.g. a portfolio's carbon footprint) that shall be lower than a benchmark.

    Duck-typed so that it works with whatever holds the value: ``evaluate(source, year)``
    takes

    * a mapping year -> value, where a value is a number, a Quantity, or an object with
      a method named ``metric`` (e.g. a portfolio with ``carbon_footprint()``);
    * an object with that method: called with ``year=year`` when its signature takes a
      ``year``, else without arguments (the object then is the portfolio of that year);
      the method may return a number, a Quantity or a Series indexed by year;
    * a :class:`~klimatbokslut.ledger.Ledger`, measured like the other targets (``metric``
      then is a ledger metric and ``select`` applies).

    ``benchmark`` is resolved the same way (a number, a Quantity, a mapping by year, or an
    object with the method). With ``base_year`` the value must also be lower than in the
    base year ("keep falling vs 2021"). Strictly lower is ``met``; else ``not_met``.

    Parameters
    ----------
    name : str
    benchmark : number, Quantity, mapping or object
    metric : str
        Method name on the source (``"carbon_footprint"``, ``"waci"``) or a ledger metric.
    unit : str, optional
        Unit in which plain numbers are read and the result is shown (``"t CO2e/MSEK"``).
    base_year : int, optional

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> class Fund:  # anything with the method works, e.g. a portfolio
    ...     def __init__(self, fp): self.fp = fp
    ...     def carbon_footprint(self): return self.fp
    >>> t = targets.BelowBenchmark("Pensionsmedel", metric="carbon_footprint", unit="t CO2e/MSEK",
    ...                            benchmark={2021: 10.0, 2024: 8.0}, base_year=2021)
    >>> r = t.evaluate({2021: Fund(7.0), 2024: Fund(6.0)}, 2024)
    >>> r.status, round(r.details["relative_to_benchmark"], 3)
    ('met', -0.25)
    """

    benchmark: Any
    metric: str = "carbon_footprint"
    base_year: int | None = None
    kind: ClassVar[str] = "below_benchmark"

    def __post_init__(self) -> None:
        what = self._what()
        if not isinstance(self.name, str) or not self.name.strip():
            raise _fail("target", "name", self.name, "a target needs a name")
        if not isinstance(self.metric, str) or not self.metric:
            raise _fail(what, "metric", self.metric, "metric names a method (e.g. 'carbon_footprint') or a "
                                                     f"ledger metric ({', '.join(METRICS)})")
        if self.unit is not None:
            try:
                parse_unit(self.unit)
            except UnitError:
                raise _fail(what, "unit", self.unit, "unknown unit") from None
        if self.base_year is not None:
            _check_year(self.base_year, what, "base_year")
        object.__setattr__(self, "select", dict(self.select or {}))
        if self.unknown not in _UNKNOWN:
            raise _fail(what, "unknown", self.unknown, f"unknown must be one of {', '.join(_UNKNOWN)}")

    def _resolve(self, value: Any, year: int, column: str, depth: int = 0):
        """A Quantity for ``year`` from a number / Quantity / mapping / object, or None."""
        from .ledger import Ledger

        ureg = get_registry()
        if value is None or depth > 3:
            return None
        if isinstance(value, Ledger):
            if self.metric not in METRICS:
                raise _fail(self._what(), "metric", self.metric,
                            f"a ledger is measured with a ledger metric: {', '.join(METRICS)}")
            t = Target(name=self.name, select=self.select, metric=self.metric, unit=self.unit, method=self.method,
                       unknown=self.unknown)
            m = t._measure(value, year)
            return None if math.isnan(m.value) else _Q(m.value, t.unit)
        if isinstance(value, pd.Series):
            return self._resolve(value.get(year), year, column, depth + 1)
        if isinstance(value, Mapping):
            v = {int(k): x for k, x in value.items()}.get(year)
            return self._resolve(v, year, column, depth + 1)
        if isinstance(value, str):
            return _to_quantity(value, self.unit, self._what(), column)
        if isinstance(value, ureg.Quantity):
            return None if math.isnan(float(value.magnitude)) else value
        if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            return None if math.isnan(float(value)) else _Q(float(value), self.unit or "")
        method = getattr(value, self.metric, None)
        if callable(method):
            try:
                takes_year = "year" in inspect.signature(method).parameters
            except (TypeError, ValueError):
                takes_year = False
            out = method(year=year) if takes_year else method()
            return self._resolve(out, year, column, depth + 1)
        raise _fail(self._what(), column, type(value).__name__,
                    f"expected a number, a Quantity, a mapping by year, a Ledger or an object with a "
                    f"{self.metric}() method")

    def _convert(self, q, ref_units):
        try:
            return float(q.to(ref_units).magnitude)
        except Exception:
            raise UnitError(f"{q.units}", f"{self._what()}", expected=[f"{ref_units}"],
                            reason="the value and the benchmark must have the same dimension") from None

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        b = self.benchmark
        if isinstance(b, Mapping):
            out["benchmark"] = {str(k): (f"{v.magnitude} {v.units:~P}" if hasattr(v, "units") else v)
                                for k, v in b.items()}
        return out

    def evaluate(self, source, year: int) -> TargetResult:
        """Evaluate in ``year``: ``met`` when below the benchmark (and below the base year)."""
        year = _check_year(year, self._what(), "year")
        actual = self._resolve(source, year, "source")
        bench = self._resolve(self.benchmark, year, "benchmark")
        unit = self.unit
        if actual is None or bench is None:
            missing = "value" if actual is None else "benchmark"
            return TargetResult(self.name, year, "no_data", base_year=self.base_year, coverage=0.0,
                                note=f"no {missing} for {year}", unit=unit or "")
        ref = parse_unit(unit) if unit else actual.units
        a = self._convert(actual, ref)
        b = self._convert(bench, ref)
        details = {"benchmark_value": b, "relative_to_benchmark": (a / b - 1.0) if b else float("nan")}
        base = None
        note = ""
        below = a < b
        if self.base_year is not None:
            bq = self._resolve(source, self.base_year, "source")
            if bq is None:
                raise _fail(self._what(), "base_year", self.base_year, "no value for the base year")
            base = self._convert(bq, ref)
            details["falling_vs_base"] = a < base
            if not a < base:
                note = f"not lower than in {self.base_year}. "
        if not below:
            note += "not lower than the benchmark. "
        status = "met" if below and (base is None or a < base) else "not_met"
        progress = None
        if base is not None:
            progress = 1.0 if status == "met" else (0.5 if (below or a < base) else 0.0)
        q = (lambda x: None if x is None else get_registry().Quantity(x, ref))
        return TargetResult(self.name, year, status, actual=q(a), target_value=q(b), gap=q(a - b), base_value=q(base),
                            progress=progress, base_year=self.base_year, note=note.strip(), details=details,
                            unit=unit or f"{ref:~P}")


# ----------------------------------------------------------------------------- from plain data
_TYPES: dict[str, type[Target]] = {c.kind: c for c in (Reduction, AnnualReduction, Cap, Share, Intensity,
                                                        BelowBenchmark)}


def from_dict(spec: Mapping[str, Any]) -> Target:
    """Build a target from plain values, as a TOML configuration declares it.

    ``type`` names the target type (``reduction``, ``annual_reduction``, ``cap``, ``share``,
    ``intensity``, ``below_benchmark``); the other keys are the type's parameters.
    Quantities may be strings (``"2 000 kg"``) and per-year mappings may have string keys.

    Raises
    ------
    InputError
        For an unknown type or parameter, naming the valid ones.

    Examples
    --------
    >>> from klimatbokslut import targets
    >>> t = targets.from_dict({"type": "annual_reduction", "name": "Scope 1 och 2", "base_year": 2021,
    ...                        "target_year": 2028, "rate": 0.042, "select": {"scope": [1, 2]}})
    >>> type(t).__name__, t.path
    ('AnnualReduction', 'linear')
    >>> targets.from_dict({"type": "reduce", "name": "x"})
    Traceback (most recent call last):
    ...
    klimatbokslut.errors.InputError: 1 problem in target 'x':
      column 'type', value 'reduce': unknown target type; types: reduction, annual_reduction, cap, share, intensity, below_benchmark
    """
    spec = dict(spec)
    kind = spec.pop("type", None)
    name = spec.get("name", "?")
    if kind not in _TYPES:
        raise _fail(f"target {name!r}", "type", kind, f"unknown target type; types: {', '.join(_TYPES)}")
    cls = _TYPES[kind]
    allowed = {f.name for f in fields(cls)}
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise _fail(f"target {name!r}", "parameters", ", ".join(unknown),
                    f"not a parameter of {kind}; parameters: {', '.join(sorted(allowed))}")
    if kind == "annual_reduction":
        spec.pop("fraction", None)
    return cls(**spec)


def evaluate_all(targets: Iterable[Target], ledger, years: int | Iterable[int]) -> pd.DataFrame:
    """Evaluate several targets in one or more years: one table row per target and year.

    Examples
    --------
    >>> import pandas as pd, klimatbokslut as kb
    >>> from klimatbokslut import targets
    >>> led = kb.calculate(pd.DataFrame({"activity": ["n2o"] * 2, "amount": [100, 80], "unit": ["kg"] * 2,
    ...                                  "year": [2022, 2024]}))
    >>> t = targets.Reduction("Lustgas", base_year=2022, target_year=2028, fraction=0.25, metric="n2o")
    >>> evaluate_all([t], led, [2023, 2024])[["name", "year", "status", "status_sv", "actual"]]
          name  year   status     status_sv  actual
    0  Lustgas  2023  no_data  värde saknas     NaN
    1  Lustgas  2024  on_track       delvis    80.0
    """
    ys = [years] if isinstance(years, (int, np.integer)) else list(years)
    rows = [t.evaluate(ledger, int(y)).to_dict() for t in targets for y in ys]
    return pd.DataFrame(rows)
